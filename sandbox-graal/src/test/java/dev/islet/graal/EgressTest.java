package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.DispatchOptions;
import dev.islet.EgressInterceptor;
import dev.islet.GuestException;
import dev.islet.Namespace;
import dev.islet.NamespaceOptions;
import dev.islet.Network;
import dev.islet.OutboundRequest;
import dev.islet.Request;
import dev.islet.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Egress: fetch() through interceptors and the network")
class EgressTest extends OriginFixture {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  /** Reaches the test server (loopback must be allowed explicitly). */
  private static final Network LOCAL = Network.newBuilder().allowHosts("127.0.0.1").allowPrivateAddresses(true).build();
  /**
   * A worker that fetches the URL in the request's {@code x-target} header (redirect mode from
   * {@code x-redirect}) and describes what it got, or the error it caught.
   */
  private static final String PROXY = "export default { async fetch(req) {\n"
      + "  try {\n"
      + "    const init = { redirect: req.headers.get('x-redirect') || 'follow' };\n"
      + "    if (req.method === 'POST') { init.method = 'POST'; init.body = await req.text(); init.headers = { 'content-type': 'text/plain', 'x-sent': 'yes' }; }\n"
      + "    const r = await fetch(req.headers.get('x-target'), init);\n"
      + "    const body = await r.text();\n"
      + "    return new Response(r.status + ' ' + r.redirected + ' ' + r.url + ' ' + (r.headers.get('location') || '-') + '\\n' + body);\n"
      + "  } catch (e) { return new Response(e.name + ': ' + e.message, { status: 599 }); }\n"
      + "} }";


  private Namespace namespace(NamespaceOptions options, String code) {
    Namespace ns = runtime.namespace("egress-" + NAMESPACES.incrementAndGet(), options);
    ns.deploy(esm("w", code));
    return ns;
  }

  private static Response proxy(Namespace ns, String target, String redirect, DispatchOptions options) {
    Request.Builder b = Request.newBuilder("https://w.example/").header("x-target", target);
    if (redirect != null) {
      b.header("x-redirect", redirect);
    }
    return await(ns.dispatcher().get("w", options).fetch(b.build()));
  }

  private static Response proxy(Namespace ns, String target) {
    return proxy(ns, target, null, DispatchOptions.defaults());
  }

  @Test
  @DisplayName("an untrusted namespace has no network by default: fetch rejects with a TypeError, nothing leaves")
  void untrustedDefaultDeniesAll() {
    Namespace ns = namespace(NamespaceOptions.defaults(), PROXY);
    int before = origin.requests.get();
    Response r = proxy(ns, origin.base() + "/hello");
    assertEquals(599, r.status());
    assertEquals("TypeError: fetch to 127.0.0.1 refused: this worker has no network access", r.body().text());
    assertEquals(before, origin.requests.get());
  }

  @Test
  @DisplayName("pass-through: the response's status, headers, body and url reach the worker; headers are immutable")
  void passThrough() {
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(LOCAL).build(),
        "export default { async fetch() {\n"
            + "  const r = await fetch('" + origin.base() + "/hello');\n"
            + "  let immutable = false; try { r.headers.set('x', 'y'); } catch (e) { immutable = e instanceof TypeError; }\n"
            + "  return new Response([r.status, r.ok, r.headers.get('x-origin'), r.url, r.redirected, immutable, await r.text()].join('|'));\n"
            + "} }");
    assertEquals("200|true|yes|" + origin.base() + "/hello|false|true|hello from origin",
        get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("a POST body and headers reach the origin unchanged")
  void postBody() {
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(LOCAL).build(), PROXY);
    Response r = await(ns.dispatcher().get("w").fetch(Request.newBuilder("https://w.example/")
        .method("POST").header("x-target", origin.base() + "/echo").body("payload ✓").build()));
    assertEquals("200 false " + origin.base() + "/echo -\nPOST\ncontent-type: text/plain\nx-sent: yes\npayload ✓",
        r.body().text());
  }

  @Test
  @DisplayName("loopback, private and link-local addresses are refused unless explicitly allowed")
  void privateRangesRefused() {
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(Network.internet()).build(), PROXY);
    int before = origin.requests.get();
    for (String url : List.of(origin.base() + "/hello", "http://localhost:" + origin.base().split(":")[2] + "/hello",
        "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:80/", "http://192.168.0.1/",
        "http://0.0.0.0/", "http://100.64.0.1/")) {
      Response r = proxy(ns, url);
      assertEquals(599, r.status(), url);
      assertTrue(r.body().text().startsWith("TypeError: fetch to "), r.body().text());
      assertTrue(r.body().text().endsWith("refused: it resolves to a private, loopback or link-local address"),
          url + " -> " + r.body().text());
    }
    assertEquals(before, origin.requests.get());
  }

  @Test
  @DisplayName("the allow-list refuses hosts not on it, before any DNS or connection")
  void allowList() {
    Namespace ns = namespace(NamespaceOptions.newBuilder()
        .network(Network.newBuilder().allowHosts("*.example.com").allowPrivateAddresses(true).build()).build(), PROXY);
    Response r = proxy(ns, origin.base() + "/hello");
    assertEquals("TypeError: fetch to 127.0.0.1 refused: the host is not on this namespace's allow-list", r.body().text());
    Network n = Network.newBuilder().allowHosts("*.example.com", "api.stripe.com").build();
    assertTrue(n.allowsHost("a.example.com"));
    assertTrue(n.allowsHost("A.B.Example.COM"));
    assertFalse(n.allowsHost("example.com"), "a wildcard matches subdomains only");
    assertFalse(n.allowsHost("evilexample.com"));
    assertTrue(n.allowsHost("api.stripe.com"));
    assertFalse(n.allowsHost("api.stripe.com.evil.net"));
    assertFalse(Network.none().allowsHost("example.com"));
  }

  @Test
  @DisplayName("interceptors: block by host, inject a header from the dispatch's outbound parameters, count")
  void interceptors() {
    List<String> seen = new CopyOnWriteArrayList<>();
    EgressInterceptor count = (out, next) -> {
      seen.add(out.namespace() + "/" + out.worker() + " " + out.request().method() + " " + out.url().getPath());
      return next.fetch(out.request());
    };
    EgressInterceptor block = (out, next) -> out.url().getPath().startsWith("/hello")
        ? CompletableFuture.completedFuture(Response.newBuilder(403).body("blocked by policy").build())
        : next.fetch(out.request());
    EgressInterceptor inject = (out, next) -> next.fetch(out.request().toBuilder()
        .header("x-customer-id", String.valueOf(out.outbound().get("customer_id"))).build());
    Namespace ns = namespace(NamespaceOptions.newBuilder().egress(count, block, inject).network(LOCAL).build(), PROXY);
    DispatchOptions customer = DispatchOptions.newBuilder().outbound("customer_id", "123").build();

    assertEquals("403 false " + origin.base() + "/hello -\nblocked by policy",
        proxy(ns, origin.base() + "/hello", null, customer).body().text());
    assertEquals("200 false " + origin.base() + "/echo -\nGET\nx-customer-id: 123\n",
        proxy(ns, origin.base() + "/echo", null, customer).body().text());
    assertEquals(List.of(ns.name() + "/w GET /hello", ns.name() + "/w GET /echo"), seen);
  }

  @Test
  @DisplayName("an interceptor that throws: the guest gets a TypeError with an opaque reference, never the host text")
  void interceptorFailureIsOpaque() {
    EgressInterceptor broken = (out, next) -> {
      throw new IllegalStateException("secret host detail /etc/passwd");
    };
    EgressInterceptor failing = (out, next) -> CompletableFuture.failedFuture(new IOException("db password=hunter2"));
    for (EgressInterceptor i : List.of(broken, failing)) {
      Namespace ns = namespace(NamespaceOptions.newBuilder().egress(i).network(LOCAL).build(), PROXY);
      String text = proxy(ns, origin.base() + "/hello").body().text();
      assertTrue(text.startsWith("TypeError: fetch failed: internal error; reference = "), text);
      assertFalse(text.contains("secret") || text.contains("hunter2") || text.contains("Exception"), text);
    }
  }

  @Test
  @DisplayName("redirect: follow (through every hop), manual, error, too many; 303 turns a POST into a GET")
  void redirects() {
    List<String> hops = new CopyOnWriteArrayList<>();
    EgressInterceptor record = (out, next) -> {
      hops.add(out.url().getPath());
      return next.fetch(out.request());
    };
    Namespace ns = namespace(NamespaceOptions.newBuilder().egress(record).network(LOCAL).build(), PROXY);
    String base = origin.base();
    assertEquals("200 true " + base + "/echo -\nGET\n", proxy(ns, base + "/redirect/2").body().text());
    assertEquals(List.of("/redirect/2", "/redirect/1", "/redirect/0", "/echo"), hops, "each hop passes the chain");
    assertEquals("302 false " + base + "/redirect/1 /redirect/0\n",
        proxy(ns, base + "/redirect/1", "manual", DispatchOptions.defaults()).body().text());
    assertEquals("TypeError: fetch failed: the response redirected and the request's redirect mode is 'error'",
        proxy(ns, base + "/redirect/1", "error", DispatchOptions.defaults()).body().text());
    assertEquals("TypeError: fetch failed: too many redirects", proxy(ns, base + "/loop").body().text());

    Response post = await(ns.dispatcher().get("w").fetch(Request.newBuilder("https://w.example/")
        .method("POST").header("x-target", base + "/redirect/0?status=303").body("gone after 303").build()));
    assertEquals("200 true " + base + "/echo -\nGET\nx-sent: yes\n", post.body().text());
    Response kept = await(ns.dispatcher().get("w").fetch(Request.newBuilder("https://w.example/")
        .method("POST").header("x-target", base + "/redirect/0?status=307").body("kept after 307").build()));
    assertEquals("200 true " + base + "/echo -\nPOST\ncontent-type: text/plain\nx-sent: yes\nkept after 307",
        kept.body().text());
  }

  @Test
  @DisplayName("a large chunked response arrives whole; one over the namespace's cap is a TypeError")
  void largeResponses() {
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(LOCAL).build(),
        "export default { async fetch(req) {\n"
            + "  try { const r = await fetch(req.headers.get('x-target')); const b = new Uint8Array(await r.arrayBuffer());\n"
            + "    let sum = 0; for (let i = 0; i < b.length; i += 4099) sum += b[i];\n"
            + "    return new Response(b.length + ' ' + sum); }\n"
            + "  catch (e) { return new Response(e.name + ': ' + e.message); }\n"
            + "} }");
    int n = 8 << 20;
    long sum = 0;
    for (int i = 0; i < n; i += 4099) {
      sum += 'a' + (i % (64 * 1024)) % 26;
    }
    Response r = await(ns.dispatcher().get("w").fetch(Request.newBuilder("https://w.example/")
        .header("x-target", origin.base() + "/big?n=" + n).build()));
    assertEquals(n + " " + sum, r.body().text());

    Namespace capped = namespace(NamespaceOptions.newBuilder().network(Network.newBuilder().allowHosts("127.0.0.1")
        .allowPrivateAddresses(true).maxResponseBytes(1 << 20).build()).build(), PROXY);
    assertEquals("TypeError: fetch to 127.0.0.1 failed: the response body is larger than 1048576 bytes",
        proxy(capped, origin.base() + "/big?n=" + (2 << 20)).body().text());
  }

  @Test
  @DisplayName("a 10 MiB response streams through a worker: read chunk by chunk, or passed on as the worker's own response")
  void streamedResponses() throws java.io.IOException {
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(LOCAL).build(),
        "export default { async fetch(req) {\n"
            + "  const r = await fetch(req.headers.get('x-target'));\n"
            + "  if (req.headers.get('x-mode') === 'pass') return r;\n"
            + "  let n = 0, chunks = 0, max = 0, sum = 0;\n"
            + "  for await (const chunk of r.body) { n += chunk.length; chunks++; max = Math.max(max, chunk.length); sum = (sum + chunk[0]) % 65521; }\n"
            + "  return new Response(n + ' ' + (chunks > 20) + ' ' + (max <= 65536) + ' ' + r.bodyUsed);\n"
            + "} }");
    int n = 10 << 20; // more than one typed array may hold: only a stream can carry it
    Response counted = await(ns.dispatcher().get("w").fetch(Request.newBuilder("https://w.example/")
        .header("x-target", origin.base() + "/big?n=" + n).build()));
    assertEquals(n + " true true true", counted.body().text());
    Response passed = await(ns.dispatcher().get("w").fetch(Request.newBuilder("https://w.example/")
        .header("x-target", origin.base() + "/big?n=" + n).header("x-mode", "pass").build()));
    assertTrue(passed.body().isStream());
    long total = 0;
    byte[] buf = new byte[1 << 16];
    try (java.io.InputStream in = passed.body().stream()) {
      for (int k; (k = in.read(buf)) > 0; ) {
        assertEquals('a' + (int) (total % (64 * 1024)) % 26, buf[0]);
        total += k;
      }
    }
    assertEquals(n, total);
  }

  @Test
  @DisplayName("a ReadableStream request body is sent as the worker writes it; a redirect that would resend it is a TypeError")
  void streamedRequestBodies() {
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(LOCAL).build(),
        "export default { async fetch(req) {\n"
            + "  let i = 0;\n"
            + "  const body = new ReadableStream({ async pull(c) {\n"
            + "    if (i === 40) { c.close(); return; }\n"
            + "    if (i % 10 === 0) await new Promise((r) => setTimeout(r, 2));\n"
            + "    c.enqueue(new TextEncoder().encode(String(i++ % 10).repeat(50000)));\n"
            + "  } });\n"
            + "  try {\n"
            + "    const r = await fetch(req.headers.get('x-target'), { method: 'POST', body, duplex: 'half', headers: { 'content-type': 'text/plain' } });\n"
            + "    const text = await r.text();\n"
            + "    return new Response(r.status + ' ' + text.length + ' ' + text.slice(0, 32).replace(/\\n/g, '/'));\n"
            + "  } catch (e) { return new Response(e.name + ': ' + e.message); }\n"
            + "} }");
    assertEquals("200 2000030 POST/content-type: text/plain/00",
        await(ns.dispatcher().get("w").fetch(Request.newBuilder("https://w.example/")
            .header("x-target", origin.base() + "/echo").build())).body().text());
    assertEquals("TypeError: fetch failed: cannot follow a redirect that resends a streamed request body",
        await(ns.dispatcher().get("w").fetch(Request.newBuilder("https://w.example/")
            .header("x-target", origin.base() + "/redirect/1?status=307").build())).body().text());
  }

  @Test
  @DisplayName("one invocation has at most 6 connections open at once; the others wait their turn and all complete")
  void simultaneousConnections() {
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(LOCAL).build(),
        "export default { async fetch() {\n"
            + "  const all = await Promise.all(Array.from({ length: 20 }, () => fetch('" + origin.base() + "/concurrent').then(r => r.text())));\n"
            + "  return new Response(all.filter(t => t === 'done').length + '');\n"
            + "} }");
    origin.maxConcurrent.set(0);
    assertEquals("20", get(ns, "https://w.example/").body().text());
    assertTrue(origin.maxConcurrent.get() <= 6, "at most 6 at once, saw " + origin.maxConcurrent.get());
    assertTrue(origin.maxConcurrent.get() >= 2, "but concurrently, saw " + origin.maxConcurrent.get());
  }

  @Test
  @DisplayName("a slow origin is cut off at the network's timeout with a TypeError")
  void timeout() {
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(Network.newBuilder().allowHosts("127.0.0.1")
        .allowPrivateAddresses(true).timeout(Duration.ofMillis(300)).build()).build(), PROXY);
    assertEquals("TypeError: fetch to 127.0.0.1 timed out after 300 ms", proxy(ns, origin.base() + "/slow").body().text());
  }

  @Test
  @DisplayName("a connection refused is 'Network connection lost.', with no host detail")
  void connectionRefused() throws IOException {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(LOCAL).build(), PROXY);
    assertEquals("TypeError: Network connection lost.", proxy(ns, "http://127.0.0.1:" + port + "/").body().text());
  }

  @Test
  @DisplayName("fetch() rejects bad input as the Fetch spec says: unsupported schemes, used bodies, bad URLs")
  void badInput() {
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(LOCAL).build(),
        "export default { async fetch() {\n"
            + "  const out = [];\n"
            + "  for (const f of [() => fetch('file:///etc/passwd'), () => fetch('data:text/plain,hi'), () => fetch('relative/path'),\n"
            + "                   () => fetch(), () => { const r = new Request('" + origin.base() + "/echo', { method: 'POST', body: 'x' }); r.text(); return fetch(r); }]) {\n"
            + "    try { await f(); out.push('resolved'); } catch (e) { out.push(e.name); }\n"
            + "  }\n"
            + "  return new Response(out.join(' '));\n"
            + "} }");
    assertEquals("TypeError TypeError TypeError TypeError TypeError", get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("fetch() at top level is refused at deploy, as in Workers")
  void topLevelFetchRefused() {
    Namespace ns = runtime.namespace("egress-" + NAMESPACES.incrementAndGet(),
        NamespaceOptions.newBuilder().network(LOCAL).build());
    dev.islet.ScriptException e = org.junit.jupiter.api.Assertions.assertThrows(dev.islet.ScriptException.class,
        () -> ns.deploy(esm("w", "await fetch('" + origin.base() + "/hello');\n"
            + "export default { fetch() { return new Response('x') } }")));
    assertTrue(e.getMessage().contains("Disallowed operation called within global scope"), e.getMessage());
  }

  @Test
  @DisplayName("a trusted namespace reaches public hosts by default; an untrusted one reaches none")
  void defaultsByTrust() {
    assertEquals(Network.internet(), NamespaceOptions.newBuilder().trusted(true).build().network());
    assertEquals(Network.none(), NamespaceOptions.defaults().network());
    assertFalse(NamespaceOptions.newBuilder().trusted(true).build().network().allowPrivateAddresses());
  }

  @Test
  @DisplayName("an invocation that ends with a fetch still pending is not held up by it, and the worker serves on")
  void pendingFetchAtEnd() {
    Namespace ns = namespace(NamespaceOptions.newBuilder().network(LOCAL).build(),
        "export default { async fetch(req) {\n"
            + "  if (req.url.endsWith('/fire')) { fetch('" + origin.base() + "/slow'); return new Response('fired'); }\n"
            + "  return new Response('ok');\n"
            + "} }");
    long t0 = System.nanoTime();
    assertEquals("fired", get(ns, "https://w.example/fire").body().text());
    assertEquals("ok", get(ns, "https://w.example/").body().text());
    assertTrue(System.nanoTime() - t0 < 2_500_000_000L, "did not wait for the slow origin");
  }

  @Test
  @DisplayName("an OutboundRequest keeps null outbound values and rejects nulls where required")
  void outboundRequestValues() {
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    params.put("plan", null);
    OutboundRequest out = new OutboundRequest(Request.get("https://a.example/x"), "ns", "w", params);
    assertTrue(out.outbound().containsKey("plan"));
    assertEquals("/x", out.url().getPath());
    assertInstanceOf(NullPointerException.class,
        org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> new OutboundRequest(null, "n", "w", params)));
  }

  @Test
  @DisplayName("service-binding callee errors surface in the caller as the callee's error type")
  void guestExceptionTypeFromService() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("thrower", "export default { fetch() { throw new RangeError('out of range') } }"));
    ns.deploy(dev.islet.WorkerScript.newBuilder("w").mainModule("worker.js",
            "export default { async fetch(req, env) { try { await env.T.fetch('https://t/'); return new Response('no'); }"
                + " catch (e) { return new Response(e.name + ': ' + e.message); } } }")
        .binding("T", dev.islet.Binding.service("thrower")).build());
    assertEquals("RangeError: out of range", get(ns, "https://w.example/").body().text());
    GuestException uncaught = assertInstanceOf(GuestException.class,
        failure(ns.dispatcher().get("thrower").fetch(Request.get("https://t/"))));
    assertEquals("RangeError: out of range", uncaught.getMessage());
  }
}
