package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.islet.Response;
import dev.islet.ScriptException;
import dev.islet.WorkerScript;
import dev.islet.bindings.InMemory;
import dev.islet.store.BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Blob bindings: the Workers R2 API over a BlobStore")
class BlobBindingTest extends RuntimeFixture {
  private BlobStore store;

  /** The store under test; subclasses run every test on another one. */
  protected BlobStore newStore() throws Exception {
    return InMemory.blobs();
  }

  @Override
  protected IsletRuntime.Builder configure(IsletRuntime.Builder builder) {
    try {
      store = newStore();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return builder.blobStore(store);
  }

  @AfterAll
  void closeStore() {
    store.close();
  }

  private Namespace withBucket(String bucket, String body) {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("w").mainModule("worker.js", "export default { async fetch(req, env) {\n"
            + "  const out = [];\n"
            + "  const attempt = async (f) => { try { return await f(); } catch (e) { return e.name + ': ' + e.message; } };\n"
            + body + "\n"
            + "  return new Response(JSON.stringify(out));\n"
            + "} }")
        .binding("B", Binding.blob(bucket)).build());
    return ns;
  }

  private String run(Namespace ns) {
    return get(ns, "https://w.example/").body().text();
  }

  @Test
  @DisplayName("put takes a ReadableStream or a Blob; get's body is a ReadableStream")
  void streamsAndBlobs() {
    Namespace ns = withBucket("streams",
        "await env.B.put('s', new Response('from a stream').body);\n"
            + "await env.B.put('b', new Blob(['from a ', 'blob']));\n"
            + "const s = await env.B.get('s'); out.push(s.body instanceof ReadableStream, await new Response(s.body).text());\n"
            + "out.push(await (await env.B.get('b')).text(), (await env.B.head('b')).size);");
    assertEquals("[true,\"from a stream\",\"from a blob\",11]", run(ns));
  }

  @Test
  @DisplayName("put returns an R2Object; get an R2ObjectBody whose body reads once; head and delete")
  void roundTrip() {
    Namespace ns = withBucket("rt",
        "const put = await env.B.put('docs/a.txt', 'hello ✓', { httpMetadata: { contentType: 'text/plain' }, customMetadata: { owner: 'ann' } });\n"
            + "out.push(put.key, put.size, put.etag.length, put.httpEtag === '\"' + put.etag + '\"', put.uploaded instanceof Date);\n"
            + "const o = await env.B.get('docs/a.txt');\n"
            + "out.push(o.httpMetadata.contentType, o.customMetadata.owner, o.bodyUsed, await o.text(), o.bodyUsed);\n"
            + "out.push(await attempt(() => o.text()));\n"
            + "out.push(o.version === put.version, JSON.stringify(o.checksums).includes(put.etag));\n"
            + "const h = new Headers(); o.writeHttpMetadata(h); out.push(h.get('content-type'));\n"
            + "out.push((await env.B.head('docs/a.txt')).size, await env.B.head('nope'), await env.B.get('nope'));\n"
            + "await env.B.put('bin', new Uint8Array([0, 1, 255]));\n"
            + "out.push(Array.from(new Uint8Array(await (await env.B.get('bin')).arrayBuffer())));\n"
            + "out.push(await env.B.delete(['docs/a.txt', 'bin', 'never']), await env.B.head('bin'));\n"
            + "const r = new Response((await env.B.put('x', 'served')) && (await env.B.get('x')).body); out.push(await r.text());");
    assertEquals("[\"docs/a.txt\",9,32,true,true,\"text/plain\",\"ann\",false,\"hello ✓\",true,"
        + "\"TypeError: Body has already been used. It can only be used once.\",true,true,\"text/plain\",9,null,null,"
        + "[0,1,255],null,null,\"served\"]", run(ns));
  }

  @Test
  @DisplayName("ranges: offset/length, offset only, suffix, and a Range header")
  void ranges() {
    Namespace ns = withBucket("ranges",
        "await env.B.put('k', '0123456789');\n"
            + "for (const range of [{ offset: 2, length: 3 }, { offset: 7 }, { suffix: 4 }, new Headers({ range: 'bytes=1-2' }), { offset: 8, length: 100 }]) {\n"
            + "  const o = await env.B.get('k', { range }); out.push(await o.text(), o.range.offset, o.range.length);\n"
            + "}\n"
            + "out.push(await attempt(() => env.B.get('k', { range: { suffix: 1, offset: 2 } })));");
    assertEquals("[\"234\",2,3,\"789\",7,3,\"6789\",6,4,\"12\",1,2,\"89\",8,2,"
        + "\"TypeError: range: suffix cannot be combined with offset or length\"]", run(ns));
  }

  @Test
  @DisplayName("conditional get and put (onlyIf object and Headers); checksums are verified")
  void conditionsAndChecksums() {
    Namespace ns = withBucket("cond",
        "const v1 = await env.B.put('k', 'one');\n"
            + "out.push(await env.B.put('k', 'two', { onlyIf: { etagMatches: 'wrong' } }));\n"
            + "out.push((await env.B.put('k', 'two', { onlyIf: { etagMatches: v1.etag } })).size);\n"
            + "out.push(await env.B.put('new', 'x', { onlyIf: { etagMatches: '*' } }));\n"
            + "out.push((await env.B.put('new', 'x', { onlyIf: new Headers({ 'if-none-match': '*' }) })).key);\n"
            + "out.push(await env.B.put('new', 'y', { onlyIf: new Headers({ 'if-none-match': '*' }) }));\n"
            + "const cur = await env.B.head('k');\n"
            + "const miss = await env.B.get('k', { onlyIf: { etagDoesNotMatch: cur.etag } });\n"
            + "out.push(miss.key, 'body' in miss, typeof miss.text);\n"
            + "const hit = await env.B.get('k', { onlyIf: { etagMatches: cur.httpEtag, uploadedAfter: new Date(0) } });\n"
            + "out.push(await hit.text());\n"
            + "out.push((await env.B.put('sum', 'abc', { md5: '900150983cd24fb0d6963f7d28e17f72' })).checksums.toJSON().md5);\n"
            + "out.push(await attempt(() => env.B.put('sum', 'abd', { md5: '900150983cd24fb0d6963f7d28e17f72' })));\n"
            + "out.push(await attempt(() => env.B.put('sum', 'abc', { md5: '900150983cd24fb0d6963f7d28e17f72', sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d' })));\n"
            + "out.push((await env.B.put('sum', 'abc', { sha256: new Uint8Array(32) }).catch(e => e.message)));");
    assertEquals("[null,3,null,\"new\",null,\"k\",false,\"undefined\",\"two\",\"900150983cd24fb0d6963f7d28e17f72\","
        + "\"Error: put: The MD5 checksum you specified did not match what we received. (10037)\","
        + "\"TypeError: put: You cannot specify multiple hashing algorithms.\","
        + "\"put: The SHA256 checksum you specified did not match what we received. (10037)\"]", run(ns));
  }

  @Test
  @DisplayName("list: prefix, delimiter, include, limit and cursor")
  void list() {
    Namespace ns = withBucket("list",
        "for (const k of ['a/1', 'a/2', 'a/b/3', 'c', 'd/4']) await env.B.put(k, k, { customMetadata: { k }, httpMetadata: { contentType: 'text/x' } });\n"
            + "let p = await env.B.list({ delimiter: '/' });\n"
            + "out.push(p.objects.map(o => o.key), p.delimitedPrefixes, p.truncated);\n"
            + "p = await env.B.list({ prefix: 'a/', delimiter: '/', include: ['customMetadata'] });\n"
            + "out.push(p.objects.map(o => o.key + ':' + o.customMetadata.k + ':' + o.httpMetadata.contentType), p.delimitedPrefixes);\n"
            + "p = await env.B.list({ limit: 2 });\n"
            + "out.push(p.objects.map(o => o.key), p.truncated);\n"
            + "p = await env.B.list({ limit: 2, cursor: p.cursor });\n"
            + "out.push(p.objects.map(o => o.key), p.truncated);\n"
            + "p = await env.B.list({ startAfter: 'a/b/3' });\n"
            + "out.push(p.objects.map(o => o.key));\n"
            + "out.push(await attempt(() => env.B.list({ limit: 1001 })), await attempt(() => env.B.list({ cursor: 'zz' })));");
    assertEquals("[[\"c\"],[\"a/\",\"d/\"],false,[\"a/1:a/1:undefined\",\"a/2:a/2:undefined\"],[\"a/b/\"],"
        + "[\"a/1\",\"a/2\"],true,[\"a/b/3\",\"c\"],true,[\"c\",\"d/4\"],"
        + "\"Error: list: MaxKeys params must be positive integer <= 1000. (10022)\","
        + "\"Error: list: The specified cursor is not valid. (10020)\"]", run(ns));
  }

  @Test
  @DisplayName("bad input: invalid keys, values and metadata")
  void badInput() {
    Namespace ns = withBucket("bad",
        "out.push(await attempt(() => env.B.put('', 'x')));\n"
            + "out.push(await attempt(() => env.B.get('k'.repeat(1025))));\n"
            + "out.push(await attempt(() => env.B.put('k', 42)));\n"
            + "out.push(await attempt(() => env.B.put('k', 'v', { httpMetadata: { colour: 'red' } })));\n"
            + "out.push(await attempt(() => env.B.put('k', 'v', { customMetadata: { big: 'x'.repeat(3000) } })));\n"
            + "out.push(await attempt(() => env.B.put('k', 'v', 'not options')));");
    assertEquals("[\"Error: put: The specified object name is not valid. (10020)\","
        + "\"Error: get: The specified object name is not valid. (10020)\","
        + "\"TypeError: put: value must be a string, ArrayBuffer, ArrayBufferView, Blob, ReadableStream or null\","
        + "\"TypeError: put: unknown httpMetadata field colour\","
        + "\"Error: put: Your metadata headers exceed the maximum allowed metadata size. (10012)\","
        + "\"TypeError: put: options must be an object\"]", run(ns));
  }

  @Test
  @DisplayName("multipart: create, upload parts (string, bytes, stream, Blob), resume, complete; R2's etag")
  void multipart() {
    Namespace ns = withBucket("mp",
        "const part = 'a'.repeat(5 * 1024 * 1024);\n"
            + "const up = await env.B.createMultipartUpload('big', { httpMetadata: { contentType: 'text/plain' }, customMetadata: { by: 'test' } });\n"
            + "out.push(up.key, typeof up.uploadId, up.uploadId.length > 0);\n"
            + "const p1 = await up.uploadPart(1, part);\n"
            + "const again = env.B.resumeMultipartUpload('big', up.uploadId);\n"
            + "const p2 = await again.uploadPart(2, new TextEncoder().encode(part));\n"
            + "const p3 = await again.uploadPart(3, new Response('tail').body);\n"
            + "out.push(p1.partNumber, p2.partNumber, p3.partNumber, typeof p1.etag, p1.etag !== p2.etag);\n"
            + "out.push(await env.B.head('big'));\n"
            + "const o = await up.complete([p3, p1, p2]);\n"
            + "out.push(o.key, o.size, /^[0-9a-f]{32}-3$/.test(o.etag), o.httpMetadata.contentType, o.customMetadata.by);\n"
            + "const got = await env.B.get('big', { range: { suffix: 6 } });\n"
            + "out.push(await got.text(), (await env.B.head('big')).etag === o.etag);\n"
            + "const small = await env.B.createMultipartUpload('small');\n"
            + "const s1 = await small.uploadPart(1, new Blob(['only part']));\n"
            + "await small.complete([{ partNumber: s1.partNumber, etag: s1.etag }]);\n"
            + "out.push(await (await env.B.get('small')).text());");
    assertEquals("[\"big\",\"string\",true,1,2,3,\"string\",true,null,\"big\",10485764,true,\"text/plain\",\"test\","
        + "\"aatail\",true,\"only part\"]", run(ns));
  }

  @Test
  @DisplayName("multipart refusals read as R2's: unknown upload, missing part, small part, bad part number; abort")
  void multipartRefusals() {
    Namespace ns = withBucket("mp-bad",
        "const up = await env.B.createMultipartUpload('k');\n"
            + "const p1 = await up.uploadPart(1, 'small');\n"
            + "const p2 = await up.uploadPart(2, 'last');\n"
            + "out.push(await attempt(() => up.complete([p1, p2])));\n"
            + "out.push(await attempt(() => up.complete([{ partNumber: 7, etag: p1.etag }])));\n"
            + "out.push(await attempt(() => up.uploadPart(0, 'x')));\n"
            + "out.push(await attempt(() => up.complete('nope')));\n"
            + "out.push(await attempt(() => env.B.resumeMultipartUpload('k', 'no-such-id').uploadPart(1, 'x')));\n"
            + "out.push(await attempt(() => env.B.resumeMultipartUpload('other', up.uploadId).uploadPart(1, 'x')));\n"
            + "out.push(await attempt(() => env.B.createMultipartUpload('')));\n"
            + "out.push(await up.abort(), await up.abort());\n"
            + "out.push(await attempt(() => up.uploadPart(3, 'late')), await env.B.head('k'));\n"
            + "const done = await env.B.createMultipartUpload('k');\n"
            + "const d1 = await done.uploadPart(1, 'x');\n"
            + "await done.complete([d1]);\n"
            + "out.push(await attempt(() => done.complete([d1])));");
    assertEquals("[\"Error: completeMultipartUpload: Your proposed upload is smaller than the minimum allowed object size. (10011)\","
        + "\"Error: completeMultipartUpload: One or more of the specified parts could not be found. (10025)\","
        + "\"TypeError: uploadPart: partNumber must be an integer from 1 to 10000\","
        + "\"TypeError: complete: uploadedParts must be an array of { partNumber, etag }\","
        + "\"Error: uploadPart: The specified multipart upload does not exist. (10024)\","
        + "\"Error: uploadPart: The specified multipart upload does not exist. (10024)\","
        + "\"Error: createMultipartUpload: The specified object name is not valid. (10020)\","
        + "null,null,"
        + "\"Error: uploadPart: The specified multipart upload does not exist. (10024)\",null,"
        + "\"Error: completeMultipartUpload: The specified multipart upload does not exist. (10024)\"]", run(ns));
  }

  @Test
  @DisplayName("a store failure reaches the guest as an opaque reference, never the host's text")
  void storeFailureIsOpaque() {
    BlobStore broken = new BlobStore() {
      @Override
      public java.util.concurrent.CompletableFuture<java.util.Optional<dev.islet.store.BlobObject>> head(String b, String k) {
        return java.util.concurrent.CompletableFuture.failedFuture(new java.io.IOException("/srv/secret/blobs: disk full"));
      }

      @Override
      public java.util.concurrent.CompletableFuture<java.util.Optional<dev.islet.store.BlobContent>> get(String b, String k,
          dev.islet.store.BlobRange r) {
        throw new IllegalStateException("s3://internal-bucket?token=hunter2");
      }

      @Override
      public java.util.concurrent.CompletableFuture<dev.islet.store.BlobObject> put(String b, String k, byte[] d,
          dev.islet.store.BlobMetadata m) {
        return java.util.concurrent.CompletableFuture.failedFuture(new RuntimeException("password=hunter2"));
      }

      @Override
      public java.util.concurrent.CompletableFuture<Void> delete(String b, java.util.List<String> keys) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }

      @Override
      public java.util.concurrent.CompletableFuture<dev.islet.store.BlobPage> list(String b, String p, String d, String s,
          String c, int l) {
        return java.util.concurrent.CompletableFuture.completedFuture(
            new dev.islet.store.BlobPage(java.util.List.of(), java.util.List.of(), null));
      }
    };
    try (IsletRuntime other = IsletRuntime.newBuilder().blobStore(broken).spareContexts(0).build()) {
      Namespace ns = other.namespace("broken-store");
      ns.deploy(WorkerScript.newBuilder("w").mainModule("worker.js", "export default { async fetch(req, env) {\n"
              + "  const out = [];\n"
              + "  const attempt = async (f) => { try { return await f(); } catch (e) { return e.name + ': ' + e.message; } };\n"
              + "  out.push(await attempt(() => env.B.head('k')), await attempt(() => env.B.get('k')),\n"
              + "    await attempt(() => env.B.put('k', 'v')), await attempt(() => env.B.createMultipartUpload('k')));\n"
              + "  return new Response(JSON.stringify(out));\n"
              + "} }")
          .binding("B", Binding.blob("b")).build());
      String text = await(ns.dispatcher().get("w").fetch(Request.get("https://w/"))).body().text();
      assertTrue(text.matches("\\[\"TypeError: head failed: internal error; reference = [0-9a-f-]+\","
          + "\"TypeError: get failed: internal error; reference = [0-9a-f-]+\","
          + "\"TypeError: put failed: internal error; reference = [0-9a-f-]+\","
          + "\"Error: createMultipartUpload: This bucket does not support multipart uploads.\"\\]"), text);
      assertFalse(text.contains("hunter2") || text.contains("/srv"), text);
    }
  }

  @Test
  @DisplayName("buckets are apart: a tenant bound to one never sees another's objects")
  void scoping() {
    assertEquals("[1]", run(withBucket("tenant-a", "await env.B.put('secret', 'a'); out.push((await env.B.list()).objects.length);")));
    assertEquals("[null,0]", run(withBucket("tenant-b", "out.push(await env.B.get('secret'), (await env.B.list()).objects.length);")));
  }

  @Test
  @DisplayName("blob operations count against their own limit; the one over it ends the invocation, typed")
  void operationLimit() {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("w").mainModule("worker.js", "export default { async fetch(req, env) {\n"
            + "  const n = Number(req.headers.get('x-n'));\n"
            + "  for (let i = 0; i < n; i++) await env.B.head('k' + i);\n"
            + "  return new Response('did ' + n);\n"
            + "} }")
        .binding("B", Binding.blob("ops")).build());
    ns.deploy(esm("neighbour", "export default { fetch() { return new Response('fine') } }"));
    DispatchOptions three = DispatchOptions.limits(Limits.blobOperations(3), Limits.kvOperations(0), Limits.subRequests(0));
    assertEquals("did 3", await(ns.dispatcher().get("w", three)
        .fetch(Request.newBuilder("https://w/").header("x-n", "3").build())).body().text());
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(ns.dispatcher().get("w", three)
        .fetch(Request.newBuilder("https://w/").header("x-n", "4").build())));
    assertEquals(Limits.Kind.BLOB_OPERATIONS, e.limit());
    assertEquals(Outcome.EXCEEDED_SUBREQUESTS, e.outcome());
    assertEquals("Too many blob operations (limit 3)", e.getMessage());
    assertEquals("fine", call(ns, "neighbour", Request.get("https://n/")).body().text());
    LimitExceededException flood = assertInstanceOf(LimitExceededException.class, failure(ns.dispatcher().get("w")
        .fetch(Request.newBuilder("https://w/").header("x-n", "100000").build())));
    assertEquals("Too many blob operations (limit 1000)", flood.getMessage(), "the runtime default ends a flood");
    Response next = await(ns.dispatcher().get("w").fetch(Request.newBuilder("https://w/").header("x-n", "1").build()));
    assertEquals("did 1", next.body().text());
  }
}
