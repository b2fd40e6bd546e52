package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Binding;
import dev.islet.Module;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.ScriptException;
import dev.islet.WorkerScript;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Deploy-time validation")
class ScriptValidationTest extends RuntimeFixture {
  private ScriptException deployFails(WorkerScript script) {
    Namespace ns = freshNamespace();
    ScriptException e = assertThrows(ScriptException.class, () -> ns.deploy(script));
    assertEquals(Outcome.SCRIPT_INVALID, e.outcome());
    assertTrue(ns.get(script.name()).isEmpty(), "nothing was deployed");
    return e;
  }

  @Test
  @DisplayName("a syntax error names the module, line and column")
  void syntaxError() {
    ScriptException e = deployFails(esm("w", "export default {\n  fetch() {\n    return new Response('x'\n  }\n}"));
    assertEquals("worker.js", e.moduleName().orElseThrow());
    assertEquals(4, e.line());
    assertTrue(e.column() > 0);
    assertTrue(e.reason().startsWith("SyntaxError"), e.reason());
  }

  @Test
  @DisplayName("a syntax error in an imported module names that module")
  void syntaxErrorInImport() {
    ScriptException e = deployFails(WorkerScript.newBuilder("w")
        .mainModule("worker.js", "import { f } from './lib/util.js'; export default { fetch: f }")
        .module(Module.esModule("lib/util.js", "export function f( {"))
        .build());
    assertEquals("lib/util.js", e.moduleName().orElseThrow());
    assertEquals(1, e.line());
  }

  @Test
  @DisplayName("a main module without a default export is refused")
  void noDefaultExport() {
    ScriptException e = deployFails(esm("w", "export const x = 1;"));
    assertTrue(e.reason().contains("no default export"), e.reason());
  }

  @Test
  @DisplayName("a default export without a fetch handler is refused")
  void noFetchHandler() {
    ScriptException e = deployFails(esm("w", "export default { scheduled() {} }"));
    assertTrue(e.reason().contains("no fetch handler"), e.reason());
  }

  @Test
  @DisplayName("a service worker that registers no fetch listener is refused")
  void serviceWorkerWithoutListener() {
    ScriptException e = deployFails(WorkerScript.newBuilder("w").serviceWorker("sw.js", "const x = 1;").build());
    assertTrue(e.reason().contains("no 'fetch' event listener"), e.reason());
  }

  @Test
  @DisplayName("an exception at top level is refused with its message and location")
  void topLevelThrow() {
    ScriptException e = deployFails(esm("w", "\nthrow new TypeError('boom');\nexport default { fetch() {} }"));
    assertTrue(e.reason().contains("TypeError: boom"), e.reason());
    assertEquals("worker.js", e.moduleName().orElseThrow());
    assertEquals(2, e.line());
  }

  @Test
  @DisplayName("imports of missing modules, of ../, file: and https: URLs fail")
  void badImports() {
    for (String specifier : new String[] {"./missing.js", "../outside.js", "/etc/passwd",
        "file:///etc/passwd", "https://example.com/x.js", "node:fs", "lodash"}) {
      ScriptException e = deployFails(esm("w",
          "import x from '" + specifier + "'; export default { fetch() { return new Response(x) } }"));
      assertTrue(e.getMessage().contains("worker.js"), specifier + ": " + e.getMessage());
    }
  }

  @Test
  @DisplayName("a JSON module or JSON binding that does not parse is refused")
  void badJson() {
    ScriptException e = deployFails(WorkerScript.newBuilder("w")
        .mainModule("worker.js", "import c from './c.json'; export default { fetch() { return new Response(c.a) } }")
        .module(Module.json("c.json", "{a: 1}"))
        .build());
    assertEquals("c.json", e.moduleName().orElseThrow());
    ScriptException b = deployFails(WorkerScript.newBuilder("w")
        .mainModule("worker.js", "export default { fetch() { return new Response('') } }")
        .binding("CONFIG", Binding.json("{nope"))
        .build());
    assertTrue(b.getMessage().contains("CONFIG"), b.getMessage());
  }
}
