package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("File API: Blob and File, and Blob bodies in Request/Response")
class BlobTest extends WebPlatformFixture {

  @Test
  @DisplayName("Blob(): parts of strings (UTF-8, lone surrogates as U+FFFD), BufferSources (views' own bytes) and Blobs")
  void constructorParts() {
    assertEquals("0||[object Blob]|true|9|61 ef bf bd 02 03 01 62 63|1,2|TypeError|TypeError|TypeError",
        run("const empty = new Blob(); out.push(empty.size, empty.type, Object.prototype.toString.call(empty));\n"
            + "const buf = new Uint8Array([1, 2, 3, 4]);\n"
            + "const inner = new Blob(['bc']);\n"
            + "const b = new Blob(['a\\uD800', new Uint8Array(buf.buffer, 1, 2), new DataView(buf.buffer, 0, 1), inner]);\n"
            + "buf[1] = 99; // copied at construction\n"
            + "out.push(b instanceof Blob, b.size);\n"
            + "out.push(Array.from(await b.bytes(), (x) => x.toString(16).padStart(2, '0')).join(' '));\n"
            + "out.push(await new Blob([1, ',', 2]).text());\n"
            + "for (const bad of [5, {}, null]) { try { new Blob(bad); out.push('no'); } catch (e) { out.push(e.name); } }"));
  }

  @Test
  @DisplayName("type is lower-cased, or empty when it has a code point outside U+0020..U+007E; endings 'native' gives LF")
  void typeAndEndings() {
    assertEquals("text/plain;charset=utf-8|||\"a\\nb\\nc\\n\"|\"a\\r\\nb\\rc\"|TypeError",
        run("out.push(new Blob([], { type: 'Text/Plain;Charset=UTF-8' }).type);\n"
            + "out.push(new Blob([], { type: 'text/\\u00e9' }).type, new Blob([], { type: 'a\\tb' }).type);\n"
            + "out.push(JSON.stringify(await new Blob(['a\\r\\nb\\rc\\n'], { endings: 'native' }).text()));\n"
            + "out.push(JSON.stringify(await new Blob(['a\\r\\nb\\rc'], { endings: 'transparent' }).text()));\n"
            + "try { new Blob([], { endings: 'crlf' }); } catch (e) { out.push(e.name); }"));
  }

  @Test
  @DisplayName("slice(): relative and negative indices, clamped, a start past the end is empty, contentType normalised")
  void slice() {
    assertEquals("cde|de|bc||0|0|x/y||cd|a",
        run("const b = new Blob(['abcdef'], { type: 'text/plain' });\n"
            + "out.push(await b.slice(2, 5).text(), await b.slice(-3, -1).text(), await b.slice(1, 3).text());\n"
            + "out.push(b.slice().type, b.slice(4, 2).size, b.slice(100).size, b.slice(0, 1, 'X/Y').type, b.slice(0, 1, '\\u0100').type);\n"
            + "out.push(await b.slice(1).slice(1, 3).text(), await b.slice(-100, 1).text());"));
  }

  @Test
  @DisplayName("text() decodes UTF-8 (BOM removed, errors replaced), arrayBuffer() and bytes() are fresh copies")
  void readers() {
    assertEquals("A\uFFFDB|ArrayBuffer|3|true|Uint8Array|false|TypeError",
        run("const b = new Blob([new Uint8Array([0xEF, 0xBB, 0xBF, 0x41, 0xFF, 0x42])]);\n"
            + "out.push(await b.text());\n"
            + "const small = new Blob(['xyz']); const ab = await small.arrayBuffer();\n"
            + "out.push(Object.prototype.toString.call(ab).slice(8, -1), ab.byteLength);\n"
            + "new Uint8Array(ab)[0] = 0; out.push(await small.text() === 'xyz');\n"
            + "const u = await small.bytes(); out.push(u.constructor.name, u === await small.bytes());\n"
            + "try { await Blob.prototype.text.call({}); } catch (e) { out.push(e.name); }"));
  }

  @Test
  @DisplayName("stream(): a ReadableStream of the bytes once the streams library exists, else a TypeError")
  void stream() {
    String r = run("try { const s = new Blob(['abc']).stream(); const reader = s.getReader(); let n = 0;\n"
        + "  for (;;) { const { value, done } = await reader.read(); if (done) break; n += value.length; } out.push('stream', n);\n"
        + "} catch (e) { out.push(e.name, e.message); }");
    assertTrue(r.equals("stream|3") || r.equals("TypeError|Blob.stream() is not supported yet"), r);
  }

  @Test
  @DisplayName("File: two arguments required, name a USVString, lastModified converted (default now), a Blob subclass")
  void file() {
    assertEquals("TypeError|a\uFFFD.txt|text/x|3|true|true|1|-5|0|true|[object File]|TypeError",
        run("try { new File(['x']); } catch (e) { out.push(e.name); }\n"
            + "const before = Date.now();\n"
            + "const f = new File(['abc'], 'a\\uDC00.txt', { type: 'TEXT/X' });\n"
            + "out.push(f.name, f.type, f.size, f instanceof Blob, f.lastModified >= before && f.lastModified <= Date.now());\n"
            + "out.push(new File([], 'n', { lastModified: 1.9 }).lastModified, new File([], 'n', { lastModified: -5 }).lastModified,\n"
            + "  new File([], 'n', { lastModified: NaN }).lastModified);\n"
            + "out.push(new File([], 'n').slice() instanceof File === false, Object.prototype.toString.call(f));\n"
            + "try { Object.getOwnPropertyDescriptor(File.prototype, 'name').get.call(new Blob()); } catch (e) { out.push(e.name); }"));
  }

  @Test
  @DisplayName("WebIDL shape: lazy globals are non-enumerable data properties, members enumerable on the prototype")
  void shape() {
    assertEquals("false|true|true|function|true|true",
        run("const d = Object.getOwnPropertyDescriptor(globalThis, 'Blob') || {};\n"
            + "Blob; const d2 = Object.getOwnPropertyDescriptor(globalThis, 'Blob');\n"
            + "out.push(d2.enumerable, d2.writable, d2.configurable, typeof d2.value);\n"
            + "out.push(Object.getOwnPropertyDescriptor(Blob.prototype, 'slice').enumerable, Object.getPrototypeOf(File) === Blob);"));
  }

  @Test
  @DisplayName("Blob bodies: bytes copied, Content-Type from the blob's type (none when empty), blob() typed from the headers")
  void bodies() {
    assertEquals("image/png|abc|null|text/plain|text/html;charset=utf-8|3|Blob|application/json|x",
        run("const r = new Response(new Blob(['abc'], { type: 'image/png' }));\n"
            + "out.push(r.headers.get('content-type'), await r.text());\n"
            + "out.push(new Request('https://a.example/', { method: 'POST', body: new Blob(['x']) }).headers.get('content-type'));\n"
            + "out.push(new Response(new Blob(['x'], { type: 'a/b' }), { headers: { 'content-type': 'text/plain' } }).headers.get('content-type'));\n"
            + "const b = await new Response('abc', { headers: { 'content-type': 'Text/HTML; Charset=\"utf-8\"' } }).blob();\n"
            + "out.push(b.type, b.size, b.constructor.name);\n"
            + "const req = new Request('https://a.example/', { method: 'POST', body: 'x', headers: { 'content-type': 'application/json' } });\n"
            + "const rb = await req.blob(); out.push(rb.type, await rb.text());"));
  }
}
