package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("XHR FormData, multipart/form-data and urlencoded bodies, formData() on Request/Response")
class FormDataTest extends WebPlatformFixture {

  @Test
  @DisplayName("append/get/getAll/has/delete/set: order kept, set replaces the first entry and drops the others")
  void entryList() {
    assertEquals("1|1,3|true|false|null|a=9,b=2|b=2,c=4|1|\uFFFD",
        run("const fd = new FormData();\n"
            + "fd.append('a', 1); fd.append('b', '2'); fd.append('a', '3');\n"
            + "out.push(fd.get('a'), fd.getAll('a').join(), fd.has('b'), fd.has('z'), fd.get('z'));\n"
            + "fd.set('a', '9'); out.push([...fd].map(([k, v]) => k + '=' + v).join());\n"
            + "fd.delete('a'); fd.set('c', '4'); out.push([...fd].map(([k, v]) => k + '=' + v).join());\n"
            + "out.push(fd.getAll('c').length);\n"
            + "fd.append('\\uD800', '\\uDC00'); out.push(fd.get('\\uFFFD'));"));
  }

  @Test
  @DisplayName("Blobs become Files named 'blob' (type kept); a filename makes a new File; a File without one is kept as is")
  void blobEntries() {
    assertEquals("blob|text/x|true|n.txt|false|a/b|7|true|TypeError|TypeError|TypeError",
        run("const fd = new FormData();\n"
            + "fd.append('b', new Blob(['zz'], { type: 'text/x' }));\n"
            + "const v = fd.get('b'); out.push(v.name, v.type, v instanceof File);\n"
            + "const f = new File(['x'], 'orig', { type: 'a/b', lastModified: 7 });\n"
            + "fd.set('f', f, 'n.txt'); const g = fd.get('f'); out.push(g.name, g === f, g.type, g.lastModified);\n"
            + "fd.append('same', f); out.push(fd.get('same') === f);\n"
            + "try { fd.append('x', 'string', 'name'); } catch (e) { out.push(e.name); }\n"
            + "try { fd.append('x'); } catch (e) { out.push(e.name); }\n"
            + "try { new FormData(null); } catch (e) { out.push(e.name); }"));
  }

  @Test
  @DisplayName("Iteration: entries/keys/values/@@iterator, live over changes, forEach(value, key, formData)")
  void iteration() {
    assertEquals("a,b|1,2|[object FormData Iterator]|true|a=1,b=2,c=3|1:a:true,2:b:true|TypeError",
        run("const fd = new FormData(); fd.append('a', '1'); fd.append('b', '2');\n"
            + "out.push([...fd.keys()].join(), [...fd.values()].join());\n"
            + "const it = fd.entries(); out.push(Object.prototype.toString.call(it), FormData.prototype[Symbol.iterator] === FormData.prototype.entries);\n"
            + "const seen = []; for (const [k, v] of fd) { seen.push(k + '=' + v); if (k === 'b') fd.append('c', '3'); }\n"
            + "out.push(seen.join());\n"
            + "const fe = []; fd.delete('c'); fd.forEach(function (v, k, o) { fe.push(v + ':' + k + ':' + (o === fd)); }); out.push(fe.join());\n"
            + "try { fd.forEach(1); } catch (e) { out.push(e.name); }"));
  }

  @Test
  @DisplayName("multipart/form-data encoding: boundary in Content-Type, names escaped (%0D%0A %22), string values CRLF, file parts")
  void encoding() {
    assertEquals("true|true|true|true|true|true",
        run("const fd = new FormData();\n"
            + "fd.append('n\\n\"x', 'v\\nw\\rz');\n"
            + "fd.append('f', new Blob(['data']), 'a\"b.bin');\n"
            + "const r = new Response(fd); const ct = r.headers.get('content-type');\n"
            + "const m = /^multipart\\/form-data; boundary=(.+)$/.exec(ct); out.push(m !== null);\n"
            + "const b = m[1], t = await r.text();\n"
            + "out.push(t.startsWith('--' + b + '\\r\\nContent-Disposition: form-data; name=\"n%0D%0A%22x\"\\r\\n\\r\\nv\\r\\nw\\r\\nz\\r\\n'));\n"
            + "out.push(t.includes('--' + b + '\\r\\nContent-Disposition: form-data; name=\"f\"; filename=\"a%22b.bin\"\\r\\n'));\n"
            + "out.push(t.includes('Content-Type: application/octet-stream\\r\\n\\r\\ndata\\r\\n'));\n"
            + "out.push(t.endsWith('--' + b + '--\\r\\n'));\n"
            + "out.push(new Request('https://a.example/', { method: 'POST', body: fd }).headers.get('content-type').startsWith('multipart/form-data; boundary='));"));
  }

  @Test
  @DisplayName("Round trips: new Response(formData).formData() and through a Request keep names, values, files")
  void roundTrip() {
    assertEquals("\"a\"=\"1\"|\"n\\r\\n\\\"x\"=\"v\\r\\nw\"|\"f\"=File(h\u00e9.txt,text/x,5,hello)|\"e\"=File(blob,application/octet-stream,0,)"
        + "|\"u\"=\"\u00fc\"|true",
        run("const fd = new FormData();\n"
            + "fd.append('a', '1'); fd.append('n\\n\"x', 'v\\nw');\n"
            + "fd.append('f', new File(['hello'], 'h\u00e9.txt', { type: 'text/x' }));\n"
            + "fd.append('e', new Blob([])); fd.append('u', '\u00fc');\n"
            + "const back = await new Request('https://a.example/', { method: 'POST', body: await new Response(fd).formData() }).formData();\n"
            + "for (const [k, v] of back) out.push(JSON.stringify(k) + '=' + (typeof v === 'string' ? JSON.stringify(v)\n"
            + "  : 'File(' + v.name + ',' + v.type + ',' + v.size + ',' + await v.text() + ')'));\n"
            + "out.push(back instanceof FormData);"));
  }

  @Test
  @DisplayName("formData() parses a hand-written multipart body (quoted boundary, default text/plain for files)")
  void parseMultipart() {
    assertEquals("x=1|up=File(t.txt,text/plain,2)|true",
        run("const body = '--XyZ\\r\\nContent-Disposition: form-data; name=\"x\"\\r\\n\\r\\n1\\r\\n'\n"
            + "  + '--XyZ\\r\\nContent-Disposition: form-data; name=\"up\"; filename=\"t.txt\"\\r\\n\\r\\nhi\\r\\n--XyZ--\\r\\n';\n"
            + "const r = new Response(body, { headers: { 'content-type': 'multipart/form-data; boundary=\"XyZ\"' } });\n"
            + "const fd = await r.formData();\n"
            + "for (const [k, v] of fd) out.push(k + '=' + (typeof v === 'string' ? v : 'File(' + v.name + ',' + v.type + ',' + v.size + ')'));\n"
            + "out.push(r.bodyUsed);"));
  }

  @Test
  @DisplayName("formData() failures are TypeErrors: no boundary, malformed body, other MIME types; used bodies")
  void parseFailures() {
    assertEquals("TypeError|TypeError|TypeError|TypeError|TypeError",
        run("const tries = [\n"
            + "  new Response('--a\\r\\n', { headers: { 'content-type': 'multipart/form-data' } }),\n"
            + "  new Response('garbage', { headers: { 'content-type': 'multipart/form-data; boundary=a' } }),\n"
            + "  new Response('--a\\r\\nContent-Disposition: form-data; name=\"x\"\\r\\n\\r\\nno end', { headers: { 'content-type': 'multipart/form-data; boundary=a' } }),\n"
            + "  new Response('a=1', { headers: { 'content-type': 'text/plain' } }),\n"
            + "];\n"
            + "for (const r of tries) { try { await r.formData(); out.push('no'); } catch (e) { out.push(e.name); } }\n"
            + "const used = new Response('a=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }); await used.text();\n"
            + "try { await used.formData(); } catch (e) { out.push(e.name); }"));
  }

  @Test
  @DisplayName("application/x-www-form-urlencoded: '+' is a space, percent-decoding of UTF-8, empty pairs skipped, bad escapes kept")
  void urlencoded() {
    assertEquals("a=1|b= x y|c=|=v|d=%zz|\u00e9=\u20ac",
        run("const r = new Response('a=1&b=%20x+y&&c&=v&d=%zz&%C3%A9=%E2%82%AC',\n"
            + "  { headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' } });\n"
            + "for (const [k, v] of await r.formData()) out.push(k + '=' + v);"));
  }
}
