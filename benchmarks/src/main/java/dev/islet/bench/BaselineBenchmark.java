package dev.islet.bench;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The "bare GraalJS context + eval" baseline (DESIGN §5): the same JavaScript work as the Islet
 * benchmarks on a shared {@link Engine}, without Islet — no lock-down options, no Web-API prelude,
 * no Request/Response objects, no event loop or thread hand-off; the handler takes and returns
 * strings and is called on the benchmark thread.
 *
 * <ul>
 *   <li>{@link #coldContext}: new {@link Context} + eval of the module + {@code fetch('GET', url)}
 *       + {@code asString()} + close (pairs with {@code ColdStartBenchmark.newTenant}; the close is
 *       inside the measurement here, a small over-count: see {@link #closeContext}).
 *   <li>{@link #coldContextUniqueCode}: the same with module text unique per invocation (pairs with
 *       {@code newTenantUniqueCode}).
 *   <li>{@link #closeContext}: close alone, of a context created and evaluated untimed (pairs with
 *       {@code deleteTenant}).
 *   <li>{@link #warmHello} / {@link #warmJson}: call the handler of an already-evaluated module
 *       (pair with {@code WarmRequestBenchmark.hello/json}).
 *   <li>{@link #coldContextWasm}: bare GraalJS + GraalWasm on its own shared {@code Engine("js",
 *       "wasm")}: new context ({@code js.webassembly=true}) + eval of a module that compiles {@code
 *       add.wasm} from a host {@link ByteBuffer} ({@code new WebAssembly.Module(new
 *       ArrayBuffer(buf))}), instantiates it and whose {@code fetch()} calls {@code add(2, 3)} and
 *       {@code fib(15)} + the call + close (pairs with {@code ColdStartBenchmark.newTenantWasm}).
 *   <li>{@link #warmWasm}: the same {@code fetch()} on an already-evaluated Wasm module (pairs
 *       with {@code WarmRequestBenchmark.wasm}).
 *   <li>{@link #threadHandoff}: no JavaScript at all — submit a trivial task to another (parked)
 *       thread and {@code join()} its {@link CompletableFuture}: the floor of any design that runs
 *       a request on a guest thread and waits for it on the caller's, on this machine.
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(2)
public class BaselineBenchmark {
  static final String MODULE_MIME = "application/javascript+module";

  /** The shared engine (one per trial, as Islet has one per runtime). */
  @State(Scope.Benchmark)
  public static class Bare {
    Engine engine;
    Source hello;
    Source router;
    long counter;

    @Setup(Level.Trial)
    public void start() {
      engine =
          Engine.newBuilder("js")
              .option("engine.WarnInterpreterOnly", "false")
              .out(OutputStream.nullOutputStream())
              .err(OutputStream.nullOutputStream())
              .build();
      BenchSupport.checkMode("bare GraalJS engine", BenchSupport.modeOf(engine));
      hello = module(Workers.HELLO_BARE);
      router = Source.newBuilder("js", Workers.ROUTER_BARE, "/router.js").mimeType(MODULE_MIME).cached(true).buildLiteral();
      String body = coldCall(this, hello);
      if (!body.equals("Hello GET " + Workers.URL)) {
        throw new IllegalStateException("unexpected body: " + body);
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      engine.close();
    }

    Context newContext() {
      return Context.newBuilder("js")
          .engine(engine)
          .allowExperimentalOptions(true)
          .option("js.esm-eval-returns-exports", "true")
          .build();
    }
  }

  static Source module(String code) {
    return Source.newBuilder("js", code, "/worker.js").mimeType(MODULE_MIME).cached(true).buildLiteral();
  }

  static String coldCall(Bare bare, Source source) {
    try (Context context = bare.newContext()) {
      Value exports = context.eval(source);
      return exports.getMember("default").invokeMember("fetch", "GET", Workers.URL).asString();
    }
  }

  /** Untimed pre-warm of the cold benchmarks, as ColdStartBenchmark does (half with unique code). */
  @State(Scope.Benchmark)
  public static class Prewarmed {
    @Setup(Level.Trial)
    public void prewarm(Bare bare) {
      int cycles = BenchSupport.prewarmCycles();
      long t0 = System.nanoTime();
      for (int i = 0; i < cycles; i++) {
        coldCall(bare, i % 2 == 0 ? bare.hello : module(Workers.unique(Workers.HELLO_BARE, -i)));
      }
      System.out.printf("[islet-bench] pre-warm: %d new contexts in %.1f s%n", cycles, (System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * The shared engine of the Wasm baselines ({@code js} and {@code wasm}), separate from {@link
   * Bare}'s so the JS-only baselines stay as they were. A context needs {@code js.webassembly=true}
   * (GraalJS's {@code WebAssembly} over GraalWasm), polyglot eval and bindings access for js and
   * wasm, and host buffer access (so {@code new ArrayBuffer(hostByteBuffer)} sees the bytes).
   */
  @State(Scope.Benchmark)
  public static class BareWasm {
    Engine engine;
    Source module;
    ByteBuffer bytes;

    @Setup(Level.Trial)
    public void start() {
      engine =
          Engine.newBuilder("js", "wasm")
              .option("engine.WarnInterpreterOnly", "false")
              .out(OutputStream.nullOutputStream())
              .err(OutputStream.nullOutputStream())
              .build();
      BenchSupport.checkMode("bare GraalJS+GraalWasm engine", BenchSupport.modeOf(engine));
      bytes = ByteBuffer.wrap(Workers.WASM_ADD).asReadOnlyBuffer();
      module = Source.newBuilder("js", Workers.wasmBare("new ArrayBuffer(wasmBytes)"), "/wasm.js")
          .mimeType(MODULE_MIME).cached(true).buildLiteral();
      String body = coldWasmCall(this);
      if (!body.equals(Workers.WASM_EXPECTED)) {
        throw new IllegalStateException("unexpected Wasm body: " + body);
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      engine.close();
    }

    /** A context with the Wasm bytes bound as {@code wasmBytes} (a host ByteBuffer). */
    Context newContext() {
      Context context =
          Context.newBuilder("js", "wasm")
              .engine(engine)
              .allowExperimentalOptions(true)
              .option("js.esm-eval-returns-exports", "true")
              .option("js.webassembly", "true")
              .allowPolyglotAccess(
                  PolyglotAccess.newBuilder()
                      .allowEval("js", "wasm")
                      .allowBindingsAccess("js")
                      .allowBindingsAccess("wasm")
                      .build())
              .allowHostAccess(HostAccess.newBuilder().allowBufferAccess(true).build())
              .build();
      context.getBindings("js").putMember("wasmBytes", bytes.duplicate());
      return context;
    }
  }

  static String coldWasmCall(BareWasm bare) {
    try (Context context = bare.newContext()) {
      return context.eval(bare.module).getMember("default").invokeMember("fetch").asString();
    }
  }

  /**
   * Untimed pre-warm of {@link #coldContextWasm}: {@code prewarmCycles() / 2} new js+wasm contexts,
   * as {@code ColdStartBenchmark.WasmPrewarmed} deploys that many Wasm tenants.
   */
  @State(Scope.Benchmark)
  public static class WasmPrewarmed {
    @Setup(Level.Trial)
    public void prewarm(BareWasm bare) {
      int cycles = BenchSupport.prewarmCycles() / 2;
      long t0 = System.nanoTime();
      for (int i = 0; i < cycles; i++) {
        coldWasmCall(bare);
      }
      System.out.printf("[islet-bench] Wasm pre-warm: %d new js+wasm contexts in %.1f s%n", cycles,
          (System.nanoTime() - t0) / 1e9);
    }
  }

  /** A js+wasm context with the Wasm module instantiated, kept for the trial. */
  @State(Scope.Thread)
  public static class WarmWasm {
    Context context;
    Value fetch;

    @Setup(Level.Trial)
    public void start(BareWasm bare) {
      context = bare.newContext();
      fetch = context.eval(bare.module).getMember("default").getMember("fetch");
      String body = fetch.execute().asString();
      if (!body.equals(Workers.WASM_EXPECTED)) {
        throw new IllegalStateException("unexpected Wasm body: " + body);
      }
      for (int i = 0; i < 2 * BenchSupport.prewarmCycles(); i++) {
        fetch.execute().asString();
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      context.close();
    }
  }

  /** A context with the hello module evaluated, made untimed, for {@link #closeContext}. */
  @State(Scope.Thread)
  public static class Evaluated {
    Context context;

    @Setup(Level.Invocation)
    public void create(Bare bare) {
      context = bare.newContext();
      context.eval(bare.hello).getMember("default").invokeMember("fetch", "GET", Workers.URL);
    }
  }

  /** One context per handler, evaluated once; the benchmarks call the handlers. */
  @State(Scope.Thread)
  public static class Warm {
    Context helloContext;
    Context jsonContext;
    Value helloFetch;
    Value jsonFetch;

    @Setup(Level.Trial)
    public void start(Bare bare) {
      helloContext = bare.newContext();
      helloFetch = helloContext.eval(module(Workers.HELLO_BARE)).getMember("default").getMember("fetch");
      jsonContext = bare.newContext();
      jsonFetch = jsonContext.eval(module(Workers.JSON_BARE)).getMember("default").getMember("fetch");
      String json = jsonFetch.execute("GET", Workers.URL, Workers.USER_AGENT).asString();
      if (!json.contains("\"userAgent\":\"" + Workers.USER_AGENT + "\"")
          || !json.contains("\"path\":\"/items/42\"")) {
        throw new IllegalStateException("unexpected json: " + json);
      }
      for (int i = 0; i < 2 * BenchSupport.prewarmCycles(); i++) {
        helloFetch.execute("GET", Workers.URL).asString();
        jsonFetch.execute("GET", Workers.URL, Workers.USER_AGENT).asString();
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      helloContext.close();
      jsonContext.close();
    }
  }

  /** One worker thread, as a guest thread would be. */
  @State(Scope.Benchmark)
  public static class Handoff {
    ExecutorService executor;

    @Setup(Level.Trial)
    public void start() {
      executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "handoff");
        t.setDaemon(true);
        return t;
      });
    }

    @TearDown(Level.Trial)
    public void stop() {
      executor.shutdownNow();
    }
  }

  @Benchmark
  public String coldContext(Bare bare, Prewarmed prewarmed) {
    return coldCall(bare, bare.hello);
  }

  @Benchmark
  public String coldContextUniqueCode(Bare bare, Prewarmed prewarmed) {
    return coldCall(bare, module(Workers.unique(Workers.HELLO_BARE, ++bare.counter)));
  }

  /** New context + eval of the ~20 KB router + one routed call (pairs with {@code newTenantRouter}). */
  @Benchmark
  public String coldContextRouter(Bare bare, Prewarmed prewarmed) {
    try (Context context = bare.newContext()) {
      Value exports = context.eval(bare.router);
      return exports.getMember("default").invokeMember("fetch", "GET", Workers.ROUTER_URL, Workers.USER_AGENT).asString();
    }
  }

  @Benchmark
  public void closeContext(Evaluated evaluated, Prewarmed prewarmed) {
    evaluated.context.close();
  }

  @Benchmark
  public String warmHello(Warm warm) {
    return warm.helloFetch.execute("GET", Workers.URL).asString();
  }

  @Benchmark
  public String warmJson(Warm warm) {
    return warm.jsonFetch.execute("GET", Workers.URL, Workers.USER_AGENT).asString();
  }

  /** New js+wasm context + compile, instantiate and call add.wasm + close (pairs with {@code newTenantWasm}). */
  @Benchmark
  public String coldContextWasm(BareWasm bare, WasmPrewarmed prewarmed) {
    return coldWasmCall(bare);
  }

  @Benchmark
  public String warmWasm(WarmWasm warm) {
    return warm.fetch.execute().asString();
  }

  @Benchmark
  public String threadHandoff(Handoff handoff) {
    return CompletableFuture.supplyAsync(() -> Workers.URL, handoff.executor).join();
  }
}
