package dev.islet.bench;

import dev.islet.Dispatcher;
import dev.islet.IsletRuntime;
import dev.islet.Module;
import dev.islet.Namespace;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.WorkerScript;
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
 * Warm requests to deployed workers through the public API: measured = {@code
 * dispatcher.get(name).fetch(request).join()} + reading the response body as text, from the
 * benchmark thread (the request runs on Islet's guest thread and comes back: one hand-off each way).
 *
 * <ul>
 *   <li>{@link #hello}: the tiny worker, {@code new Response('Hello ' + method + ' ' + url)}.
 *   <li>{@link #json}: reads the {@code user-agent} header and the URL, builds a 20-field object and
 *       answers it with {@code Response.json}.
 *   <li>{@link #wasm}: a Wasm-backed worker ({@link Workers#WASM}) whose handler calls the exports
 *       of {@code add.wasm}, instantiated once at top level: {@code add(2, 3)} and {@code fib(15)}.
 * </ul>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(2)
@State(Scope.Benchmark)
public class WarmRequestBenchmark {
  IsletRuntime runtime;
  Dispatcher dispatcher;
  Request helloRequest;
  Request jsonRequest;
  Request wasmRequest;

  @Setup(Level.Trial)
  public void start() {
    runtime = IsletRuntime.newBuilder().build();
    BenchSupport.checkMode("Islet runtime (warm request)", runtime.compilationMode());
    Namespace ns = runtime.namespace("bench");
    ns.deploy(WorkerScript.newBuilder("hello").mainModule("worker.js", Workers.HELLO).build());
    ns.deploy(WorkerScript.newBuilder("json").mainModule("worker.js", Workers.JSON).build());
    ns.deploy(WorkerScript.newBuilder("wasm").mainModule("worker.js", Workers.WASM)
        .module(Module.wasm(Workers.WASM_NAME, Workers.WASM_ADD)).build());
    dispatcher = ns.dispatcher();
    helloRequest = Request.get(Workers.URL);
    jsonRequest = Request.newBuilder(Workers.URL).header("user-agent", Workers.USER_AGENT).build();
    wasmRequest = Request.get(Workers.URL);
    String hello = hello();
    if (!hello.equals("Hello GET " + Workers.URL)) {
      throw new IllegalStateException("unexpected hello body: " + hello);
    }
    Response r = dispatcher.get("json").fetch(jsonRequest).join();
    String json = r.body().text();
    if (r.status() != 200
        || !r.headers().get("content-type").map(v -> v.startsWith("application/json")).orElse(false)
        || !json.contains("\"userAgent\":\"" + Workers.USER_AGENT + "\"")
        || !json.contains("\"path\":\"/items/42\"")) {
      throw new IllegalStateException("unexpected json response: " + r + " " + r.headers() + " " + json);
    }
    String wasm = wasm();
    if (!wasm.equals(Workers.WASM_EXPECTED)) {
      throw new IllegalStateException("unexpected wasm body: " + wasm);
    }
    // Untimed pre-warm by count (interpreted requests are slow early; time-boxed warm-up alone may
    // see too few of them).
    int requests = 2 * BenchSupport.prewarmCycles();
    long t0 = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      hello();
      json();
      wasm();
    }
    System.out.printf("[islet-bench] pre-warm: %d requests in %.1f s%n", 3 * requests, (System.nanoTime() - t0) / 1e9);
  }

  @TearDown(Level.Trial)
  public void stop() {
    runtime.close();
  }

  @Benchmark
  public String hello() {
    return dispatcher.get("hello").fetch(helloRequest).join().body().text();
  }

  @Benchmark
  public String json() {
    return dispatcher.get("json").fetch(jsonRequest).join().body().text();
  }

  @Benchmark
  public String wasm() {
    return dispatcher.get("wasm").fetch(wasmRequest).join().body().text();
  }
}
