package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Page;
import dev.islet.Request;
import dev.islet.ScriptException;
import dev.islet.ScriptInfo;
import dev.islet.ScriptQuery;
import dev.islet.WorkerAlreadyExistsException;
import dev.islet.WorkerNotFoundException;
import dev.islet.WorkerScript;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A namespace")
class NamespaceTest extends RuntimeFixture {
  private static final String HELLO =
      "export default { fetch() { return new Response('v1') } }";

  @Test
  @DisplayName("deploys a worker and dispatches a request to it")
  void deployAndDispatch() {
    Namespace ns = freshNamespace();
    ScriptInfo info = ns.deploy(esm("acme", HELLO));
    assertEquals("acme", info.name());
    assertEquals(1, info.version());
    assertEquals("v1", call(ns, "acme", Request.get("https://acme.example/")).body().text());
  }

  @Test
  @DisplayName("refuses to deploy a name twice, and keeps the first worker")
  void duplicateDeploy() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("acme", HELLO));
    WorkerAlreadyExistsException e = assertThrows(WorkerAlreadyExistsException.class,
        () -> ns.deploy(esm("acme", "export default { fetch() { return new Response('other') } }")));
    assertEquals(Outcome.REJECTED, e.outcome());
    assertEquals("v1", call(ns, "acme", Request.get("https://a.example/")).body().text());
  }

  @Test
  @DisplayName("updates a worker to a new version, and refuses to update an unknown name")
  void update() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("acme", HELLO));
    ScriptInfo v2 = ns.update(esm("acme", "export default { fetch() { return new Response('v2') } }"));
    assertEquals(2, v2.version());
    assertEquals("v2", call(ns, "acme", Request.get("https://a.example/")).body().text());
    assertEquals(2, ns.get("acme").orElseThrow().version());
    WorkerNotFoundException e = assertThrows(WorkerNotFoundException.class, () -> ns.update(esm("nobody", HELLO)));
    assertEquals("Worker not found: nobody", e.getMessage());
  }

  @Test
  @DisplayName("keeps serving the old version when an update does not compile")
  void failedUpdateKeepsOldVersion() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("acme", HELLO));
    assertThrows(ScriptException.class, () -> ns.update(esm("acme", "export default {")));
    assertEquals("v1", call(ns, "acme", Request.get("https://a.example/")).body().text());
    assertEquals(1, ns.get("acme").orElseThrow().version());
  }

  @Test
  @DisplayName("put creates or replaces")
  void put() {
    Namespace ns = freshNamespace();
    assertEquals(1, ns.put(esm("acme", HELLO)).version());
    assertEquals(2, ns.put(esm("acme", HELLO)).version());
  }

  @Test
  @DisplayName("deletes a worker: later requests get Worker not found")
  void delete() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("acme", HELLO));
    assertTrue(ns.delete("acme"));
    assertFalse(ns.delete("acme"));
    assertTrue(ns.get("acme").isEmpty());
    Throwable t = failure(ns.dispatcher().get("acme").fetch(Request.get("https://a.example/")));
    WorkerNotFoundException e = assertInstanceOf(WorkerNotFoundException.class, t);
    assertEquals("Worker not found: acme", e.getMessage());
    assertEquals(Outcome.SCRIPT_NOT_FOUND, e.outcome());
    // The name is free again.
    assertEquals(1, ns.deploy(esm("acme", HELLO)).version());
  }

  @Test
  @DisplayName("delete frees the worker's instances: a redeploy starts from fresh state")
  void deleteFreesInstances() {
    Namespace ns = freshNamespace();
    String counter = "let hits = 0; export default { fetch() { return new Response(String(++hits)) } }";
    ns.deploy(esm("acme", counter));
    assertEquals("1", call(ns, "acme", Request.get("https://a.example/")).body().text());
    assertEquals("2", call(ns, "acme", Request.get("https://a.example/")).body().text());
    ns.delete("acme");
    ns.deploy(esm("acme", counter));
    assertEquals("1", call(ns, "acme", Request.get("https://a.example/")).body().text());
  }

  @Test
  @DisplayName("lists scripts filtered by tags (yes and no) with cursor pagination")
  void listByTags() {
    Namespace ns = freshNamespace();
    for (int i = 0; i < 7; i++) {
      WorkerScript.Builder b = WorkerScript.newBuilder("w" + i).mainModule("w.js", HELLO);
      b.tags(i % 2 == 0 ? "even" : "odd");
      if (i % 3 == 0) {
        b.tags("three");
      }
      ns.deploy(b.build());
    }
    assertEquals(List.of("w0", "w2", "w4", "w6"), names(ns.list(ScriptQuery.newBuilder().tag("even", true).build())));
    assertEquals(List.of("w2", "w4"),
        names(ns.list(ScriptQuery.newBuilder().tag("even", true).tag("three", false).build())));

    ScriptQuery pageOfTwo = ScriptQuery.newBuilder().limit(2).build();
    Page<ScriptInfo> page = ns.list(pageOfTwo);
    StringBuilder seen = new StringBuilder();
    int pages = 0;
    while (true) {
      pages++;
      page.items().forEach(s -> seen.append(s.name()).append(' '));
      if (page.nextCursor().isEmpty()) {
        break;
      }
      page = ns.list(pageOfTwo.toBuilder().cursor(page.nextCursor().get()).build());
    }
    assertEquals("w0 w1 w2 w3 w4 w5 w6 ", seen.toString());
    assertEquals(4, pages);
    assertThrows(IllegalArgumentException.class,
        () -> ns.list(ScriptQuery.newBuilder().cursor("not a cursor!").build()));
  }

  @Test
  @DisplayName("deletes every script with a tag")
  void deleteByTag() {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("a").mainModule("w.js", HELLO).tags("customer-1", "pro").build());
    ns.deploy(WorkerScript.newBuilder("b").mainModule("w.js", HELLO).tags("customer-1").build());
    ns.deploy(WorkerScript.newBuilder("c").mainModule("w.js", HELLO).tags("customer-2").build());
    assertEquals(2, ns.deleteByTag("customer-1"));
    assertEquals(List.of("c"), names(ns.list(ScriptQuery.all())));
  }

  @Test
  @DisplayName("refuses a ninth tag, duplicate tags, and tags with commas")
  void tagRules() {
    WorkerScript.Builder b = WorkerScript.newBuilder("t").mainModule("w.js", HELLO);
    b.tags("1", "2", "3", "4", "5", "6", "7", "8");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.tags("9"));
    assertTrue(e.getMessage().contains("at most 8 tags"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> WorkerScript.newBuilder("t").tags("x", "x"));
    assertThrows(IllegalArgumentException.class,
        () -> WorkerScript.newBuilder("t").tags("a,b"));
  }

  @Test
  @DisplayName("refuses bad script names, duplicate modules and bindings, and scripts without a main module")
  void scriptBuilderValidation() {
    assertThrows(IllegalArgumentException.class, () -> WorkerScript.newBuilder("has space"));
    assertThrows(IllegalArgumentException.class, () -> WorkerScript.newBuilder(""));
    assertThrows(IllegalArgumentException.class, () -> WorkerScript.newBuilder("x".repeat(64)));
    assertThrows(IllegalArgumentException.class, () -> WorkerScript.newBuilder("ok").build());
    assertThrows(IllegalArgumentException.class, () -> WorkerScript.newBuilder("ok")
        .mainModule("a.js", HELLO).module(dev.islet.Module.text("a.js", "x")));
    assertThrows(IllegalArgumentException.class, () -> WorkerScript.newBuilder("ok")
        .binding("A", dev.islet.Binding.text("1")).binding("A", dev.islet.Binding.text("2")));
    assertThrows(IllegalArgumentException.class, () -> WorkerScript.newBuilder("ok")
        .binding("not-an-identifier", dev.islet.Binding.text("1")));
    assertThrows(IllegalArgumentException.class, () -> dev.islet.Module.text("../up.txt", "x"));
    assertThrows(IllegalArgumentException.class, () -> dev.islet.Module.text("/abs.txt", "x"));
    assertThrows(IllegalArgumentException.class, () -> WorkerScript.newBuilder("ok").compatibilityDate("2024-13-01"));
  }

  @Test
  @DisplayName("rejects namespace names that are not script-name shaped")
  void namespaceNames() {
    assertThrows(IllegalArgumentException.class, () -> runtime.namespace("bad name"));
    assertEquals(runtime.namespace("same"), runtime.namespace("same"));
  }

  private static List<String> names(Page<ScriptInfo> page) {
    return page.items().stream().map(ScriptInfo::name).collect(Collectors.toList());
  }
}
