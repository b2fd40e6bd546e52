package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.DispatchOptions;
import dev.islet.GuestException;
import dev.islet.InvocationEvent;
import dev.islet.LimitExceededException;
import dev.islet.Limits;
import dev.islet.Namespace;
import dev.islet.NamespaceOptions;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.WorkerScript;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CPU limits against hostile guests")
class CpuLimitTest extends RuntimeFixture {
  private static final Limits CPU_50MS = Limits.cpuMs(50);

  /**
   * Deploys the hostile guest and a well-behaved neighbour, attacks with a 50 ms CPU budget while
   * the neighbour keeps answering, then checks the same worker serves again.
   */
  private LimitExceededException attack(String guest, Limits limits) {
    return assertInstanceOf(LimitExceededException.class, attackAndFail(guest, limits));
  }

  /** As {@link #attack}, for any failure. */
  private dev.islet.IsletException attackAndFail(String guest, Limits limits) {
    Namespace ns = freshNamespace();
    ns.deploy(esm("hostile", HostileCorpus.load(guest)));
    ns.deploy(esm("neighbour", "let n = 0; export default { fetch() { return new Response('fine ' + (++n)) } }"));

    CompletableFuture<Response> attack = ns.dispatcher().get("hostile", DispatchOptions.limits(limits))
        .fetch(Request.get("https://hostile.example/attack"));
    for (int i = 1; i <= 3; i++) {
      assertEquals("fine " + i, call(ns, "neighbour", Request.get("https://n.example/")).body().text());
    }
    dev.islet.IsletException e = assertInstanceOf(dev.islet.IsletException.class, failure(attack));
    InvocationEvent event = awaitEvent(ev -> ev.namespace().equals(ns.name()) && ev.script().equals("hostile"));
    assertEquals(e.outcome(), event.outcome());
    assertEquals("ok", call(ns, "hostile", Request.get("https://hostile.example/")).body().text(),
        "the next request gets a healthy instance");
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"loop-in-handler", "loop-in-microtask", "loop-in-timer", "loop-after-await",
      "cpu-heavy-recursion", "promise-chain-flood"})
  @DisplayName("a runaway guest is stopped by the CPU limit; the next request and a neighbour still work")
  void runawayStoppedByCpuLimit(String guest) {
    LimitExceededException e = attack(guest, CPU_50MS);
    assertEquals(Limits.Kind.CPU_TIME, e.limit());
    assertEquals(Outcome.EXCEEDED_CPU, e.outcome());
    assertTrue(e.getMessage().contains("CPU time limit exceeded"), e.getMessage());
  }

  @Test
  @DisplayName("a runaway loop is stopped close to its budget (CPU time charged ≤ budget + 25 ms on this noisy box)")
  void stopPrecision() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("hostile", HostileCorpus.load("loop-in-handler")));
    for (int i = 0; i < 5; i++) {
      failure(ns.dispatcher().get("hostile", DispatchOptions.limits(CPU_50MS)).fetch(Request.get("https://h.example/attack")));
    }
    long worst = 0;
    for (InvocationEvent e : events) {
      if (e.namespace().equals(ns.name()) && e.outcome() == Outcome.EXCEEDED_CPU) {
        worst = Math.max(worst, e.cpuTime().toMillis());
      }
    }
    assertTrue(worst >= 50, "charged at least the budget: " + worst);
    assertTrue(worst <= 75, "stopped within 25 ms of the budget: " + worst);
  }

  @Test
  @DisplayName("an interval that burns CPU across many tasks is stopped by the per-invocation CPU budget")
  void intervalSpam() {
    assertEquals(Limits.Kind.CPU_TIME, attack("interval-spam", CPU_50MS).limit());
  }

  @Test
  @DisplayName("a timer flood is refused at 10,000 pending timers: an uncaught RangeError, and the worker serves on")
  void timerFlood() {
    Namespace ns = deploy("export default { fetch() {\n"
        + "  let n = 0; try { for (;;) { setTimeout(() => {}, 1e9); n++; } } catch (e) { return new Response(e.name + ' ' + n); }\n"
        + "} }");
    assertEquals("RangeError 10000", get(ns, "https://a.example/").body().text());
    // A budget generous enough that the cap, not the CPU limit, ends the flood on any machine.
    GuestException e = assertInstanceOf(GuestException.class, attackAndFail("timer-flood", Limits.cpuMs(10_000)));
    assertTrue(e.getMessage().startsWith("RangeError: Too many timers"), e.getMessage());
  }

  @Test
  @DisplayName("unbounded waitUntil work is cancelled after the namespace's waitUntil timeout; the instance serves on")
  void unboundedWaitUntil() {
    Namespace ns = runtime.namespace("short-wait-until",
        NamespaceOptions.newBuilder().waitUntilTimeout(Duration.ofMillis(200)).build());
    ns.deploy(esm("w", HostileCorpus.load("unbounded-wait-until")));
    assertEquals("answered", call(ns, "w", Request.get("https://a.example/attack")).body().text());
    InvocationEvent e = awaitEvent(ev -> ev.namespace().equals(ns.name()));
    assertEquals(Outcome.OK, e.outcome());
    assertTrue(e.wallTime().toMillis() >= 200, e.wallTime().toString());
    assertTrue(e.logs().get(e.logs().size() - 1).message().contains("waitUntil() tasks did not complete"), e.logs().toString());
    assertEquals("ok", call(ns, "w", Request.get("https://a.example/")).body().text());
  }

  @Test
  @DisplayName("deep recursion is a guest RangeError, not a host crash; the instance stays usable")
  void deepRecursion() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("w", HostileCorpus.load("deep-recursion")));
    GuestException e = assertInstanceOf(GuestException.class,
        failure(ns.dispatcher().get("w").fetch(Request.get("https://a.example/attack"))));
    assertTrue(e.getMessage().startsWith("RangeError"), e.getMessage());
    assertEquals("ok", get(ns, "https://a.example/").body().text());
    ns.deploy(esm("caught", HostileCorpus.load("deep-recursion-caught")));
    for (int i = 0; i < 3; i++) {
      assertEquals("RangeError", call(ns, "caught", Request.get("https://a.example/")).body().text());
    }
  }

  @Test
  @DisplayName("a loop at top level is stopped by the startup CPU limit at deploy; nothing is deployed")
  void topLevelLoop() {
    Namespace ns = runtime.namespace("startup-limited",
        NamespaceOptions.newBuilder().startupCpuTime(Duration.ofMillis(100)).build());
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> ns.deploy(esm("spin", HostileCorpus.load("loop-at-top-level"))));
    assertEquals(Limits.Kind.STARTUP_CPU_TIME, e.limit());
    assertTrue(ns.get("spin").isEmpty());
    ns.deploy(esm("fine", "export default { fetch() { return new Response('ok') } }"));
    assertEquals("ok", call(ns, "fine", Request.get("https://a.example/")).body().text());
  }

  @Test
  @DisplayName("a top-level loop deployed from a virtual thread is still stopped by the startup limit (JDK 21+)")
  void topLevelLoopFromVirtualThread() throws Exception {
    java.lang.reflect.Method factory;
    try {
      factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      org.junit.jupiter.api.Assumptions.abort("no virtual threads on this JDK");
      return;
    }
    Namespace ns = runtime.namespace("startup-limited-vt",
        NamespaceOptions.newBuilder().startupCpuTime(Duration.ofMillis(100)).build());
    // ExecutorService is AutoCloseable only from JDK 19; this source compiles for 17.
    java.util.concurrent.ExecutorService virtual = (java.util.concurrent.ExecutorService) factory.invoke(null);
    try {
      java.util.concurrent.Future<?> deploy = virtual.submit(() -> ns.deploy(esm("spin", HostileCorpus.load("loop-at-top-level"))));
      LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(deploy));
      assertEquals(Limits.Kind.STARTUP_CPU_TIME, e.limit());
    } finally {
      virtual.shutdown();
    }
  }

  @Test
  @DisplayName("limits combine: namespace, script and dispatch limits apply, the lowest wins")
  void lowestLimitWins() {
    Namespace ns = runtime.namespace("ns-limited", NamespaceOptions.newBuilder().limits(Limits.cpuMs(40)).build());
    ns.deploy(WorkerScript.newBuilder("w").mainModule("w.js", HostileCorpus.load("loop-in-handler"))
        .limits(Limits.cpuMs(5000)).build());
    // A generous dispatch limit cannot raise the namespace's 40 ms.
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(
        ns.dispatcher().get("w", DispatchOptions.limits(Limits.cpuMs(10_000))).fetch(Request.get("https://a.example/attack"))));
    assertTrue(e.getMessage().contains("(40 ms)"), e.getMessage());
  }
}
