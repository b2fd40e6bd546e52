package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.InvocationEvent;
import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Request;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The instance cache")
class EvictionTest extends RuntimeFixture {
  @Override
  protected IsletRuntime.Builder configure(IsletRuntime.Builder builder) {
    return builder.instanceIdleTimeout(Duration.ofMillis(300)).maxCachedWorkers(2);
  }

  private static final String COUNTER =
      "let hits = 0; export default { fetch() { return new Response(String(++hits)) } }";

  @Test
  @DisplayName("closes a worker's instances after the idle timeout; the next request cold-starts a new one")
  void idleEviction() throws InterruptedException {
    Namespace ns = deploy(COUNTER);
    assertEquals("1", get(ns, "https://a.example/").body().text());
    InvocationEvent warm = awaitEvent(e -> e.namespace().equals(ns.name()));
    assertFalse(warm.coldStart(), "the instance deploy validated serves the first request");
    // Idle for well past the timeout; the cache's scheduler closes the instance.
    String text = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (this) {
        wait(400);
      }
      text = get(ns, "https://a.example/").body().text();
      if (text.equals("1")) {
        break;
      }
    }
    assertEquals("1", text, "a fresh instance counts from 1 again");
    assertTrue(events.stream().anyMatch(e -> e.namespace().equals(ns.name()) && e.coldStart()));
  }

  @Test
  @DisplayName("keeps at most maxCachedWorkers worker versions loaded; evicted ones reload on demand")
  void sizeEviction() {
    Namespace ns = freshNamespace();
    for (int i = 0; i < 5; i++) {
      ns.deploy(esm("w" + i, COUNTER));
    }
    // Every worker still answers, whatever was evicted.
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 5; i++) {
        String text = call(ns, "w" + i, Request.get("https://a.example/")).body().text();
        assertTrue(Integer.parseInt(text) >= 1);
      }
    }
    assertTrue(events.stream().anyMatch(e -> e.namespace().equals(ns.name()) && e.coldStart()),
        "with 5 workers and room for 2, some requests had to reload an evicted worker");
  }
}
