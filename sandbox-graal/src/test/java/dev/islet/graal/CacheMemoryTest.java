package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Request;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The instance cache weighed by measured memory")
class CacheMemoryTest extends RuntimeFixture {
  @Override
  protected IsletRuntime.Builder configure(IsletRuntime.Builder builder) {
    return builder.maxCachedMemory(16L << 20).maxCachedWorkers(50);
  }

  /** A worker that keeps 8 MiB alive at module scope, and counts its requests. */
  private static final String HEAVY = "const keep = new Float64Array(1024 * 1024).fill(1);\n"
      + "let hits = 0; export default { fetch() { return new Response(String(++hits) + ':' + keep.length) } }";
  private static final String LIGHT =
      "let hits = 0; export default { fetch() { return new Response(String(++hits)) } }";

  private int hits(Namespace ns, String worker) {
    String text = call(ns, worker, Request.get("https://a.example/")).body().text();
    return Integer.parseInt(text.split(":")[0]);
  }

  @Test
  @DisplayName("heavy workers push each other out of the budget; each still answers, reloaded")
  void heavyWorkersAreEvicted() {
    Namespace ns = freshNamespace();
    for (int i = 0; i < 4; i++) {
      ns.deploy(esm("heavy" + i, HEAVY));
      assertEquals(1, hits(ns, "heavy" + i));
    }
    // ~8 MiB each in a 16 MiB budget: one fits beside the rest; the first was closed.
    assertEquals(1, hits(ns, "heavy0"), "heavy0 was evicted by the memory bound and reloaded");
  }

  @Test
  @DisplayName("light workers all fit in the same budget (memory, not the count, is what is bounded)")
  void lightWorkersStay() {
    Namespace ns = freshNamespace();
    for (int i = 0; i < 20; i++) {
      ns.deploy(esm("light" + i, LIGHT));
      assertEquals(1, hits(ns, "light" + i));
    }
    for (int i = 0; i < 20; i++) {
      assertEquals(2, hits(ns, "light" + i), "light" + i + " kept its instance");
    }
  }

  @Test
  @DisplayName("maxCachedWorkers still bounds the count when a memory bound is set")
  void countStillBounded() {
    IsletRuntime small = IsletRuntime.newBuilder().maxCachedMemory(64L << 20).maxCachedWorkers(2).build();
    try {
      Namespace ns = small.namespace("count");
      for (int i = 0; i < 5; i++) {
        ns.deploy(esm("w" + i, LIGHT));
        assertEquals("1", await(ns.dispatcher().get("w" + i).fetch(Request.get("https://a.example/"))).body().text());
      }
      assertTrue(small.stats().cachedWorkers() <= 2, "cached: " + small.stats().cachedWorkers());
      for (int i = 0; i < 5; i++) { // evicted or not, every worker answers
        String text = await(ns.dispatcher().get("w" + i).fetch(Request.get("https://a.example/"))).body().text();
        assertTrue(text.equals("1") || text.equals("2"), "w" + i + ": " + text);
      }
      assertTrue(small.stats().cachedWorkers() <= 2, "cached: " + small.stats().cachedWorkers());
    } finally {
      small.close();
    }
  }

  @Test
  @DisplayName("a memory bound under 1 MiB is refused with a message naming the value")
  void tooSmall() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IsletRuntime.newBuilder().maxCachedMemory(1000));
    assertEquals("maxCachedMemory must be >= 1 MiB, was 1000", e.getMessage());
  }
}
