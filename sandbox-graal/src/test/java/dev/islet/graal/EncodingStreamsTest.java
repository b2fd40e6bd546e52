package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Encoding and compression streams: TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream")
class EncodingStreamsTest extends WebPlatformFixture {

  private static final String TEXT = "Hello, streams! Grüße, 世界 🎉 — hello hello hello hello";

  /** Helpers: pipe chunks through a transform and collect the output chunks. */
  private static final String HELPERS = "const through = async (ts, chunks) => {\n"
      + "  const w = ts.writable.getWriter(); const got = [];\n"
      + "  const reading = (async () => { for await (const c of ts.readable) got.push(c); })();\n"
      + "  for (const c of chunks) w.write(c).catch(() => {});\n"
      + "  w.close().catch(() => {});\n"
      + "  await reading; return got;\n"
      + "};\n"
      + "const concat = (parts) => { const n = parts.reduce((a, p) => a + p.length, 0); const o = new Uint8Array(n); let i = 0;\n"
      + "  for (const p of parts) { o.set(p, i); i += p.length; } return o; };\n"
      + "const b64 = (u8) => { let s = ''; for (const b of u8) s += String.fromCharCode(b); return btoa(s); };\n"
      + "const fail = (p) => p.then(() => 'ok', (e) => e.constructor.name);\n";

  private String js(String body) {
    return run(HELPERS + body);
  }

  private static String jsBytes(byte[] bytes) {
    StringBuilder sb = new StringBuilder("new Uint8Array([");
    for (int i = 0; i < bytes.length; i++) {
      sb.append(i == 0 ? "" : ",").append(bytes[i] & 0xff);
    }
    return sb.append("])").toString();
  }

  @Test
  @DisplayName("TextEncoderStream: UTF-8 chunks; a surrogate pair split across chunks is joined; a lone lead surrogate at the end becomes U+FFFD")
  void textEncoderStream() {
    assertEquals("utf-8|104,105|240,159,152,128|239,191,189|2|[object TextEncoderStream]|TypeError",
        js("const es = new TextEncoderStream(); out.push(es.encoding);\n"
            + "let got = await through(es, ['hi']); out.push(got.map((c) => Array.from(c).join(',')).join(' '));\n"
            + "got = await through(new TextEncoderStream(), ['\\uD83D', '\\uDE00']); out.push(Array.from(concat(got)).join(','));\n"
            + "got = await through(new TextEncoderStream(), ['\\uD83D']); out.push(Array.from(concat(got)).join(','));\n"
            + "got = await through(new TextEncoderStream(), ['', 'a', '', 'b']); out.push(got.length);\n"
            + "out.push(Object.prototype.toString.call(es));\n"
            + "try { Object.getOwnPropertyDescriptor(TextEncoderStream.prototype, 'readable').get.call({}); } catch (e) { out.push(e.constructor.name); }"));
  }

  @Test
  @DisplayName("TextDecoderStream: multi-byte sequences split across chunks, BOM handling, fatal errors and non-BufferSource chunks are TypeErrors")
  void textDecoderStream() {
    assertEquals("€uro 😀|utf-8|false|false|65279,120|120,65533|TypeError|TypeError|utf-16le|RangeError",
        js("const d = new TextDecoderStream();\n"
            + "const parts = [[0xE2], [0x82, 0xAC, 0x75], [0x72, 0x6F, 0x20, 0xF0, 0x9F], [0x98], [0x80]].map((a) => new Uint8Array(a));\n"
            + "out.push((await through(d, parts)).join(''));\n"
            + "out.push(d.encoding, d.fatal, d.ignoreBOM);\n"
            + "out.push((await through(new TextDecoderStream('utf-8', { ignoreBOM: true }), [new Uint8Array([0xEF, 0xBB, 0xBF, 0x78])])).join('').split('').map((c) => c.charCodeAt(0)).join(','));\n"
            + "out.push((await through(new TextDecoderStream(), [new Uint8Array([0x78, 0xE2, 0x82])])).join('').split('').map((c) => c.charCodeAt(0)).join(','));\n"
            + "const fatal = new TextDecoderStream('utf-8', { fatal: true });\n"
            + "const fw = fatal.writable.getWriter(); const fr = fatal.readable.getReader();\n"
            + "fw.write(new Uint8Array([0xFF])).catch(() => {}); out.push(await fail(fr.read()));\n"
            + "const bad = new TextDecoderStream(); const bw = bad.writable.getWriter(); const br = bad.readable.getReader();\n"
            + "bw.write('not bytes').catch(() => {}); out.push(await fail(br.read()));\n"
            + "out.push(new TextDecoderStream('utf-16').encoding);\n"
            + "try { new TextDecoderStream('nope'); } catch (e) { out.push(e.constructor.name); }"));
  }

  @Test
  @DisplayName("DecompressionStream: decompresses what java.util.zip produced for gzip, deflate (zlib) and deflate-raw, fed one byte at a time too")
  void decompressKnownBytes() throws IOException {
    byte[] text = TEXT.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(text);
    }
    ByteArrayOutputStream zlib = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(zlib)) {
      out.write(text);
    }
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (DeflaterOutputStream out = new DeflaterOutputStream(raw, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
      out.write(text);
    }
    assertEquals(TEXT + "|" + TEXT + "|" + TEXT + "|" + TEXT,
        js("const dec = async (format, bytes, split) => {\n"
            + "  const chunks = split ? Array.from(bytes, (b) => new Uint8Array([b])) : [bytes];\n"
            + "  return new TextDecoder().decode(concat(await through(new DecompressionStream(format), chunks)));\n"
            + "};\n"
            + "out.push(await dec('gzip', " + jsBytes(gz.toByteArray()) + ", false));\n"
            + "out.push(await dec('gzip', " + jsBytes(gz.toByteArray()) + ", true));\n"
            + "out.push(await dec('deflate', " + jsBytes(zlib.toByteArray()) + ", true));\n"
            + "out.push(await dec('deflate-raw', " + jsBytes(raw.toByteArray()) + ", false));"));
  }

  @Test
  @DisplayName("CompressionStream: its gzip, deflate and deflate-raw output is what java.util.zip decompresses back to the input")
  void compressForJava() throws IOException {
    String[] parts = js("const enc = new TextEncoder().encode(" + jsString(TEXT) + ");\n"
        + "for (const f of ['gzip', 'deflate', 'deflate-raw']) {\n"
        + "  out.push(b64(concat(await through(new CompressionStream(f), [enc.subarray(0, 10), new ArrayBuffer(0), enc.subarray(10)]))));\n"
        + "}").split("\\|");
    byte[] gzip = Base64.getDecoder().decode(parts[0]);
    assertEquals(0x1f, gzip[0] & 0xff);
    assertEquals(0x8b, gzip[1] & 0xff);
    assertEquals(TEXT, readAll(new GZIPInputStream(new ByteArrayInputStream(gzip))));
    assertEquals(TEXT, readAll(new InflaterInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(parts[1])))));
    assertEquals(TEXT, readAll(new InflaterInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(parts[2])),
        new Inflater(true))));
  }

  @Test
  @DisplayName("Round trips through CompressionStream and DecompressionStream for each format; output comes in pieces of at most 64 KiB")
  void roundTripsInBoundedPieces() {
    assertEquals("gzip:300000:true:true|deflate:300000:true:true|deflate-raw:300000:true:true",
        js("const big = new Uint8Array(300000).fill(65);\n"
            + "for (const f of ['gzip', 'deflate', 'deflate-raw']) {\n"
            + "  const packed = concat(await through(new CompressionStream(f), [big]));\n"
            + "  const pieces = await through(new DecompressionStream(f), [packed]);\n"
            + "  const back = concat(pieces);\n"
            + "  out.push(f + ':' + back.length + ':' + pieces.every((p) => p.length <= 65536 && p instanceof Uint8Array)\n"
            + "    + ':' + (back.every((b) => b === 65) && packed.length < 10000));\n"
            + "}"));
  }

  @Test
  @DisplayName("Corrupt input: bad headers, bad checksums, truncated data and data after the end are TypeErrors; bad formats and chunks too")
  void corruptInput() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("abc".getBytes(StandardCharsets.UTF_8));
    }
    byte[] good = gz.toByteArray();
    byte[] badCrc = good.clone();
    badCrc[badCrc.length - 8] ^= 1;
    assertEquals("ok|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError",
        js("const run = (f, chunks) => fail(through(new DecompressionStream(f), chunks));\n"
            + "const good = " + jsBytes(good) + ";\n"
            + "out.push(await run('gzip', [good]));\n"
            + "out.push(await run('gzip', [concat([good, new Uint8Array([0])])]));\n"
            + "out.push(await run('gzip', [good.subarray(0, good.length - 3)]));\n"
            + "out.push(await run('gzip', [" + jsBytes(badCrc) + "]));\n"
            + "out.push(await run('gzip', [new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])]));\n"
            + "out.push(await run('deflate', [new Uint8Array([0x78, 0x9c, 0xff, 0xff])]));\n"
            + "out.push(await run('deflate-raw', []));\n"
            + "out.push(await run('gzip', ['text']));\n"
            + "try { new CompressionStream('brotli'); } catch (e) { out.push(e.constructor.name); }\n"
            + "try { new DecompressionStream(); } catch (e) { out.push(e.constructor.name); }"));
  }

  private static String readAll(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String jsString(String s) {
    StringBuilder sb = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e || c == '\'' || c == '\\') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append("'").toString();
  }
}
