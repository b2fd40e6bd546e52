package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.InvocationEvent;
import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Concurrency")
class ConcurrencyTest extends RuntimeFixture {
  @Override
  protected IsletRuntime.Builder configure(IsletRuntime.Builder builder) {
    return builder.maxInstancesPerWorker(2);
  }

  // Each instance draws an id at top level; a request answers with it after a short wait.
  private static final String SLOW =
      "const instance = Math.random().toString(36).slice(2);\n"
          + "export default { fetch(req) {\n"
          + "  const ms = Number(new URLSearchParamsLite(req.url).get('ms') || '50');\n"
          + "  return new Promise(r => setTimeout(() => r(new Response(VERSION + ':' + instance)), ms));\n"
          + "} }\n"
          + "function URLSearchParamsLite(url) { const q = url.split('?')[1] || '';\n"
          + "  this.get = (k) => { for (const p of q.split('&')) { const [a, b] = p.split('='); if (a === k) return b; } return null; }; }\n";

  private static String version(String v) {
    return "const VERSION = '" + v + "';\n" + SLOW;
  }

  @Test
  @DisplayName("concurrent requests to one worker use several instances, never more than the bound")
  void boundedInstances() {
    Namespace ns = deploy(version("v1"));
    List<CompletableFuture<Response>> inFlight = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      inFlight.add(ns.dispatcher().get("w").fetch(Request.get("https://a.example/?ms=40")));
    }
    Set<String> instances = new HashSet<>();
    for (CompletableFuture<Response> f : inFlight) {
      instances.add(await(f).body().text());
    }
    assertEquals(2, instances.size(), instances.toString());
  }

  @Test
  @DisplayName("an update while requests are in flight: they finish on the old version, new ones see the new")
  void updateDuringRequests() {
    Namespace ns = deploy(version("v1"));
    List<CompletableFuture<Response>> old = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      old.add(ns.dispatcher().get("w").fetch(Request.get("https://a.example/?ms=150")));
    }
    ns.update(esm("w", version("v2")));
    Response fresh = get(ns, "https://a.example/?ms=1");
    assertTrue(fresh.body().text().startsWith("v2:"), "after update: " + fresh.body().text());
    for (CompletableFuture<Response> f : old) {
      assertTrue(await(f).body().text().startsWith("v1:"));
    }
    assertTrue(get(ns, "https://a.example/?ms=1").body().text().startsWith("v2:"));
  }

  @Test
  @DisplayName("cancelling the future cancels the guest; the next request succeeds")
  void cancel() {
    Namespace ns = deploy("export default { fetch(req) {\n"
        + "  if (req.url.endsWith('/spin')) { while (true) {} }\n"
        + "  return new Response('alive');\n"
        + "} }");
    CompletableFuture<Response> spinning = ns.dispatcher().get("w").fetch(Request.get("https://a.example/spin"));
    // Wait until the loop has surely started on the instance, then cancel.
    awaitNoEvent(50);
    assertTrue(spinning.cancel(true));
    InvocationEvent e = awaitEvent(ev -> ev.namespace().equals(ns.name()));
    assertEquals(Outcome.CANCELED, e.outcome());
    assertEquals("alive", get(ns, "https://a.example/").body().text());
  }

  @Test
  @DisplayName("many tenants answer correctly side by side")
  void manyTenants() {
    Namespace ns = freshNamespace();
    for (int i = 0; i < 20; i++) {
      ns.deploy(esm("t" + i, "let hits = 0; export default { fetch() { return new Response('t" + i + ":' + (++hits)) } }"));
    }
    List<CompletableFuture<Response>> all = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 20; i++) {
        all.add(ns.dispatcher().get("t" + i).fetch(Request.get("https://a.example/")));
      }
    }
    for (int i = 0; i < all.size(); i++) {
      String text = await(all.get(i)).body().text();
      assertTrue(text.startsWith("t" + (i % 20) + ":"), text);
    }
  }

  private void awaitNoEvent(long millis) {
    synchronized (events) {
      try {
        events.wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
