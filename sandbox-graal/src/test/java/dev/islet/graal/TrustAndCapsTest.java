package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Binding;
import dev.islet.LimitExceededException;
import dev.islet.Limits;
import dev.islet.Module;
import dev.islet.Namespace;
import dev.islet.NamespaceOptions;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.WorkerScript;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Trusted and untrusted namespaces, and deploy-time caps")
class TrustAndCapsTest extends RuntimeFixture {
  private static final String CODEGEN = "export default { fetch(req) {\n"
      + "  const out = [];\n"
      + "  for (const f of [() => eval('1 + 1'), () => new Function('return 2')(), () => Function('return 3')(),\n"
      + "      () => (function () {}).constructor('return 4')(), () => (async function () {}).constructor('return 5'),\n"
      + "      () => (function* () {}).constructor('yield 6'), () => setTimeout.constructor('return 7')()]) {\n"
      + "    try { out.push(String(f())); } catch (e) { out.push(e.name); }\n"
      + "  }\n"
      + "  return new Response(out.join(',') + '|' + JSON.stringify(req.cf ?? null));\n"
      + "} }";

  private static final Request WITH_CF = Request.newBuilder("https://a.example/")
      .cf(Map.of("country", "NL", "asn", 1136)).build();

  @Test
  @DisplayName("untrusted (the default): eval and every Function constructor throw EvalError; request.cf is absent")
  void untrustedRefusesCodeGeneration() {
    Namespace ns = freshNamespace();
    assertEquals(false, ns.options().trusted());
    ns.deploy(esm("w", CODEGEN));
    assertEquals("EvalError,EvalError,EvalError,EvalError,EvalError,EvalError,EvalError|null",
        call(ns, "w", WITH_CF).body().text());
  }

  @Test
  @DisplayName("trusted: code generation works and request.cf carries the host's metadata")
  void trustedAllowsCodeGenerationAndCf() {
    Namespace ns = runtime.namespace("trusted-ns", NamespaceOptions.newBuilder().trusted(true).build());
    ns.deploy(esm("w", CODEGEN));
    String text = call(ns, "w", WITH_CF).body().text();
    assertTrue(text.startsWith("2,2,3,4,"), text);
    assertTrue(text.endsWith("|{\"country\":\"NL\",\"asn\":1136}") || text.endsWith("|{\"asn\":1136,\"country\":\"NL\"}"), text);
  }

  @Test
  @DisplayName("a namespace cannot be re-created with other options")
  void optionsAreFixed() {
    runtime.namespace("fixed", NamespaceOptions.newBuilder().limits(Limits.cpuMs(10)).build());
    assertThrows(IllegalArgumentException.class, () -> runtime.namespace("fixed", NamespaceOptions.defaults()));
    assertEquals(Limits.cpuMs(10), runtime.namespace("fixed").options().limits());
  }

  @Test
  @DisplayName("a script larger than the namespace allows is refused with SCRIPT_SIZE")
  void scriptSizeCap() {
    Namespace ns = runtime.namespace("small-scripts", NamespaceOptions.newBuilder().maxScriptSize(1024).build());
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> ns.deploy(WorkerScript.newBuilder("w")
        .mainModule("w.js", "export default { fetch() { return new Response('x') } }")
        .module(Module.text("big.txt", "x".repeat(2000)))
        .build()));
    assertEquals(Limits.Kind.SCRIPT_SIZE, e.limit());
    assertEquals(Outcome.EXCEEDED_OTHER_LIMIT, e.outcome());
    assertTrue(ns.get("w").isEmpty());
  }

  @Test
  @DisplayName("bindings larger than the namespace allows are refused with ENV_SIZE")
  void envSizeCap() {
    Namespace ns = runtime.namespace("small-env", NamespaceOptions.newBuilder().maxEnvSize(100).build());
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> ns.deploy(WorkerScript.newBuilder("w")
        .mainModule("w.js", "export default { fetch() { return new Response('x') } }")
        .binding("SECRET", Binding.secret("s".repeat(200)))
        .build()));
    assertEquals(Limits.Kind.ENV_SIZE, e.limit());
  }
}
