package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Binding;
import dev.islet.GuestException;
import dev.islet.InvocationEvent;
import dev.islet.Module;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.WorkerNotFoundException;
import dev.islet.WorkerScript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Dispatching a request")
class DispatchTest extends RuntimeFixture {

  @Test
  @DisplayName("hands the guest method, URL, headers and body, and returns status, headers and body")
  void requestAndResponseCrossTheBoundary() {
    Namespace ns = deploy(
        "export default { async fetch(req) {\n"
            + "  const body = await req.text();\n"
            + "  const h = new Headers({ 'x-echo': req.headers.get('x-in') });\n"
            + "  h.append('set-cookie', 'a=1'); h.append('set-cookie', 'b=2');\n"
            + "  return new Response(req.method + ' ' + req.url + ' ' + body, { status: 201, statusText: 'Made', headers: h });\n"
            + "} }");
    Response r = call(ns, "w", Request.newBuilder("https://acme.example/path?q=1")
        .method("post").header("X-In", "hello").body("payload").build());
    assertEquals(201, r.status());
    assertEquals("Made", r.statusText());
    assertEquals("POST https://acme.example/path?q=1 payload", r.body().text());
    assertEquals("hello", r.headers().get("X-Echo").orElseThrow());
    assertEquals(List.of("a=1", "b=2"), r.headers().getSetCookie());
    assertEquals("text/plain;charset=UTF-8", r.headers().get("content-type").orElseThrow());
  }

  @Test
  @DisplayName("carries binary bodies both ways unchanged")
  void binaryBodies() {
    Namespace ns = deploy("export default { async fetch(req) {\n"
        + "  const b = new Uint8Array(await req.arrayBuffer());\n"
        + "  return new Response(b.map(x => 255 - x));\n"
        + "} }");
    byte[] in = new byte[256];
    for (int i = 0; i < in.length; i++) {
      in[i] = (byte) i;
    }
    byte[] out = call(ns, "w", Request.newBuilder("https://a.example/").method("PUT").body(in).build()).body().bytes();
    assertEquals(256, out.length);
    for (int i = 0; i < out.length; i++) {
      assertEquals((byte) (255 - i), out[i]);
    }
  }

  @Test
  @DisplayName("supports Response.json, Response.redirect and async handlers")
  void responseHelpers() {
    Namespace ns = deploy("export default { async fetch(req) {\n"
        + "  await null;\n"
        + "  if (req.url.endsWith('/go')) return Response.redirect('https://elsewhere.example/', 307);\n"
        + "  return Response.json({ ok: true, n: 3 });\n"
        + "} }");
    Response json = get(ns, "https://a.example/");
    assertEquals("{\"ok\":true,\"n\":3}", json.body().text());
    assertEquals("application/json", json.headers().get("content-type").orElseThrow());
    Response redirect = get(ns, "https://a.example/go");
    assertEquals(307, redirect.status());
    assertEquals("https://elsewhere.example/", redirect.headers().get("location").orElseThrow());
  }

  @Test
  @DisplayName("runs service-worker syntax with bindings as globals")
  void serviceWorker() {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("sw")
        .serviceWorker("sw.js", "addEventListener('fetch', event => {\n"
            + "  event.respondWith(new Response('sw ' + GREETING + ' ' + event.request.url));\n"
            + "});")
        .binding("GREETING", Binding.text("hi"))
        .build());
    assertEquals("sw hi https://a.example/x", call(ns, "sw", Request.get("https://a.example/x")).body().text());
  }

  @Test
  @DisplayName("gives env text, JSON and secret bindings, and imports text, JSON, data and ES modules")
  void envAndModules() {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("w")
        .mainModule("worker.js", "import { shout } from './lib/shout.js';\n"
            + "import tpl from './tpl.txt'; import cfg from './cfg.json'; import bin from './blob.bin';\n"
            + "export default { fetch(req, env) {\n"
            + "  return new Response([shout(env.NAME), env.CONFIG.plan, env.KEY, tpl, cfg.list.join('+'),\n"
            + "    new Uint8Array(bin).join('.'), typeof env.NOPE].join('|'));\n"
            + "} }")
        .module(Module.esModule("lib/shout.js", "export const shout = (s) => s.toUpperCase() + '!';"))
        .module(Module.text("tpl.txt", "line \"1\"\nline 2 ✓"))
        .module(Module.json("cfg.json", "{\"list\": [1, 2, 3], \"__proto__\": {\"x\": 1}}"))
        .module(Module.data("blob.bin", new byte[] {0, 1, (byte) 255}))
        .binding("NAME", Binding.text("acme"))
        .binding("CONFIG", Binding.json("{\"plan\": \"pro\"}"))
        .binding("KEY", Binding.secret("s3cr3t"))
        .build());
    assertEquals("ACME!|pro|s3cr3t|line \"1\"\nline 2 ✓|1+2+3|0.1.255|undefined",
        get(ns, "https://a.example/").body().text());
  }

  @Test
  @DisplayName("an unknown worker completes with WorkerNotFoundException")
  void unknownWorker() {
    Namespace ns = freshNamespace();
    Throwable t = failure(ns.dispatcher().get("ghost").fetch(Request.get("https://a.example/")));
    assertEquals("Worker not found: ghost", assertInstanceOf(WorkerNotFoundException.class, t).getMessage());
  }

  @Test
  @DisplayName("a handler that throws completes with GuestException carrying the guest stack")
  void handlerThrows() {
    Namespace ns = deploy("export default { fetch() {\n  throw new RangeError('bad range');\n} }");
    GuestException e = assertInstanceOf(GuestException.class, failure(ns.dispatcher().get("w").fetch(Request.get("https://a.example/"))));
    assertEquals("RangeError: bad range", e.getMessage());
    assertEquals(Outcome.EXCEPTION, e.outcome());
    assertTrue(e.guestStack().contains("worker.js:2"), e.guestStack());
    // The instance is still good.
    Namespace ok = deploy("export default { fetch() { return new Response('fine') } }");
    assertEquals("fine", get(ok, "https://a.example/").body().text());
  }

  @Test
  @DisplayName("a handler that rejects, or throws a non-Error, completes with GuestException")
  void handlerRejects() {
    Namespace ns = deploy("export default { async fetch(req) {\n"
        + "  if (req.url.endsWith('/str')) throw 'just a string';\n"
        + "  await null; throw new Error('async boom');\n"
        + "} }");
    assertEquals("Error: async boom", failure(ns.dispatcher().get("w").fetch(Request.get("https://a.example/"))).getMessage());
    assertEquals("Uncaught \"just a string\"", failure(ns.dispatcher().get("w").fetch(Request.get("https://a.example/str"))).getMessage());
  }

  @Test
  @DisplayName("a handler that returns something that is not a Response completes with GuestException")
  void wrongReturnType() {
    Namespace ns = deploy("export default { fetch(req) {\n"
        + "  if (req.url.endsWith('/fake')) return { status: 200, body: 'looks like one' };\n"
        + "  return 'hello';\n"
        + "} }");
    for (String url : new String[] {"https://a.example/", "https://a.example/fake"}) {
      GuestException e = assertInstanceOf(GuestException.class, failure(ns.dispatcher().get("w").fetch(Request.get(url))));
      assertTrue(e.getMessage().startsWith("TypeError"), e.getMessage());
    }
  }

  @Test
  @DisplayName("a handler whose promise can never settle fails instead of hanging")
  void neverSettles() {
    Namespace ns = deploy("export default { fetch() { return new Promise(() => {}); } }");
    GuestException e = assertInstanceOf(GuestException.class, failure(ns.dispatcher().get("w").fetch(Request.get("https://a.example/"))));
    assertTrue(e.getMessage().contains("will never generate a response"), e.getMessage());
  }

  @Test
  @DisplayName("timers and microtasks run on the instance's event loop, in order")
  void timersAndMicrotasks() {
    Namespace ns = deploy("export default { fetch() {\n"
        + "  const order = [];\n"
        + "  return new Promise((resolve) => {\n"
        + "    setTimeout(() => { order.push('timeout 20'); resolve(new Response(order.join(','))); }, 20);\n"
        + "    setTimeout(() => order.push('timeout 0'), 0);\n"
        + "    const cancelled = setTimeout(() => order.push('cancelled'), 5); clearTimeout(cancelled);\n"
        + "    let n = 0; const iv = setInterval(() => { order.push('tick'); if (++n === 2) clearInterval(iv); }, 1);\n"
        + "    queueMicrotask(() => order.push('microtask'));\n"
        + "    Promise.resolve().then(() => order.push('promise'));\n"
        + "    order.push('sync');\n"
        + "  });\n"
        + "} }");
    String order = get(ns, "https://a.example/").body().text();
    assertTrue(order.startsWith("sync,microtask,promise,timeout 0,"), order);
    assertTrue(order.endsWith("timeout 20"), order);
    assertEquals(2, order.split("tick", -1).length - 1, order);
    assertFalse(order.contains("cancelled"), order);
  }

  @Test
  @DisplayName("timers still pending when an invocation ends are cancelled: they never fire in a later one")
  void pendingTimersDieWithTheirInvocation() {
    Namespace ns = deploy("let fired = 0;\n"
        + "export default { fetch(req) {\n"
        + "  if (req.url.endsWith('/arm')) { setTimeout(() => fired++, 50); setInterval(() => fired++, 10); return new Response('armed'); }\n"
        + "  if (req.url.endsWith('/wait')) return new Promise(r => setTimeout(() => r(new Response('fired ' + fired)), 200));\n"
        + "  return new Response('fired ' + fired);\n"
        + "} }");
    assertEquals("armed", get(ns, "https://a.example/arm").body().text());
    assertEquals("fired 0", get(ns, "https://a.example/wait").body().text());
    assertEquals("fired 0", get(ns, "https://a.example/").body().text());
  }

  @Test
  @DisplayName("ctx.waitUntil keeps the invocation alive after the response; its logs reach the listener")
  void waitUntil() {
    Namespace ns = deploy("export default { fetch(req, env, ctx) {\n"
        + "  ctx.waitUntil(new Promise(r => setTimeout(() => { console.log('after', 'response'); r(); }, 30)));\n"
        + "  ctx.passThroughOnException();\n"
        + "  console.info('before', { a: [1, 2] });\n"
        + "  return new Response('early');\n"
        + "} }");
    assertEquals("early", get(ns, "https://a.example/").body().text());
    InvocationEvent e = awaitEvent(ev -> ev.namespace().equals(ns.name()));
    assertEquals(Outcome.OK, e.outcome());
    assertEquals(200, e.status());
    assertEquals(2, e.logs().size(), e.logs().toString());
    assertEquals("before { a: [ 1, 2 ] }", e.logs().get(0).message());
    assertEquals("info", e.logs().get(0).level());
    assertEquals("after response", e.logs().get(1).message());
    assertTrue(e.wallTime().toMillis() >= 25, "event comes after waitUntil: " + e.wallTime());
  }

  @Test
  @DisplayName("an error in waitUntil or a timer is reported to the listener, not to the caller")
  void backgroundErrorsReported() {
    Namespace ns = deploy("export default { fetch(req, env, ctx) {\n"
        + "  ctx.waitUntil(Promise.reject(new Error('late failure')));\n"
        + "  return new Response('ok');\n"
        + "} }");
    assertEquals("ok", get(ns, "https://a.example/").body().text());
    InvocationEvent e = awaitEvent(ev -> ev.namespace().equals(ns.name()));
    assertEquals(Outcome.OK, e.outcome());
    assertTrue(e.exceptions().get(0).contains("late failure"), e.exceptions().toString());
  }

  @Test
  @DisplayName("console output is capped per invocation")
  void consoleCap() {
    Namespace ns = deploy("export default { fetch() {\n"
        + "  for (let i = 0; i < 1000; i++) console.log('line ' + i);\n"
        + "  return new Response('ok');\n"
        + "} }");
    get(ns, "https://a.example/");
    InvocationEvent e = awaitEvent(ev -> ev.namespace().equals(ns.name()));
    assertTrue(e.logsTruncated());
    assertEquals(256, e.logs().size());
    assertEquals("line 0", e.logs().get(0).message());
  }

  @Test
  @DisplayName("a setTimeout at top level is refused, as in Workers")
  void noTimersAtTopLevel() {
    Namespace ns = freshNamespace();
    dev.islet.ScriptException e = org.junit.jupiter.api.Assertions.assertThrows(dev.islet.ScriptException.class,
        () -> ns.deploy(esm("w", "setTimeout(() => {}, 1); export default { fetch() {} }")));
    assertTrue(e.getMessage().contains("Disallowed operation called within global scope"), e.getMessage());
  }

  @Test
  @DisplayName("TextEncoder, TextDecoder, atob, btoa and crypto work in handlers")
  void handlerApis() {
    Namespace ns = deploy("export default { fetch() {\n"
        + "  const bytes = new TextEncoder().encode('héllo');\n"
        + "  const back = new TextDecoder().decode(bytes);\n"
        + "  const rnd = crypto.getRandomValues(new Uint32Array(4));\n"
        + "  const uuid = crypto.randomUUID();\n"
        + "  return new Response([bytes.length, back, btoa('hi!'), atob('aGkh'),\n"
        + "    rnd.length, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid)].join(' '));\n"
        + "} }");
    assertEquals("6 héllo aGkh hi! 4 true", get(ns, "https://a.example/").body().text());
  }

  @Test
  @DisplayName("a UTF-8 body is decoded as UTF-8 on both sides")
  void utf8() {
    Namespace ns = deploy("export default { async fetch(req) { return new Response('¡' + await req.text() + '!') } }");
    Response r = call(ns, "w", Request.newBuilder("https://a.example/").method("POST").body("ünïcødé ✓ 😀").build());
    assertEquals("¡ünïcødé ✓ 😀!", new String(r.body().bytes(), StandardCharsets.UTF_8));
  }
}
