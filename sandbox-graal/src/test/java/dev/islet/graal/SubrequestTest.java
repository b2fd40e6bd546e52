package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Binding;
import dev.islet.DispatchOptions;
import dev.islet.GuestException;
import dev.islet.InvocationEvent;
import dev.islet.LimitExceededException;
import dev.islet.Limits;
import dev.islet.Namespace;
import dev.islet.NamespaceOptions;
import dev.islet.Network;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.WorkerScript;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Subrequests: counted and limited; service bindings")
class SubrequestTest extends OriginFixture {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  /** Makes {@code n} subrequests one after another (each refused: no network), then answers. */
  private static final String SEQUENTIAL = "export default { async fetch(req) {\n"
      + "  const n = Number(req.headers.get('x-n') || '0'); let refused = 0;\n"
      + "  for (let i = 0; i < n; i++) { try { await fetch('https://x.example/' + i); } catch (e) { refused++; } }\n"
      + "  return new Response('made ' + n + ', refused ' + refused);\n"
      + "} }";


  private Namespace namespace(NamespaceOptions options) {
    return runtime.namespace("sub-" + NAMESPACES.incrementAndGet(), options);
  }

  private static Request withN(int n) {
    return Request.newBuilder("https://w.example/").header("x-n", Integer.toString(n)).build();
  }

  private LimitExceededException exceeded(CompletableFuture<Response> f) {
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(f));
    assertEquals(Limits.Kind.SUBREQUESTS, e.limit());
    assertEquals(Outcome.EXCEEDED_SUBREQUESTS, e.outcome());
    return e;
  }

  @Test
  @DisplayName("the request past the limit ends the invocation with the typed error; the next one and a neighbour work")
  void limitEndsInvocation() {
    Namespace ns = namespace(NamespaceOptions.defaults());
    ns.deploy(esm("w", SEQUENTIAL));
    ns.deploy(esm("neighbour", "export default { fetch() { return new Response('fine') } }"));
    DispatchOptions three = DispatchOptions.limits(Limits.subRequests(3));
    assertEquals("made 3, refused 3", await(ns.dispatcher().get("w", three).fetch(withN(3))).body().text());
    LimitExceededException e = exceeded(ns.dispatcher().get("w", three).fetch(withN(4)));
    assertEquals("Too many subrequests (limit 3)", e.getMessage());
    InvocationEvent event = awaitEvent(ev -> ev.namespace().equals(ns.name())
        && ev.outcome() == Outcome.EXCEEDED_SUBREQUESTS);
    assertTrue(event.error().isPresent());
    assertEquals("fine", call(ns, "neighbour", Request.get("https://n.example/")).body().text());
    assertEquals("made 2, refused 2", await(ns.dispatcher().get("w", three).fetch(withN(2))).body().text(),
        "the next request gets a healthy instance");
  }

  @Test
  @DisplayName("the lowest of namespace, script and dispatch limits wins")
  void lowestWins() {
    Namespace ns = namespace(NamespaceOptions.newBuilder().limits(Limits.subRequests(5)).build());
    ns.deploy(WorkerScript.newBuilder("w").mainModule("worker.js", SEQUENTIAL).limits(Limits.subRequests(4)).build());
    exceeded(ns.dispatcher().get("w").fetch(withN(5)));
    assertEquals("made 4, refused 4", await(ns.dispatcher().get("w").fetch(withN(4))).body().text());
    exceeded(ns.dispatcher().get("w", DispatchOptions.limits(Limits.subRequests(2))).fetch(withN(3)));
    assertEquals("made 4, refused 4", await(ns.dispatcher().get("w", DispatchOptions.limits(Limits.subRequests(10)))
        .fetch(withN(4))).body().text(), "a dispatch cannot loosen the script's limit");
    exceeded(ns.dispatcher().get("w", DispatchOptions.limits(Limits.subRequests(0))).fetch(withN(1)));
  }

  @Test
  @DisplayName("a subrequest flood is ended by the runtime's default limit (1000); a neighbour keeps answering")
  void floodStoppedByDefaultLimit() {
    Namespace ns = namespace(NamespaceOptions.defaults());
    ns.deploy(esm("hostile", HostileCorpus.load("subrequest-flood")));
    ns.deploy(esm("neighbour", "let n = 0; export default { fetch() { return new Response('fine ' + (++n)) } }"));
    CompletableFuture<Response> attack = ns.dispatcher().get("hostile").fetch(Request.get("https://h.example/attack"));
    for (int i = 1; i <= 3; i++) {
      assertEquals("fine " + i, call(ns, "neighbour", Request.get("https://n.example/")).body().text());
    }
    assertEquals("Too many subrequests (limit 1000)", exceeded(attack).getMessage());
    assertEquals("ok", call(ns, "hostile", Request.get("https://h.example/")).body().text());
  }

  @Test
  @DisplayName("each hop of a followed redirect counts as a subrequest")
  void redirectHopsCount() {
    Namespace ns = namespace(NamespaceOptions.newBuilder()
        .network(Network.newBuilder().allowHosts("127.0.0.1").allowPrivateAddresses(true).build()).build());
    ns.deploy(esm("w", "export default { async fetch(req) {\n"
        + "  const r = await fetch(req.headers.get('x-target')); return new Response(r.status + ' ' + r.redirected);\n"
        + "} }"));
    Request threeHops = Request.newBuilder("https://w.example/").header("x-target", origin.base() + "/redirect/1").build();
    assertEquals("200 true", await(ns.dispatcher().get("w", DispatchOptions.limits(Limits.subRequests(3)))
        .fetch(threeHops)).body().text());
    exceeded(ns.dispatcher().get("w", DispatchOptions.limits(Limits.subRequests(2))).fetch(threeHops));
  }

  @Test
  @DisplayName("service bindings: a chain A -> B -> C in-process, each call counted as a subrequest of its caller")
  void serviceChain() {
    Namespace ns = namespace(NamespaceOptions.defaults());
    ns.deploy(esm("c", "export default { async fetch(req) { return new Response('c saw ' + req.method + ' ' + req.url + ' ' + await req.text()) } }"));
    ns.deploy(WorkerScript.newBuilder("b").mainModule("worker.js",
        "export default { async fetch(req, env) { const r = await env.C.fetch(req); return new Response('b>' + await r.text(), { status: r.status }) } }")
        .binding("C", Binding.service("c")).build());
    ns.deploy(WorkerScript.newBuilder("a").mainModule("worker.js",
        "export default { async fetch(req, env) {\n"
            + "  const n = Number(req.headers.get('x-n') || '1'); let last;\n"
            + "  for (let i = 0; i < n; i++) last = await env.B.fetch('https://b.internal/path', { method: 'POST', body: 'hi' + i });\n"
            + "  return new Response('a>' + await last.text());\n"
            + "} }")
        .binding("B", Binding.service("b")).build());
    assertEquals("a>b>c saw POST https://b.internal/path hi0",
        await(ns.dispatcher().get("a").fetch(Request.get("https://a.example/"))).body().text());
    exceeded(ns.dispatcher().get("a", DispatchOptions.limits(Limits.subRequests(2)))
        .fetch(Request.newBuilder("https://a.example/").header("x-n", "3").build()));
    assertEquals("a>b>c saw POST https://b.internal/path hi1", await(ns.dispatcher().get("a",
        DispatchOptions.limits(Limits.subRequests(2))).fetch(Request.newBuilder("https://a.example/")
        .header("x-n", "2").build())).body().text());
  }

  @Test
  @DisplayName("a worker calling itself through a service binding is stopped by the depth bound, without deadlock")
  void serviceLoop() {
    Namespace ns = namespace(NamespaceOptions.defaults());
    ns.deploy(WorkerScript.newBuilder("self").mainModule("worker.js", HostileCorpus.load("service-binding-recursion"))
        .binding("SELF", Binding.service("self")).build());
    ns.deploy(esm("neighbour", "export default { fetch() { return new Response('fine') } }"));
    CompletableFuture<Response> attack = ns.dispatcher().get("self").fetch(Request.get("https://self.example/attack"));
    assertEquals("fine", call(ns, "neighbour", Request.get("https://n.example/")).body().text());
    GuestException e = assertInstanceOf(GuestException.class, failure(attack));
    assertTrue(e.getMessage().startsWith("Error: Subrequest depth limit exceeded"), e.getMessage());
    assertEquals("ok", call(ns, "self", Request.get("https://self.example/")).body().text());
  }

  @Test
  @DisplayName("a service binding to a worker that does not exist throws 'Worker not found.'; connect() is refused")
  void serviceTargetMissing() {
    Namespace ns = namespace(NamespaceOptions.defaults());
    ns.deploy(WorkerScript.newBuilder("w").mainModule("worker.js",
        "export default { async fetch(req, env) {\n"
            + "  let c; try { env.GHOST.connect('x:1'); c = 'connected'; } catch (e) { c = e.message; }\n"
            + "  try { const r = await env.GHOST.fetch('https://ghost/'); return new Response('got ' + await r.text()); }\n"
            + "  catch (e) { return new Response(e.name + ': ' + e.message + ' | ' + c); }\n"
            + "} }")
        .binding("GHOST", Binding.service("ghost")).build());
    assertEquals("Error: Worker not found. | connect() is not supported: workers have no raw sockets",
        get(ns, "https://w.example/").body().text());
    ns.deploy(esm("ghost", "export default { fetch() { return new Response('boo') } }"));
    assertEquals("got boo", get(ns, "https://w.example/").body().text(), "resolved on each call");
  }

  @Test
  @DisplayName("when a caller ends, its pending service-binding call is cancelled")
  void calleeCancelledWithCaller() {
    Namespace ns = namespace(NamespaceOptions.defaults());
    ns.deploy(esm("slow", "export default { async fetch() { await new Promise(r => setTimeout(r, 10000)); return new Response('late') } }"));
    ns.deploy(WorkerScript.newBuilder("w").mainModule("worker.js",
        "export default { async fetch(req, env) { const r = await env.SLOW.fetch('https://slow/'); return r } }")
        .binding("SLOW", Binding.service("slow")).build());
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(ns.dispatcher().get("w",
        DispatchOptions.limits(Limits.wallTime(Duration.ofMillis(200)))).fetch(Request.get("https://w.example/"))));
    assertEquals(Limits.Kind.WALL_TIME, e.limit());
    InvocationEvent callee = awaitEvent(ev -> ev.namespace().equals(ns.name()) && ev.script().equals("slow"));
    assertEquals(Outcome.CANCELED, callee.outcome());
    assertTrue(callee.wallTime().toMillis() < 5000, callee.wallTime().toString());
  }
}
