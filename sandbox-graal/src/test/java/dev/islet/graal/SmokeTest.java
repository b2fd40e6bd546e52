package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.DispatchOptions;
import dev.islet.InvocationEvent;
import dev.islet.LimitExceededException;
import dev.islet.Limits;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.ScriptException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The end-to-end path; CI also runs this class on JDK 17 (interpreted). */
@DisplayName("Smoke: deploy, dispatch, and a limit")
class SmokeTest extends RuntimeFixture {

  @Test
  @DisplayName("a deployed worker answers, and a broken one is refused at deploy")
  void deployAndDispatch() {
    Namespace ns = deploy("export default { async fetch(req, env) { return new Response('hello ' + req.method) } }");
    assertEquals("hello GET", get(ns, "https://a.example/").body().text());
    assertThrows(ScriptException.class, () -> ns.deploy(esm("broken", "export default {")));
  }

  @Test
  @DisplayName("an infinite loop is stopped by the wall-time limit; the next request and other tenants still work")
  void wallTimeStopsInfiniteLoop() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("loop", "export default { fetch(req) {\n"
        + "  if (req.url.endsWith('/spin')) { while (true) {} }\n"
        + "  return new Response('recovered');\n"
        + "} }"));
    ns.deploy(esm("neighbour", "export default { fetch() { return new Response('unaffected') } }"));

    CompletableFuture<dev.islet.Response> spinning = ns.dispatcher()
        .get("loop", DispatchOptions.limits(Limits.wallTime(java.time.Duration.ofMillis(100))))
        .fetch(Request.get("https://a.example/spin"));
    // While it spins, another tenant answers.
    assertEquals("unaffected", call(ns, "neighbour", Request.get("https://b.example/")).body().text());

    LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(spinning));
    assertEquals(Limits.Kind.WALL_TIME, e.limit());
    assertEquals(Outcome.EXCEEDED_WALL_TIME, e.outcome());
    InvocationEvent event = awaitEvent(ev -> ev.namespace().equals(ns.name()) && ev.script().equals("loop"));
    assertEquals(Outcome.EXCEEDED_WALL_TIME, event.outcome());
    assertTrue(event.wallTime().toMillis() >= 100, event.wallTime().toString());

    assertEquals("recovered", call(ns, "loop", Request.get("https://a.example/")).body().text());
  }

  @Test
  @DisplayName("an infinite loop is stopped by the CPU limit; the next request works")
  void cpuLimitStopsInfiniteLoop() {
    Namespace ns = deploy("export default { fetch(req) {\n"
        + "  if (req.url.endsWith('/spin')) { for (;;) {} }\n"
        + "  return new Response('recovered');\n"
        + "} }");
    Throwable t = failure(ns.dispatcher().get("w", DispatchOptions.limits(Limits.cpuMs(100)))
        .fetch(Request.get("https://a.example/spin")));
    assertEquals(Limits.Kind.CPU_TIME, assertInstanceOf(LimitExceededException.class, t).limit());
    assertEquals("recovered", get(ns, "https://a.example/").body().text());
  }

  @Test
  @DisplayName("a wall-time limit also bounds a handler that waits on timers")
  void wallTimeBoundsWaiting() {
    Namespace ns = deploy("export default { fetch() { return new Promise(r => setTimeout(() => r(new Response('late')), 5000)) } }");
    Throwable t = failure(ns.dispatcher().get("w", DispatchOptions.limits(Limits.wallTime(java.time.Duration.ofMillis(50))))
        .fetch(Request.get("https://a.example/")));
    assertEquals(Limits.Kind.WALL_TIME, assertInstanceOf(LimitExceededException.class, t).limit());
  }
}
