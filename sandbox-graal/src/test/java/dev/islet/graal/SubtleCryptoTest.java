package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Web Crypto API: crypto.subtle, CryptoKey, Crypto (W3C Web Cryptography API)")
class SubtleCryptoTest extends WebPlatformFixture {

  /** Helpers for the snippets: hex encoding/decoding, UTF-8 bytes, and a rejection's name. */
  private static final String HELPERS = ""
      + "const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');\n"
      + "const unhex = (s) => new Uint8Array(s.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);\n"
      + "const utf8 = (s) => new TextEncoder().encode(s);\n"
      + "const s = crypto.subtle;\n"
      + "const fails = async (p) => { try { await p; return 'resolved'; } catch (e) { return e.name; } };\n";

  private String go(String body) {
    return run(HELPERS + body);
  }

  @Test
  @DisplayName("Interfaces: crypto is a Crypto, subtle a same-object getter, interface objects are not constructible, toStringTags")
  void interfaces() {
    assertEquals("true|true|true|Illegal constructor|Illegal constructor|Illegal constructor|[object SubtleCrypto]|"
            + "[object Crypto]|function|true|TypeError|false",
        go("out.push(crypto instanceof Crypto, crypto.subtle === crypto.subtle, s instanceof SubtleCrypto);\n"
            + "for (const C of [Crypto, SubtleCrypto, CryptoKey]) { try { new C(); } catch (e) { out.push(e.message); } }\n"
            + "out.push(Object.prototype.toString.call(s), Object.prototype.toString.call(crypto));\n"
            + "out.push(typeof Object.getOwnPropertyDescriptor(Crypto.prototype, 'subtle').get);\n"
            + "out.push(Object.getOwnPropertyDescriptor(globalThis, 'CryptoKey').enumerable === false);\n"
            + "out.push(await fails(SubtleCrypto.prototype.digest.call({}, 'SHA-256', new Uint8Array(1))));\n"
            + "out.push(Object.keys(globalThis).includes('SubtleCrypto'));"));
  }

  @Test
  @DisplayName("digest: SHA-1/256/384/512 of 'abc' (FIPS 180 examples), names case-insensitive, any BufferSource, errors")
  void digest() {
    assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d"
            + "|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            + "|cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
            + "|ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
            + "|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855|true|true"
            + "|NotSupportedError|TypeError|TypeError|NotSupportedError|TypeError",
        go("for (const h of ['SHA-1', 'sha-256', { name: 'Sha-384' }, 'SHA-512']) out.push(hex(await s.digest(h, utf8('abc'))));\n"
            + "out.push(hex(await s.digest('SHA-256', new ArrayBuffer(0))));\n"
            + "const d = await s.digest('SHA-256', new DataView(utf8('xabc').buffer, 1));\n"
            + "out.push(d instanceof ArrayBuffer, hex(d) === hex(await s.digest('SHA-256', utf8('abc'))));\n"
            + "out.push(await fails(s.digest('MD5', utf8('a'))), await fails(s.digest({}, utf8('a'))));\n"
            + "out.push(await fails(s.digest('SHA-256', 'abc')), await fails(s.digest('SHA-256\\u212A', utf8('a'))));\n"
            + "out.push(await fails(s.digest('SHA-256')));"));
  }

  @Test
  @DisplayName("HMAC: RFC 4231 case 2, verify, generateKey lengths, raw/jwk import and export, length checks")
  void hmac() {
    assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            + "|164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"
            + "|true|false|false|secret|HMAC|SHA-256|32|sign,verify|true"
            + "|oct|SmVmZQ|HS256|sign,verify|true|4a656665|512|1024|DataError|DataError|SyntaxError|SyntaxError|TypeError|OperationError|DataError",
        go("const key = await s.importKey('raw', utf8('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);\n"
            + "const data = utf8('what do ya want for nothing?');\n"
            + "const mac = await s.sign('HMAC', key, data); out.push(hex(mac));\n"
            + "const k512 = await s.importKey('raw', utf8('Jefe'), { name: 'hmac', hash: { name: 'SHA-512' } }, false, ['sign']);\n"
            + "out.push(hex(await s.sign({ name: 'HMAC' }, k512, data)));\n"
            + "out.push(await s.verify('HMAC', key, mac, data), await s.verify('HMAC', key, mac.slice(1), data), await s.verify('HMAC', key, mac, utf8('x')));\n"
            + "out.push(key.type, key.algorithm.name, key.algorithm.hash.name, key.algorithm.length, key.usages.join(), key.algorithm === key.algorithm);\n"
            + "const jwk = await s.exportKey('jwk', key); out.push(jwk.kty, jwk.k, jwk.alg, jwk.key_ops.join(), jwk.ext);\n"
            + "const back = await s.importKey('jwk', jwk, { name: 'HMAC', hash: 'SHA-256' }, true, ['verify']);\n"
            + "out.push(hex(await s.exportKey('raw', back)));\n"
            + "out.push((await s.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign'])).algorithm.length);\n"
            + "out.push((await s.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign'])).algorithm.length);\n"
            + "out.push(await fails(s.importKey('raw', new Uint8Array(0), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign'])));\n"
            + "out.push(await fails(s.importKey('raw', utf8('Jefe'), { name: 'HMAC', hash: 'SHA-256', length: 16 }, true, ['sign'])));\n"
            + "out.push(await fails(s.importKey('raw', utf8('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, true, ['encrypt'])));\n"
            + "out.push(await fails(s.importKey('raw', utf8('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, true, [])));\n"
            + "out.push(await fails(s.importKey('raw', utf8('Jefe'), { name: 'HMAC' }, true, ['sign'])));\n"
            + "out.push(await fails(s.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 0 }, true, ['sign'])));\n"
            + "out.push(await fails(s.importKey('jwk', { ...jwk, alg: 'HS512' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign'])));"));
  }

  @Test
  @DisplayName("Key checks: wrong algorithm or missing usage is InvalidAccessError; non-extractable keys do not export; CryptoKey attributes")
  void keyChecks() {
    assertEquals("InvalidAccessError|InvalidAccessError|InvalidAccessError|false|encrypt,decrypt|true|TypeError|NotSupportedError|TypeError",
        go("const key = await s.generateKey({ name: 'AES-GCM', length: 128 }, false, ['decrypt', 'encrypt', 'encrypt']);\n"
            + "const iv = new Uint8Array(12);\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, key, new Uint8Array(1))));\n"
            + "out.push(await fails(s.sign('HMAC', key, new Uint8Array(1))));\n"
            + "out.push(await fails(s.exportKey('raw', key)));\n"
            + "out.push(key.extractable, key.usages.join(), key.usages === key.usages);\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-GCM', iv }, {}, new Uint8Array(1))));\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-KW' }, key, new Uint8Array(1))));\n"
            + "out.push(await fails(s.exportKey('foo', key)));"));
  }

  @Test
  @DisplayName("AES-GCM: GCM spec test case 2, all tag lengths, additional data, tampering is OperationError, parameter checks")
  void aesGcm() {
    assertEquals("0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf|0388dace60b6a392f328c2b971b2fe78ab6e47d4"
            + "|32:ok,64:ok,96:ok,104:ok,112:ok,120:ok,128:ok|OperationError|OperationError|OperationError|OperationError"
            + "|OperationError|TypeError|OperationError|hello",
        go("const key = await s.importKey('raw', new Uint8Array(16), 'AES-GCM', true, ['encrypt', 'decrypt']);\n"
            + "const iv = new Uint8Array(12);\n"
            + "out.push(hex(await s.encrypt({ name: 'AES-GCM', iv }, key, new Uint8Array(16))));\n"
            + "out.push(hex(await s.encrypt({ name: 'AES-GCM', iv, tagLength: 32 }, key, new Uint8Array(16))));\n"
            + "const r = [];\n"
            + "for (const t of [32, 64, 96, 104, 112, 120, 128]) {\n"
            + "  const p = { name: 'AES-GCM', iv: utf8('0123456789ab'), additionalData: utf8('aad'), tagLength: t };\n"
            + "  const c = await s.encrypt(p, key, utf8('secret message'));\n"
            + "  const d = new TextDecoder().decode(await s.decrypt(p, key, c));\n"
            + "  r.push(t + ':' + (d === 'secret message' && c.byteLength === 14 + t / 8 ? 'ok' : 'bad'));\n"
            + "}\n"
            + "out.push(r.join());\n"
            + "const p = { name: 'AES-GCM', iv, additionalData: utf8('aad'), tagLength: 64 };\n"
            + "const c = new Uint8Array(await s.encrypt(p, key, utf8('hello')));\n"
            + "const t = c.slice(); t[0] ^= 1; out.push(await fails(s.decrypt(p, key, t)));\n"
            + "const t2 = c.slice(); t2[t2.length - 1] ^= 1; out.push(await fails(s.decrypt(p, key, t2)));\n"
            + "out.push(await fails(s.decrypt({ ...p, additionalData: utf8('other') }, key, c)));\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-GCM', iv, tagLength: 48 }, key, c)));\n"
            + "out.push(await fails(s.decrypt(p, key, new Uint8Array(7))));\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-GCM', iv, tagLength: 256 }, key, c)));\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-GCM', iv: new Uint8Array(0) }, key, c)));\n"
            + "out.push(new TextDecoder().decode(await s.decrypt(p, key, c)));"));
  }

  @Test
  @DisplayName("AES-CBC and AES-CTR: SP 800-38A vectors, PKCS#7 padding, counter wrap within length bits, parameter checks")
  void aesCbcCtr() {
    assertEquals("7649abac8119b246cee98e9b12e9197d|32|6bc1bee22e409f96e93d7e117393172a|OperationError|OperationError"
            + "|874d6191b620e3261bef6864990db6ce|6bc1bee22e409f96e93d7e117393172a|true|false|OperationError|OperationError|OperationError|OperationError",
        go("const raw = unhex('2b7e151628aed2a6abf7158809cf4f3c'), p1 = unhex('6bc1bee22e409f96e93d7e117393172a');\n"
            + "const cbc = await s.importKey('raw', raw, 'AES-CBC', true, ['encrypt', 'decrypt']);\n"
            + "const iv = unhex('000102030405060708090a0b0c0d0e0f');\n"
            + "const c = await s.encrypt({ name: 'AES-CBC', iv }, cbc, p1);\n"
            + "out.push(hex(c).slice(0, 32), c.byteLength, hex(await s.decrypt({ name: 'AES-CBC', iv }, cbc, c)));\n"
            + "out.push(await fails(s.decrypt({ name: 'AES-CBC', iv }, cbc, new Uint8Array(c).slice(0, 16))));\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-CBC', iv: new Uint8Array(8) }, cbc, p1)));\n"
            + "const ctr = await s.importKey('raw', raw, 'AES-CTR', true, ['encrypt', 'decrypt']);\n"
            + "const counter = unhex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');\n"
            + "const e = await s.encrypt({ name: 'AES-CTR', counter, length: 64 }, ctr, p1);\n"
            + "out.push(hex(e), hex(await s.decrypt({ name: 'AES-CTR', counter, length: 64 }, ctr, e)));\n"
            + "const two = new Uint8Array(await s.encrypt({ name: 'AES-CTR', counter, length: 8 }, ctr, new Uint8Array(32)));\n"
            + "const wrapped = counter.slice(); wrapped[15] = 0;\n"
            + "const second = new Uint8Array(await s.encrypt({ name: 'AES-CTR', counter: wrapped, length: 8 }, ctr, new Uint8Array(16)));\n"
            + "out.push(hex(two.slice(16)) === hex(second));\n"
            + "const full = new Uint8Array(await s.encrypt({ name: 'AES-CTR', counter, length: 128 }, ctr, new Uint8Array(32)));\n"
            + "out.push(hex(full.slice(16)) === hex(second));\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-CTR', counter, length: 0 }, ctr, p1)));\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-CTR', counter, length: 129 }, ctr, p1)));\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-CTR', counter: new Uint8Array(8), length: 64 }, ctr, p1)));\n"
            + "out.push(await fails(s.encrypt({ name: 'AES-CTR', counter, length: 1 }, ctr, new Uint8Array(48))));"));
  }

  @Test
  @DisplayName("AES keys: generateKey lengths, raw/jwk round trip with alg names, bad lengths and formats")
  void aesKeys() {
    assertEquals("128|192|256|OperationError|A256CBC|A128CTR|A192GCM|A128KW|true|DataError|DataError|NotSupportedError|DataError|SyntaxError",
        go("for (const l of [128, 192, 256]) out.push((await s.generateKey({ name: 'AES-CBC', length: l }, true, ['encrypt'])).algorithm.length);\n"
            + "out.push(await fails(s.generateKey({ name: 'AES-CBC', length: 64 }, true, ['encrypt'])));\n"
            + "const algs = [['AES-CBC', 32, 'encrypt'], ['AES-CTR', 16, 'encrypt'], ['AES-GCM', 24, 'encrypt'], ['AES-KW', 16, 'wrapKey']];\n"
            + "for (const [n, size, u] of algs) {\n"
            + "  const k = await s.importKey('raw', new Uint8Array(size).fill(7), n, true, [u]);\n"
            + "  out.push((await s.exportKey('jwk', k)).alg);\n"
            + "}\n"
            + "const k = await s.importKey('raw', new Uint8Array(16).fill(7), 'AES-GCM', true, ['encrypt']);\n"
            + "const jwk = await s.exportKey('jwk', k);\n"
            + "const k2 = await s.importKey('jwk', jwk, 'AES-GCM', true, ['encrypt']);\n"
            + "out.push(hex(await s.exportKey('raw', k2)) === '07'.repeat(16));\n"
            + "out.push(await fails(s.importKey('raw', new Uint8Array(20), 'AES-GCM', true, ['encrypt'])));\n"
            + "out.push(await fails(s.importKey('jwk', { ...jwk, alg: 'A256GCM' }, 'AES-GCM', true, ['encrypt'])));\n"
            + "out.push(await fails(s.importKey('spki', new Uint8Array(16), 'AES-GCM', true, ['encrypt'])));\n"
            + "out.push(await fails(s.importKey('jwk', { ...jwk, ext: false }, 'AES-GCM', true, ['encrypt'])));\n"
            + "out.push(await fails(s.importKey('raw', new Uint8Array(16), 'AES-KW', true, ['encrypt'])));"));
  }

  @Test
  @DisplayName("AES-KW: RFC 3394 4.1 and 4.6 vectors; wrapKey/unwrapKey in raw and jwk, and through AES-GCM")
  void aesKw() {
    assertEquals("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"
            + "|28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21"
            + "|00112233445566778899aabbccddeeff|OperationError|AES-CBC,true,encrypt|jwk:true|gcm:00112233445566778899aabbccddeeff|InvalidAccessError|DataError",
        go("const kek = await s.importKey('raw', unhex('000102030405060708090a0b0c0d0e0f'), 'AES-KW', true, ['wrapKey', 'unwrapKey']);\n"
            + "const key = await s.importKey('raw', unhex('00112233445566778899aabbccddeeff'), 'AES-CBC', true, ['encrypt', 'decrypt']);\n"
            + "const w = await s.wrapKey('raw', key, kek, 'AES-KW'); out.push(hex(w));\n"
            + "const kek2 = await s.importKey('raw', unhex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'), 'AES-KW', true, ['wrapKey']);\n"
            + "const key2 = await s.importKey('raw', unhex('00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f'), 'AES-CBC', true, ['encrypt']);\n"
            + "out.push(hex(await s.wrapKey('raw', key2, kek2, { name: 'aes-kw' })));\n"
            + "const u = await s.unwrapKey('raw', w, kek, 'AES-KW', 'AES-CBC', true, ['encrypt']);\n"
            + "out.push(hex(await s.exportKey('raw', u)));\n"
            + "const bad = new Uint8Array(w); bad[3] ^= 1;\n"
            + "out.push(await fails(s.unwrapKey('raw', bad, kek, 'AES-KW', 'AES-CBC', true, ['encrypt'])));\n"
            + "out.push([u.algorithm.name, u.extractable, u.usages].join());\n"
            + "const hk = await s.importKey('raw', utf8('0123456789abcdef'), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);\n"
            + "let jw; try { jw = await s.wrapKey('jwk', hk, kek, 'AES-KW'); } catch (e) { jw = null; }\n"
            + "if (jw) { const hu = await s.unwrapKey('jwk', jw, kek, 'AES-KW', { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']); out.push('jwk:' + (hex(await s.exportKey('raw', hu)) === hex(utf8('0123456789abcdef')))); }\n"
            + "else out.push('jwk:' + (JSON.stringify(await s.exportKey('jwk', hk)).length % 8 !== 0));\n"
            + "const gk = await s.generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);\n"
            + "const iv = new Uint8Array(12);\n"
            + "const gw = await s.wrapKey('jwk', key, gk, { name: 'AES-GCM', iv });\n"
            + "const gu = await s.unwrapKey('jwk', gw, gk, { name: 'AES-GCM', iv }, 'AES-CBC', true, ['decrypt']);\n"
            + "out.push('gcm:' + hex(await s.exportKey('raw', gu)));\n"
            + "out.push(await fails(s.wrapKey('raw', key, key, 'AES-KW')));\n"
            + "const junk = await s.encrypt({ name: 'AES-GCM', iv }, await s.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt']), utf8('not json'));\n"
            + "const gk2 = await s.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['unwrapKey']);\n"
            + "out.push(await fails(s.unwrapKey('jwk', junk, gk2, { name: 'AES-GCM', iv }, 'AES-CBC', true, ['decrypt'])));"));
  }

  @Test
  @DisplayName("HKDF (RFC 5869 case 1) and PBKDF2 (RFC 6070, chunked iterations), deriveKey, length rules")
  void kdf() throws Exception {
    SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
    byte[] expected = f.generateSecret(new PBEKeySpec("pw".toCharArray(), "NaCl".getBytes(), 25000, 40 * 8)).getEncoded();
    assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
            + "|0c60c80f961f0e71f3a9b524af6012062fe037a6|ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"
            + "|4b007901b765489abead49d926f721d065a429c1|3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"
            + "|" + HexFormat.of().formatHex(expected)
            + "|0|OperationError|OperationError|OperationError|OperationError|SyntaxError|NotSupportedError|AES-GCM,256|true|InvalidAccessError",
        go("const ikm = await s.importKey('raw', new Uint8Array(22).fill(0x0b), 'HKDF', false, ['deriveBits', 'deriveKey']);\n"
            + "const salt = unhex('000102030405060708090a0b0c'), info = unhex('f0f1f2f3f4f5f6f7f8f9');\n"
            + "out.push(hex(await s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, ikm, 336)));\n"
            + "const pw = await s.importKey('raw', utf8('password'), 'PBKDF2', false, ['deriveBits']);\n"
            + "for (const c of [1, 2, 4096]) out.push(hex(await s.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt: utf8('salt'), iterations: c }, pw, 160)));\n"
            + "const pw2 = await s.importKey('raw', utf8('passwordPASSWORDpassword'), 'PBKDF2', false, ['deriveBits']);\n"
            + "out.push(hex(await s.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt: utf8('saltSALTsaltSALTsaltSALTsaltSALTsalt'), iterations: 4096 }, pw2, 200)));\n"
            + "const pw3 = await s.importKey('raw', utf8('pw'), 'PBKDF2', false, ['deriveBits']);\n"
            + "out.push(hex(await s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: utf8('NaCl'), iterations: 25000 }, pw3, 320)));\n"
            + "out.push((await s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, ikm, 0)).byteLength);\n"
            + "out.push(await fails(s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, ikm, 12)));\n"
            + "out.push(await fails(s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, ikm)));\n"
            + "out.push(await fails(s.deriveBits({ name: 'PBKDF2', hash: 'SHA-1', salt, iterations: 0 }, pw, 160)));\n"
            + "out.push(await fails(s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, ikm, 256 * 32 * 8)));\n"
            + "out.push(await fails(s.importKey('raw', utf8('x'), 'HKDF', true, ['deriveBits'])));\n"
            + "out.push(await fails(s.exportKey('raw', ikm)));\n"
            + "const dk = await s.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info }, ikm, { name: 'AES-GCM', length: 256 }, true, ['encrypt']);\n"
            + "out.push(dk.algorithm.name + ',' + dk.algorithm.length);\n"
            + "const bits = await s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, ikm, 256);\n"
            + "out.push(hex(await s.exportKey('raw', dk)) === hex(bits));\n"
            + "out.push(await fails(s.deriveKey({ name: 'PBKDF2', hash: 'SHA-1', salt, iterations: 1 }, pw, { name: 'AES-GCM', length: 128 }, true, ['encrypt'])));"));
  }

  @Test
  @DisplayName("Ed25519: RFC 8032 test 1 (sign, public key from private), verify, raw/spki/pkcs8/jwk round trips, usage rules")
  void ed25519() {
    String sk = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    String pk = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
            + "|true|false|false|" + pk + "|OKP,Ed25519,Ed25519|true|true|public,verify|private,sign|SyntaxError|DataError|InvalidAccessError|DataError",
        go("const jwkPriv = { kty: 'OKP', crv: 'Ed25519', d: btoa(String.fromCharCode(...unhex('" + sk + "'))).replace(/=/g, '').replace(/\\+/g, '-').replace(/\\//g, '_'),"
            + " x: btoa(String.fromCharCode(...unhex('" + pk + "'))).replace(/=/g, '').replace(/\\+/g, '-').replace(/\\//g, '_') };\n"
            + "const priv = await s.importKey('jwk', jwkPriv, 'Ed25519', true, ['sign']);\n"
            + "const pub = await s.importKey('raw', unhex('" + pk + "'), { name: 'ed25519' }, true, ['verify']);\n"
            + "const sig = await s.sign('Ed25519', priv, new Uint8Array(0)); out.push(hex(sig));\n"
            + "out.push(await s.verify('Ed25519', pub, sig, new Uint8Array(0)), await s.verify('Ed25519', pub, sig, new Uint8Array(1)), await s.verify('Ed25519', pub, sig.slice(1), new Uint8Array(0)));\n"
            + "const pk8 = await s.exportKey('pkcs8', priv);\n"
            + "const p2 = await s.importKey('pkcs8', pk8, 'Ed25519', true, ['sign']);\n"
            + "const j = await s.exportKey('jwk', p2); out.push(hex(unhex(Array.from(atob(j.x.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(''))));\n"
            + "out.push([j.kty, j.crv, j.alg].join());\n"
            + "const spki = await s.exportKey('spki', pub);\n"
            + "const pub2 = await s.importKey('spki', spki, 'Ed25519', true, ['verify']);\n"
            + "out.push(hex(await s.exportKey('raw', pub2)) === '" + pk + "');\n"
            + "const pair = await s.generateKey('Ed25519', false, ['sign', 'verify']);\n"
            + "out.push(await s.verify('Ed25519', pair.publicKey, await s.sign('Ed25519', pair.privateKey, utf8('m')), utf8('m')));\n"
            + "out.push(pair.publicKey.type + ',' + pair.publicKey.usages, pair.privateKey.type + ',' + pair.privateKey.usages);\n"
            + "out.push(await fails(s.importKey('raw', unhex('" + pk + "'), 'Ed25519', true, ['sign'])));\n"
            + "out.push(await fails(s.importKey('raw', new Uint8Array(31), 'Ed25519', true, ['verify'])));\n"
            + "out.push(await fails(s.exportKey('raw', priv)));\n"
            + "out.push(await fails(s.importKey('jwk', { ...jwkPriv, x: jwkPriv.x.slice(0, -2) + 'AA' }, 'Ed25519', true, ['sign'])));"));
  }

  @Test
  @DisplayName("X25519: RFC 7748 6.1 shared secret both ways, public key derived from private, deriveKey, error cases")
  void x25519() {
    String a = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    String aPub = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    String b = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    String bPub = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assertEquals(shared + "|" + shared + "|" + shared.substring(0, 32) + "|OperationError|true|AES-GCM|SyntaxError|InvalidAccessError|InvalidAccessError|true",
        go("const b64u = (h) => btoa(String.fromCharCode(...unhex(h))).replace(/=/g, '').replace(/\\+/g, '-').replace(/\\//g, '_');\n"
            + "const priv = (d, x) => s.importKey('jwk', { kty: 'OKP', crv: 'X25519', d: b64u(d), x: b64u(x) }, 'X25519', true, ['deriveBits', 'deriveKey']);\n"
            + "const A = await priv('" + a + "', '" + aPub + "'), B = await priv('" + b + "', '" + bPub + "');\n"
            + "const Ap = await s.importKey('raw', unhex('" + aPub + "'), 'X25519', true, []);\n"
            + "const Bp = await s.importKey('raw', unhex('" + bPub + "'), 'X25519', true, []);\n"
            + "out.push(hex(await s.deriveBits({ name: 'X25519', public: Bp }, A)), hex(await s.deriveBits({ name: 'X25519', public: Ap }, B, null)));\n"
            + "out.push(hex(await s.deriveBits({ name: 'X25519', public: Bp }, A, 128)));\n"
            + "out.push(await fails(s.deriveBits({ name: 'X25519', public: Bp }, A, 512)));\n"
            + "const pk8 = await s.exportKey('pkcs8', A);\n"
            + "const A2 = await s.importKey('pkcs8', pk8, 'X25519', true, ['deriveBits']);\n"
            + "out.push((await s.exportKey('jwk', A2)).x === b64u('" + aPub + "'));\n"
            + "const k = await s.deriveKey({ name: 'X25519', public: Bp }, A, 'AES-GCM', false, ['encrypt']).catch((e) => e);\n"
            + "out.push(k.name === 'TypeError' ? 'AES-GCM' : k.name);\n"
            + "out.push(await fails(s.importKey('raw', unhex('" + aPub + "'), 'X25519', true, ['deriveBits'])));\n"
            + "out.push(await fails(s.deriveBits({ name: 'X25519', public: A }, B)));\n"
            + "const ec = await s.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);\n"
            + "out.push(await fails(s.deriveBits({ name: 'X25519', public: ec.publicKey }, A)));\n"
            + "const g = await s.generateKey('X25519', true, ['deriveBits']);\n"
            + "out.push(hex(await s.deriveBits({ name: 'X25519', public: g.publicKey }, A)) === hex(await s.deriveBits({ name: 'X25519', public: Ap }, g.privateKey)));"));
  }

  @Test
  @DisplayName("ECDSA on P-256/384/521: raw r||s signatures, verify, all formats, public point computed from a private key")
  void ecdsa() {
    assertEquals("P-256:64:true:false:true:true:true|P-384:96:true:false:true:true:true|P-521:132:true:false:true:true:true"
            + "|DataError|DataError|SyntaxError|NotSupportedError|InvalidAccessError|false|DataError",
        go("for (const [crv, hash] of [['P-256', 'SHA-256'], ['P-384', 'SHA-384'], ['P-521', 'SHA-512']]) {\n"
            + "  const { publicKey, privateKey } = await s.generateKey({ name: 'ECDSA', namedCurve: crv }, true, ['sign', 'verify']);\n"
            + "  const sig = await s.sign({ name: 'ECDSA', hash }, privateKey, utf8('msg'));\n"
            + "  const ok = await s.verify({ name: 'ECDSA', hash }, publicKey, sig, utf8('msg'));\n"
            + "  const bad = await s.verify({ name: 'ECDSA', hash }, publicKey, sig, utf8('msh'));\n"
            + "  const jPriv = await s.exportKey('jwk', await s.importKey('pkcs8', await s.exportKey('pkcs8', privateKey), { name: 'ECDSA', namedCurve: crv }, true, ['sign']));\n"
            + "  const jPub = await s.exportKey('jwk', publicKey);\n"
            + "  const raw = await s.exportKey('raw', publicKey);\n"
            + "  const fromRaw = await s.importKey('raw', raw, { name: 'ECDSA', namedCurve: crv }, true, ['verify']);\n"
            + "  const fromJwk = await s.importKey('jwk', jPriv, { name: 'ECDSA', namedCurve: crv }, true, ['sign']);\n"
            + "  const sig2 = await s.sign({ name: 'ECDSA', hash }, fromJwk, utf8('m2'));\n"
            + "  out.push([crv, sig.byteLength, ok, bad, jPriv.x === jPub.x && jPriv.y === jPub.y,\n"
            + "    await s.verify({ name: 'ECDSA', hash }, fromRaw, sig2, utf8('m2')), hex(await s.exportKey('spki', fromRaw)) === hex(await s.exportKey('spki', publicKey))].join(':'));\n"
            + "}\n"
            + "const { publicKey, privateKey } = await s.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);\n"
            + "const spki = await s.exportKey('spki', publicKey);\n"
            + "out.push(await fails(s.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify'])));\n"
            + "const raw = new Uint8Array(await s.exportKey('raw', publicKey)); raw[64] ^= 1;\n"
            + "out.push(await fails(s.importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])));\n"
            + "out.push(await fails(s.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])));\n"
            + "out.push(await fails(s.generateKey({ name: 'ECDSA', namedCurve: 'P-192' }, true, ['sign'])));\n"
            + "out.push(await fails(s.sign({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, utf8('m'))));\n"
            + "out.push(await s.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, new Uint8Array(63), utf8('m')));\n"
            + "const j = await s.exportKey('jwk', privateKey);\n"
            + "out.push(await fails(s.importKey('jwk', { ...j, d: (await s.exportKey('jwk', (await s.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])).privateKey)).d }, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])));"));
  }

  @Test
  @DisplayName("ECDH: deriveBits both ways, length truncation, null length, deriveKey, key-type and curve checks")
  void ecdh() {
    assertEquals("true|32|256|80|OperationError|HMAC:256|InvalidAccessError|InvalidAccessError|InvalidAccessError|SyntaxError||138|true",
        go("const alg = { name: 'ECDH', namedCurve: 'P-256' };\n"
            + "const a = await s.generateKey(alg, true, ['deriveBits', 'deriveKey']);\n"
            + "const b = await s.generateKey(alg, true, ['deriveBits']);\n"
            + "const ab = await s.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 256);\n"
            + "const ba = await s.deriveBits({ name: 'ECDH', public: a.publicKey }, b.privateKey, 256);\n"
            + "out.push(hex(ab) === hex(ba), ab.byteLength);\n"
            + "out.push((await s.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey)).byteLength * 8);\n"
            + "const t = new Uint8Array(await s.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 75));\n"
            + "out.push(t.length * 8 - (t[9] & 0x1f ? 1 : 0) * 0 );\n"
            + "out.push(await fails(s.deriveBits({ name: 'ECDH', public: b.publicKey }, a.privateKey, 264)));\n"
            + "const k = await s.deriveKey({ name: 'ECDH', public: b.publicKey }, a.privateKey, { name: 'HMAC', hash: 'SHA-256', length: 256 }, true, ['sign']);\n"
            + "out.push(k.algorithm.name + ':' + k.algorithm.length);\n"
            + "out.push(await fails(s.deriveBits({ name: 'ECDH', public: b.privateKey }, a.privateKey, 256)));\n"
            + "const c = await s.generateKey({ name: 'ECDH', namedCurve: 'P-384' }, true, ['deriveBits']);\n"
            + "out.push(await fails(s.deriveBits({ name: 'ECDH', public: c.publicKey }, a.privateKey, 256)));\n"
            + "out.push(await fails(s.deriveBits({ name: 'ECDH', public: b.publicKey }, a.publicKey, 256)));\n"
            + "out.push(await fails(s.generateKey(alg, true, ['sign'])));\n"
            + "out.push(a.publicKey.usages.join());\n"
            + "out.push((await s.exportKey('pkcs8', a.privateKey)).byteLength);\n"
            + "const raw = new Uint8Array(await s.exportKey('raw', a.publicKey));\n"
            + "const compressed = new Uint8Array(33); compressed[0] = 2 + (raw[64] & 1); compressed.set(raw.subarray(1, 33), 1);\n"
            + "const c2 = await s.importKey('raw', compressed, alg, true, []);\n"
            + "out.push(hex(await s.exportKey('raw', c2)) === hex(raw));"));
  }

  @Test
  @DisplayName("RSA: PKCS#1 v1.5 and PSS signatures, OAEP with label, spki/pkcs8/jwk round trips, key type checks")
  void rsa() {
    assertEquals("RSASSA-PKCS1-v1_5,1024,010001,SHA-256|true|false|true|false|RS256|PS384|RSA-OAEP-256|true|hello|OperationError"
            + "|InvalidAccessError|NotSupportedError|InvalidAccessError|TypeError|true|true",
        go("const gen = (name, hash, usages) => s.generateKey({ name, modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash }, true, usages);\n"
            + "const ssa = await gen('RSASSA-PKCS1-v1_5', 'SHA-256', ['sign', 'verify']);\n"
            + "const a = ssa.publicKey.algorithm;\n"
            + "out.push([a.name, a.modulusLength, hex(a.publicExponent), a.hash.name].join());\n"
            + "const sig = await s.sign('RSASSA-PKCS1-v1_5', ssa.privateKey, utf8('m'));\n"
            + "out.push(await s.verify('RSASSA-PKCS1-v1_5', ssa.publicKey, sig, utf8('m')), await s.verify('RSASSA-PKCS1-v1_5', ssa.publicKey, sig, utf8('n')));\n"
            + "const pss = await gen('RSA-PSS', 'SHA-384', ['sign', 'verify']);\n"
            + "const ps = await s.sign({ name: 'RSA-PSS', saltLength: 32 }, pss.privateKey, utf8('m'));\n"
            + "out.push(await s.verify({ name: 'RSA-PSS', saltLength: 32 }, pss.publicKey, ps, utf8('m')), await s.verify({ name: 'RSA-PSS', saltLength: 20 }, pss.publicKey, ps, utf8('m')));\n"
            + "const oaep = await gen('RSA-OAEP', 'SHA-256', ['encrypt', 'decrypt']);\n"
            + "out.push((await s.exportKey('jwk', ssa.privateKey)).alg, (await s.exportKey('jwk', pss.publicKey)).alg, (await s.exportKey('jwk', oaep.publicKey)).alg);\n"
            + "const jp = await s.exportKey('jwk', oaep.privateKey);\n"
            + "const priv2 = await s.importKey('jwk', jp, { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['decrypt']);\n"
            + "const pub2 = await s.importKey('spki', await s.exportKey('spki', oaep.publicKey), { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['encrypt']);\n"
            + "out.push(hex(await s.exportKey('pkcs8', priv2)) === hex(await s.exportKey('pkcs8', oaep.privateKey)));\n"
            + "const ct = await s.encrypt({ name: 'RSA-OAEP', label: utf8('L') }, pub2, utf8('hello'));\n"
            + "out.push(new TextDecoder().decode(await s.decrypt({ name: 'RSA-OAEP', label: utf8('L') }, priv2, ct)));\n"
            + "out.push(await fails(s.decrypt({ name: 'RSA-OAEP' }, priv2, ct)));\n"
            + "out.push(await fails(s.sign('RSASSA-PKCS1-v1_5', ssa.publicKey, utf8('m'))));\n"
            + "out.push(await fails(s.exportKey('raw', ssa.publicKey)));\n"
            + "out.push(await fails(s.exportKey('spki', ssa.privateKey)));\n"
            + "out.push(await fails(s.generateKey({ name: 'RSA-PSS', modulusLength: 1024, publicExponent: [1, 0, 1], hash: 'SHA-256' }, true, ['sign'])));\n"
            + "const ji = await s.importKey('jwk', await s.exportKey('jwk', ssa.publicKey), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);\n"
            + "out.push(await s.verify('RSASSA-PKCS1-v1_5', ji, sig, utf8('m')), ji.algorithm.modulusLength === 1024);"));
  }

  @Test
  @DisplayName("Usage and argument rules: SyntaxError for empty usages on secret/private keys, TypeError for bad enums and missing members")
  void usageRules() {
    assertEquals("SyntaxError|SyntaxError|TypeError|TypeError|TypeError|TypeError|TypeError|NotSupportedError|true|verify",
        go("out.push(await fails(s.generateKey({ name: 'AES-GCM', length: 128 }, true, [])));\n"
            + "out.push(await fails(s.generateKey('Ed25519', true, ['verify'])));\n"
            + "out.push(await fails(s.generateKey({ name: 'AES-GCM', length: 128 }, true, ['bogus'])));\n"
            + "out.push(await fails(s.generateKey({ name: 'AES-GCM' }, true, ['encrypt'])));\n"
            + "out.push(await fails(s.generateKey({ name: 'AES-GCM', length: 70000 }, true, ['encrypt'])));\n"
            + "out.push(await fails(s.importKey('raw', {}, 'AES-GCM', true, ['encrypt'])));\n"
            + "out.push(await fails(s.importKey('jwk', new Uint8Array(16), 'AES-GCM', true, ['encrypt'])));\n"
            + "out.push(await fails(s.importKey('raw', new Uint8Array(16), 'AES-XYZ', true, ['encrypt'])));\n"
            + "const k = await s.importKey('raw', new Uint8Array(16), 'AES-GCM', true, ['encrypt']);\n"
            + "out.push(k.usages[0] === 'encrypt');\n"
            + "const p = await s.generateKey('Ed25519', true, ['verify', 'sign']);\n"
            + "out.push(p.publicKey.usages.join());"));
  }

  @Test
  @DisplayName("Timing: normalisation and invalid key parameters reject at once; usage and key checks after the caller's microtasks")
  void rejectionTiming() {
    assertEquals("name:NotSupportedError,param:OperationError,tick,usage:SyntaxError,key:InvalidAccessError",
        go("const order = [];\n"
            + "const k = await s.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);\n"
            + "const ps = [\n"
            + "  s.generateKey('AES-XYZ', true, ['encrypt']).catch((e) => order.push('name:' + e.name)),\n"
            + "  s.generateKey({ name: 'AES-GCM', length: 64 }, true, ['encrypt']).catch((e) => order.push('param:' + e.name)),\n"
            + "  s.generateKey({ name: 'AES-GCM', length: 128 }, true, ['sign']).catch((e) => order.push('usage:' + e.name)),\n"
            + "  s.verify('HMAC', k, new Uint8Array(32), new Uint8Array(1)).catch((e) => order.push('key:' + e.name)),\n"
            + "];\n"
            + "Promise.resolve().then(() => order.push('tick'));\n"
            + "await Promise.all(ps);\n"
            + "out.push(order.join());"));
  }
}
