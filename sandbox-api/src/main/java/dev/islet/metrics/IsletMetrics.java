package dev.islet.metrics;

import dev.islet.InvocationEvent;
import dev.islet.InvocationListener;
import dev.islet.IsletRuntime;
import dev.islet.ScriptInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Micrometer meters for Islet, fed as an {@link InvocationListener}. Needs {@code
 * io.micrometer:micrometer-core} on the path (an optional dependency of the API).
 *
 * <pre>{@code
 * IsletMetrics metrics = new IsletMetrics();
 * metrics.bindTo(registry);
 * IsletRuntime runtime = IsletRuntime.newBuilder().listener(metrics).build();
 * }</pre>
 *
 * <p>Meters, all tagged {@code namespace} and {@code script}:
 *
 * <ul>
 *   <li>{@code islet.invocations} (counter, also tagged {@code outcome}: {@code ok}, {@code exception},
 *       {@code exceeded_cpu}, …) — requests and errors by outcome;
 *   <li>{@code islet.invocation.cpu} and {@code islet.invocation.wall} (timers);
 *   <li>{@code islet.cold.starts} (counter) — invocations that had to create an instance;
 *   <li>{@code islet.deploys} (counter) — deploys and updates.
 * </ul>
 *
 * <p>With {@link #monitor(IsletRuntime)}, also gauges of the runtime's state ({@link
 * IsletRuntime#stats()}), untagged: {@code islet.spare.contexts} (ready spares), {@code
 * islet.workers.cached}, {@code islet.instances.live} and {@code islet.invocations.active}.
 *
 * <p>Thread-safe. Events before {@link #bindTo} are not counted.
 */
public final class IsletMetrics implements MeterBinder, InvocationListener {
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final List<IsletRuntime> runtimes = new CopyOnWriteArrayList<>();

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(registry);
    runtimes.forEach(rt -> gauges(rt, registry));
  }

  /**
   * Adds gauges of {@code runtime}'s state to every registry this is bound to (now or later).
   *
   * <pre>{@code
   * IsletMetrics metrics = new IsletMetrics();
   * IsletRuntime runtime = IsletRuntime.newBuilder().listener(metrics).build();
   * metrics.monitor(runtime).bindTo(registry);
   * }</pre>
   *
   * @return this
   */
  public IsletMetrics monitor(IsletRuntime runtime) {
    runtimes.add(java.util.Objects.requireNonNull(runtime, "runtime"));
    registries.forEach(r -> gauges(runtime, r));
    return this;
  }

  private static void gauges(IsletRuntime runtime, MeterRegistry r) {
    io.micrometer.core.instrument.Gauge.builder("islet.spare.contexts", runtime, rt -> rt.stats().spareContextsReady())
        .description("Spare contexts ready for new instances").register(r);
    io.micrometer.core.instrument.Gauge.builder("islet.workers.cached", runtime, rt -> rt.stats().cachedWorkers())
        .description("Worker versions holding an instance pool").register(r);
    io.micrometer.core.instrument.Gauge.builder("islet.instances.live", runtime, rt -> rt.stats().liveInstances())
        .description("Worker instances (contexts) alive").register(r);
    io.micrometer.core.instrument.Gauge.builder("islet.invocations.active", runtime, rt -> rt.stats().activeInvocations())
        .description("Invocations dispatched and not complete").register(r);
  }

  @Override
  public void onInvocation(InvocationEvent e) {
    String outcome = e.outcome().name().toLowerCase(Locale.ROOT);
    for (MeterRegistry r : registries) {
      Counter.builder("islet.invocations")
          .description("Worker invocations by outcome")
          .tags("namespace", e.namespace(), "script", e.script(), "outcome", outcome)
          .register(r)
          .increment();
      Timer.builder("islet.invocation.cpu")
          .description("CPU time of guest code per invocation")
          .tags("namespace", e.namespace(), "script", e.script())
          .register(r)
          .record(e.cpuTime());
      Timer.builder("islet.invocation.wall")
          .description("Wall time per invocation")
          .tags("namespace", e.namespace(), "script", e.script())
          .register(r)
          .record(e.wallTime());
      if (e.coldStart()) {
        Counter.builder("islet.cold.starts")
            .description("Invocations that created a new worker instance")
            .tags("namespace", e.namespace(), "script", e.script())
            .register(r)
            .increment();
      }
    }
  }

  @Override
  public void onDeploy(String namespace, ScriptInfo script) {
    for (MeterRegistry r : registries) {
      Counter.builder("islet.deploys")
          .description("Script deploys and updates")
          .tags("namespace", namespace, "script", script.name())
          .register(r)
          .increment();
    }
  }
}
