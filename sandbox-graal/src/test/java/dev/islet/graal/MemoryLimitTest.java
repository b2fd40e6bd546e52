package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.DispatchOptions;
import dev.islet.GuestException;
import dev.islet.InvocationEvent;
import dev.islet.IsletException;
import dev.islet.LimitExceededException;
import dev.islet.Limits;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Allocation bombs. The build runs this class alone in a forked JVM with a 256 MiB heap and
 * -XX:+ExitOnOutOfMemoryError, so a bomb that reached the host heap would kill the fork and fail
 * the build rather than pass quietly.
 */
@DisplayName("Memory limits against allocation bombs (forked JVM, small heap)")
class MemoryLimitTest extends RuntimeFixture {
  @org.junit.jupiter.api.BeforeAll
  static void onlyWithASmallHeap() {
    // The build's memory-limits execution gives 256 MiB; elsewhere (e.g. -Dtest on the default
    // execution, 1/4 of RAM) a bomb would need minutes to reach the heap guard.
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() <= (512L << 20),
        "runs in the forked small-heap JVM of the memory-limits execution");
  }

  private InvocationEvent lastAttack;

  private IsletException attack(String guest, Limits limits) {
    Namespace ns = freshNamespace();
    ns.deploy(esm("hostile", HostileCorpus.load(guest)));
    ns.deploy(esm("neighbour", "let n = 0; export default { fetch() { return new Response('fine ' + (++n)) } }"));

    CompletableFuture<Response> attack = ns.dispatcher().get("hostile", DispatchOptions.limits(limits))
        .fetch(Request.get("https://hostile.example/attack"));
    assertEquals("fine 1", call(ns, "neighbour", Request.get("https://n.example/")).body().text());
    IsletException e = assertInstanceOf(IsletException.class, failure(attack));
    InvocationEvent event = awaitEvent(ev -> ev.namespace().equals(ns.name()) && ev.script().equals("hostile"));
    assertEquals(e.outcome(), event.outcome());
    lastAttack = event;
    assertEquals("ok", call(ns, "hostile", Request.get("https://hostile.example/")).body().text(),
        "the next request gets a healthy instance");
    assertEquals("fine 2", call(ns, "neighbour", Request.get("https://n.example/")).body().text());
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"array-fill", "map-of-small-objects", "json-parse-huge"})
  @DisplayName("a bomb is stopped by its 64 MiB allocation budget; the host, the next request and a neighbour survive")
  void bombStoppedByAllocationBudget(String guest) {
    IsletException e = attack(guest, Limits.memoryBytes(64L << 20));
    assertEquals(Limits.Kind.MEMORY, assertInstanceOf(LimitExceededException.class, e).limit());
    assertEquals(Outcome.EXCEEDED_MEMORY, e.outcome());
    long allocated = lastAttack.allocatedBytes();
    assertTrue(allocated >= 64L << 20, "charged at least the budget: " + allocated);
    assertTrue(allocated < 256L << 20, "stopped well before the heap: " + allocated);
  }

  @org.junit.jupiter.api.RepeatedTest(5)
  @DisplayName("the heap guard keeps up with a fast bomb, again and again (once let one reach OutOfMemoryError between two verdicts)")
  void heapGuardRepeatedly() {
    IsletException e = attack("array-fill", Limits.none());
    assertEquals(Limits.Kind.MEMORY, assertInstanceOf(LimitExceededException.class, e).limit());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"array-fill", "map-of-small-objects"})
  @DisplayName("with no allocation budget, the heap guard stops a bomb before the host runs out of memory")
  void bombStoppedByHeapGuard(String guest) {
    IsletException e = attack(guest, Limits.none());
    assertEquals(Limits.Kind.MEMORY, assertInstanceOf(LimitExceededException.class, e).limit());
    assertTrue(e.getMessage().contains("heap"), e.getMessage());
  }

  @Test
  @DisplayName("string doubling with no allocation budget ends in a guest RangeError at the string-length cap")
  void stringDoubling() {
    IsletException e = attack("string-doubling", Limits.none());
    GuestException g = assertInstanceOf(GuestException.class, e);
    assertTrue(g.getMessage().startsWith("RangeError"), g.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"huge-typed-array", "huge-typed-array-medium"})
  @DisplayName("a huge typed array is refused by the length cap as a guest RangeError, even one the heap could almost hold")
  void hugeTypedArray(String guest) {
    IsletException e = attack(guest, Limits.none());
    GuestException g = assertInstanceOf(GuestException.class, e);
    assertTrue(g.getMessage().startsWith("RangeError"), g.getMessage());
  }
}
