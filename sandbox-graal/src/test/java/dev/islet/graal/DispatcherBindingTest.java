package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Binding;
import dev.islet.EgressInterceptor;
import dev.islet.InvocationEvent;
import dev.islet.Namespace;
import dev.islet.NamespaceOptions;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.WorkerScript;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DISPATCHER binding: a dispatch worker written in JavaScript")
class DispatcherBindingTest extends RuntimeFixture {
  /** Routes by hostname (customer.example.com) or by path (api.example.com/customer/...), per-plan limits. */
  private static final String DISPATCH_WORKER = "const PLANS = {\n"
      + "  free: { cpuMs: 50, subRequests: 0 },\n"
      + "  pro: { cpuMs: 2000, subRequests: 5 },\n"
      + "};\n"
      + "export default {\n"
      + "  async fetch(request, env) {\n"
      + "    const host = request.url.split('/')[2];\n"
      + "    const sub = host.split('.')[0];\n"
      + "    const name = sub === 'api' ? request.url.split('/')[3] : sub;\n"
      + "    const plan = name.endsWith('-pro') ? 'pro' : 'free';\n"
      + "    try {\n"
      + "      const worker = env.DISPATCHER.get(name, {}, { limits: PLANS[plan], outbound: { customer: name, plan } });\n"
      + "      return await worker.fetch(request);\n"
      + "    } catch (e) {\n"
      + "      if (e.message.startsWith('Worker not found')) return new Response('no such customer', { status: 404 });\n"
      + "      return new Response(e.message, { status: 500 });\n"
      + "    }\n"
      + "  }\n"
      + "};\n";

  private Namespace platform;
  private Namespace customers;

  @BeforeAll
  void deploy() {
    EgressInterceptor echoParams = (out, next) -> CompletableFuture.completedFuture(
        Response.ok("upstream saw " + out.worker() + " " + out.outbound()));
    customers = runtime.namespace("customers-" + System.nanoTime(), NamespaceOptions.newBuilder().egress(echoParams).build());
    customers.deploy(esm("acme", "export default { fetch(req) { return new Response('acme says ' + req.method + ' ' + req.url) } }"));
    customers.deploy(esm("bob-pro", "export default { async fetch(req) { return new Response('bob-pro got ' + req.url + ' ' + await req.text()) } }"));
    customers.deploy(esm("hog", "export default { fetch() { for (;;) {} } }"));
    customers.deploy(esm("caller-pro", "export default { async fetch() { const r = await fetch('https://upstream.example/'); return new Response(await r.text()) } }"));
    customers.deploy(esm("caller", "export default { async fetch() { const r = await fetch('https://upstream.example/'); return new Response(await r.text()) } }"));
    platform = freshNamespace();
    platform.deploy(WorkerScript.newBuilder("dispatcher").mainModule("dispatch.js", DISPATCH_WORKER)
        .binding("DISPATCHER", Binding.dispatchNamespace(customers.name())).build());
  }

  private Response send(Request request) {
    return call(platform, "dispatcher", request);
  }

  @Test
  @DisplayName("routes by hostname and by path to user workers")
  void routing() {
    assertEquals("acme says GET https://acme.example.com/x?y=1", send(Request.get("https://acme.example.com/x?y=1")).body().text());
    Response r = send(Request.newBuilder("https://api.example.com/bob-pro/orders").method("POST").body("payload").build());
    assertEquals("bob-pro got https://api.example.com/bob-pro/orders payload", r.body().text());
  }

  @Test
  @DisplayName("unknown names are 'Worker not found'")
  void unknown() {
    Response r = send(Request.get("https://nobody.example.com/"));
    assertEquals(404, r.status());
    assertEquals("no such customer", r.body().text());
  }

  @Test
  @DisplayName("per-plan limits are enforced on the user worker; the dispatcher gets the error and answers")
  void planLimits() {
    Response r = send(Request.get("https://hog.example.com/"));
    assertEquals(500, r.status());
    assertTrue(r.body().text().contains("CPU time limit exceeded (50 ms)"), r.body().text());
    InvocationEvent hog = awaitEvent(e -> e.namespace().equals(customers.name()) && e.script().equals("hog"));
    assertEquals(Outcome.EXCEEDED_CPU, hog.outcome());
    Response free = send(Request.get("https://caller.example.com/"));
    assertEquals(500, free.status());
    assertTrue(free.body().text().contains("Too many subrequests (limit 0)"), free.body().text());
    assertEquals("acme says GET https://acme.example.com/", send(Request.get("https://acme.example.com/")).body().text(),
        "the platform keeps serving");
  }

  @Test
  @DisplayName("outbound parameters reach the namespace's egress interceptor")
  void outboundParameters() {
    assertEquals("upstream saw caller-pro {customer=caller-pro, plan=pro}",
        send(Request.get("https://caller-pro.example.com/")).body().text());
  }

  @Test
  @DisplayName("bad options are a TypeError in the dispatch worker")
  void badOptions() {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("d").mainModule("d.js", "export default { async fetch(req, env) {\n"
            + "  const out = [];\n"
            + "  for (const o of [{ limits: { cpuMs: -1 } }, { outbound: 5 }, { limits: 'x' }, 7]) {\n"
            + "    try { await env.DISPATCHER.get('acme', {}, o).fetch('https://a/'); out.push('ok'); } catch (e) { out.push(e.name + ': ' + e.message); }\n"
            + "  }\n"
            + "  return new Response(out.join('\\n'));\n"
            + "} }")
        .binding("DISPATCHER", Binding.dispatchNamespace(customers.name())).build());
    assertEquals("TypeError: DISPATCHER.get(): limits.cpuMs must be a positive number, was -1.0\n"
        + "TypeError: DISPATCHER.get(): outbound must be an object\n"
        + "TypeError: DISPATCHER.get(): limits must be an object\n"
        + "TypeError: DISPATCHER.get(): options must be an object", call(ns, "d", Request.get("https://d/")).body().text());
    assertThrows(IllegalArgumentException.class, () -> Binding.dispatchNamespace("bad name"));
  }
}
