package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Binding;
import dev.islet.Namespace;
import dev.islet.WorkerScript;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tenant isolation (basics; the limits issue adds the hostile corpus)")
class IsolationTest extends RuntimeFixture {

  @Test
  @DisplayName("no host or engine globals are reachable: Java, Packages, Polyglot, load, print, Graal, require, process")
  void noHostGlobals() {
    Namespace ns = deploy("export default { fetch() {\n"
        + "  const names = ['Java', 'Packages', 'java', 'javax', 'Polyglot', 'load', 'loadWithNewGlobal', 'print',\n"
        + "    'printErr', 'Graal', 'require', 'process', 'quit', 'read', 'readline', 'readbuffer', 'module', 'exports'];\n"
        + "  return new Response(names.map(n => n + '=' + typeof globalThis[n]).join(' '));\n"
        + "} }");
    String text = get(ns, "https://a.example/").body().text();
    for (String pair : text.split(" ")) {
      assertEquals("undefined", pair.substring(pair.indexOf('=') + 1), pair);
    }
  }

  @Test
  @DisplayName("escape attempts fail: Java.type, Polyglot.eval, load, require, process.env, threads, host properties")
  void escapeAttemptsFail() {
    Namespace ns = deploy("export default { fetch() {\n"
        + "  const attempts = {\n"
        + "    javaType: () => Java.type('java.lang.System').getProperty('user.home'),\n"
        + "    packages: () => Packages.java.lang.System.getenv(),\n"
        + "    polyglotEval: () => Polyglot.eval('js', '1'),\n"
        + "    polyglotImport: () => Polyglot.import('x'),\n"
        + "    load: () => load('/etc/passwd'),\n"
        + "    print: () => print('x'),\n"
        + "    require: () => require('fs'),\n"
        + "    processEnv: () => process.env.HOME,\n"
        + "    graal: () => Graal.versionJS,\n"
        + "    thread: () => new Worker('x.js'),\n"
        + "    javaThread: () => new (Java.type('java.lang.Thread'))(),\n"
        + "    importMeta: () => globalThis.importScripts('x.js'),\n"
        + "  };\n"
        + "  const out = [];\n"
        + "  for (const [k, f] of Object.entries(attempts)) {\n"
        + "    try { f(); out.push(k + ':ESCAPED'); } catch (e) { out.push(k + ':' + e.name); }\n"
        + "  }\n"
        + "  return new Response(out.join(' '));\n"
        + "} }");
    String text = get(ns, "https://a.example/").body().text();
    assertFalse(text.contains("ESCAPED"), text);
    for (String part : text.split(" ")) {
      String name = part.substring(part.indexOf(':') + 1);
      assertTrue(name.equals("ReferenceError") || name.equals("TypeError"), part);
    }
  }

  @Test
  @DisplayName("a tenant deployed after another was deleted sees clean built-ins")
  void laterTenantSeesCleanBuiltins() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("a", "Object.prototype.polluted = 1; Array.prototype.includes = () => true; globalThis.leak = 1;\n"
        + "export default { fetch() { return new Response('a') } }"));
    assertEquals("a", call(ns, "a", dev.islet.Request.get("https://a.example/")).body().text());
    ns.delete("a");
    ns.deploy(esm("b", "export default { fetch() { return new Response([typeof ({}).polluted, [].includes(1), typeof leak].join()) } }"));
    assertEquals("undefined,false,undefined", call(ns, "b", dev.islet.Request.get("https://b.example/")).body().text());
  }

  @Test
  @DisplayName("bindings and host callbacks expose no Java object to walk (constructor, getClass, prototype)")
  void noWalkFromEnv() {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("w").mainModule("worker.js", "export default { fetch(req, env, ctx) {\n"
        + "  const seen = [];\n"
        + "  for (const v of [env, env.S, ctx, req, req.headers, console.log, setTimeout]) {\n"
        + "    try { const c = v.constructor && v.constructor.constructor; const r = c && c('return typeof Java')();\n"
        + "      seen.push(String(r)); } catch (e) { seen.push('threw'); }\n"
        + "    seen.push(typeof (v && v.getClass));\n"
        + "  }\n"
        + "  return new Response(seen.join(','));\n"
        + "} }").binding("S", Binding.secret("x")).build());
    String text = get(ns, "https://a.example/").body().text();
    assertFalse(text.contains("object"), text);
    assertFalse(text.contains("function"), text);
  }

  @Test
  @DisplayName("one tenant's globals and patched built-ins are invisible to another")
  void tenantsDoNotShareGlobals() {
    Namespace ns = freshNamespace();
    ns.deploy(esm("a", "globalThis.secret = 'from-a'; Array.prototype.leak = 'a-was-here';\n"
        + "Object.prototype.polluted = true; const then = Promise.prototype.then;\n"
        + "Promise.prototype.then = function (...args) { globalThis.hijacked = true; return then.apply(this, args); };\n"
        + "export default { fetch() { return new Response('a') } }"));
    ns.deploy(esm("b", "export default { fetch() {\n"
        + "  return new Response([typeof globalThis.secret, typeof [].leak, typeof ({}).polluted,\n"
        + "    Promise.prototype.then.toString().includes('hijacked')].join(','));\n"
        + "} }"));
    assertEquals("a", call(ns, "a", dev.islet.Request.get("https://a.example/")).body().text());
    assertEquals("undefined,undefined,undefined,false", call(ns, "b", dev.islet.Request.get("https://b.example/")).body().text());
  }

  @Test
  @DisplayName("a tenant that patches Promise, Response and Array still gets its own response through")
  void patchedBuiltinsDoNotBreakTheHost() {
    Namespace ns = deploy("Promise.prototype.then = function () { throw new Error('no then for you'); };\n"
        + "Array.prototype.push = function () { throw new Error('no push'); };\n"
        + "JSON.parse = () => { throw new Error('no JSON'); };\n"
        + "export default { fetch() { return new Response('still works', { headers: { 'x-a': '1' } }) } }");
    assertEquals("still works", get(ns, "https://a.example/").body().text());
  }

  @Test
  @DisplayName("host failures reach the guest without host exception text")
  void noHostTextInGuestErrors() {
    Namespace ns = deploy("export default { fetch() {\n"
        + "  const errors = [];\n"
        + "  for (const f of [() => crypto.getRandomValues(new Float32Array(1)), () => crypto.getRandomValues(new Uint8Array(70000)),\n"
        + "      () => setTimeout('code string'), () => new Response('x', { status: 99 })]) {\n"
        + "    try { f(); errors.push('no error'); } catch (e) { errors.push(String(e) + ' ' + e.stack); }\n"
        + "  }\n"
        + "  return new Response(errors.join('\\n'));\n"
        + "} }");
    String text = get(ns, "https://a.example/").body().text();
    assertFalse(text.contains("no error"), text);
    for (String forbidden : new String[] {"java.", "Exception", "org.graalvm", "com.oracle", "dev.islet"}) {
      assertFalse(text.contains(forbidden), forbidden + " in: " + text);
    }
  }
}
