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
 * New-tenant cold start through the public API: deploy a never-seen tenant (a unique name each
 * invocation) and get its first response. Deploy compiles and evaluates the module eagerly in a
 * fresh context (with the Web-API prelude) and keeps that instance; the first fetch runs on it.
 *
 * <ul>
 *   <li>{@link #newTenant}: measured = build {@link WorkerScript} + {@code deploy} + {@code
 *       fetch(..).join()} + read the body. Every tenant has the same source text, so the engine's
 *       source cache may reuse the parse (a platform where many tenants run one template).
 *   <li>{@link #newTenantUniqueCode}: the same, but each tenant's code differs (a leading comment),
 *       so the tenant module is parsed afresh each time: the honest "never-seen code" case.
 *   <li>{@link #newTenantWasm}: the same with a Wasm-backed worker ({@link Workers#WASM}: imports
 *       {@code add.wasm}, instantiates it at top level, answers {@code add(2, 3)} and {@code
 *       fib(15)}); same JS and Wasm bytes for every tenant.
 *   <li>{@link #deleteTenant}: measured = {@code delete} alone (retire the version, close its
 *       context), on a tenant deployed and fetched once in the untimed per-invocation setup.
 * </ul>
 *
 * The deletes after {@link #newTenant} / {@link #newTenantUniqueCode} run in an untimed
 * {@code @TearDown(Level.Invocation)}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(2)
public class ColdStartBenchmark {

  /** One runtime (one shared engine) for the whole trial, as an application would have. */
  @State(Scope.Benchmark)
  public static class Islet {
    IsletRuntime runtime;
    Namespace ns;
    Dispatcher dispatcher;
    Request request;
    Request routerRequest;

    @Setup(Level.Trial)
    public void start() {
      runtime = IsletRuntime.newBuilder().build();
      BenchSupport.checkMode("Islet runtime (cold start)", runtime.compilationMode());
      ns = runtime.namespace("bench");
      dispatcher = ns.dispatcher();
      request = Request.get(Workers.URL);
      routerRequest = Request.get(Workers.ROUTER_URL);
      // Sanity: the worker answers what we think it answers.
      String body = deployAndFetch(this, "sanity", Workers.HELLO);
      ns.delete("sanity");
      String expected = "Hello GET " + Workers.URL;
      if (!expected.equals(body)) {
        throw new IllegalStateException("unexpected body: " + body);
      }
      // Untimed pre-warm: enough new tenants (half with unique code) that JMH's warm-up starts
      // from settled code, not from the first few hundred contexts.
      int cycles = BenchSupport.prewarmCycles();
      long t0 = System.nanoTime();
      for (int i = 0; i < cycles; i++) {
        String name = "w" + i;
        deployAndFetch(this, name, i % 2 == 0 ? Workers.HELLO : Workers.unique(Workers.HELLO, -i));
        ns.delete(name);
      }
      System.out.printf("[islet-bench] pre-warm: %d new tenants in %.1f s%n", cycles, (System.nanoTime() - t0) / 1e9);
    }

    @TearDown(Level.Trial)
    public void stop() {
      runtime.close();
    }
  }

  /** A fresh tenant name per invocation; deleted after it, untimed. */
  @State(Scope.Thread)
  public static class Tenant {
    long counter;
    String name;

    @Setup(Level.Invocation)
    public void next() {
      name = "t" + (++counter);
    }

    @TearDown(Level.Invocation)
    public void delete(Islet islet) {
      if (!islet.ns.delete(name)) {
        throw new IllegalStateException("tenant " + name + " was not deployed");
      }
    }
  }

  /** A tenant deployed and fetched once, untimed, for {@link #deleteTenant}. */
  @State(Scope.Thread)
  public static class DeployedTenant {
    long counter;
    String name;

    @Setup(Level.Invocation)
    public void deploy(Islet islet) {
      name = "d" + (++counter);
      deployAndFetch(islet, name, Workers.HELLO);
    }
  }

  static String deployAndFetch(Islet islet, String name, String code) {
    return deployAndFetch(islet, WorkerScript.newBuilder(name).mainModule("worker.js", code).build());
  }

  /** A Wasm-backed worker: {@link Workers#WASM} plus {@code add.wasm} (the same bytes every time). */
  static WorkerScript wasmWorker(String name) {
    return WorkerScript.newBuilder(name)
        .mainModule("worker.js", Workers.WASM)
        .module(Module.wasm(Workers.WASM_NAME, Workers.WASM_ADD))
        .build();
  }

  static String deployAndFetch(Islet islet, WorkerScript script) {
    String name = script.name();
    islet.ns.deploy(script);
    Response r = islet.dispatcher.get(name).fetch(islet.request).join();
    if (r.status() != 200) {
      throw new IllegalStateException("status " + r.status() + " from " + name);
    }
    return r.body().text();
  }

  /**
   * A fresh tenant that arrives after a 20 ms pause (untimed): tenants that do not all arrive at
   * once, so the spare-context pool has refilled — the case it is for. Pairs with {@link #newTenant}
   * (back-to-back arrivals, where the background refill cannot keep up).
   */
  @State(Scope.Thread)
  public static class PacedTenant extends Tenant {
    @Setup(Level.Invocation)
    public void pause() throws InterruptedException {
      Thread.sleep(20);
    }
  }

  @Benchmark
  public String newTenantPaced(Islet islet, PacedTenant tenant) {
    return deployAndFetch(islet, tenant.name, Workers.HELLO);
  }

  @Benchmark
  public String newTenant(Islet islet, Tenant tenant) {
    return deployAndFetch(islet, tenant.name, Workers.HELLO);
  }

  /**
   * Untimed pre-warm of the Wasm path for {@link #newTenantWasm}, on top of the {@link Islet}
   * state's JS pre-warm: {@code prewarmCycles() / 2} Wasm-backed tenants (deploy, first request,
   * delete), so the JIT has seen deploy-time Wasm checks, compilation and instantiation.
   */
  @State(Scope.Benchmark)
  public static class WasmPrewarmed {
    @Setup(Level.Trial)
    public void prewarm(Islet islet) {
      String body = deployAndFetch(islet, wasmWorker("wasm-sanity"));
      islet.ns.delete("wasm-sanity");
      if (!Workers.WASM_EXPECTED.equals(body)) {
        throw new IllegalStateException("unexpected Wasm body: " + body);
      }
      int cycles = BenchSupport.prewarmCycles() / 2;
      long t0 = System.nanoTime();
      for (int i = 0; i < cycles; i++) {
        String name = "ww" + i;
        deployAndFetch(islet, wasmWorker(name));
        islet.ns.delete(name);
      }
      System.out.printf("[islet-bench] Wasm pre-warm: %d new Wasm tenants in %.1f s%n", cycles, (System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * A fresh Wasm-backed tenant (deploy: the Wasm bytes checked and compiled, the module evaluated,
   * which instantiates it; then the first request). Pairs with {@code BaselineBenchmark.coldContextWasm}.
   */
  @Benchmark
  public String newTenantWasm(Islet islet, WasmPrewarmed prewarmed, Tenant tenant) {
    return deployAndFetch(islet, wasmWorker(tenant.name));
  }

  @Benchmark
  public String newTenantUniqueCode(Islet islet, Tenant tenant) {
    return deployAndFetch(islet, tenant.name, Workers.unique(Workers.HELLO, tenant.counter));
  }

  @Benchmark
  public boolean deleteTenant(Islet islet, DeployedTenant tenant) {
    return islet.ns.delete(tenant.name);
  }

  /** A fresh tenant running the ~20 KB router app ({@link Workers#ROUTER}). */
  @Benchmark
  public String newTenantRouter(Islet islet, Tenant tenant) {
    islet.ns.deploy(WorkerScript.newBuilder(tenant.name).mainModule("worker.js", Workers.ROUTER).build());
    Response r = islet.dispatcher.get(tenant.name).fetch(islet.routerRequest).join();
    if (r.status() != 200) {
      throw new IllegalStateException("status " + r.status() + " from " + tenant.name + ": " + r.body().text());
    }
    return r.body().text();
  }

  /**
   * A runtime whose idle instances expire after 10 ms: a worker deployed in the untimed setup has no
   * live instance by the time the benchmark sends its first request.
   */
  @State(Scope.Benchmark)
  public static class Expiring {
    IsletRuntime runtime;
    Namespace ns;

    @Setup(Level.Trial)
    public void start() {
      runtime = IsletRuntime.newBuilder().instanceIdleTimeout(java.time.Duration.ofMillis(10)).build();
      BenchSupport.checkMode("Islet runtime (pre-deployed)", runtime.compilationMode());
      ns = runtime.namespace("bench-predeployed");
    }

    @TearDown(Level.Trial)
    public void stop() {
      runtime.close();
    }
  }

  /** A worker deployed untimed, then left idle until its instance is gone. */
  @State(Scope.Thread)
  public static class PreDeployed {
    long counter;
    String name;

    @Setup(Level.Invocation)
    public void deploy(Expiring expiring) throws InterruptedException {
      name = "p" + (++counter);
      expiring.ns.deploy(WorkerScript.newBuilder(name).mainModule("worker.js", Workers.HELLO).build());
      Thread.sleep(40); // > the idle timeout: the validated instance is closed
    }

    @TearDown(Level.Invocation)
    public void delete(Expiring expiring) {
      expiring.ns.delete(name);
    }
  }

  /**
   * Cold start of a worker that is deployed but has no instance (evicted or expired): load its
   * (already compiled) module into a spare context, then serve.
   */
  @Benchmark
  public String preDeployedFirstRequest(Expiring expiring, PreDeployed worker) {
    Response r = expiring.ns.dispatcher().get(worker.name).fetch(Request.get(Workers.URL)).join();
    if (r.status() != 200) {
      throw new IllegalStateException("status " + r.status());
    }
    return r.body().text();
  }
}
