package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Request;
import dev.islet.metrics.IsletMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Micrometer meters")
class MetricsTest extends RuntimeFixture {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final IsletMetrics metrics = new IsletMetrics();

  @Override
  protected IsletRuntime.Builder configure(IsletRuntime.Builder builder) {
    metrics.bindTo(registry);
    return builder.listener(metrics);
  }

  @Test
  @DisplayName("count requests by outcome, time CPU and wall, count cold starts and deploys")
  void meters() {
    Namespace ns = deploy("export default { fetch(req) {\n"
        + "  if (req.url.endsWith('/fail')) throw new Error('x');\n"
        + "  return new Response('ok');\n"
        + "} }");
    get(ns, "https://a.example/");
    get(ns, "https://a.example/");
    failure(ns.dispatcher().get("w").fetch(Request.get("https://a.example/fail")));
    failure(ns.dispatcher().get("missing").fetch(Request.get("https://a.example/")));
    awaitEvent(e -> e.script().equals("missing"));
    awaitEvent(e -> e.outcome() == dev.islet.Outcome.EXCEPTION);

    String n = ns.name();
    assertEquals(2.0, registry.get("islet.invocations").tags("namespace", n, "script", "w", "outcome", "ok").counter().count());
    assertEquals(1.0, registry.get("islet.invocations").tags("namespace", n, "script", "w", "outcome", "exception").counter().count());
    assertEquals(1.0, registry.get("islet.invocations").tags("namespace", n, "script", "missing", "outcome", "script_not_found").counter().count());
    assertEquals(3, registry.get("islet.invocation.cpu").tags("namespace", n, "script", "w").timer().count());
    assertTrue(registry.get("islet.invocation.wall").tags("namespace", n, "script", "w").timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) > 0);
    assertEquals(1.0, registry.get("islet.deploys").tags("namespace", n, "script", "w").counter().count());
    // The deploy already loaded an instance, so none of these requests was a cold start.
    assertTrue(registry.find("islet.cold.starts").tags("namespace", n, "script", "w").counter() == null);
  }
}
