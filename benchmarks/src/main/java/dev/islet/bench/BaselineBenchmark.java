package dev.islet.bench;

import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
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

  @Benchmark
  public String threadHandoff(Handoff handoff) {
    return CompletableFuture.supplyAsync(() -> Workers.URL, handoff.executor).join();
  }
}
