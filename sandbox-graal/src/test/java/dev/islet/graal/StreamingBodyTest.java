package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Body;
import dev.islet.InvocationEvent;
import dev.islet.Namespace;
import dev.islet.NamespaceOptions;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Streamed bodies between Java and workers: ReadableStream in Request and Response")
class StreamingBodyTest extends WebPlatformFixture {

  /** An endless-if-asked stream of {@code total} bytes: byte i is (i * 31) & 0xff; counts reads. */
  private static final class Pattern extends InputStream {
    final long total;
    final AtomicLong served = new AtomicLong();
    volatile boolean closed;

    Pattern(long total) {
      this.total = total;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      long at = served.get();
      if (at >= total) {
        return -1;
      }
      int n = (int) Math.min(len, Math.min(total - at, 10_000));
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) ((at + i) * 31);
      }
      served.addAndGet(n);
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  @DisplayName("a worker streams a 3 MiB response in chunks with pauses; the caller gets the headers first and reads it all")
  void streamedResponse() throws IOException {
    Namespace ns = deploy("export default { async fetch() {\n"
        + "  let i = 0;\n"
        + "  const stream = new ReadableStream({ async pull(c) {\n"
        + "    if (i === 48) { c.close(); return; }\n"
        + "    if (i % 16 === 15) await new Promise((r) => setTimeout(r, 5));\n"
        + "    const chunk = new Uint8Array(65536); chunk.fill(i++ & 0xff); c.enqueue(chunk);\n"
        + "  } });\n"
        + "  return new Response(stream, { headers: { 'content-type': 'application/octet-stream' } });\n"
        + "} }");
    Response r = get(ns, "https://w.example/");
    assertEquals("application/octet-stream", r.headers().get("content-type").orElseThrow());
    assertTrue(r.body().isStream(), "the body is a stream, not buffered bytes");
    byte[] all = r.body().bytes();
    assertEquals(48 * 65536, all.length);
    for (int i = 0; i < 48; i++) {
      assertEquals((byte) i, all[i * 65536 + 12345], "chunk " + i);
    }
    InvocationEvent e = awaitEvent(ev -> ev.namespace().equals(ns.name()));
    assertEquals(Outcome.OK, e.outcome());
  }

  @Test
  @DisplayName("a 2.5 MB request body streams into request.body piece by piece; text(), arrayBuffer() and a reader all work")
  void streamedRequest() {
    Namespace ns = deploy("export default { async fetch(request) {\n"
        + "  const how = new URL(request.url).pathname;\n"
        + "  if (how === '/text') return new Response(String((await request.text()).length));\n"
        + "  if (how === '/bytes') { const b = new Uint8Array(await request.arrayBuffer()); let sum = 0; for (const x of b) sum = (sum + x) % 65521; return new Response(b.length + ':' + sum); }\n"
        + "  const reader = request.body.getReader(); let n = 0, chunks = 0, sum = 0, max = 0;\n"
        + "  for (;;) { const { value, done } = await reader.read(); if (done) break; chunks++; n += value.length; max = Math.max(max, value.length);\n"
        + "    for (const x of value) sum = (sum + x) % 65521; }\n"
        + "  return new Response(n + ':' + sum + ':' + (chunks > 1) + ':' + (max <= 65536) + ':' + request.bodyUsed);\n"
        + "} }");
    long total = 2_500_000;
    long sum = 0;
    for (long i = 0; i < total; i++) {
      sum = (sum + (((i * 31) & 0xff))) % 65521;
    }
    Pattern p = new Pattern(total);
    Response r = call(ns, "w", Request.newBuilder("https://w.example/reader").method("POST").body(Body.of(p)).build());
    assertEquals(total + ":" + sum + ":true:true:true", r.body().text());
    assertTrue(p.closed, "the request body stream is closed when the invocation ends");
    Response bytes = call(ns, "w", Request.newBuilder("https://w.example/bytes").method("POST")
        .body(Body.of(new Pattern(total))).build());
    assertEquals(total + ":" + sum, bytes.body().text());
    Response text = call(ns, "w", Request.newBuilder("https://w.example/text").method("POST")
        .body(Body.of(new java.io.ByteArrayInputStream("héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build());
    assertEquals("5", text.body().text());
  }

  @Test
  @DisplayName("backpressure: an endless stream is paused while the caller does not read, and cancelled when it closes")
  void backpressureAndCancel() throws Exception {
    Namespace ns = deploy("export default { async fetch(request) {\n"
        + "  let pulled = 0;\n"
        + "  return new Response(new ReadableStream({\n"
        + "    pull(c) { pulled++; c.enqueue(new Uint8Array(16384)); },\n"
        + "    cancel(reason) { console.log('cancelled after ' + pulled + ' pulls: ' + reason.message); },\n"
        + "  }));\n"
        + "} }");
    Response r = get(ns, "https://w.example/");
    InputStream in = r.body().stream();
    byte[] buf = new byte[8192];
    long read = 0;
    while (read < 2_000_000) {
      int n = in.read(buf);
      assertTrue(n > 0);
      read += n;
    }
    Thread.sleep(300); // an unpaused source would pull thousands of chunks meanwhile
    in.close();
    InvocationEvent ev = awaitEvent(x -> x.namespace().equals(ns.name()));
    assertEquals(Outcome.OK, ev.outcome());
    String line = ev.logs().stream().map(l -> l.message()).filter(m -> m.startsWith("cancelled"))
        .findFirst().orElseThrow(() -> new AssertionError("no cancel: " + ev.logs()));
    assertTrue(line.endsWith(": the response body was not read to its end"), line);
    long pulled = Long.parseLong(line.split(" ")[2]);
    // 2 MB read is ~122 chunks of 16 KiB; the pipe holds at most 1 MiB more (~64), plus the stream's queue.
    assertTrue(pulled < 122 + 64 + 16, line);
  }

  @Test
  @DisplayName("a stream that errors midway: the reader gets an IOException, the host the guest's error, the next request works")
  void erroredStream() {
    Namespace ns = deploy("export default { async fetch(request) {\n"
        + "  if (new URL(request.url).pathname === '/ok') return new Response('fine');\n"
        + "  let i = 0;\n"
        + "  return new Response(new ReadableStream({ pull(c) {\n"
        + "    if (i++ === 3) throw new RangeError('source broke');\n"
        + "    c.enqueue(new TextEncoder().encode('part' + i + ';'));\n"
        + "  } }));\n"
        + "} }");
    Response r = get(ns, "https://w.example/");
    IOException e = assertThrows(IOException.class, () -> r.body().stream().readAllBytes());
    assertTrue(e.getMessage().contains("RangeError: source broke"), e.getMessage());
    InvocationEvent ev = awaitEvent(x -> x.namespace().equals(ns.name()) && !x.exceptions().isEmpty());
    assertTrue(ev.exceptions().get(0).contains("source broke"), ev.exceptions().toString());
    assertEquals("fine", get(ns, "https://w.example/ok").body().text());
  }

  @Test
  @DisplayName("a non-Uint8Array chunk fails the body with a TypeError (Fetch requires bytes)")
  void badChunk() {
    Namespace ns = deploy("export default { fetch() {\n"
        + "  return new Response(new ReadableStream({ start(c) { c.enqueue('text, not bytes'); c.close(); } }));\n"
        + "} }");
    IOException e = assertThrows(IOException.class, () -> get(ns, "https://w.example/").body().stream().readAllBytes());
    assertTrue(e.getMessage().contains("TypeError"), e.getMessage());
  }

  @Test
  @DisplayName("a body nobody reads is cut off after waitUntilTimeout; the instance serves the next request")
  void unreadBodyIsCutOff() throws Exception {
    Namespace ns = runtime.namespace("unread-" + System.nanoTime(),
        NamespaceOptions.newBuilder().waitUntilTimeout(Duration.ofMillis(300)).build());
    ns.deploy(esm("w", "export default { async fetch(request) {\n"
        + "  if (new URL(request.url).pathname === '/ok') return new Response('next');\n"
        + "  return new Response(new ReadableStream({ pull(c) { c.enqueue(new Uint8Array(65536)); } }));\n"
        + "} }"));
    Response r = get(ns, "https://w.example/");
    InvocationEvent ev = awaitEvent(x -> x.namespace().equals(ns.name()));
    assertEquals(Outcome.OK, ev.outcome());
    IOException e = assertThrows(IOException.class, () -> r.body().stream().readAllBytes());
    assertTrue(e.getMessage().contains("not complete"), e.getMessage());
    assertEquals("next", get(ns, "https://w.example/ok").body().text());
  }

  @Test
  @DisplayName("a service binding passes a streamed response on without buffering it or blocking the callee")
  void streamedThroughServiceBinding() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("producer", "export default { async fetch() {\n"
        + "  let i = 0;\n"
        + "  return new Response(new ReadableStream({ async pull(c) {\n"
        + "    if (i === 160) { c.close(); return; }\n"
        + "    if (i % 40 === 0) await new Promise((r) => setTimeout(r, 1));\n"
        + "    c.enqueue(new Uint8Array(65536).fill(i++ & 0xff));\n"
        + "  } }));\n"
        + "} }"));
    ns.deploy(dev.islet.WorkerScript.newBuilder("front").mainModule("worker.js",
            "export default { async fetch(request, env) {\n"
                + "  const r = await env.PRODUCER.fetch('https://producer.internal/');\n"
                + "  if (new URL(request.url).pathname === '/pass') return r;\n"
                + "  let n = 0; for await (const chunk of r.body) n += chunk.length;\n"
                + "  return new Response(String(n));\n"
                + "} }")
        .binding("PRODUCER", dev.islet.Binding.service("producer")).build());
    int n = 160 * 65536; // 10 MiB: more than one typed array may hold
    assertEquals(String.valueOf(n), call(ns, "front", Request.get("https://front.example/count")).body().text());
    byte[] all = call(ns, "front", Request.get("https://front.example/pass")).body().bytes();
    assertEquals(n, all.length);
    assertEquals((byte) 159, all[n - 1]);
  }

  @Test
  @DisplayName("a worker streams a request body into a service binding; the callee reads it piece by piece")
  void streamedRequestThroughServiceBinding() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("consumer", "export default { async fetch(request) {\n"
        + "  let n = 0, chunks = 0; for await (const c of request.body) { n += c.length; chunks++; }\n"
        + "  return new Response(n + ' ' + (chunks > 1));\n"
        + "} }"));
    ns.deploy(dev.islet.WorkerScript.newBuilder("front").mainModule("worker.js",
            "export default { async fetch(request, env) {\n"
                + "  let i = 0;\n"
                + "  const body = new ReadableStream({ pull(c) { if (i++ === 200) c.close(); else c.enqueue(new Uint8Array(65536)); } });\n"
                + "  const r = await env.CONSUMER.fetch('https://consumer.internal/', { method: 'PUT', body });\n"
                + "  return new Response(await r.text());\n"
                + "} }")
        .binding("CONSUMER", dev.islet.Binding.service("consumer")).build());
    assertEquals((200 * 65536) + " true", call(ns, "front", Request.get("https://front.example/")).body().text());
  }

  @Test
  @DisplayName("Body mixin with streams: body getter, bodyUsed, locked streams, clone() tees, Request from a stream")
  void bodyMixin() {
    assertEquals("true|false|true|hello|true|TypeError|ab|ab|true|null|null|posted|TypeError|half|TypeError",
        run("const r = new Response('hello');\n"
            + "out.push(r.body instanceof ReadableStream, r.bodyUsed, r.body === r.body);\n"
            + "out.push(await r.text(), r.bodyUsed);\n"
            + "const s = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('a')); c.enqueue(new TextEncoder().encode('b')); c.close(); } });\n"
            + "const locked = new ReadableStream(); locked.getReader();\n"
            + "try { new Response(locked); } catch (e) { out.push(e.name); }\n"
            + "const a = new Response(s); const b = a.clone();\n"
            + "out.push(await a.text(), await b.text(), a.bodyUsed);\n"
            + "out.push(new Response(null).body, new Response().body);\n"
            + "const req = new Request('https://x.example/', { method: 'POST', body: new Response('posted').body, duplex: 'half' });\n"
            + "out.push(await req.text());\n"
            + "try { await req.text(); } catch (e) { out.push(e.name); }\n"
            + "out.push(req.duplex);\n"
            + "try { new Request('https://x.example/', { duplex: 'full' }); } catch (e) { out.push(e.name); }"));
  }
}
