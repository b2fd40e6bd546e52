package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Binding;
import dev.islet.IsletException;
import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.WorkerScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Default stores: a runtime given no store keeps KV and blobs in its data directory")
class DefaultStoresTest {
  private static final String WORKER = "export default { async fetch(req, env) {\n"
      + "  const url = new URL(req.url);\n"
      + "  if (url.pathname === '/write') {\n"
      + "    await env.KV.put('greeting', 'hello from KV', { metadata: { v: 1 } });\n"
      + "    await env.B.put('docs/a.txt', 'hello from R2', { customMetadata: { owner: 'ann' } });\n"
      + "    return new Response('written');\n"
      + "  }\n"
      + "  const kv = await env.KV.getWithMetadata('greeting');\n"
      + "  const o = await env.B.get('docs/a.txt');\n"
      + "  return new Response([kv.value, JSON.stringify(kv.metadata), o && await o.text(), o && o.customMetadata.owner].join('|'));\n"
      + "} }";

  @TempDir Path dir;

  private static WorkerScript worker(String kvId, String bucket) {
    return WorkerScript.newBuilder("w").mainModule("worker.js", WORKER)
        .binding("KV", Binding.kv(kvId)).binding("B", Binding.blob(bucket)).build();
  }

  private static String call(IsletRuntime runtime, String path) throws Exception {
    return runtime.namespace("n").dispatcher().get("w").fetch(Request.get("https://w.example" + path))
        .get(60, TimeUnit.SECONDS).body().text();
  }

  @Test
  @DisplayName("KV and R2 data written through the defaults is there after the runtime restarts")
  void survivesRestart() throws Exception {
    Path data = dir.resolve("data");
    try (IsletRuntime runtime = IsletRuntime.newBuilder().spareContexts(0).dataDirectory(data).build()) {
      runtime.namespace("n").deploy(worker("tenant-1", "bucket-1"));
      assertEquals("written", call(runtime, "/write"));
      assertEquals("hello from KV|{\"v\":1}|hello from R2|ann", call(runtime, "/read"));
    }
    assertTrue(Files.isRegularFile(data.resolve("kv.sqlite")), "the KV file");
    assertTrue(Files.isDirectory(data.resolve("blobs")), "the blob directory");
    try (IsletRuntime runtime = IsletRuntime.newBuilder().spareContexts(0).dataDirectory(data).build()) {
      runtime.namespace("n").deploy(worker("tenant-1", "bucket-1"));
      assertEquals("hello from KV|{\"v\":1}|hello from R2|ann", call(runtime, "/read"));
      runtime.namespace("n").update(worker("tenant-2", "bucket-2"));
      assertEquals("|null||", call(runtime, "/read"), "another tenant's namespace and bucket are empty");
    }
  }

  @Test
  @DisplayName("a runtime whose workers have no KV or blob binding touches no disk")
  void lazy() throws Exception {
    Path data = dir.resolve("unused");
    try (IsletRuntime runtime = IsletRuntime.newBuilder().spareContexts(0).dataDirectory(data).build()) {
      runtime.namespace("n").deploy(WorkerScript.newBuilder("w")
          .mainModule("worker.js", "export default { fetch() { return new Response('plain') } }").build());
      assertEquals("plain", call(runtime, "/"));
    }
    assertFalse(Files.exists(data));
  }

  @Test
  @DisplayName("a data directory that cannot be used fails the deploy with the reason; the runtime goes on")
  void unusableDirectory() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    try (IsletRuntime runtime = IsletRuntime.newBuilder().spareContexts(0).dataDirectory(file).build()) {
      Namespace ns = runtime.namespace("n");
      IsletException e = assertThrows(IsletException.class, () -> ns.deploy(worker("t", "b")));
      assertEquals(Outcome.INTERNAL_ERROR, e.outcome());
      assertTrue(e.getMessage().contains("cannot open the default KV store in " + file.toAbsolutePath()), e.getMessage());
      ns.deploy(WorkerScript.newBuilder("w")
          .mainModule("worker.js", "export default { fetch() { return new Response('still fine') } }").build());
      assertEquals("still fine", call(runtime, "/"));
    }
  }

  @Test
  @DisplayName("two runtimes cannot share a data directory: the second one's deploy says so")
  void oneRuntimePerDirectory() throws Exception {
    Path data = dir.resolve("shared");
    try (IsletRuntime first = IsletRuntime.newBuilder().spareContexts(0).dataDirectory(data).build();
        IsletRuntime second = IsletRuntime.newBuilder().spareContexts(0).dataDirectory(data).build()) {
      first.namespace("n").deploy(worker("t", "b"));
      IsletException e = assertThrows(IsletException.class, () -> second.namespace("n").deploy(worker("t", "b")));
      assertTrue(e.getMessage().contains("cannot open the default blob store"), e.getMessage());
      assertEquals("written", call(first, "/write"));
    }
  }
}
