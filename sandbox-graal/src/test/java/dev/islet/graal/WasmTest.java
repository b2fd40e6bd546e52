package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.DispatchOptions;
import dev.islet.LimitExceededException;
import dev.islet.Limits;
import dev.islet.Module;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.ScriptException;
import dev.islet.WorkerScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WebAssembly in JS workers: .wasm modules, the WebAssembly namespace, deploy-time checks and limits")
class WasmTest extends RuntimeFixture {
  static byte[] fixture(String name) {
    try (InputStream in = WasmTest.class.getResourceAsStream("wasm/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Namespace deployWith(String wasmName, String fixture, String mainCode) {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("w").mainModule("worker.js", mainCode)
        .module(Module.wasm(wasmName, fixture(fixture))).build());
    return ns;
  }

  private static String worker(String top, String body) {
    return top + "\nexport default { async fetch(req, env) {\n"
        + "  const out = [];\n"
        + "  const attempt = async (f) => { try { return await f(); } catch (e) { return e.name + ': ' + e.message; } };\n"
        + body + "\n"
        + "  return new Response(JSON.stringify(out));\n"
        + "} }";
  }

  @Test
  @DisplayName("a JS worker imports a .wasm module and calls into it: numbers, recursion, memory")
  void callsIntoWasm() {
    Namespace ns = deployWith("add.wasm", "add.wasm", worker(
        "import mod from './add.wasm';\nconst { exports } = new WebAssembly.Instance(mod, {});",
        "out.push(mod instanceof WebAssembly.Module, exports.add(2, 3), exports.fib(20), exports.sum(16, 15));\n"
            + "out.push(new TextDecoder().decode(new Uint8Array(exports.memory.buffer, 16, 15)));\n"
            + "out.push(exports.memory instanceof WebAssembly.Memory, exports.memory.buffer.byteLength);\n"
            + "out.push(WebAssembly.Module.exports(mod).map(e => e.name + ':' + e.kind).join(','));\n"
            + "const again = await WebAssembly.instantiate(mod, {}); out.push(again instanceof WebAssembly.Instance, again.exports.add(40, 2));"));
    assertEquals("[true,5,6765,1472,\"hello from wasm\",true,65536,\"memory:memory,add:function,fib:function,sum:function\",true,42]",
        get(ns, "https://w.example/").body().text());
    assertEquals("[true,5,6765,1472,\"hello from wasm\",true,65536,\"memory:memory,add:function,fib:function,sum:function\",true,42]",
        get(ns, "https://w.example/").body().text(), "the next request on the same instance");
  }

  @Test
  @DisplayName("a Wasm module imports functions and globals from JS")
  void importsFromJs() {
    Namespace ns = deployWith("imported.wasm", "imported.wasm", worker(
        "import mod from './imported.wasm';\nconst logged = [];\n"
            + "const { exports } = new WebAssembly.Instance(mod, { env: { log: (x) => logged.push(x), scale: new WebAssembly.Global({ value: 'i32', mutable: false }, 3) } });",
        "exports.run(7); exports.run(10); out.push(logged.splice(0));"));
    assertEquals("[[21,30]]", get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("workers cannot compile Wasm from bytes at run time; validate still works; no Polyglot global")
  void noRuntimeCompilation() {
    Namespace ns = deployWith("add.wasm", "add.wasm", worker("import mod from './add.wasm';",
        "const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);\n"
            + "out.push(WebAssembly.validate(bytes), WebAssembly.validate(new Uint8Array([1, 2, 3])));\n"
            + "out.push(await attempt(() => new WebAssembly.Module(bytes)));\n"
            + "out.push(await attempt(() => WebAssembly.compile(bytes)));\n"
            + "out.push(await attempt(() => WebAssembly.instantiate(bytes)));\n"
            + "out.push(await attempt(() => WebAssembly.instantiate(bytes.buffer, {})));\n"
            + "out.push(await attempt(() => WebAssembly.compileStreaming(new Response(bytes))));\n"
            + "out.push(typeof Polyglot, typeof Java, typeof globalThis[Symbol.for('islet.wasm')]);\n"
            + "out.push(await attempt(() => globalThis[Symbol.for('islet.wasm')](5)));\n"
            + "out.push(Object.getOwnPropertyDescriptor(globalThis, Symbol.for('islet.wasm')).configurable);\n"
            + "out.push(await attempt(() => WebAssembly.Module(bytes)));"));
    String d = "CompileError: Wasm code generation disallowed by embedder";
    assertEquals("[true,false,\"" + d + "\",\"" + d + "\",\"" + d + "\",\"" + d + "\",\"" + d + "\","
        + "\"undefined\",\"undefined\",\"function\",\"" + d + "\",false,"
        + "\"TypeError: WebAssembly.Module must be invoked with 'new'\"]", get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("malformed, unlinkable and unbounded modules are refused at deploy with typed errors")
  void refusedAtDeploy() {
    ScriptException malformed = assertThrows(ScriptException.class, () -> deployWith("bad.wasm", "malformed.wasm",
        "import mod from './bad.wasm'; export default { fetch() { return new Response('x') } }"));
    assertTrue(malformed.getMessage().contains("CompileError: bad.wasm: malformed WebAssembly at offset 8"), malformed.getMessage());
    assertEquals(Outcome.SCRIPT_INVALID, malformed.outcome());

    ScriptException unlinkable = assertThrows(ScriptException.class, () -> deployWith("u.wasm", "unlinkable.wasm",
        "import mod from './u.wasm'; new WebAssembly.Instance(mod, { env: {} }); export default { fetch() { return new Response('x') } }"));
    assertTrue(unlinkable.getMessage().contains("LinkError"), unlinkable.getMessage());

    for (String bomb : new String[] {"nomax.wasm", "grow.wasm"}) {
      ScriptException e = assertThrows(ScriptException.class, () -> deployWith("m.wasm", bomb,
          "import mod from './m.wasm'; export default { fetch() { return new Response('x') } }"));
      assertTrue(e.getMessage().contains("WebAssembly module m.wasm refused: memory 0"), e.getMessage());
    }
    ScriptException table = assertThrows(ScriptException.class, () -> deployWith("t.wasm", "bigtable.wasm",
        "import mod from './t.wasm'; export default { fetch() { return new Response('x') } }"));
    assertTrue(table.getMessage().contains("WebAssembly module t.wasm refused: table 0"), table.getMessage());

    Namespace fine = deployWith("add.wasm", "add.wasm", worker("import mod from './add.wasm';", "out.push('still deploying');"));
    assertEquals("[\"still deploying\"]", get(fine, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("a memory's maximum is checked against the worker's own memory limit")
  void memoryAgainstWorkerLimit() {
    Namespace ns = freshNamespace();
    java.util.function.LongFunction<WorkerScript> script = limit -> WorkerScript.newBuilder("w")
        .mainModule("worker.js", "import mod from './add.wasm'; export default { fetch() { return new Response('x') } }")
        .module(Module.wasm("add.wasm", fixture("add.wasm"))).limits(Limits.memoryBytes(limit)).build();
    ScriptException e = assertThrows(ScriptException.class, () -> ns.deploy(script.apply(100_000)));
    assertTrue(e.getMessage().contains("above the worker's memory limit of 100000"), e.getMessage());
    ns.deploy(script.apply(64L << 20));
    assertEquals("x", get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("memories and tables made from JS are capped by the worker's memory limit")
  void jsMemoryCapped() {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("w").limits(Limits.memoryBytes(64L << 20)).mainModule("worker.js", worker("",
        "const m = new WebAssembly.Memory({ initial: 1 }); out.push(m instanceof WebAssembly.Memory, m.buffer.byteLength);\n"
            + "out.push(await attempt(() => m.grow(2000)));\n"
            + "out.push(m.grow(1), m.buffer.byteLength);\n"
            + "out.push(await attempt(() => new WebAssembly.Memory({ initial: 1, maximum: 65536 })));\n"
            + "out.push(await attempt(() => WebAssembly.Memory({ initial: 1 })));\n"
            + "const t = new WebAssembly.Table({ element: 'anyfunc', initial: 2 }); out.push(t.length, t instanceof WebAssembly.Table);\n"
            + "out.push(await attempt(() => new WebAssembly.Table({ element: 'anyfunc', initial: 1, maximum: 1e7 })));")).build());
    assertEquals("[true,65536,\"RangeError: Cannot grow memory above max limit\",1,131072,"
        + "\"RangeError: WebAssembly.Memory(): more than 1024 pages is above this worker's memory limit\","
        + "\"TypeError: WebAssembly.Memory must be invoked with 'new'\",2,true,"
        + "\"RangeError: WebAssembly.Table(): more than 1000000 elements is not allowed\"]",
        get(ns, "https://w.example/").body().text());
  }

  @Test
  @DisplayName("a Wasm infinite loop is stopped by the CPU limit; the next request and a neighbour still work")
  void loopStoppedByCpuLimit() {
    Namespace ns = deployWith("loop.wasm", "loop.wasm",
        "import mod from './loop.wasm';\nconst { exports } = new WebAssembly.Instance(mod, {});\n"
            + "export default { fetch(req) { if (new URL(req.url).pathname === '/spin') exports.spin(); return new Response('ok') } }");
    ns.deploy(esm("neighbour", "export default { fetch() { return new Response('fine') } }"));
    var attack = ns.dispatcher().get("w", DispatchOptions.limits(Limits.cpuMs(50))).fetch(Request.get("https://w.example/spin"));
    assertEquals("fine", call(ns, "neighbour", Request.get("https://n.example/")).body().text());
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(attack));
    assertEquals(Limits.Kind.CPU_TIME, e.limit());
    assertEquals("ok", get(ns, "https://w.example/").body().text(), "the next request gets a healthy instance");
  }

  @Test
  @DisplayName("unbounded Wasm recursion ends in a catchable RuntimeError; the host and the next request are fine")
  void deepRecursion() {
    Namespace ns = deployWith("recurse.wasm", "recurse.wasm", worker(
        "import mod from './recurse.wasm';\nconst { exports } = new WebAssembly.Instance(mod, {});",
        "try { exports.recurse(0); out.push('returned?'); } catch (e) { out.push(e instanceof WebAssembly.RuntimeError || e instanceof RangeError, e.name); }\n"
            + "out.push('after');"));
    String first = get(ns, "https://w.example/").body().text();
    assertTrue(first.startsWith("[true,") && first.endsWith(",\"after\"]"), first);
    assertEquals(first, get(ns, "https://w.example/").body().text(), "the same instance serves the next request");
  }

  @Test
  @DisplayName("escape attempt: a module importing WASI gets no host WASI, files or stdio from the engine")
  void noHostWasi() {
    Namespace ns = deployWith("hello.wasm", "wasi_hello.wasm", worker("import mod from './hello.wasm';",
        "out.push(WebAssembly.Module.imports(mod).map(i => i.module + '.' + i.name).join(','));\n"
            + "out.push(await attempt(() => new WebAssembly.Instance(mod, {})));\n"
            + "out.push(await attempt(() => new WebAssembly.Instance(mod, { wasi_snapshot_preview1: {} })));"));
    String text = get(ns, "https://w.example/").body().text();
    assertTrue(text.startsWith("[\"wasi_snapshot_preview1."), text);
    assertTrue(text.contains("\"TypeError: ") && text.contains("\"LinkError: "), text);
  }

  @Test
  @DisplayName("WebAssembly is a lazy global; a tenant that replaces it first still gets its own modules, and no compiler")
  void lazyGlobal() {
    Namespace ns = freshNamespace();
    ns.deploy(WorkerScript.newBuilder("w")
        .mainModule("worker.js", "import './patch.js';\nimport mod from './add.wasm';\n"
            + "export default { fetch() { return new Response(JSON.stringify([globalThis.lazyBefore, WebAssembly,\n"
            + "  Object.prototype.toString.call(mod), typeof mod])) } }")
        .module(Module.esModule("patch.js", "const d = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly');\n"
            + "globalThis.lazyBefore = typeof d.get; WebAssembly = 5;"))
        .module(Module.wasm("add.wasm", fixture("add.wasm"))).build());
    assertEquals("[\"function\",5,\"[object WebAssembly.Module]\",\"object\"]", get(ns, "https://w.example/").body().text());
  }
}
