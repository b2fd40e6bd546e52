package dev.islet.graal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@DisplayName("The spare-context pool")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpareContextPoolTest {
  private Engine engine;
  private IsolateFactory factory;

  @BeforeAll
  void start() {
    engine = Engine.newBuilder("js", "wasm").option("engine.WarnInterpreterOnly", "false")
        .out(OutputStream.nullOutputStream()).err(OutputStream.nullOutputStream()).build();
    factory = new IsolateFactory(engine);
  }

  @AfterAll
  void stop() {
    engine.close(true);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      synchronized (condition) {
        condition.wait(5);
      }
    }
  }

  @Test
  @DisplayName("fills to its target in the background, hands each spare out once, and refills")
  void fillsHandsOutOnceAndRefills() throws InterruptedException {
    try (SpareContextPool pool = new SpareContextPool(factory, 2)) {
      await(() -> pool.ready(false) == 2, "two untrusted spares");
      assertEquals(0, pool.ready(true), "the trusted pool fills only on demand");
      Isolate a = pool.take(false);
      Isolate b = pool.take(false);
      assertNotSame(a, b);
      // Each spare has the prelude but no tenant: its file system serves nothing yet, once.
      assertEquals("function", a.context.eval("js", "typeof Response").asString());
      a.fileSystem.mount(java.util.Map.of("/x.js", new byte[0]));
      assertThrows(IllegalStateException.class, () -> a.fileSystem.mount(java.util.Map.of()));
      await(() -> pool.ready(false) == 2, "a refill after takes");
      a.close();
      b.close();
    }
  }

  @Test
  @DisplayName("makes a context on the spot when none is ready, and trusted spares allow eval")
  void takesWhenEmptyAndSeparatesTrust() throws InterruptedException {
    try (SpareContextPool pool = new SpareContextPool(factory, 1)) {
      Isolate trusted = pool.take(true); // nothing ready: made now
      assertEquals(2, trusted.context.eval("js", "eval('1 + 1')").asInt());
      await(() -> pool.ready(true) == 1, "a trusted spare after the first trusted take");
      Isolate untrusted = pool.take(false);
      assertTrue(untrusted.context.eval("js", "try { eval('1'); 'allowed' } catch (e) { e.name }").asString().equals("EvalError"));
      trusted.close();
      untrusted.close();
    }
  }
}
