package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.islet.IsletException;
import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.WorkerScript;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Closing the runtime")
class RuntimeCloseTest {
  @Test
  @DisplayName("fails requests still in flight (spinning or waiting) and refuses new work")
  void closeFailsInFlightWork() {
    IsletRuntime runtime = IsletRuntime.newBuilder().build();
    Namespace ns = runtime.namespace("closing");
    ns.deploy(WorkerScript.newBuilder("waits").mainModule("w.js",
        "export default { fetch() { return new Promise(r => setTimeout(() => r(new Response('late')), 60000)) } }").build());
    ns.deploy(WorkerScript.newBuilder("spins").mainModule("w.js",
        "export default { fetch() { while (true) {} } }").build());
    CompletableFuture<Response> waiting = ns.dispatcher().get("waits").fetch(Request.get("https://a.example/"));
    CompletableFuture<Response> spinning = ns.dispatcher().get("spins").fetch(Request.get("https://a.example/"));

    runtime.close();

    for (CompletableFuture<Response> f : List.of(waiting, spinning)) {
      IsletException e = assertInstanceOf(IsletException.class, RuntimeFixture.failure(f));
      assertEquals(Outcome.REJECTED, e.outcome());
    }
    IsletException refused = assertThrows(IsletException.class, () -> runtime.namespace("other"));
    assertEquals(Outcome.REJECTED, refused.outcome());
    IsletException afterClose = assertInstanceOf(IsletException.class,
        RuntimeFixture.failure(ns.dispatcher().get("waits").fetch(Request.get("https://a.example/"))));
    assertEquals(Outcome.REJECTED, afterClose.outcome());
    runtime.close(); // idempotent
  }
}
