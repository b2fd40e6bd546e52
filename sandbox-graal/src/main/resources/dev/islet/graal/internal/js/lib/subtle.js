// W3C Web Cryptography API (https://w3c.github.io/webcrypto/): SubtleCrypto and CryptoKey.
// This file does what the spec asks of the API: argument conversion, algorithm normalisation,
// usage/extractable/type checks, JWK and key bookkeeping; the host (SubtleCryptoHost.java) only
// computes, through one bridge entry, host.subtle(op, ...args).
//
// Where keys live: in the guest. A CryptoKey's private state holds its material (a secret key's
// raw bytes; an asymmetric key's DER encoding, SubjectPublicKeyInfo or PKCS #8) and passes it to the
// host with every operation. The host keeps nothing between calls: no key can outlive its tenant's
// heap or be reached from another tenant, and key memory is counted against the tenant.
(function (global, shared) {
  'use strict';
  const { DOMException, isObject, webidl, bufferSourceView, copyBytes, wholeBuffer, utf8Encode, utf8DecodeAll,
    uncurryThis, host, fromHost } = shared;
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, freeze } = Object;
  const ReflectApply = Reflect.apply;
  const TypeErrorCtor = TypeError;
  const U8 = Uint8Array;
  const PromiseCtor = Promise;
  const PromiseReject = (e) => PromiseCtor.reject(e);
  const JSONParse = JSON.parse, JSONStringify = JSON.stringify;
  const MathTrunc = Math.trunc, MathCeil = Math.ceil;
  const fromCharCode = String.fromCharCode;
  const StringCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringReplace = uncurryThis(String.prototype.replace);
  const ArrayPush = uncurryThis(Array.prototype.push);
  const ArrayIncludes = uncurryThis(Array.prototype.includes);
  const SymbolIterator = Symbol.iterator;
  const TypedArrayPrototype = getPrototypeOf(U8.prototype);
  const getter = (proto, key) => uncurryThis(getOwnPropertyDescriptor(proto, key).get);
  const TypedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
  const TypedArrayLength = getter(TypedArrayPrototype, 'length');
  const TypedArrayTag = getter(TypedArrayPrototype, Symbol.toStringTag);
  const TypedArraySet = uncurryThis(TypedArrayPrototype.set);
  const TypedArraySubarray = uncurryThis(TypedArrayPrototype.subarray);
  const hostSubtle = host.subtle;

  const error = (name, message) => new DOMException(message, name);
  const notSupported = (m) => error('NotSupportedError', m);
  const invalidAccess = (m) => error('InvalidAccessError', m);
  const dataError = (m) => error('DataError', m);
  const operationError = (m) => error('OperationError', m);
  const syntaxError = (m) => error('SyntaxError', m);

  // ---- bytes -------------------------------------------------------------------------------------
  /** The whole ArrayBuffer of a fresh (or whole-buffer) Uint8Array, for the host; null stays null. */
  const ab = (u8) => (u8 === null || u8 === undefined ? null : TypedArrayBuffer(wholeBuffer(u8)));
  const len = (u8) => TypedArrayLength(u8);
  function concat(a, b) {
    const out = new U8(len(a) + len(b));
    TypedArraySet(out, a);
    TypedArraySet(out, b, len(a));
    return out;
  }
  function equalBytes(a, b) {
    if (len(a) !== len(b)) return false;
    let d = 0;
    for (let i = 0; i < len(a); i++) d |= a[i] ^ b[i];
    return d === 0;
  }
  /** The first `bits` bits of bytes (a copy; the unused low bits of a last partial byte cleared). */
  function truncateBits(bytes, bits) {
    const out = copyBytes(TypedArraySubarray(bytes, 0, MathCeil(bits / 8)));
    if (bits % 8 !== 0) out[len(out) - 1] &= (0xff << (8 - (bits % 8))) & 0xff;
    return out;
  }
  const bitLength = (u8) => {
    let i = 0;
    while (i < len(u8) && u8[i] === 0) i++;
    if (i === len(u8)) return 0;
    let b = u8[i], n = 0;
    while (b) { n++; b >>= 1; }
    return (len(u8) - i - 1) * 8 + n;
  };

  // Calls the host; a failure comes back as the name of the DOMException to reject with.
  function call(...args) {
    const r = ReflectApply(hostSubtle, undefined, args);
    if (typeof r === 'string') throw error(r, `The operation failed (${r})`);
    if (r === null || r === undefined) throw operationError('The operation failed for an operation-specific reason');
    return r;
  }
  const callBytes = (...args) => fromHost(ReflectApply(call, undefined, args));

  // base64url without padding (RFC 7515 section 2), strict on input.
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  function b64uEncode(u8) {
    let s = '';
    const n = len(u8);
    let i = 0;
    for (; i + 2 < n; i += 3) {
      const v = (u8[i] << 16) | (u8[i + 1] << 8) | u8[i + 2];
      s += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + B64[v & 63];
    }
    if (n - i === 1) {
      const v = u8[i] << 16;
      s += B64[v >> 18] + B64[(v >> 12) & 63];
    } else if (n - i === 2) {
      const v = (u8[i] << 16) | (u8[i + 1] << 8);
      s += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63];
    }
    return s;
  }
  function b64Value(c) {
    if (c >= 65 && c <= 90) return c - 65;
    if (c >= 97 && c <= 122) return c - 71;
    if (c >= 48 && c <= 57) return c + 4;
    if (c === 45) return 62;
    if (c === 95) return 63;
    return -1;
  }
  function b64uDecode(s, what) {
    const n = s.length;
    if (n % 4 === 1) throw dataError(`The JWK member ${what} is not valid base64url`);
    const out = new U8(MathTrunc((n * 3) / 4));
    let o = 0, acc = 0, bits = 0;
    for (let i = 0; i < n; i++) {
      const v = b64Value(StringCharCodeAt(s, i));
      if (v < 0) throw dataError(`The JWK member ${what} is not valid base64url`);
      acc = (acc << 6) | v; bits += 6;
      if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 0xff; }
    }
    return TypedArraySubarray(out, 0, o);
  }

  // ---- WebIDL conversions ------------------------------------------------------------------------
  const asciiLower = (s) => StringReplace(s, /[A-Z]/g, (c) => fromCharCode(StringCharCodeAt(c, 0) + 32));
  function toBytes(v, what) {
    const view = bufferSourceView(v, false);
    if (view === undefined) throw new TypeErrorCtor(`${what} is not of type (ArrayBuffer or ArrayBufferView)`);
    return copyBytes(view);
  }
  function enforceRange(v, max, what) {
    let x = +v;
    if (x !== x || x === Infinity || x === -Infinity) throw new TypeErrorCtor(`${what} is not a finite number`);
    x = MathTrunc(x);
    if (x < 0 || x > max) throw new TypeErrorCtor(`${what} is outside the range [0, ${max}]`);
    return x + 0;
  }
  function toUnsignedLong(v) {
    let x = +v;
    if (x !== x || x === Infinity || x === -Infinity) return 0;
    x = MathTrunc(x) % 4294967296;
    return x < 0 ? x + 4294967296 : x + 0;
  }
  const toAlgorithmIdentifier = (v) => (isObject(v) ? v : `${v}`);
  const FORMATS = { __proto__: null, raw: true, spki: true, pkcs8: true, jwk: true };
  function toFormat(v) {
    const s = `${v}`;
    if (FORMATS[s] !== true) throw new TypeErrorCtor(`'${s}' is not a valid value for enumeration KeyFormat`);
    return s;
  }
  const USAGES = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey'];
  /** sequence<KeyUsage>. */
  function toUsages(v) {
    if (!isObject(v)) throw new TypeErrorCtor('keyUsages is not a sequence');
    const iteratorFn = v[SymbolIterator];
    if (typeof iteratorFn !== 'function') throw new TypeErrorCtor('keyUsages is not a sequence');
    const out = [];
    const it = ReflectApply(iteratorFn, v, []);
    for (;;) {
      const step = it.next();
      if (step.done) break;
      const s = `${step.value}`;
      if (!ArrayIncludes(USAGES, s)) throw new TypeErrorCtor(`'${s}' is not a valid value for enumeration KeyUsage`);
      ArrayPush(out, s);
    }
    return out;
  }
  /** Usages without duplicates, in the KeyUsage enumeration's order. */
  function normalUsages(list) {
    const out = [];
    for (let i = 0; i < USAGES.length; i++) if (ArrayIncludes(list, USAGES[i])) ArrayPush(out, USAGES[i]);
    return out;
  }
  function intersect(list, allowed) {
    const out = [];
    for (let i = 0; i < list.length; i++) if (ArrayIncludes(allowed, list[i])) ArrayPush(out, list[i]);
    return out;
  }
  function checkUsages(usages, allowed) {
    for (let i = 0; i < usages.length; i++) {
      if (!ArrayIncludes(allowed, usages[i])) throw syntaxError(`Cannot create a key with usage '${usages[i]}'`);
    }
  }

  // ---- algorithm normalisation (spec section 18.4) -----------------------------------------------
  // Dictionary members in WebIDL order (inherited first, then lexicographic): [name, type, required].
  const DICTS = {
    __proto__: null,
    Algorithm: [],
    AesCtrParams: [['counter', 'bytes', true], ['length', 'octet', true]],
    AesCbcParams: [['iv', 'bytes', true]],
    AesGcmParams: [['additionalData', 'bytes', false], ['iv', 'bytes', true], ['tagLength', 'octet', false]],
    AesKeyGenParams: [['length', 'ushort', true]],
    HmacImportParams: [['hash', 'hash', true], ['length', 'ulong', false]],
    RsaHashedKeyGenParams: [['modulusLength', 'ulong', true], ['publicExponent', 'bigint', true], ['hash', 'hash', true]],
    RsaHashedImportParams: [['hash', 'hash', true]],
    RsaPssParams: [['saltLength', 'ulong', true]],
    RsaOaepParams: [['label', 'bytes', false]],
    EcdsaParams: [['hash', 'hash', true]],
    EcKeyParams: [['namedCurve', 'string', true]],
    EcdhKeyDeriveParams: [['public', 'key', true]],
    HkdfParams: [['hash', 'hash', true], ['info', 'bytes', true], ['salt', 'bytes', true]],
    Pbkdf2Params: [['hash', 'hash', true], ['iterations', 'ulong', true], ['salt', 'bytes', true]],
  };
  const reg = (pairs) => {
    const o = { __proto__: null };
    for (let i = 0; i < pairs.length; i += 2) o[asciiLower(pairs[i])] = [pairs[i], pairs[i + 1]];
    return o;
  };
  const CIPHERS = ['RSA-OAEP', 'RsaOaepParams', 'AES-CTR', 'AesCtrParams', 'AES-CBC', 'AesCbcParams',
    'AES-GCM', 'AesGcmParams'];
  const SIGNERS = ['RSASSA-PKCS1-v1_5', 'Algorithm', 'RSA-PSS', 'RsaPssParams', 'ECDSA', 'EcdsaParams',
    'HMAC', 'Algorithm', 'Ed25519', 'Algorithm'];
  const OPS = {
    __proto__: null,
    encrypt: reg(CIPHERS),
    decrypt: reg(CIPHERS),
    sign: reg(SIGNERS),
    verify: reg(SIGNERS),
    digest: reg(['SHA-1', 'Algorithm', 'SHA-256', 'Algorithm', 'SHA-384', 'Algorithm', 'SHA-512', 'Algorithm']),
    generateKey: reg(['RSASSA-PKCS1-v1_5', 'RsaHashedKeyGenParams', 'RSA-PSS', 'RsaHashedKeyGenParams',
      'RSA-OAEP', 'RsaHashedKeyGenParams', 'ECDSA', 'EcKeyParams', 'ECDH', 'EcKeyParams',
      'AES-CTR', 'AesKeyGenParams', 'AES-CBC', 'AesKeyGenParams', 'AES-GCM', 'AesKeyGenParams',
      'AES-KW', 'AesKeyGenParams', 'HMAC', 'HmacImportParams', 'Ed25519', 'Algorithm', 'X25519', 'Algorithm']),
    importKey: reg(['RSASSA-PKCS1-v1_5', 'RsaHashedImportParams', 'RSA-PSS', 'RsaHashedImportParams',
      'RSA-OAEP', 'RsaHashedImportParams', 'ECDSA', 'EcKeyParams', 'ECDH', 'EcKeyParams',
      'AES-CTR', 'Algorithm', 'AES-CBC', 'Algorithm', 'AES-GCM', 'Algorithm', 'AES-KW', 'Algorithm',
      'HMAC', 'HmacImportParams', 'HKDF', 'Algorithm', 'PBKDF2', 'Algorithm', 'Ed25519', 'Algorithm',
      'X25519', 'Algorithm']),
    deriveBits: reg(['ECDH', 'EcdhKeyDeriveParams', 'X25519', 'EcdhKeyDeriveParams', 'HKDF', 'HkdfParams',
      'PBKDF2', 'Pbkdf2Params']),
    getKeyLength: reg(['AES-CTR', 'AesKeyGenParams', 'AES-CBC', 'AesKeyGenParams', 'AES-GCM', 'AesKeyGenParams',
      'AES-KW', 'AesKeyGenParams', 'HMAC', 'HmacImportParams', 'HKDF', 'Algorithm', 'PBKDF2', 'Algorithm']),
    wrapKey: reg(['AES-KW', 'Algorithm']),
    unwrapKey: reg(['AES-KW', 'Algorithm']),
  };

  function normalize(op, alg) {
    if (!isObject(alg)) return normalize(op, { name: `${alg}` });
    const nameValue = alg.name;
    if (nameValue === undefined) throw new TypeErrorCtor("Algorithm: required member 'name' is undefined");
    const name = `${nameValue}`;
    const entry = OPS[op][asciiLower(name)];
    if (entry === undefined) throw notSupported(`Algorithm '${name}' is not supported for ${op}`);
    const out = { __proto__: null, name: entry[0] };
    const members = DICTS[entry[1]];
    for (let i = 0; i < members.length; i++) {
      const [key, type, required] = members[i];
      const v = alg[key];
      if (v === undefined) {
        if (required) throw new TypeErrorCtor(`${entry[1]}: required member '${key}' is undefined`);
        continue;
      }
      switch (type) {
        case 'bytes': out[key] = toBytes(v, `${entry[1]}.${key}`); break;
        case 'bigint':
          if (!isObject(v) || TypedArrayTag(v) !== 'Uint8Array') throw new TypeErrorCtor(`${entry[1]}.${key} is not a Uint8Array`);
          out[key] = copyBytes(v);
          break;
        case 'hash': out[key] = normalize('digest', isObject(v) ? v : `${v}`); break;
        case 'octet': out[key] = enforceRange(v, 255, `${entry[1]}.${key}`); break;
        case 'ushort': out[key] = enforceRange(v, 65535, `${entry[1]}.${key}`); break;
        case 'ulong': out[key] = enforceRange(v, 4294967295, `${entry[1]}.${key}`); break;
        case 'string': out[key] = `${v}`; break;
        case 'key':
          if (!isKey(v)) throw new TypeErrorCtor(`${entry[1]}.${key} is not of type CryptoKey`);
          out[key] = v;
          break;
      }
    }
    return out;
  }
  /** For wrapKey / unwrapKey: the algorithm for the operation itself, else for encrypt / decrypt. */
  function normalizeEither(op, fallback, alg) {
    try {
      return normalize(op, alg);
    } catch (e) {
      if (!shared.isDOMException(e) || e.name !== 'NotSupportedError') throw e;
      return normalize(fallback, alg);
    }
  }

  // ---- CryptoKey ---------------------------------------------------------------------------------
  const INTERNAL = freeze({ __proto__: null });
  let isKey, keyState;
  class CryptoKey {
    #s;
    constructor(token = undefined, state = undefined) {
      if (token !== INTERNAL) throw new TypeErrorCtor('Illegal constructor');
      this.#s = state;
    }
    get type() { if (!isKey(this)) throw shared.illegal(); return this.#s.type; }
    get extractable() { if (!isKey(this)) throw shared.illegal(); return this.#s.extractable; }
    get algorithm() { if (!isKey(this)) throw shared.illegal(); return this.#s.algorithmObject; }
    get usages() {
      if (!isKey(this)) throw shared.illegal();
      const s = this.#s;
      if (s.usagesObject === undefined) s.usagesObject = [...s.usages];
      return s.usagesObject;
    }
    static {
      isKey = (o) => isObject(o) && #s in o;
      keyState = (o) => o.#s;
    }
  }
  webidl(CryptoKey, 'CryptoKey', false);

  /** The ECMAScript object for a key's [[algorithm]] (KeyAlgorithm dictionaries, members in IDL order). */
  function algorithmObject(a) {
    const o = { name: a.name };
    if (a.modulusLength !== undefined) {
      o.modulusLength = a.modulusLength;
      o.publicExponent = copyBytes(a.publicExponent);
    }
    if (a.hash !== undefined) o.hash = { name: a.hash };
    if (a.length !== undefined) o.length = a.length;
    if (a.namedCurve !== undefined) o.namedCurve = a.namedCurve;
    return o;
  }
  /**
   * A new CryptoKey. algorithm: { name, length?, hash? (a name), namedCurve?, modulusLength?,
   * publicExponent? }; data: raw secret bytes, or the DER of an asymmetric key; extra: parsed parts.
   */
  function makeKey(type, extractable, algorithm, usages, data) {
    return new CryptoKey(INTERNAL, {
      __proto__: null, type, extractable, algorithm, usages: normalUsages(usages), data,
      algorithmObject: algorithmObject(algorithm), usagesObject: undefined,
    });
  }
  function toKey(v, what) {
    if (!isKey(v)) throw new TypeErrorCtor(`${what} is not of type CryptoKey`);
    return keyState(v);
  }

  // ---- JSON Web Keys -------------------------------------------------------------------------------
  const JWK_STRINGS = ['alg', 'crv', 'd', 'dp', 'dq', 'e', 'k', 'kty', 'n', 'p', 'q', 'qi', 'use', 'x', 'y'];
  /** Converts to a JsonWebKey dictionary (the members this API reads). */
  function toJwk(v) {
    if (v !== undefined && v !== null && !isObject(v)) throw new TypeErrorCtor('keyData is not a JsonWebKey');
    const j = { __proto__: null };
    if (v === undefined || v === null) return j;
    for (let i = 0; i < JWK_STRINGS.length; i++) {
      const x = v[JWK_STRINGS[i]];
      if (x !== undefined) j[JWK_STRINGS[i]] = `${x}`;
    }
    const ext = v.ext;
    if (ext !== undefined) j.ext = !!ext;
    const ops = v.key_ops;
    if (ops !== undefined) {
      if (!isObject(ops) || typeof ops[SymbolIterator] !== 'function') throw new TypeErrorCtor('JsonWebKey.key_ops is not a sequence');
      const list = [];
      for (const op of ops) ArrayPush(list, `${op}`);
      j.key_ops = list;
    }
    if (v.oth !== undefined) j.oth = v.oth;
    return j;
  }
  /** The checks every JWK import makes: kty, use, key_ops, ext. */
  function checkJwk(jwk, kty, use, usages, extractable) {
    if (jwk.kty !== kty) throw dataError(`The JWK 'kty' member must be '${kty}'`);
    if (usages.length !== 0 && jwk.use !== undefined && jwk.use !== use) {
      throw dataError(`The JWK 'use' member must be '${use}'`);
    }
    if (jwk.key_ops !== undefined) {
      const ops = jwk.key_ops;
      for (let i = 0; i < ops.length; i++) {
        if (!ArrayIncludes(USAGES, ops[i])) continue;
        for (let k = i + 1; k < ops.length; k++) if (ops[k] === ops[i]) throw dataError("The JWK 'key_ops' member has duplicates");
      }
      for (let i = 0; i < usages.length; i++) {
        if (!ArrayIncludes(ops, usages[i])) throw dataError(`The JWK 'key_ops' member does not allow '${usages[i]}'`);
      }
    }
    if (jwk.ext === false && extractable) throw dataError("The JWK 'ext' member is false but extractable was requested");
  }
  function jwkBytes(jwk, member) {
    const v = jwk[member];
    if (v === undefined) throw dataError(`The JWK member '${member}' is missing`);
    return b64uDecode(v, `'${member}'`);
  }
  function finishJwk(jwk, key) {
    jwk.key_ops = [...key.usages];
    jwk.ext = key.extractable;
    return jwk;
  }

  // ---- algorithms ----------------------------------------------------------------------------------
  const HASH_BLOCK = { __proto__: null, 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
  const HASH_LEN = { __proto__: null, 'SHA-1': 20, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
  const HASH_SUFFIX = { __proto__: null, 'SHA-1': '1', 'SHA-256': '256', 'SHA-384': '384', 'SHA-512': '512' };
  const randomBytes = (n) => fromHost(host.randomBytes(n));
  const needSecretFormat = (format) => {
    if (format !== 'raw' && format !== 'jwk') throw notSupported(`Format '${format}' is not supported for this key`);
  };

  // AES (CTR, CBC, GCM, KW)
  const AES_MODES = { __proto__: null, 'AES-CTR': 'CTR', 'AES-CBC': 'CBC', 'AES-GCM': 'GCM', 'AES-KW': 'KW' };
  const GCM_TAGS = [32, 64, 96, 104, 112, 120, 128];
  function aesAlgorithm(name) {
    const usages = name === 'AES-KW' ? ['wrapKey', 'unwrapKey'] : ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];
    const mode = AES_MODES[name];
    const checkLength = (bits) => {
      if (bits !== 128 && bits !== 192 && bits !== 256) throw operationError('AES key length must be 128, 192 or 256 bits');
    };
    const cipher = (encrypt) => (alg, key, data) => {
      switch (mode) {
        case 'CBC':
          if (len(alg.iv) !== 16) throw operationError('AES-CBC iv must be 16 bytes');
          return callBytes('aes', 'CBC', encrypt, ab(key.data), ab(alg.iv), ab(data), null, null);
        case 'CTR':
          if (len(alg.counter) !== 16) throw operationError('AES-CTR counter must be 16 bytes');
          if (alg.length === 0 || alg.length > 128) throw operationError('AES-CTR length must be between 1 and 128');
          return callBytes('aes', 'CTR', encrypt, ab(key.data), ab(alg.counter), ab(data), null, alg.length);
        case 'GCM': {
          const tag = alg.tagLength === undefined ? 128 : alg.tagLength;
          if (!ArrayIncludes(GCM_TAGS, tag)) throw operationError(`AES-GCM tagLength ${tag} is not valid`);
          if (len(alg.iv) === 0) throw operationError('AES-GCM iv must not be empty');
          if (!encrypt && len(data) * 8 < tag) throw operationError('The ciphertext is shorter than the tag');
          const aad = alg.additionalData === undefined ? null : ab(alg.additionalData);
          return callBytes('aes', 'GCM', encrypt, ab(key.data), ab(alg.iv), ab(data), aad, tag);
        }
      }
      throw notSupported();
    };
    const ops = {
      checkGenerate(alg) { checkLength(alg.length); },
      generateKey(alg, extractable, keyUsages) {
        checkUsages(keyUsages, usages);
        checkLength(alg.length);
        return makeKey('secret', extractable, { name, length: alg.length }, keyUsages, randomBytes(alg.length / 8));
      },
      importKey(format, keyData, alg, extractable, keyUsages) {
        checkUsages(keyUsages, usages);
        needSecretFormat(format);
        let bytes;
        if (format === 'raw') {
          bytes = keyData;
          if (len(bytes) !== 16 && len(bytes) !== 24 && len(bytes) !== 32) throw dataError('AES key data must be 128, 192 or 256 bits');
        } else {
          checkJwk(keyData, 'oct', 'enc', keyUsages, extractable);
          bytes = jwkBytes(keyData, 'k');
          if (len(bytes) !== 16 && len(bytes) !== 24 && len(bytes) !== 32) throw dataError('AES key data must be 128, 192 or 256 bits');
          if (keyData.alg !== undefined && keyData.alg !== `A${len(bytes) * 8}${mode}`) {
            throw dataError(`The JWK 'alg' member must be 'A${len(bytes) * 8}${mode}'`);
          }
        }
        return makeKey('secret', extractable, { name, length: len(bytes) * 8 }, keyUsages, bytes);
      },
      exportKey(format, key) {
        needSecretFormat(format);
        if (format === 'raw') return copyBytes(key.data);
        return finishJwk({ kty: 'oct', k: b64uEncode(key.data), alg: `A${key.algorithm.length}${mode}` }, key);
      },
      getKeyLength(alg) {
        checkLength(alg.length);
        return alg.length;
      },
    };
    if (mode === 'KW') {
      ops.wrapKey = (alg, key, bytes) => {
        if (len(bytes) % 8 !== 0) throw operationError('AES-KW can only wrap multiples of 64 bits');
        return callBytes('aes', 'KW', true, ab(key.data), null, ab(bytes), null, null);
      };
      ops.unwrapKey = (alg, key, bytes) => callBytes('aes', 'KW', false, ab(key.data), null, ab(bytes), null, null);
    } else {
      ops.encrypt = cipher(true);
      ops.decrypt = cipher(false);
    }
    return ops;
  }

  // HMAC
  const HMAC = {
    checkGenerate(alg) {
      if (alg.length === 0) throw operationError('HMAC key length must not be zero');
    },
    generateKey(alg, extractable, keyUsages) {
      checkUsages(keyUsages, ['sign', 'verify']);
      let length = alg.length;
      if (length === undefined) length = HASH_BLOCK[alg.hash.name];
      else if (length === 0) throw operationError('HMAC key length must not be zero');
      const bytes = randomBytes(MathCeil(length / 8));
      if (length % 8 !== 0) bytes[len(bytes) - 1] &= (0xff << (8 - (length % 8))) & 0xff;
      return makeKey('secret', extractable, { name: 'HMAC', hash: alg.hash.name, length }, keyUsages, bytes);
    },
    importKey(format, keyData, alg, extractable, keyUsages) {
      checkUsages(keyUsages, ['sign', 'verify']);
      needSecretFormat(format);
      const hash = alg.hash.name;
      let bytes;
      if (format === 'raw') bytes = keyData;
      else {
        checkJwk(keyData, 'oct', 'sig', keyUsages, extractable);
        bytes = jwkBytes(keyData, 'k');
        if (keyData.alg !== undefined && keyData.alg !== 'HS' + HASH_SUFFIX[hash]) {
          throw dataError(`The JWK 'alg' member must be 'HS${HASH_SUFFIX[hash]}'`);
        }
      }
      let length = len(bytes) * 8;
      if (length === 0) throw dataError('HMAC key data must not be empty');
      if (alg.length !== undefined) {
        if (alg.length > length || alg.length <= length - 8) throw dataError('HMAC length does not match the key data');
        length = alg.length;
      }
      return makeKey('secret', extractable, { name: 'HMAC', hash, length }, keyUsages, bytes);
    },
    exportKey(format, key) {
      needSecretFormat(format);
      if (format === 'raw') return copyBytes(key.data);
      return finishJwk({ kty: 'oct', k: b64uEncode(key.data), alg: 'HS' + HASH_SUFFIX[key.algorithm.hash] }, key);
    },
    sign(alg, key, data) {
      return callBytes('hmac', key.algorithm.hash, ab(key.data), ab(data));
    },
    verify(alg, key, signature, data) {
      return equalBytes(callBytes('hmac', key.algorithm.hash, ab(key.data), ab(data)), signature);
    },
    getKeyLength(alg) {
      if (alg.length === undefined) return HASH_BLOCK[alg.hash.name];
      if (alg.length === 0) throw new TypeErrorCtor('HMAC length must not be zero');
      return alg.length;
    },
  };

  /** Key pair generation result: public key always extractable, usages split by key type. */
  function keyPair(der, algorithm, extractable, keyUsages, publicUsages, privateUsages) {
    const publicKey = makeKey('public', true, algorithm, intersect(keyUsages, publicUsages), fromHost(der[0]));
    const privateKey = makeKey('private', extractable, algorithm, intersect(keyUsages, privateUsages), fromHost(der[1]));
    return { publicKey, privateKey };
  }
  /**
   * The generateKey method's final check (a private key without usages is a SyntaxError), made before
   * generating: the outcome is the same, without spending a key generation on it.
   */
  function noPrivateUsages(keyUsages, privateUsages) {
    if (intersect(keyUsages, privateUsages).length === 0) throw syntaxError('A private key must have at least one usage');
  }
  /** Checks a key's type for an operation. */
  function needType(key, type) {
    if (key.type !== type) throw invalidAccess(`The key is not a ${type} key`);
  }
  /** Parsed DER key parts from the host, as guest values: [der, ...]. */
  function parts(r) {
    const out = [];
    for (let i = 0; i < r.length; i++) {
      const v = r[i];
      ArrayPush(out, typeof v === 'string' ? v : fromHost(v));
    }
    return out;
  }

  // RSA (RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP)
  const RSA_MAX_BITS = 8192;
  function rsaAlgorithm(name) {
    const oaep = name === 'RSA-OAEP';
    const publicUsages = oaep ? ['encrypt', 'wrapKey'] : ['verify'];
    const privateUsages = oaep ? ['decrypt', 'unwrapKey'] : ['sign'];
    const jwkAlg = (hash) => (oaep ? (hash === 'SHA-1' ? 'RSA-OAEP' : 'RSA-OAEP-' + HASH_SUFFIX[hash])
      : (name === 'RSA-PSS' ? 'PS' : 'RS') + HASH_SUFFIX[hash]);
    const record = (p, hash) => ({
      name, modulusLength: bitLength(p[1]), publicExponent: p[2], hash,
    });
    const ops = {
      checkGenerate(alg) {
        const bits = alg.modulusLength;
        if (bits < 512 || bits > RSA_MAX_BITS || bits % 8 !== 0) throw operationError(`RSA modulusLength must be a multiple of 8 between 512 and ${RSA_MAX_BITS}`);
        const e = alg.publicExponent;
        if (bitLength(e) < 2 || (e[len(e) - 1] & 1) === 0) throw operationError('RSA publicExponent must be an odd number of at least 3');
      },
      generateKey(alg, extractable, keyUsages) {
        checkUsages(keyUsages, [...publicUsages, ...privateUsages]);
        const bits = alg.modulusLength;
        noPrivateUsages(keyUsages, privateUsages);
        const der = call('generate', 'RSA', bits, ab(alg.publicExponent));
        const algorithm = { name, modulusLength: bits, publicExponent: alg.publicExponent, hash: alg.hash.name };
        return keyPair(der, algorithm, extractable, keyUsages, publicUsages, privateUsages);
      },
      importKey(format, keyData, alg, extractable, keyUsages) {
        const hash = alg.hash.name;
        let p, type;
        if (format === 'spki' || format === 'pkcs8') {
          type = format === 'spki' ? 'public' : 'private';
          checkUsages(keyUsages, type === 'public' ? publicUsages : privateUsages);
          p = parts(call('parse', 'RSA', format, ab(keyData)));
        } else if (format === 'jwk') {
          type = keyData.d !== undefined ? 'private' : 'public';
          checkUsages(keyUsages, type === 'public' ? publicUsages : privateUsages);
          checkJwk(keyData, 'RSA', oaep ? 'enc' : 'sig', keyUsages, extractable);
          if (keyData.alg !== undefined && keyData.alg !== jwkAlg(hash)) throw dataError(`The JWK 'alg' member must be '${jwkAlg(hash)}'`);
          const members = type === 'public' ? ['n', 'e'] : ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'];
          if (type === 'private' && keyData.oth !== undefined) throw notSupported("The JWK 'oth' member is not supported");
          const args = ['build', 'RSA', null];
          for (let i = 0; i < members.length; i++) ArrayPush(args, ab(jwkBytes(keyData, members[i])));
          p = parts(ReflectApply(call, undefined, args));
        } else {
          throw notSupported(`Format '${format}' is not supported for ${name} keys`);
        }
        return makeKey(type, extractable, record(p, hash), keyUsages, p[0]);
      },
      exportKey(format, key) {
        if (format === 'spki') { needType(key, 'public'); return copyBytes(key.data); }
        if (format === 'pkcs8') { needType(key, 'private'); return copyBytes(key.data); }
        if (format !== 'jwk') throw notSupported(`Format '${format}' is not supported for ${name} keys`);
        const p = parts(call('parse', 'RSA', key.type === 'public' ? 'spki' : 'pkcs8', ab(key.data)));
        const jwk = { kty: 'RSA', alg: jwkAlg(key.algorithm.hash), n: b64uEncode(p[1]), e: b64uEncode(p[2]) };
        if (key.type === 'private') {
          const names = ['d', 'p', 'q', 'dp', 'dq', 'qi'];
          for (let i = 0; i < names.length; i++) jwk[names[i]] = b64uEncode(p[3 + i]);
        }
        return finishJwk(jwk, key);
      },
    };
    if (oaep) {
      ops.encrypt = (alg, key, data) => {
        needType(key, 'public');
        return callBytes('oaep', true, key.algorithm.hash, ab(key.data), ab(data), alg.label === undefined ? null : ab(alg.label));
      };
      ops.decrypt = (alg, key, data) => {
        needType(key, 'private');
        return callBytes('oaep', false, key.algorithm.hash, ab(key.data), ab(data), alg.label === undefined ? null : ab(alg.label));
      };
    } else {
      ops.sign = (alg, key, data) => {
        needType(key, 'private');
        return callBytes('sign', name, key.algorithm.hash, ab(key.data), ab(data), name === 'RSA-PSS' ? alg.saltLength : null);
      };
      ops.verify = (alg, key, signature, data) => {
        needType(key, 'public');
        return call('verify', name, key.algorithm.hash, ab(key.data), ab(data), ab(signature), name === 'RSA-PSS' ? alg.saltLength : null) === true;
      };
    }
    return ops;
  }

  /** deriveBits for ECDH and X25519: the shared secret, truncated to length bits if given. */
  function agreement(name) {
    return (alg, key, length) => {
      needType(key, 'private');
      const pub = keyState(alg.public);
      if (pub.type !== 'public') throw invalidAccess('The public member is not a public key');
      if (pub.algorithm.name !== name) throw invalidAccess(`The public key is not an ${name} key`);
      if (pub.algorithm.namedCurve !== key.algorithm.namedCurve) throw invalidAccess('The keys are on different curves');
      const secret = callBytes('agree', name, ab(key.data), ab(pub.data));
      if (length === null) return secret;
      if (length > len(secret) * 8) throw operationError(`Cannot derive ${length} bits from a ${len(secret) * 8}-bit secret`);
      return truncateBits(secret, length);
    };
  }

  // ECDSA, ECDH on P-256, P-384, P-521
  const CURVES = ['P-256', 'P-384', 'P-521'];
  const CURVE_SIZE = { __proto__: null, 'P-256': 32, 'P-384': 48, 'P-521': 66 };
  const ES_ALG = { __proto__: null, 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
  function ecAlgorithm(name) {
    const ecdsa = name === 'ECDSA';
    const publicUsages = ecdsa ? ['verify'] : [];
    const privateUsages = ecdsa ? ['sign'] : ['deriveKey', 'deriveBits'];
    const needCurve = (curve) => {
      if (!ArrayIncludes(CURVES, curve)) throw notSupported(`Named curve '${curve}' is not supported`);
    };
    const ops = {
      checkGenerate(alg) { needCurve(alg.namedCurve); },
      generateKey(alg, extractable, keyUsages) {
        checkUsages(keyUsages, [...publicUsages, ...privateUsages]);
        needCurve(alg.namedCurve);
        noPrivateUsages(keyUsages, privateUsages);
        const der = call('generate', 'EC', alg.namedCurve, null);
        return keyPair(der, { name, namedCurve: alg.namedCurve }, extractable, keyUsages, publicUsages, privateUsages);
      },
      importKey(format, keyData, alg, extractable, keyUsages) {
        const curve = alg.namedCurve;
        let p, type;
        if (format === 'spki' || format === 'pkcs8' || format === 'raw') {
          type = format === 'pkcs8' ? 'private' : 'public';
          checkUsages(keyUsages, type === 'public' ? publicUsages : privateUsages);
          needCurve(curve);
          if (format === 'raw') {
            const n = CURVE_SIZE[curve];
            if (len(keyData) === 1 + n && (keyData[0] === 2 || keyData[0] === 3)) {
              p = parts(call('build', 'EC', curve, ab(keyData))); // compressed
            } else {
              if (len(keyData) !== 1 + 2 * n || keyData[0] !== 4) throw dataError('Raw EC public keys must be points on the curve');
              p = parts(call('build', 'EC', curve, ab(copyBytes(TypedArraySubarray(keyData, 1, 1 + n))),
                ab(copyBytes(TypedArraySubarray(keyData, 1 + n)))));
            }
          } else {
            p = parts(call('parse', 'EC', format, ab(keyData)));
          }
        } else if (format === 'jwk') {
          type = keyData.d !== undefined ? 'private' : 'public';
          checkUsages(keyUsages, type === 'public' ? publicUsages : privateUsages);
          needCurve(curve);
          checkJwk(keyData, 'EC', ecdsa ? 'sig' : 'enc', keyUsages, extractable);
          if (keyData.crv !== curve) throw dataError(`The JWK 'crv' member must be '${curve}'`);
          if (ecdsa && keyData.alg !== undefined && keyData.alg !== ES_ALG[curve]) throw dataError(`The JWK 'alg' member must be '${ES_ALG[curve]}'`);
          const args = ['build', 'EC', curve, ab(jwkBytes(keyData, 'x')), ab(jwkBytes(keyData, 'y'))];
          if (type === 'private') ArrayPush(args, ab(jwkBytes(keyData, 'd')));
          p = parts(ReflectApply(call, undefined, args));
        } else {
          throw notSupported(`Format '${format}' is not supported for ${name} keys`);
        }
        if (p[1] !== curve) throw dataError(`The key is not on curve ${curve}`);
        return makeKey(type, extractable, { name, namedCurve: curve }, keyUsages, p[0]);
      },
      exportKey(format, key) {
        if (format === 'spki') { needType(key, 'public'); return copyBytes(key.data); }
        if (format === 'pkcs8') { needType(key, 'private'); return copyBytes(key.data); }
        if (format !== 'jwk' && format !== 'raw') throw notSupported(`Format '${format}' is not supported for ${name} keys`);
        if (format === 'raw') needType(key, 'public');
        const p = parts(call('parse', 'EC', key.type === 'public' ? 'spki' : 'pkcs8', ab(key.data)));
        if (format === 'raw') return concat(concat(new U8([4]), p[2]), p[3]);
        const jwk = { kty: 'EC', crv: p[1], x: b64uEncode(p[2]), y: b64uEncode(p[3]) };
        if (key.type === 'private') jwk.d = b64uEncode(p[4]);
        return finishJwk(jwk, key);
      },
    };
    if (ecdsa) {
      ops.sign = (alg, key, data) => {
        needType(key, 'private');
        return callBytes('sign', 'ECDSA', alg.hash.name, ab(key.data), ab(data), null);
      };
      ops.verify = (alg, key, signature, data) => {
        needType(key, 'public');
        return call('verify', 'ECDSA', alg.hash.name, ab(key.data), ab(data), ab(signature), null) === true;
      };
    } else {
      ops.deriveBits = agreement('ECDH');
    }
    return ops;
  }

  // Ed25519, X25519
  function okpAlgorithm(name) {
    const ed = name === 'Ed25519';
    const publicUsages = ed ? ['verify'] : [];
    const privateUsages = ed ? ['sign'] : ['deriveKey', 'deriveBits'];
    const ops = {
      generateKey(alg, extractable, keyUsages) {
        checkUsages(keyUsages, [...publicUsages, ...privateUsages]);
        noPrivateUsages(keyUsages, privateUsages);
        return keyPair(call('generate', name, null, null), { name }, extractable, keyUsages, publicUsages, privateUsages);
      },
      importKey(format, keyData, alg, extractable, keyUsages) {
        let p, type;
        if (format === 'spki' || format === 'pkcs8' || format === 'raw') {
          type = format === 'pkcs8' ? 'private' : 'public';
          checkUsages(keyUsages, type === 'public' ? publicUsages : privateUsages);
          p = parts(format === 'raw' ? call('build', name, null, ab(keyData)) : call('parse', name, format, ab(keyData)));
        } else if (format === 'jwk') {
          type = keyData.d !== undefined ? 'private' : 'public';
          checkUsages(keyUsages, type === 'public' ? publicUsages : privateUsages);
          checkJwk(keyData, 'OKP', ed ? 'sig' : 'enc', keyUsages, extractable);
          if (keyData.crv !== name) throw dataError(`The JWK 'crv' member must be '${name}'`);
          if (ed && keyData.alg !== undefined && keyData.alg !== 'Ed25519' && keyData.alg !== 'EdDSA') {
            throw dataError("The JWK 'alg' member must be 'Ed25519'");
          }
          const x = ab(jwkBytes(keyData, 'x'));
          p = parts(type === 'public' ? call('build', name, null, x) : call('build', name, null, x, ab(jwkBytes(keyData, 'd'))));
        } else {
          throw notSupported(`Format '${format}' is not supported for ${name} keys`);
        }
        return makeKey(type, extractable, { name }, keyUsages, p[0]);
      },
      exportKey(format, key) {
        if (format === 'spki') { needType(key, 'public'); return copyBytes(key.data); }
        if (format === 'pkcs8') { needType(key, 'private'); return copyBytes(key.data); }
        if (format !== 'jwk' && format !== 'raw') throw notSupported(`Format '${format}' is not supported for ${name} keys`);
        if (format === 'raw') needType(key, 'public');
        const p = parts(call('parse', name, key.type === 'public' ? 'spki' : 'pkcs8', ab(key.data)));
        if (format === 'raw') return p[1];
        const jwk = { kty: 'OKP', crv: name, x: b64uEncode(p[1]) };
        if (ed) jwk.alg = 'Ed25519';
        if (key.type === 'private') jwk.d = b64uEncode(p[2]);
        return finishJwk(jwk, key);
      },
    };
    if (ed) {
      ops.sign = (alg, key, data) => {
        needType(key, 'private');
        return callBytes('sign', 'Ed25519', 'SHA-512', ab(key.data), ab(data), null);
      };
      ops.verify = (alg, key, signature, data) => {
        needType(key, 'public');
        return call('verify', 'Ed25519', 'SHA-512', ab(key.data), ab(data), ab(signature), null) === true;
      };
    } else {
      ops.deriveBits = agreement('X25519');
    }
    return ops;
  }

  // HKDF, PBKDF2: import raw only, never extractable.
  const PBKDF2_CHUNK = 10000;
  function kdfAlgorithm(name) {
    return {
      importKey(format, keyData, alg, extractable, keyUsages) {
        if (format !== 'raw') throw notSupported(`Format '${format}' is not supported for ${name} keys`);
        checkUsages(keyUsages, ['deriveKey', 'deriveBits']);
        if (extractable) throw syntaxError(`${name} keys cannot be extractable`);
        return makeKey('secret', false, { name }, keyUsages, keyData);
      },
      deriveBits(alg, key, length) {
        if (length === null || length % 8 !== 0) throw operationError(`${name} needs a length that is a multiple of 8`);
        const hash = alg.hash.name;
        if (name === 'HKDF') {
          if (length === 0) return new U8(0);
          return callBytes('hkdf', hash, ab(key.data), ab(alg.salt), ab(alg.info), length / 8);
        }
        if (alg.iterations === 0) throw operationError('PBKDF2 iterations must not be zero');
        const n = length / 8, hLen = HASH_LEN[hash];
        const out = new U8(n);
        for (let block = 1, off = 0; off < n; block++, off += hLen) {
          let u = null, t = null;
          for (let left = alg.iterations; left > 0;) {
            const step = left > PBKDF2_CHUNK ? PBKDF2_CHUNK : left;
            const r = call('pbkdf2', hash, ab(key.data), ab(alg.salt), block, u === null ? null : ab(u), t === null ? null : ab(t), step);
            u = fromHost(r[0]); t = fromHost(r[1]);
            left -= step;
          }
          TypedArraySet(out, n - off < hLen ? TypedArraySubarray(t, 0, n - off) : t, off);
        }
        return out;
      },
      getKeyLength() { return null; },
    };
  }

  const ALGORITHMS = { __proto__: null };
  function algorithmOps(name) {
    let a = ALGORITHMS[name];
    if (a === undefined) {
      if (AES_MODES[name] !== undefined) a = aesAlgorithm(name);
      else if (name === 'HMAC') a = HMAC;
      else if (name === 'RSASSA-PKCS1-v1_5' || name === 'RSA-PSS' || name === 'RSA-OAEP') a = rsaAlgorithm(name);
      else if (name === 'ECDSA' || name === 'ECDH') a = ecAlgorithm(name);
      else if (name === 'Ed25519' || name === 'X25519') a = okpAlgorithm(name);
      else if (name === 'HKDF' || name === 'PBKDF2') a = kdfAlgorithm(name);
      else a = {};
      ALGORITHMS[name] = a;
    }
    return a;
  }
  function operation(name, op) {
    const fn = algorithmOps(name)[op];
    if (fn === undefined) throw notSupported(`${name} does not support ${op}`);
    return fn;
  }
  function checkKeyFor(normalized, key, usage) {
    if (normalized.name !== key.algorithm.name) throw invalidAccess(`The key is not a ${normalized.name} key`);
    if (!ArrayIncludes(key.usages, usage)) throw invalidAccess(`The key does not allow '${usage}'`);
  }
  /** The "import a key" steps after conversion, with the final empty-usages check. */
  function importKeyInternal(format, keyData, normalized, extractable, usages) {
    const key = operation(normalized.name, 'importKey')(format, keyData, normalized, extractable, usages);
    const s = keyState(key);
    if ((s.type === 'secret' || s.type === 'private') && s.usages.length === 0) {
      throw syntaxError('A secret or private key must have at least one usage');
    }
    return key;
  }
  function exportKeyInternal(format, key) {
    const exporter = algorithmOps(key.algorithm.name).exportKey;
    if (exporter === undefined) throw notSupported(`${key.algorithm.name} keys cannot be exported`);
    if (!key.extractable) throw invalidAccess('The key is not extractable');
    return exporter(format, key);
  }
  /** keyData for importKey: a JsonWebKey for 'jwk', else a copy of a BufferSource. */
  function toKeyData(format, v) {
    if (format === 'jwk') {
      if (bufferSourceView(v, true) !== undefined) throw new TypeErrorCtor('keyData for jwk must be a JsonWebKey');
      return toJwk(v);
    }
    if (bufferSourceView(v, true) === undefined) throw new TypeErrorCtor(`keyData for ${format} must be a BufferSource`);
    return toBytes(v, 'keyData');
  }
  const buffer = (u8) => TypedArrayBuffer(wholeBuffer(u8));

  // ---- SubtleCrypto ----------------------------------------------------------------------------------
  let isSubtle;
  function enter(self, n, min, what) {
    if (!isSubtle(self)) throw shared.illegal();
    if (n < min) throw new TypeErrorCtor(`Failed to execute '${what}' on 'SubtleCrypto': ${min} arguments required, but only ${n} present.`);
  }
  const PromiseThen = uncurryThis(PromiseCtor.prototype.then);
  const RESOLVED = PromiseCtor.resolve();
  /**
   * Runs a method: `body` does the synchronous steps (argument conversion, algorithm normalisation;
   * their errors reject at once) and returns the steps the spec runs "in parallel", which run after
   * the caller's current microtasks, their result or error settling the returned promise.
   */
  function run(body) {
    let inParallel;
    try {
      inParallel = body();
    } catch (e) {
      return PromiseReject(e);
    }
    return PromiseThen(RESOLVED, inParallel);
  }

  class SubtleCrypto {
    #brand;
    constructor(token = undefined) {
      if (token !== INTERNAL) throw new TypeErrorCtor('Illegal constructor');
      this.#brand = true;
    }
    encrypt(algorithm, key, data) {
      return run(() => {
        enter(this, arguments.length, 3, 'encrypt');
        algorithm = toAlgorithmIdentifier(algorithm);
        const k = toKey(key, 'key');
        const bytes = toBytes(data, 'data');
        const alg = normalize('encrypt', algorithm);
        return () => {
          checkKeyFor(alg, k, 'encrypt');
          return buffer(operation(alg.name, 'encrypt')(alg, k, bytes));
        };
      });
    }
    decrypt(algorithm, key, data) {
      return run(() => {
        enter(this, arguments.length, 3, 'decrypt');
        algorithm = toAlgorithmIdentifier(algorithm);
        const k = toKey(key, 'key');
        const bytes = toBytes(data, 'data');
        const alg = normalize('decrypt', algorithm);
        return () => {
          checkKeyFor(alg, k, 'decrypt');
          return buffer(operation(alg.name, 'decrypt')(alg, k, bytes));
        };
      });
    }
    sign(algorithm, key, data) {
      return run(() => {
        enter(this, arguments.length, 3, 'sign');
        algorithm = toAlgorithmIdentifier(algorithm);
        const k = toKey(key, 'key');
        const bytes = toBytes(data, 'data');
        const alg = normalize('sign', algorithm);
        return () => {
          checkKeyFor(alg, k, 'sign');
          return buffer(operation(alg.name, 'sign')(alg, k, bytes));
        };
      });
    }
    verify(algorithm, key, signature, data) {
      return run(() => {
        enter(this, arguments.length, 4, 'verify');
        algorithm = toAlgorithmIdentifier(algorithm);
        const k = toKey(key, 'key');
        const sig = toBytes(signature, 'signature');
        const bytes = toBytes(data, 'data');
        const alg = normalize('verify', algorithm);
        return () => {
          checkKeyFor(alg, k, 'verify');
          return operation(alg.name, 'verify')(alg, k, sig, bytes);
        };
      });
    }
    digest(algorithm, data) {
      return run(() => {
        enter(this, arguments.length, 2, 'digest');
        algorithm = toAlgorithmIdentifier(algorithm);
        const bytes = toBytes(data, 'data');
        const alg = normalize('digest', algorithm);
        return () => buffer(callBytes('digest', alg.name, ab(bytes)));
      });
    }
    generateKey(algorithm, extractable, keyUsages) {
      return run(() => {
        enter(this, arguments.length, 3, 'generateKey');
        algorithm = toAlgorithmIdentifier(algorithm);
        extractable = !!extractable;
        const usages = toUsages(keyUsages);
        const alg = normalize('generateKey', algorithm);
        // As browsers (and web-platform-tests) do: invalid parameters reject at once, with the
        // normalisation errors; usage errors come from the in-parallel steps.
        const check = algorithmOps(alg.name).checkGenerate;
        if (check !== undefined) check(alg);
        return () => {
          const result = operation(alg.name, 'generateKey')(alg, extractable, usages);
          if (isKey(result)) {
            if (keyState(result).usages.length === 0) throw syntaxError('A secret key must have at least one usage');
          } else if (keyState(result.privateKey).usages.length === 0) {
            throw syntaxError('A private key must have at least one usage');
          }
          return result;
        };
      });
    }
    deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
      return run(() => {
        enter(this, arguments.length, 5, 'deriveKey');
        algorithm = toAlgorithmIdentifier(algorithm);
        const k = toKey(baseKey, 'baseKey');
        derivedKeyType = toAlgorithmIdentifier(derivedKeyType);
        extractable = !!extractable;
        const usages = toUsages(keyUsages);
        const alg = normalize('deriveBits', algorithm);
        const importAlg = normalize('importKey', derivedKeyType);
        const lengthAlg = normalize('getKeyLength', derivedKeyType);
        return () => {
          checkKeyFor(alg, k, 'deriveKey');
          const length = operation(lengthAlg.name, 'getKeyLength')(lengthAlg);
          const secret = operation(alg.name, 'deriveBits')(alg, k, length);
          return importKeyInternal('raw', secret, importAlg, extractable, usages);
        };
      });
    }
    deriveBits(algorithm, baseKey, length = null) {
      return run(() => {
        enter(this, arguments.length, 2, 'deriveBits');
        algorithm = toAlgorithmIdentifier(algorithm);
        const k = toKey(baseKey, 'baseKey');
        const bits = length === null || length === undefined ? null : toUnsignedLong(length);
        const alg = normalize('deriveBits', algorithm);
        return () => {
          checkKeyFor(alg, k, 'deriveBits');
          return buffer(operation(alg.name, 'deriveBits')(alg, k, bits));
        };
      });
    }
    importKey(format, keyData, algorithm, extractable, keyUsages) {
      return run(() => {
        enter(this, arguments.length, 5, 'importKey');
        format = toFormat(format);
        const data = toKeyData(format, keyData);
        algorithm = toAlgorithmIdentifier(algorithm);
        extractable = !!extractable;
        const usages = toUsages(keyUsages);
        const alg = normalize('importKey', algorithm);
        return () => importKeyInternal(format, data, alg, extractable, usages);
      });
    }
    exportKey(format, key) {
      return run(() => {
        enter(this, arguments.length, 2, 'exportKey');
        format = toFormat(format);
        const k = toKey(key, 'key');
        return () => {
          const result = exportKeyInternal(format, k);
          return format === 'jwk' ? result : buffer(result);
        };
      });
    }
    wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      return run(() => {
        enter(this, arguments.length, 4, 'wrapKey');
        format = toFormat(format);
        const k = toKey(key, 'key');
        const wk = toKey(wrappingKey, 'wrappingKey');
        wrapAlgorithm = toAlgorithmIdentifier(wrapAlgorithm);
        const alg = normalizeEither('wrapKey', 'encrypt', wrapAlgorithm);
        return () => {
          checkKeyFor(alg, wk, 'wrapKey');
          const exported = exportKeyInternal(format, k);
          const bytes = format === 'jwk' ? utf8Encode(JSONStringify(exported)) : exported;
          const ops = algorithmOps(alg.name);
          return buffer(ops.wrapKey !== undefined ? ops.wrapKey(alg, wk, bytes) : operation(alg.name, 'encrypt')(alg, wk, bytes));
        };
      });
    }
    unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      return run(() => {
        enter(this, arguments.length, 7, 'unwrapKey');
        format = toFormat(format);
        const wrapped = toBytes(wrappedKey, 'wrappedKey');
        const uk = toKey(unwrappingKey, 'unwrappingKey');
        unwrapAlgorithm = toAlgorithmIdentifier(unwrapAlgorithm);
        unwrappedKeyAlgorithm = toAlgorithmIdentifier(unwrappedKeyAlgorithm);
        extractable = !!extractable;
        const usages = toUsages(keyUsages);
        const alg = normalizeEither('unwrapKey', 'decrypt', unwrapAlgorithm);
        const importAlg = normalize('importKey', unwrappedKeyAlgorithm);
        return () => {
          checkKeyFor(alg, uk, 'unwrapKey');
          const ops = algorithmOps(alg.name);
          const bytes = ops.unwrapKey !== undefined ? ops.unwrapKey(alg, uk, wrapped) : operation(alg.name, 'decrypt')(alg, uk, wrapped);
          let keyData = bytes;
          if (format === 'jwk') {
            let parsed;
            try {
              parsed = JSONParse(utf8DecodeAll(bytes));
            } catch {
              throw dataError('The unwrapped key is not valid JSON');
            }
            try {
              keyData = toJwk(parsed);
            } catch {
              throw dataError('The unwrapped key is not a JsonWebKey');
            }
          }
          return importKeyInternal(format, keyData, importAlg, extractable, usages);
        };
      });
    }
    static {
      isSubtle = (o) => isObject(o) && #brand in o;
    }
  }
  webidl(SubtleCrypto, 'SubtleCrypto', false);

  const subtle = new SubtleCrypto(INTERNAL);
  return { SubtleCrypto, CryptoKey, subtle };
})
