package dev.islet.bench;

import com.caoccao.javet.enums.JSRuntimeType;
import com.caoccao.javet.exceptions.JavetException;
import com.caoccao.javet.interop.V8Host;
import com.caoccao.javet.interop.V8Runtime;
import com.caoccao.javet.values.reference.V8Module;
import com.caoccao.javet.values.reference.V8ValueArrayBuffer;
import com.caoccao.javet.values.reference.V8ValueFunction;
import com.caoccao.javet.values.reference.V8ValueObject;
import java.util.concurrent.TimeUnit;
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
 * The Javet (V8) baseline: the same JavaScript work as {@link BaselineBenchmark} (bare GraalJS), on
 * V8 through Javet 5.0.6 in V8 mode ({@link V8Host#getV8Instance()}, no Node.js): a new V8 isolate
 * per cold start, no Web APIs, strings in and a string out, called on the benchmark thread.
 *
 * <p>The guest code is {@link Workers#HELLO_BARE}, {@link Workers#JSON_BARE} and {@link
 * Workers#ROUTER_BARE} unchanged, evaluated <em>as ES modules</em> through Javet's module support
 * ({@code getExecutor(code).setResourceName(..).setModule(true).compileV8Module()}, {@code
 * instantiate()}, {@code evaluate()}, then {@code getNamespace().default.fetch(..)}) — as the GraalJS baseline evaluates
 * them as modules.
 *
 * <ul>
 *   <li>{@link #coldIsolate}: {@code V8Host.createV8Runtime()} (a new isolate with one context) +
 *       compile and evaluate the hello module + {@code fetch('GET', url)} + read the string + close
 *       the runtime (the close is timed, as in {@code BaselineBenchmark.coldContext}). Pairs with
 *       {@code coldContext} / {@code ColdStartBenchmark.newTenant}.
 *   <li>{@link #coldIsolateUniqueCode}: the same with module text unique per invocation (V8 has no
 *       cross-isolate code cache here, so this mainly checks that nothing is shared).
 *   <li>{@link #coldIsolateRouter}: new isolate + the ~20 KB router module + one routed call + close.
 *   <li>{@link #warmHello} / {@link #warmJson}: call the already-evaluated handler function
 *       ({@code fetch.callString(default, ..)}) in a runtime kept for the trial.
 *   <li>{@link #coldIsolateWasm}: new isolate + copy {@code add.wasm} into a V8 {@code ArrayBuffer}
 *       bound as the global {@code wasmBytes} + the module {@code Workers.wasmBare("wasmBytes")}
 *       (compile with {@code new WebAssembly.Module}, instantiate, {@code fetch()} calls {@code
 *       add(2, 3)} and {@code fib(15)}) + the call + close. Pairs with {@code coldContextWasm} /
 *       {@code newTenantWasm}.
 *   <li>{@link #warmWasm}: {@code fetch()} of that module in a runtime kept for the trial.
 * </ul>
 *
 * V8's own JIT is unaffected by the Graal/JVMCI flags; the Suite runs this class in both JVMs only
 * for symmetry.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(2)
public class JavetBaselineBenchmark {
  static final String HELLO_EXPECTED = "Hello GET " + Workers.URL;

  /** The V8 host (process-wide in Javet) and the unique-code counter. */
  @State(Scope.Benchmark)
  public static class Host {
    V8Host host;
    long counter;

    @Setup(Level.Trial)
    public void start() throws JavetException {
      host = V8Host.getV8Instance();
      if (!host.isLibraryLoaded()) {
        throw new IllegalStateException("Javet native library not loaded");
      }
      try (V8Runtime runtime = host.createV8Runtime()) {
        System.out.println("[islet-bench] Javet " + host.getJavetVersion() + ", V8 " + runtime.getVersion()
            + ", runtime type " + runtime.getJSRuntimeType());
      }
      // Results are checked untimed, as BaselineBenchmark does (a mismatch fails the trial).
      check(coldCall(this, Workers.HELLO_BARE, "GET", Workers.URL), HELLO_EXPECTED);
      check(coldCall(this, Workers.unique(Workers.HELLO_BARE, 0), "GET", Workers.URL), HELLO_EXPECTED);
      checkRouter(coldCall(this, Workers.ROUTER_BARE, "GET", Workers.ROUTER_URL, Workers.USER_AGENT));
    }
  }

  /** Evaluates {@code code} as an ES module in {@code runtime}; returns its default export (caller closes). */
  static V8ValueObject defaultExport(V8Runtime runtime, String code, String name) throws JavetException {
    try (V8Module module = runtime.getExecutor(code).setResourceName(name).setModule(true).compileV8Module()) {
      if (!module.instantiate()) {
        throw new IllegalStateException("module did not instantiate: " + name);
      }
      // evaluate() returns the module's evaluation promise (settled: no top-level await). Never
      // toString() the namespace object: V8 cannot convert it and Javet aborts the process.
      try (var ignored = module.evaluate(); V8ValueObject ns = (V8ValueObject) module.getNamespace()) {
        return ns.get("default");
      }
    }
  }

  static String coldCall(Host host, String code, Object... args) throws JavetException {
    try (V8Runtime runtime = host.host.createV8Runtime();
        V8ValueObject handler = defaultExport(runtime, code, "./worker.js")) {
      return handler.invokeString("fetch", args);
    }
  }

  static String check(String actual, String expected) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException("unexpected body: " + actual);
    }
    return actual;
  }

  static String checkJson(String json) {
    if (json == null || !json.contains("\"userAgent\":\"" + Workers.USER_AGENT + "\"")
        || !json.contains("\"path\":\"/items/42\"")) {
      throw new IllegalStateException("unexpected json: " + json);
    }
    return json;
  }

  static String checkRouter(String body) {
    if (body == null || !body.startsWith("{\"parent\":1234,\"items\":[")) {
      throw new IllegalStateException("unexpected router body: " + body);
    }
    return body;
  }

  /** Untimed pre-warm of the cold benchmarks, as the other classes do (half with unique code). */
  @State(Scope.Benchmark)
  public static class Prewarmed {
    @Setup(Level.Trial)
    public void prewarm(Host host) throws JavetException {
      int cycles = BenchSupport.prewarmCycles();
      long t0 = System.nanoTime();
      for (int i = 0; i < cycles; i++) {
        String code = i % 2 == 0 ? Workers.HELLO_BARE : Workers.unique(Workers.HELLO_BARE, -i);
        check(coldCall(host, code, "GET", Workers.URL), HELLO_EXPECTED);
      }
      System.out.printf("[islet-bench] Javet pre-warm: %d new isolates in %.1f s%n", cycles,
          (System.nanoTime() - t0) / 1e9);
    }
  }

  static final String WASM_MODULE = Workers.wasmBare("wasmBytes");

  /** Binds a copy of {@code add.wasm} as the global {@code wasmBytes} (an ArrayBuffer) in {@code runtime}. */
  static void bindWasmBytes(V8Runtime runtime) throws JavetException {
    try (V8ValueArrayBuffer buffer = runtime.createV8ValueArrayBuffer(Workers.WASM_ADD.length)) {
      if (!buffer.fromBytes(Workers.WASM_ADD)) {
        throw new IllegalStateException("could not copy the Wasm bytes into V8");
      }
      runtime.getGlobalObject().set("wasmBytes", buffer);
    }
  }

  static String coldWasmCall(Host host) throws JavetException {
    try (V8Runtime runtime = host.host.createV8Runtime()) {
      bindWasmBytes(runtime);
      try (V8ValueObject handler = defaultExport(runtime, WASM_MODULE, "./wasm.js")) {
        return handler.invokeString("fetch");
      }
    }
  }

  /** Untimed pre-warm of {@link #coldIsolateWasm}: {@code prewarmCycles() / 2} new isolates running the Wasm module. */
  @State(Scope.Benchmark)
  public static class WasmPrewarmed {
    @Setup(Level.Trial)
    public void prewarm(Host host) throws JavetException {
      check(coldWasmCall(host), Workers.WASM_EXPECTED);
      int cycles = BenchSupport.prewarmCycles() / 2;
      long t0 = System.nanoTime();
      for (int i = 0; i < cycles; i++) {
        coldWasmCall(host);
      }
      System.out.printf("[islet-bench] Javet Wasm pre-warm: %d new isolates in %.1f s%n", cycles,
          (System.nanoTime() - t0) / 1e9);
    }
  }

  /** A runtime with the Wasm module instantiated, kept for the trial. */
  @State(Scope.Thread)
  public static class WarmWasm {
    V8Runtime runtime;
    V8ValueObject handler;
    V8ValueFunction fetch;

    @Setup(Level.Trial)
    public void start(Host host) throws JavetException {
      runtime = host.host.createV8Runtime();
      bindWasmBytes(runtime);
      handler = defaultExport(runtime, WASM_MODULE, "./wasm.js");
      fetch = handler.get("fetch");
      check(fetch.callString(handler), Workers.WASM_EXPECTED);
      for (int i = 0; i < 2 * BenchSupport.prewarmCycles(); i++) {
        fetch.callString(handler);
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws JavetException {
      fetch.close();
      handler.close();
      runtime.close();
    }
  }

  /** One runtime per handler, evaluated once; the benchmarks call the handlers. */
  @State(Scope.Thread)
  public static class Warm {
    V8Runtime helloRuntime;
    V8Runtime jsonRuntime;
    V8ValueObject helloHandler;
    V8ValueObject jsonHandler;
    V8ValueFunction helloFetch;
    V8ValueFunction jsonFetch;

    @Setup(Level.Trial)
    public void start(Host host) throws JavetException {
      helloRuntime = host.host.createV8Runtime();
      helloHandler = defaultExport(helloRuntime, Workers.HELLO_BARE, "./hello.js");
      helloFetch = helloHandler.get("fetch");
      jsonRuntime = host.host.createV8Runtime();
      jsonHandler = defaultExport(jsonRuntime, Workers.JSON_BARE, "./json.js");
      jsonFetch = jsonHandler.get("fetch");
      check(helloFetch.callString(helloHandler, "GET", Workers.URL), HELLO_EXPECTED);
      checkJson(jsonFetch.callString(jsonHandler, "GET", Workers.URL, Workers.USER_AGENT));
      for (int i = 0; i < 2 * BenchSupport.prewarmCycles(); i++) {
        helloFetch.callString(helloHandler, "GET", Workers.URL);
        jsonFetch.callString(jsonHandler, "GET", Workers.URL, Workers.USER_AGENT);
      }
    }

    @TearDown(Level.Trial)
    public void stop() throws JavetException {
      helloFetch.close();
      helloHandler.close();
      jsonFetch.close();
      jsonHandler.close();
      helloRuntime.close();
      jsonRuntime.close();
    }
  }

  @Benchmark
  public String coldIsolate(Host host, Prewarmed prewarmed) throws JavetException {
    return coldCall(host, Workers.HELLO_BARE, "GET", Workers.URL);
  }

  @Benchmark
  public String coldIsolateUniqueCode(Host host, Prewarmed prewarmed) throws JavetException {
    return coldCall(host, Workers.unique(Workers.HELLO_BARE, ++host.counter), "GET", Workers.URL);
  }

  /** New isolate + the ~20 KB router module + one routed call (pairs with {@code coldContextRouter}). */
  @Benchmark
  public String coldIsolateRouter(Host host, Prewarmed prewarmed) throws JavetException {
    return coldCall(host, Workers.ROUTER_BARE, "GET", Workers.ROUTER_URL, Workers.USER_AGENT);
  }

  /** New isolate + compile, instantiate and call add.wasm + close (pairs with {@code coldContextWasm}). */
  @Benchmark
  public String coldIsolateWasm(Host host, WasmPrewarmed prewarmed) throws JavetException {
    return coldWasmCall(host);
  }

  @Benchmark
  public String warmWasm(WarmWasm warm) throws JavetException {
    return warm.fetch.callString(warm.handler);
  }

  @Benchmark
  public String warmHello(Warm warm) throws JavetException {
    return warm.helloFetch.callString(warm.helloHandler, "GET", Workers.URL);
  }

  @Benchmark
  public String warmJson(Warm warm) throws JavetException {
    return warm.jsonFetch.callString(warm.jsonHandler, "GET", Workers.URL, Workers.USER_AGENT);
  }
}
