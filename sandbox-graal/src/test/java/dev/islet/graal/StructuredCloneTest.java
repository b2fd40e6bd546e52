package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTML structuredClone(): StructuredSerializeInternal and transfer")
class StructuredCloneTest extends WebPlatformFixture {

  @Test
  @DisplayName("Primitives and wrappers: -0, NaN, bigint, wrapper objects cloned as wrappers; symbols are DataCloneErrors")
  void primitives() {
    assertEquals("true|true|10|null|undefined|object:false|object:abc|object:5|bigint|DataCloneError:25|TypeError",
        run("out.push(Object.is(structuredClone(-0), -0), Number.isNaN(structuredClone(NaN)), structuredClone(10n));\n"
            + "out.push(structuredClone(null), structuredClone(undefined));\n"
            + "const b = structuredClone(new Boolean(false)); out.push(typeof b + ':' + b.valueOf());\n"
            + "const s = structuredClone(new String('abc')); out.push(typeof s + ':' + s);\n"
            + "const n = structuredClone(new Number(5)); out.push(typeof n + ':' + n);\n"
            + "out.push(typeof structuredClone(Object(3n)).valueOf());\n"
            + "try { structuredClone(Symbol('x')); } catch (e) { out.push(e.name + ':' + e.code); }\n"
            + "try { structuredClone(); } catch (e) { out.push(e.name); }"));
  }

  @Test
  @DisplayName("Objects and arrays: own enumerable string keys, getters invoked, holes kept, prototypes dropped, cycles and sharing")
  void objectsAndArrays() {
    assertEquals("5|true|false|false|true|false|3|e|true|true|true|true|boom",
        run("const o = { get g() { return 5; } }; Object.defineProperty(o, 'hidden', { value: 1 }); o[Symbol('s')] = 2;\n"
            + "const c = structuredClone(o);\n"
            + "out.push(c.g, 'value' in Object.getOwnPropertyDescriptor(c, 'g'), 'hidden' in c, Object.getOwnPropertySymbols(c).length > 0);\n"
            + "class K { x = 1; } out.push(Object.getPrototypeOf(structuredClone(new K())) === Object.prototype);\n"
            + "const a = [1, , 3]; a.extra = 'e'; const ca = structuredClone(a); out.push(1 in ca, ca.length, ca.extra);\n"
            + "const shared = {}; const g = { a: shared, b: shared }; g.self = g; const cg = structuredClone(g);\n"
            + "out.push(cg.a === cg.b, cg.a !== shared, cg.self === cg, Array.isArray(ca));\n"
            + "try { structuredClone({ get x() { throw new Error('boom'); } }); } catch (e) { out.push(e.message); }"));
  }

  @Test
  @DisplayName("Date, RegExp (flags kept, lastIndex reset), Map and Set (keys' identity kept), typed arrays sharing a buffer")
  void builtins() {
    assertEquals("5|/a/gimsuy|0|true|2|true|true|Int16Array|2|true|1,2|DataView|3",
        run("out.push(structuredClone(new Date(5)).getTime());\n"
            + "const re = /a/gimsuy; re.lastIndex = 3; const cr = structuredClone(re); out.push(String(cr), cr.lastIndex);\n"
            + "const k = {}; const m = new Map([[k, 'v'], ['k2', k]]); const cm = structuredClone(m);\n"
            + "const [ck] = cm.keys(); out.push(cm.get(ck) === 'v', cm.size, cm.get('k2') === ck);\n"
            + "const s = new Set([k]); out.push(structuredClone(s).size === 1);\n"
            + "const buf = new ArrayBuffer(8); const i16 = new Int16Array(buf, 2, 2); const u8 = new Uint8Array(buf);\n"
            + "const c = structuredClone({ i16, u8 }); out.push(c.i16.constructor.name, c.i16.length, c.i16.buffer === c.u8.buffer);\n"
            + "u8[2] = 1; out.push([c.u8.length === 8 ? 1 : 0, c.i16.byteOffset].join());\n"
            + "const dv = structuredClone(new DataView(buf, 1, 3)); out.push(dv.constructor.name, dv.byteLength);"));
  }

  @Test
  @DisplayName("Errors: standard names kept, others become Error; message and cause own non-enumerable; DOMException cloned")
  void errors() {
    assertEquals("RangeError|true|bad|false|why|Error|false|undefined|AbortError|20|m|true",
        run("const e = new RangeError('bad', { cause: 'why' }); e.extra = 1;\n"
            + "const c = structuredClone(e);\n"
            + "out.push(c.name, c instanceof RangeError, c.message, Object.getOwnPropertyDescriptor(c, 'message').enumerable, c.cause);\n"
            + "class Custom extends Error { constructor() { super(); this.name = 'Custom'; } }\n"
            + "const cc = structuredClone(new Custom()); out.push(cc.name, Object.hasOwn(cc, 'message'), cc.extra);\n"
            + "const d = structuredClone(new DOMException('m', 'AbortError')); out.push(d.name, d.code, d.message, d instanceof DOMException);"));
  }

  @Test
  @DisplayName("Not cloneable: functions, WeakMap, WeakSet, WeakRef, Promise, platform objects (Headers, Request, FormData, Event, navigator)")
  void notCloneable() {
    assertEquals("DataCloneError|DataCloneError|DataCloneError|DataCloneError|DataCloneError|DataCloneError|DataCloneError|DataCloneError"
        + "|DataCloneError|DataCloneError|DataCloneError",
        run("for (const v of [() => 1, new WeakMap(), new WeakSet(), new WeakRef({}), Promise.resolve(), new Headers(),\n"
            + "  new Request('https://a.example/'), { nested: [function f() {}] }, new FormData(), new Event('x'), navigator]) {\n"
            + "  try { structuredClone(v); out.push('cloned'); } catch (e) { out.push(e instanceof DOMException ? e.name : 'other ' + e); }\n"
            + "}"));
  }

  @Test
  @DisplayName("Blob and File clones keep bytes, type, name and lastModified")
  void blobs() {
    assertEquals("false|abc|t/x|n|3|true|xy",
        run("const f = new File(['abc'], 'n', { type: 't/x', lastModified: 3 });\n"
            + "const c = structuredClone(f); out.push(c === f, await c.text(), c.type, c.name, c.lastModified, c instanceof File);\n"
            + "out.push(await structuredClone({ b: new Blob(['xy']) }).b.text());"));
  }

  @Test
  @DisplayName("transfer: ArrayBuffers detach and move; duplicates, detached and untransferable values are DataCloneErrors")
  void transfer() {
    assertEquals("0|true|7|8|true|DataCloneError|DataCloneError|DataCloneError|DataCloneError|TypeError|TypeError|4",
        run("const buf = new ArrayBuffer(8); new Uint8Array(buf)[0] = 7;\n"
            + "const c = structuredClone({ buf, view: new Uint8Array(buf) }, { transfer: [buf] });\n"
            + "out.push(buf.byteLength, buf.detached, c.view[0], c.buf.byteLength, c.view.buffer === c.buf);\n"
            + "try { structuredClone(buf, { transfer: [buf] }); } catch (e) { out.push(e.name); }\n"
            + "const b2 = new ArrayBuffer(1);\n"
            + "try { structuredClone(1, { transfer: [b2, b2] }); } catch (e) { out.push(e.name); }\n"
            + "try { structuredClone(1, { transfer: [{}] }); } catch (e) { out.push(e.name); }\n"
            + "try { structuredClone({ f() {} }, { transfer: [b2] }); } catch (e) { out.push(e.name); }\n"
            + "try { structuredClone(1, { transfer: 5 }); } catch (e) { out.push(e.name); }\n"
            + "try { structuredClone(1, { transfer: [1] }); } catch (e) { out.push(e.name); }\n"
            + "out.push(b2.byteLength + 3); // a failed clone transfers nothing"));
  }
}
