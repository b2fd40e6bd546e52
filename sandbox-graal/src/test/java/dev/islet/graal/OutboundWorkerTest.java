package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.islet.Binding;
import dev.islet.DispatchOptions;
import dev.islet.InvocationEvent;
import dev.islet.Limits;
import dev.islet.Namespace;
import dev.islet.NamespaceOptions;
import dev.islet.Network;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.WorkerScript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Outbound worker: a JS worker that sees every tenant fetch, with the dispatch's parameters")
class OutboundWorkerTest extends OriginFixture {
  private Namespace platform;
  private Namespace tenants;

  @BeforeAll
  void setUp() {
    String suffix = Long.toString(System.nanoTime());
    // The platform's namespace: the outbound worker reaches the origin on 127.0.0.1.
    platform = runtime.namespace("platform-" + suffix, NamespaceOptions.newBuilder().trusted(true)
        .network(Network.newBuilder().allowHosts("127.0.0.1").allowPrivateAddresses(true).build()).build());
    platform.deploy(WorkerScript.newBuilder("outbound").mainModule("outbound.js",
            "export default { async fetch(request, env) {\n"
                + "  const host = request.url.split('/')[2];\n"
                + "  if (host === 'boom.example') throw new Error('platform secret detail');\n"
                + "  if (host.startsWith('blocked.')) return new Response('blocked for ' + env.customer_id, { status: 403 });\n"
                + "  if (host === 'upstream.example') {\n"
                + "    const target = env.ORIGIN + '/echo';\n"
                + "    return fetch(target, { headers: { 'x-customer': env.customer_id, 'x-plan': env.plan, 'x-origin-secret': env.ORIGIN_KEY } });\n"
                + "  }\n"
                + "  return fetch(request);\n"
                + "} }")
        .binding("ORIGIN", Binding.text(origin.base()))
        .binding("ORIGIN_KEY", Binding.secret("k-123"))
        .binding("plan", Binding.text("from-binding"))
        .build());
    // The tenants' namespace: no network of its own, every fetch goes to the outbound worker.
    tenants = runtime.namespace("tenants-" + suffix,
        NamespaceOptions.newBuilder().outboundWorker(platform.name(), "outbound").build());
    tenants.deploy(esm("t", "export default { async fetch(req) {\n"
        + "  const target = req.headers.get('x-target');\n"
        + "  try { const r = await fetch(target); return new Response(r.status + ' ' + await r.text()); }\n"
        + "  catch (e) { return new Response(e.name + ': ' + e.message, { status: 599 }); }\n"
        + "} }"));
  }

  private String send(String target, DispatchOptions options) {
    return await(tenants.dispatcher().get("t", options)
        .fetch(Request.newBuilder("https://t.example/").header("x-target", target).build())).body().text();
  }

  @Test
  @DisplayName("the outbound worker blocks, injects headers from the dispatch's parameters, and passes on; its bindings win over parameters")
  void interceptsWithParameters() {
    DispatchOptions customer = DispatchOptions.newBuilder().outbound("customer_id", "c-42").outbound("plan", "pro").build();
    assertEquals("403 blocked for c-42", send("https://blocked.example/x", customer));
    assertEquals("200 GET\nx-customer: c-42\nx-origin-secret: k-123\nx-plan: from-binding\n",
        send("https://upstream.example/", customer));
    assertEquals("200 hello from origin", send(origin.base() + "/hello", customer),
        "the outbound worker's own fetch reaches its namespace's network, not itself");
  }

  @Test
  @DisplayName("calls count as the tenant's subrequests; an outbound worker that fails is an opaque TypeError")
  void limitsAndFailures() {
    assertEquals("TypeError: fetch failed: the outbound worker failed", send("https://boom.example/", DispatchOptions.defaults()),
        "the platform's error text stays with the platform");
    dev.islet.LimitExceededException e = org.junit.jupiter.api.Assertions.assertInstanceOf(dev.islet.LimitExceededException.class,
        failure(tenants.dispatcher().get("t", DispatchOptions.limits(Limits.subRequests(0)))
            .fetch(Request.newBuilder("https://t.example/").header("x-target", "https://blocked.example/").build())));
    assertEquals(Limits.Kind.SUBREQUESTS, e.limit());
    InvocationEvent failed = awaitEvent(ev -> ev.namespace().equals(platform.name()) && ev.outcome() == Outcome.EXCEPTION);
    assertEquals("outbound", failed.script());
    assertEquals("Error: platform secret detail", failed.error().orElseThrow().getMessage(), "the host gets the cause");
  }

  @Test
  @DisplayName("an outbound worker that is not deployed: tenant fetches fail with a TypeError")
  void missingWorker() {
    Namespace ns = runtime.namespace("orphans-" + System.nanoTime(),
        NamespaceOptions.newBuilder().outboundWorker(platform.name(), "nobody").build());
    ns.deploy(esm("t", "export default { async fetch() { try { await fetch('https://x.example/'); return new Response('no') }"
        + " catch (e) { return new Response(e.name + ': ' + e.message) } } }"));
    assertEquals("TypeError: fetch failed: the outbound worker is not available", call(ns, "t", Request.get("https://t/")).body().text());
  }
}
