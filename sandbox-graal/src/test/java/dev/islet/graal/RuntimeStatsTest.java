package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.InvocationEvent;
import dev.islet.InvocationListener;
import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Request;
import dev.islet.RuntimeStats;
import dev.islet.ScriptInfo;
import dev.islet.WorkerScript;
import dev.islet.metrics.IsletMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Runtime stats, their gauges, and the start-up warm-up")
class RuntimeStatsTest {
  private static final String HELLO = "export default { fetch() { return new Response('hi') } }";

  @Test
  @DisplayName("stats count spares, cached workers, live instances; the gauges read them")
  void statsAndGauges() throws Exception {
    IsletMetrics metrics = new IsletMetrics();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (IsletRuntime runtime = IsletRuntime.newBuilder().listener(metrics).spareContexts(2).build()) {
      metrics.monitor(runtime).bindTo(registry);
      Namespace ns = runtime.namespace("stats");
      ns.deploy(WorkerScript.newBuilder("a").mainModule("w.js", HELLO).build());
      ns.deploy(WorkerScript.newBuilder("b").mainModule("w.js", HELLO).build());
      ns.dispatcher().get("a").fetch(Request.get("https://a/")).get(30, TimeUnit.SECONDS);
      RuntimeStats s = runtime.stats();
      assertEquals(2, s.cachedWorkers());
      assertEquals(2, s.liveInstances());
      assertEquals(0, s.activeInvocations());
      assertEquals(2, s.spareContextsTarget());
      assertFalse(s.warmUpPending());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (runtime.stats().spareContextsReady() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(20); // the pool refills in the background
      }
      assertEquals(2.0, registry.get("islet.spare.contexts").gauge().value());
      assertEquals(2.0, registry.get("islet.workers.cached").gauge().value());
      assertEquals(2.0, registry.get("islet.instances.live").gauge().value());
      assertEquals(0.0, registry.get("islet.invocations.active").gauge().value());
      ns.delete("b");
      assertEquals(1, runtime.stats().liveInstances());
    }
  }

  @Test
  @DisplayName("warm-up runs synthetic tenants in the background, invisible to listeners, and leaves nothing behind")
  void warmUp() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    InvocationListener listener = new InvocationListener() {
      @Override
      public void onInvocation(InvocationEvent event) {
        seen.add("invocation " + event.namespace());
      }

      @Override
      public void onDeploy(String namespace, ScriptInfo script) {
        seen.add("deploy " + namespace);
      }
    };
    try (IsletRuntime runtime = IsletRuntime.newBuilder().listener(listener).warmUp(30).build()) {
      runtime.warmUpDone().get(120, TimeUnit.SECONDS);
      assertFalse(runtime.stats().warmUpPending());
      assertEquals(0, runtime.stats().liveInstances(), "warm-up tenants are deleted");
      assertTrue(seen.isEmpty(), seen.toString());
      Namespace ns = runtime.namespace("real");
      ns.deploy(WorkerScript.newBuilder("a").mainModule("w.js", HELLO).build());
      assertEquals("hi", ns.dispatcher().get("a").fetch(Request.get("https://a/")).get(30, TimeUnit.SECONDS).body().text());
      assertEquals(List.of("deploy real", "invocation real"), seen);
    }
    try (IsletRuntime none = IsletRuntime.newBuilder().spareContexts(0).build()) {
      assertTrue(none.warmUpDone().isDone());
    }
    assertThrows(IllegalArgumentException.class, () -> IsletRuntime.newBuilder().warmUp(-1));
  }
}
