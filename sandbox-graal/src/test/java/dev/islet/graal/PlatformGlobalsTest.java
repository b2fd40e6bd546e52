package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.InvocationEvent;
import dev.islet.Namespace;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Worker-scope globals: performance, navigator, ErrorEvent, PromiseRejectionEvent")
class PlatformGlobalsTest extends WebPlatformFixture {

  @Test
  @DisplayName("performance: now() monotonic with sub-millisecond steps, timeOrigin, toJSON(), an EventTarget")
  void performance() {
    assertEquals("number|true|true|true|true|true|true|true|TypeError|[object Performance]",
        run("const a = performance.now(); let b = a, fraction = false;\n"
            + "for (let i = 0; i < 20000 && !fraction; i++) { const t = performance.now(); if (t < b) out.push('backwards'); b = t; fraction = t !== Math.floor(t); }\n"
            + "out.push(typeof a, a >= 0, fraction);\n"
            + "out.push(Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 1000);\n"
            + "out.push(JSON.stringify(performance.toJSON()) === JSON.stringify({ timeOrigin: performance.timeOrigin }));\n"
            + "out.push(performance instanceof Performance, performance instanceof EventTarget, typeof performance.addEventListener === 'function');\n"
            + "try { new Performance(); } catch (e) { out.push(e.name); }\n"
            + "out.push(Object.prototype.toString.call(performance));"));
  }

  @Test
  @DisplayName("navigator: userAgent 'Islet', hardwareConcurrency 1, Navigator not constructible, getters on the prototype")
  void navigator() {
    assertEquals("Islet|1|true|TypeError|false|TypeError",
        run("out.push(navigator.userAgent, navigator.hardwareConcurrency, navigator instanceof Navigator);\n"
            + "try { new Navigator(); } catch (e) { out.push(e.name); }\n"
            + "out.push(Object.hasOwn(navigator, 'userAgent'));\n"
            + "try { Object.getOwnPropertyDescriptor(Navigator.prototype, 'userAgent').get.call({}); } catch (e) { out.push(e.name); }"));
  }

  @Test
  @DisplayName("ErrorEvent: defaults, unsigned long and USVString conversions, an Event subclass")
  void errorEvent() {
    assertEquals("|||0|0|undefined|true|m|f\uFFFD|4294967295|3|E|TypeError",
        run("const d = new ErrorEvent('error');\n"
            + "out.push(d.message, d.filename, '', d.lineno, d.colno, d.error, d instanceof Event);\n"
            + "const e = new ErrorEvent('error', { message: 'm', filename: 'f\\uD800', lineno: -1, colno: 3.7, error: 'E' });\n"
            + "out.push(e.message, e.filename, e.lineno, e.colno, e.error);\n"
            + "try { new ErrorEvent(); } catch (x) { out.push(x.name); }"));
  }

  @Test
  @DisplayName("PromiseRejectionEvent: both arguments and a promise object required; reason any; EventInit honoured")
  void promiseRejectionEvent() {
    assertEquals("TypeError|TypeError|TypeError|true|9|true|undefined|true",
        run("try { new PromiseRejectionEvent('x'); } catch (e) { out.push(e.name); }\n"
            + "try { new PromiseRejectionEvent('x', {}); } catch (e) { out.push(e.name); }\n"
            + "try { new PromiseRejectionEvent('x', { promise: 1 }); } catch (e) { out.push(e.name); }\n"
            + "const p = Promise.reject(new Error('r')); p.catch(() => {});\n"
            + "const e = new PromiseRejectionEvent('unhandledrejection', { promise: p, reason: 9, cancelable: true });\n"
            + "out.push(e.promise === p, e.reason, e.cancelable);\n"
            + "const t = { then() {} }; const e2 = new PromiseRejectionEvent('x', { promise: t }); out.push(e2.reason, e2.promise === t);"));
  }

  @Test
  @DisplayName("The globals are WebIDL-shaped: non-enumerable, writable, configurable; replaceable by assignment")
  void globals() {
    assertEquals("false,true,true|false,true,true|false,true,true|replaced",
        run("for (const k of ['performance', 'navigator', 'ErrorEvent']) { globalThis[k];\n"
            + "  const d = Object.getOwnPropertyDescriptor(globalThis, k); out.push([d.enumerable, d.writable, d.configurable].join()); }\n"
            + "globalThis.navigator = 'replaced'; out.push(globalThis.navigator);"));
  }

  @Test
  @DisplayName("unhandledrejection: a PromiseRejectionEvent per promise still unhandled after a checkpoint; reported unless canceled")
  void unhandledRejection() {
    Namespace ns = deploy("const seen = [];\n"
        + "addEventListener('unhandledrejection', (e) => {\n"
        + "  seen.push(e.constructor.name + ':' + (e.reason instanceof Error ? e.reason.message : e.reason) + ':' + e.cancelable\n"
        + "    + ':' + (e.promise instanceof Promise));\n"
        + "  if (e.reason === 'quiet') e.preventDefault();\n"
        + "});\n"
        + "export default { async fetch() {\n"
        + "  Promise.reject('quiet');\n"
        + "  Promise.reject(new Error('loud'));\n"
        + "  Promise.reject(new Error('caught in time')).catch(() => {});\n"
        + "  await new Promise((resolve) => setTimeout(resolve, 20));\n"
        + "  return new Response(seen.join('|'));\n"
        + "} }");
    assertEquals("PromiseRejectionEvent:quiet:true:true|PromiseRejectionEvent:loud:true:true",
        get(ns, "https://a.example/").body().text());
    InvocationEvent e = awaitEvent(ev -> ev.namespace().equals(ns.name()));
    assertTrue(e.exceptions().toString().contains("loud"), e.exceptions().toString());
    assertFalse(e.exceptions().toString().contains("quiet"), e.exceptions().toString());
    assertFalse(e.exceptions().toString().contains("caught in time"), e.exceptions().toString());
  }

  @Test
  @DisplayName("onunhandledrejection and removeEventListener; the Graal builtin stays unreachable")
  void onUnhandledRejection() {
    assertEquals("null|undefined|handler:x|undefined",
        run("out.push(globalThis.onunhandledrejection, typeof Graal);\n"
            + "const log = []; const l = () => log.push('listener');\n"
            + "addEventListener('unhandledrejection', l); removeEventListener('unhandledrejection', l);\n"
            + "globalThis.onunhandledrejection = (e) => { log.push('handler:' + e.reason); e.preventDefault(); };\n"
            + "Promise.reject('x');\n"
            + "await new Promise((resolve) => setTimeout(resolve, 20));\n"
            + "globalThis.onunhandledrejection = null;\n"
            + "out.push(log.join(), typeof globalThis.Graal);"));
  }

  @Test
  @DisplayName("the ES2026 features V8 ships are there (GraalJS at its staging level), and they work")
  void es2026() {
    assertEquals("aGk=|hi|ff00|true|false|0.30000000000000004|1|\\.\\*|7|7|3",
        run("out.push(new TextEncoder().encode('hi').toBase64(), new TextDecoder().decode(Uint8Array.fromBase64('aGk=')));\n"
            + "out.push(Uint8Array.fromHex('ff00').toHex(), Error.isError(new TypeError()), Error.isError({}));\n"
            + "out.push(String(0.1 + 0.2), Math.sumPrecise([1e20, 1, -1e20]), RegExp.escape('.*').slice(0));\n"
            + "const m = new Map(); out.push(m.getOrInsert('k', 7), m.getOrInsert('k', 8));\n"
            + "out.push([...Iterator.concat([1], [2, 3])].length);"));
  }
}
