package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Binding;
import dev.islet.DispatchOptions;
import dev.islet.IsletRuntime;
import dev.islet.LimitExceededException;
import dev.islet.Limits;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.ScriptException;
import dev.islet.WorkerScript;
import dev.islet.bindings.InMemory;
import dev.islet.store.KvStore;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KV bindings: the Workers KV API over a KvStore")
class KvBindingTest extends RuntimeFixture {
  private KvStore store;

  /** The store under test; subclasses run every test on another one. */
  protected KvStore newStore() throws Exception {
    return InMemory.kv();
  }

  @Override
  protected IsletRuntime.Builder configure(IsletRuntime.Builder builder) {
    try {
      store = newStore();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return builder.kvStore(store);
  }

  @AfterAll
  void closeStore() {
    store.close();
  }

  /** Deploys {@code code} as "w" with KV binding {@code KV} on namespace id {@code kvId}. */
  private Namespace withKv(String kvId, String code) {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("w").mainModule("worker.js", code).binding("KV", Binding.kv(kvId)).build());
    return ns;
  }

  private static String worker(String body) {
    return "export default { async fetch(req, env) {\n"
        + "  const out = [];\n"
        + "  const attempt = async (f) => { try { return await f(); } catch (e) { return e.name + ': ' + e.message; } };\n"
        + body + "\n"
        + "  return new Response(JSON.stringify(out));\n"
        + "} }";
  }

  @Test
  @DisplayName("streams: get(type 'stream') is a ReadableStream of the value; put() takes a ReadableStream and reads it whole")
  void streams() {
    Namespace ns = withKv("streams", worker(
        "await env.KV.put('s', new Blob(['streamed ', 'value']).stream());\n"
            + "const r = await env.KV.get('s', 'stream');\n"
            + "out.push(r instanceof ReadableStream, await new Response(r).text());\n"
            + "const m = await env.KV.getWithMetadata('s', { type: 'stream' });\n"
            + "out.push(new TextDecoder().decode((await m.value.getReader().read()).value));"));
    assertEquals("[true,\"streamed value\",\"streamed value\"]", get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("put then get in every type; absent keys are null; delete removes")
  void roundTrip() {
    Namespace ns = withKv("rt", worker(
        "await env.KV.put('greeting', 'héllo ✓');\n"
            + "await env.KV.put('obj', JSON.stringify({ a: 1 }));\n"
            + "await env.KV.put('bin', new Uint8Array([1, 2, 255]));\n"
            + "await env.KV.put('view', new DataView(new Uint8Array([9, 8, 7, 6]).buffer, 1, 2));\n"
            + "out.push(await env.KV.get('greeting'));\n"
            + "out.push(await env.KV.get('greeting', 'text'));\n"
            + "out.push(await env.KV.get('obj', { type: 'json' }));\n"
            + "out.push(Array.from(new Uint8Array(await env.KV.get('bin', 'arrayBuffer'))));\n"
            + "out.push(Array.from(new Uint8Array(await env.KV.get('view', 'arrayBuffer'))));\n"
            + "out.push(await env.KV.get('missing'));\n"
            + "out.push(await env.KV.delete('greeting'));\n"
            + "out.push(await env.KV.get('greeting'));\n"
            + "out.push(await env.KV.delete('never-there'));"));
    assertEquals("[\"héllo ✓\",\"héllo ✓\",{\"a\":1},[1,2,255],[8,7],null,null,null,null]",
        get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("metadata and expiration: getWithMetadata, list shows them")
  void metadataAndExpiration() {
    long future = System.currentTimeMillis() / 1000 + 3600;
    Namespace ns = withKv("meta", worker(
        "await env.KV.put('k', 'v', { metadata: { owner: 'ann', n: 2 }, expiration: " + future + " });\n"
            + "await env.KV.put('t', 'x', { expirationTtl: 120 });\n"
            + "out.push(await env.KV.getWithMetadata('k'));\n"
            + "out.push(await env.KV.getWithMetadata('nope'));\n"
            + "const l = await env.KV.list();\n"
            + "out.push(l.keys[0], l.keys[1].name, l.keys[1].expiration > Date.now() / 1000 + 100, l.list_complete, 'cursor' in l);"));
    assertEquals("[{\"value\":\"v\",\"metadata\":{\"owner\":\"ann\",\"n\":2},\"cacheStatus\":null},"
        + "{\"value\":null,\"metadata\":null,\"cacheStatus\":null},"
        + "{\"name\":\"k\",\"expiration\":" + future + ",\"metadata\":{\"owner\":\"ann\",\"n\":2}},\"t\",true,true,false]",
        get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("list: prefix, limit and cursor pages through keys in order")
  void listPaging() {
    Namespace ns = withKv("list", worker(
        "for (const k of ['user:3', 'user:1', 'user:2', 'admin', 'user:10']) await env.KV.put(k, k);\n"
            + "let page = await env.KV.list({ prefix: 'user:', limit: 2 });\n"
            + "out.push(page.keys.map(k => k.name), page.list_complete);\n"
            + "page = await env.KV.list({ prefix: 'user:', limit: 2, cursor: page.cursor });\n"
            + "out.push(page.keys.map(k => k.name), page.list_complete, page.cursor);\n"
            + "page = await env.KV.list({ prefix: 'user:', limit: 3 });\n"
            + "out.push(page.keys.map(k => k.name), page.list_complete);\n"
            + "out.push((await env.KV.list()).keys.map(k => k.name));"));
    assertEquals("[[\"user:1\",\"user:10\"],false,[\"user:2\",\"user:3\"],true,null,"
        + "[\"user:1\",\"user:10\",\"user:2\"],false,[\"admin\",\"user:1\",\"user:10\",\"user:2\",\"user:3\"]]",
        get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("bulk get returns a Map; at most 100 keys, text or json only")
  void bulkGet() {
    Namespace ns = withKv("bulk", worker(
        "await env.KV.put('a', '1'); await env.KV.put('b', '2', { metadata: 'm' });\n"
            + "const m = await env.KV.get(['a', 'b', 'c'], 'json');\n"
            + "out.push(m instanceof Map, [...m.entries()]);\n"
            + "const w = await env.KV.getWithMetadata(['b', 'c']);\n"
            + "out.push([...w.entries()]);\n"
            + "out.push(await attempt(() => env.KV.get(Array.from({ length: 101 }, (_, i) => 'k' + i))));\n"
            + "out.push(await attempt(() => env.KV.get(['a'], 'arrayBuffer')));"));
    assertEquals("[true,[[\"a\",1],[\"b\",2],[\"c\",null]],[[\"b\",{\"value\":\"2\",\"metadata\":\"m\"}],[\"c\",null]],"
        + "\"TypeError: KV GET_BULK failed: 400 You can request a maximum of 100 keys\","
        + "\"TypeError: KV GET_BULK failed: 400 \\\"arrayBuffer\\\" is not a valid type. Use \\\"json\\\" or \\\"text\\\"\"]",
        get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("bad input is rejected with Workers' errors: key and value sizes, metadata, expirations, types, list limits, cursors")
  void badInput() {
    Namespace ns = withKv("bad", worker(
        "out.push(await attempt(() => env.KV.get('x'.repeat(513))));\n"
            + "out.push(await attempt(() => env.KV.put('é'.repeat(257), 'v')));\n"
            + "out.push(await attempt(() => env.KV.put('', 'v')));\n"
            + "out.push(await attempt(() => env.KV.get('..')));\n"
            + "out.push(await attempt(() => env.KV.put('k', 'v', { expirationTtl: 30 })));\n"
            + "out.push(await attempt(() => env.KV.put('k', 'v', { expiration: 1000 })));\n"
            + "out.push(await attempt(() => env.KV.put('k', 'v', { expiration: Math.floor(Date.now() / 1000) + 30 })).then(s => s.replace(/of \\d+/, 'of N')));\n"
            + "out.push(await attempt(() => env.KV.put('k', 'v', { expiration: 'nan' })));\n"
            + "out.push(await attempt(() => env.KV.put('k', 'v', { expirationTtl: 0 })));\n"
            + "out.push(await attempt(() => env.KV.put('k', 'v', { expirationTtl: 'nan' })));\n"
            + "out.push(await attempt(() => env.KV.put('k', 'v', { metadata: 'x'.repeat(1100) })));\n"
            + "out.push(await attempt(() => env.KV.put('k', 42)));\n"
            + "out.push(await attempt(() => env.KV.put('k', new Uint8Array(8 * 1024 * 1024), { metadata: 'x'.repeat(1100) })));\n"
            + "out.push(await attempt(() => env.KV.get('k', 'xml')));\n"
            + "out.push(await attempt(() => env.KV.get('k', { cacheTtl: 10 })));\n"
            + "out.push(await attempt(() => env.KV.get('k', { cacheTtl: 'not a number' })));\n"
            + "out.push(await attempt(() => env.KV.get('k', { cacheTtl: 30 })));\n"
            + "out.push(await attempt(() => env.KV.list({ limit: 0 }).then(p => p.list_complete)));\n"
            + "out.push(await attempt(() => env.KV.list({ limit: 1001 })));\n"
            + "out.push(await attempt(() => env.KV.list({ cursor: 'bogus!' })));\n"
            + "out.push(await attempt(() => env.KV.put('k', 'v', { metadata: { f() {} } }).then(() => 'ok')));\n"
            + "out.push(await attempt(() => env.KV.get('k')));"));
    String text = get(ns, "https://w.example/").body().text();
    assertEquals("[\"TypeError: KV GET failed: 414 UTF-8 encoded length of 513 exceeds key length limit of 512.\","
        + "\"TypeError: KV PUT failed: 414 UTF-8 encoded length of 514 exceeds key length limit of 512.\","
        + "\"TypeError: KV PUT failed: 400 Key names must not be empty.\","
        + "\"TypeError: KV GET failed: 400 Illegal key name \\\"..\\\". Please use a different name.\","
        + "\"TypeError: KV PUT failed: 400 Invalid expiration_ttl of 30. Expiration TTL must be at least 60.\","
        + "\"TypeError: KV PUT failed: 400 Invalid expiration of 1000. Please specify integer greater than the current number of seconds since the UNIX epoch.\","
        + "\"TypeError: KV PUT failed: 400 Invalid expiration of N. Expiration times must be at least 60 seconds in the future.\","
        + "\"TypeError: KV PUT failed: 400 Invalid expiration of 0. Please specify integer greater than the current number of seconds since the UNIX epoch.\","
        + "\"TypeError: KV PUT failed: 400 Invalid expiration_ttl of 0. Please specify integer greater than 0.\","
        + "\"TypeError: KV PUT failed: 400 Invalid expiration_ttl of 0. Please specify integer greater than 0.\","
        + "\"TypeError: KV PUT failed: 413 Metadata length of 1102 exceeds limit of 1024.\","
        + "\"TypeError: KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.\","
        + "\"TypeError: KV PUT failed: 413 Metadata length of 1102 exceeds limit of 1024.\","
        + "\"TypeError: Unknown response type. Possible types are \\\"text\\\", \\\"arrayBuffer\\\", \\\"json\\\", and \\\"stream\\\".\","
        + "\"TypeError: KV GET failed: 400 Invalid cache_ttl of 10. Cache TTL must be at least 30.\","
        + "\"TypeError: KV GET failed: 400 Invalid cache_ttl of 0. Cache TTL must be at least 30.\","
        + "null,true,"
        + "\"TypeError: KV GET failed: 400 Invalid key_count_limit of 1001. Please specify an integer less than 1000.\","
        + "\"TypeError: KV LIST failed: 400 Invalid cursor\","
        + "\"ok\",\"v\"]", text);
  }

  @Test
  @DisplayName("tenants bound to different KV namespaces never see each other's keys; the same id is shared")
  void scoping() {
    Namespace a = withKv("tenant-a", worker("await env.KV.put('secret', 'a-data'); out.push((await env.KV.list()).keys.length);"));
    Namespace b = withKv("tenant-b", worker("out.push(await env.KV.get('secret'), (await env.KV.list()).keys.length);"));
    Namespace a2 = withKv("tenant-a", worker("out.push(await env.KV.get('secret'));"));
    assertEquals("[1]", get(a, "https://a/").body().text());
    assertEquals("[null,0]", get(b, "https://b/").body().text());
    assertEquals("[\"a-data\"]", get(a2, "https://a/").body().text());
  }

  @Test
  @DisplayName("KV operations count against their own limit; the one over it ends the invocation, typed")
  void operationLimit() {
    Namespace ns = withKv("ops", "export default { async fetch(req, env) {\n"
        + "  const n = Number(req.headers.get('x-n'));\n"
        + "  for (let i = 0; i < n; i++) { try { await env.KV.get('k' + i); } catch (e) {} }\n"
        + "  return new Response('did ' + n);\n"
        + "} }");
    ns.deploy(esm("neighbour", "export default { fetch() { return new Response('fine') } }"));
    DispatchOptions five = DispatchOptions.limits(Limits.kvOperations(5), Limits.subRequests(1));
    Request six = Request.newBuilder("https://w.example/").header("x-n", "6").build();
    assertEquals("did 5", await(ns.dispatcher().get("w", five)
        .fetch(Request.newBuilder("https://w.example/").header("x-n", "5").build())).body().text(),
        "KV operations are not subrequests");
    LimitExceededException e = assertInstanceOf(LimitExceededException.class,
        failure(ns.dispatcher().get("w", five).fetch(six)));
    assertEquals(Limits.Kind.KV_OPERATIONS, e.limit());
    assertEquals(Outcome.EXCEEDED_SUBREQUESTS, e.outcome());
    assertEquals("Too many KV operations (limit 5)", e.getMessage());
    assertEquals("fine", call(ns, "neighbour", Request.get("https://n/")).body().text());
    CompletableFuture<dev.islet.Response> flood = ns.dispatcher().get("w")
        .fetch(Request.newBuilder("https://w.example/").header("x-n", "100000").build());
    assertEquals("Too many KV operations (limit 1000)",
        assertInstanceOf(LimitExceededException.class, failure(flood)).getMessage(), "the runtime default");
    assertEquals("did 1", await(ns.dispatcher().get("w").fetch(Request.newBuilder("https://w.example/")
        .header("x-n", "1").build())).body().text());
  }

  @Test
  @DisplayName("a store failure reaches the guest as an opaque reference, never the host's text")
  void storeFailureIsOpaque() {
    KvStore broken = new KvStore() {
      @Override
      public CompletableFuture<java.util.Optional<dev.islet.store.KvEntry>> get(String namespace, String key) {
        return CompletableFuture.failedFuture(new IllegalStateException("jdbc:sqlite:/srv/secret.db locked"));
      }

      @Override
      public CompletableFuture<Void> put(String namespace, String key, dev.islet.store.KvEntry entry) {
        throw new IllegalStateException("password=hunter2");
      }

      @Override
      public CompletableFuture<Void> delete(String namespace, String key) {
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletableFuture<dev.islet.store.KvPage> list(String namespace, String prefix, int limit, String cursor) {
        return CompletableFuture.completedFuture(new dev.islet.store.KvPage(java.util.List.of(), null));
      }
    };
    try (IsletRuntime other = IsletRuntime.newBuilder().kvStore(broken).spareContexts(0).build()) {
      Namespace ns = other.namespace("broken-store");
      ns.deploy(WorkerScript.newBuilder("w").mainModule("worker.js", worker(
          "out.push(await attempt(() => env.KV.get('k')), await attempt(() => env.KV.put('k', 'v')));"))
          .binding("KV", Binding.kv("x")).build());
      String text = await(ns.dispatcher().get("w").fetch(Request.get("https://w/"))).body().text();
      assertTrue(text.matches("\\[\"TypeError: KV get failed: internal error; reference = [0-9a-f-]+\","
          + "\"TypeError: KV put failed: internal error; reference = [0-9a-f-]+\"]"), text);
    }
  }

  @Test
  @DisplayName("a KV binding needs a valid namespace id")
  void namespaceIds() {
    assertThrows(IllegalArgumentException.class, () -> Binding.kv(""));
    assertThrows(IllegalArgumentException.class, () -> Binding.kv("bad\nid"));
  }

  @Test
  @DisplayName("KV calls at top level are refused, as in Workers")
  void topLevelRefused() {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("w").serviceWorker("sw.js",
            "let err = 'none'; KV.get('k').catch(e => { err = e.message; });\n"
                + "addEventListener('fetch', e => e.respondWith(new Response(err)));")
        .binding("KV", Binding.kv("x")).build());
    assertTrue(get(ns, "https://w/").body().text().startsWith("Disallowed operation called within global scope"));
  }
}
