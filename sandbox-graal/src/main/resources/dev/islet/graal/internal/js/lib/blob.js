// Blob and File (W3C File API), FormData (WHATWG XMLHttpRequest) and what the Fetch body mixin
// needs from them: extracting a Blob or FormData body (multipart/form-data encoding per HTML),
// blob() and formData() (the multipart/form-data and application/x-www-form-urlencoded parsers),
// MIME type parsing and serialisation (WHATWG MIME Sniffing). Loaded on first use.
(function (global, shared) {
  'use strict';
  const { defineProperty, getPrototypeOf, setPrototypeOf, freeze } = Object;
  const { uncurryThis, isObject, illegal, argc, enter, webidl, dictionary, bufferSourceView, copyBytes,
    utf8Encode, utf8DecodeAll } = shared;
  const ReflectApply = Reflect.apply;
  const TypeErrorCtor = TypeError;
  const U8 = Uint8Array;
  const PromiseResolve = Promise.resolve.bind(Promise), PromiseReject = Promise.reject.bind(Promise);
  const DateNow = Date.now, MathRandom = Math.random, MathFloor = Math.floor, MathMin = Math.min;
  const MathMax = Math.max, MathTrunc = Math.trunc, MathAbs = Math.abs;
  const fromCharCode = String.fromCharCode;
  const StringCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringSlice = uncurryThis(String.prototype.slice);
  const StringToLowerCase = uncurryThis(String.prototype.toLowerCase);
  const StringIndexOf = uncurryThis(String.prototype.indexOf);
  const NumberToString = uncurryThis(Number.prototype.toString);
  const ToWellFormed = String.prototype.toWellFormed;
  const SymbolIterator = Symbol.iterator;
  const IteratorPrototype = shared.IteratorPrototype; // captured before tenant code (which may patch iterators)
  const TypedArrayPrototype = getPrototypeOf(U8.prototype);
  const getter = (proto, key) => uncurryThis(Object.getOwnPropertyDescriptor(proto, key).get);
  const TypedArrayLength = getter(TypedArrayPrototype, 'length');
  const TypedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
  const TypedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset');
  const TypedArraySet = uncurryThis(TypedArrayPrototype.set);
  const EMPTY = freeze([]);

  /** WebIDL USVString: ToString, then lone surrogates become U+FFFD. */
  const toUSVString = (v) => ReflectApply(ToWellFormed, `${v}`, EMPTY);
  /** WebIDL [Clamp] long long. */
  function toClampedLongLong(v) {
    let x = +v;
    if (x !== x) return 0;
    x = MathMin(MathMax(x, -9007199254740991), 9007199254740991);
    const f = MathFloor(x), d = x - f;
    if (d > 0.5 || (d === 0.5 && f % 2 !== 0)) return f + 1;
    return f + 0;
  }
  /** WebIDL long long (no [EnforceRange]): modulo 2^64 into the signed range, as far as doubles go. */
  function toLongLong(v) {
    let x = +v;
    if (x !== x || x === Infinity || x === -Infinity) return 0;
    x = MathTrunc(x);
    if (MathAbs(x) < 9223372036854775808) return x + 0;
    x %= 18446744073709551616;
    if (x >= 9223372036854775808) x -= 18446744073709551616;
    else if (x < -9223372036854775808) x += 18446744073709551616;
    return x + 0;
  }
  /** A Blob's type: lower-cased, or '' if it has a code point outside U+0020..U+007E. */
  function normalizeType(t) {
    for (let i = 0; i < t.length; i++) {
      const c = StringCharCodeAt(t, i);
      if (c < 0x20 || c > 0x7E) return '';
    }
    return StringToLowerCase(t);
  }
  /** "Convert line endings to native" ('\n' on a server). */
  function nativeEndings(s) {
    if (StringIndexOf(s, '\r') < 0) return s;
    let out = '', from = 0;
    for (let i = 0; i < s.length; i++) {
      if (StringCharCodeAt(s, i) !== 0x0D) continue;
      out += StringSlice(s, from, i) + '\n';
      if (i + 1 < s.length && StringCharCodeAt(s, i + 1) === 0x0A) i++;
      from = i + 1;
    }
    return out + StringSlice(s, from);
  }
  function concat(parts, total) {
    if (parts.length === 1) return parts[0];
    const out = new U8(total);
    for (let i = 0, at = 0; i < parts.length; i++) {
      TypedArraySet(out, parts[i], at);
      at += TypedArrayLength(parts[i]);
    }
    return out;
  }
  /** A view of n bytes of bytes from start (no copy). */
  const sub = (bytes, start, n) => new U8(TypedArrayBuffer(bytes), TypedArrayByteOffset(bytes) + start, n);

  function getIteratorMethod(o, what) {
    const m = isObject(o) ? o[SymbolIterator] : undefined;
    if (typeof m !== 'function') throw new TypeErrorCtor(`${what} must be a sequence`);
    return m;
  }

  // ---- Blob --------------------------------------------------------------------------------------
  const INTERNAL = freeze({ __proto__: null });
  let isBlob, blobBytes, makeBlob;
  /** Converts a sequence<BlobPart> while iterating: Uint8Arrays (Blob bytes, copied buffers) and strings. */
  function convertParts(parts, what) {
    const it = ReflectApply(getIteratorMethod(parts, what), parts, EMPTY);
    if (!isObject(it)) throw new TypeErrorCtor('The iterator is not an object');
    const next = it.next, list = [];
    for (;;) {
      const r = ReflectApply(next, it, EMPTY);
      if (!isObject(r)) throw new TypeErrorCtor('The iterator result is not an object');
      if (r.done) return list;
      const v = r.value;
      let part;
      if (isBlob(v)) part = blobBytes(v);
      else {
        const view = isObject(v) ? bufferSourceView(v, false) : undefined;
        part = view !== undefined ? copyBytes(view) : toUSVString(v);
      }
      list[list.length] = part;
    }
  }
  /** "Process blob parts": the bytes of converted parts, strings UTF-8 encoded (native endings: LF). */
  function processParts(list, native) {
    let total = 0;
    for (let i = 0; i < list.length; i++) {
      let p = list[i];
      if (typeof p === 'string') list[i] = p = utf8Encode(native ? nativeEndings(p) : p);
      total += TypedArrayLength(p);
    }
    return list.length === 0 ? new U8(0) : concat(list, total);
  }
  /** BlobPropertyBag (endings, type), the members of a FilePropertyBag too. */
  function readBlobOptions(options, what) {
    const d = dictionary(options, what);
    let native = false, type = '';
    if (d !== null) {
      let v = d.endings;
      if (v !== undefined) {
        v = `${v}`;
        if (v !== 'transparent' && v !== 'native') throw new TypeErrorCtor(`'${v}' is not a valid value for endings`);
        native = v === 'native';
      }
      v = d.type;
      if (v !== undefined) type = normalizeType(`${v}`);
    }
    return { __proto__: null, d, native, type };
  }

  function streamsLibrary() {
    try { return shared.lib('streams'); } catch { return undefined; }
  }

  let initBlob;
  class Blob {
    #bytes; #type;
    constructor(blobParts = undefined, options = undefined) {
      if (blobParts === INTERNAL) return;
      let parts = null;
      if (blobParts !== undefined) parts = convertParts(blobParts, 'blobParts');
      const o = readBlobOptions(options, 'BlobPropertyBag');
      this.#bytes = parts === null ? new U8(0) : processParts(parts, o.native);
      this.#type = o.type;
    }
    get size() { if (!isBlob(this)) throw illegal(); return TypedArrayLength(this.#bytes); }
    get type() { if (!isBlob(this)) throw illegal(); return this.#type; }
    slice(start = undefined, end = undefined, contentType = undefined) {
      if (!isBlob(this)) throw illegal();
      const size = TypedArrayLength(this.#bytes);
      let from = 0, to = size;
      if (start !== undefined) {
        const s = toClampedLongLong(start);
        from = s < 0 ? MathMax(size + s, 0) : MathMin(s, size);
      }
      if (end !== undefined) {
        const e = toClampedLongLong(end);
        to = e < 0 ? MathMax(size + e, 0) : MathMin(e, size);
      }
      const type = contentType === undefined ? '' : normalizeType(`${contentType}`);
      return makeBlob(sub(this.#bytes, from, MathMax(to - from, 0)), type);
    }
    stream() {
      if (!isBlob(this)) throw illegal();
      const streams = streamsLibrary();
      if (streams === undefined || typeof streams.ReadableStream !== 'function') {
        throw new TypeErrorCtor('Blob.stream() is not supported yet');
      }
      const bytes = this.#bytes, size = TypedArrayLength(bytes);
      let at = 0;
      return new streams.ReadableStream({
        type: 'bytes',
        pull(controller) {
          if (at < size) {
            const n = MathMin(65536, size - at);
            controller.enqueue(copyBytes(sub(bytes, at, n)));
            at += n;
          }
          if (at >= size) controller.close();
        },
      });
    }
    text() {
      if (!isBlob(this)) return PromiseReject(illegal());
      return PromiseResolve(utf8DecodeAll(this.#bytes));
    }
    arrayBuffer() {
      if (!isBlob(this)) return PromiseReject(illegal());
      return PromiseResolve(TypedArrayBuffer(copyBytes(this.#bytes)));
    }
    bytes() {
      if (!isBlob(this)) return PromiseReject(illegal());
      return PromiseResolve(copyBytes(this.#bytes));
    }
    static {
      isBlob = (o) => isObject(o) && #bytes in o;
      blobBytes = (b) => b.#bytes;
      initBlob = (b, bytes, type) => { b.#bytes = bytes; b.#type = type; };
      makeBlob = (bytes, type) => {
        const b = new Blob(INTERNAL);
        b.#bytes = bytes; b.#type = type;
        return b;
      };
    }
  }
  webidl(Blob, 'Blob', false);
  let isFile, makeFile;
  class File extends Blob {
    #name; #lastModified;
    constructor(fileBits, fileName, options = undefined) {
      if (fileBits === INTERNAL) { super(INTERNAL); return; }
      argc(arguments.length, 2, 'File constructor');
      const parts = convertParts(fileBits, 'fileBits');
      const name = toUSVString(fileName);
      const o = readBlobOptions(options, 'FilePropertyBag');
      let lastModified;
      if (o.d !== null) {
        const v = o.d.lastModified;
        if (v !== undefined) lastModified = toLongLong(v);
      }
      super(INTERNAL);
      initBlob(this, processParts(parts, o.native), o.type);
      this.#name = name;
      this.#lastModified = lastModified === undefined ? DateNow() : lastModified;
    }
    get name() { if (!isFile(this)) throw illegal(); return this.#name; }
    get lastModified() { if (!isFile(this)) throw illegal(); return this.#lastModified; }
    static {
      isFile = (o) => isObject(o) && #name in o;
      makeFile = (bytes, type, name, lastModified) => {
        const f = new File(INTERNAL);
        initBlob(f, bytes, type);
        f.#name = name; f.#lastModified = lastModified;
        return f;
      };
    }
  }
  webidl(File, 'File', false);

  // ---- FormData (XHR §5) -------------------------------------------------------------------------
  /** "Create an entry": a Blob value becomes a File ('blob', or filename when given). */
  function entry(name, value, filename) {
    name = toUSVString(name);
    if (isBlob(value)) {
      if (!isFile(value) || filename !== undefined) {
        const fname = filename !== undefined ? toUSVString(filename) : 'blob';
        value = makeFile(blobBytes(value), blobTypeOf(value), fname,
          isFile(value) ? fileLastModified(value) : DateNow());
      }
    } else value = toUSVString(value);
    return { __proto__: null, name, value };
  }
  const blobTypeOf = uncurryThis(Object.getOwnPropertyDescriptor(Blob.prototype, 'type').get);
  const fileLastModified = uncurryThis(Object.getOwnPropertyDescriptor(File.prototype, 'lastModified').get);
  /** The arguments of append/set: (name, value) or (name, blobValue, filename), by WebIDL overloads. */
  function entryFromArgs(args, what) {
    argc(args.length, 2, what);
    if (args.length >= 3) {
      if (!isBlob(args[1])) throw new TypeErrorCtor(`${what}: parameter 2 is not of type 'Blob'`);
      return entry(args[0], args[1], args[2]);
    }
    return entry(args[0], args[1], undefined);
  }

  let isFormData, formDataList, makeFormData;
  class FormData {
    #list = [];
    constructor(form = undefined, submitter = null) {
      if (form !== undefined) throw new TypeErrorCtor("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'");
      void submitter;
    }
    append(name, value) {
      if (!isFormData(this)) throw illegal();
      const e = entryFromArgs(arguments, 'FormData.append');
      const list = this.#list;
      list[list.length] = e;
    }
    delete(name) {
      enter(isFormData(this), arguments.length, 1, 'FormData.delete');
      name = toUSVString(name);
      const list = this.#list;
      let j = 0;
      for (let i = 0; i < list.length; i++) if (list[i].name !== name) list[j++] = list[i];
      list.length = j;
    }
    get(name) {
      enter(isFormData(this), arguments.length, 1, 'FormData.get');
      name = toUSVString(name);
      const list = this.#list;
      for (let i = 0; i < list.length; i++) if (list[i].name === name) return list[i].value;
      return null;
    }
    getAll(name) {
      enter(isFormData(this), arguments.length, 1, 'FormData.getAll');
      name = toUSVString(name);
      const list = this.#list, out = [];
      for (let i = 0; i < list.length; i++) if (list[i].name === name) out[out.length] = list[i].value;
      return out;
    }
    has(name) {
      enter(isFormData(this), arguments.length, 1, 'FormData.has');
      name = toUSVString(name);
      const list = this.#list;
      for (let i = 0; i < list.length; i++) if (list[i].name === name) return true;
      return false;
    }
    set(name, value) {
      if (!isFormData(this)) throw illegal();
      const e = entryFromArgs(arguments, 'FormData.set');
      const list = this.#list;
      let found = -1, j = 0;
      for (let i = 0; i < list.length; i++) {
        if (list[i].name === e.name) {
          if (found >= 0) continue;
          found = j;
          list[j++] = e;
        } else list[j++] = list[i];
      }
      list.length = j;
      if (found < 0) list[list.length] = e;
    }
    forEach(callback, thisArg = undefined) {
      enter(isFormData(this), arguments.length, 1, 'FormData.forEach');
      if (typeof callback !== 'function') throw new TypeErrorCtor('FormData.forEach: the callback is not a function');
      const list = this.#list;
      for (let i = 0; i < list.length; i++) ReflectApply(callback, thisArg, [list[i].value, list[i].name, this]);
    }
    entries() { if (!isFormData(this)) throw illegal(); return new FormDataIterator(this.#list, 2); }
    keys() { if (!isFormData(this)) throw illegal(); return new FormDataIterator(this.#list, 0); }
    values() { if (!isFormData(this)) throw illegal(); return new FormDataIterator(this.#list, 1); }
    static {
      isFormData = (o) => isObject(o) && #list in o;
      formDataList = (f) => f.#list;
      makeFormData = (list) => {
        const f = new FormData();
        f.#list = list;
        return f;
      };
    }
  }
  webidl(FormData, 'FormData', false);
  defineProperty(FormData.prototype, SymbolIterator, { value: FormData.prototype.entries, writable: true, configurable: true });

  let isFormDataIterator;
  class FormDataIterator {
    #list; #kind; #index = 0;
    constructor(list, kind) { this.#list = list; this.#kind = kind; }
    next() {
      if (!isFormDataIterator(this)) throw illegal();
      const list = this.#list, i = this.#index;
      if (i >= list.length) return { value: undefined, done: true };
      this.#index = i + 1;
      const e = list[i], kind = this.#kind;
      return { value: kind === 0 ? e.name : kind === 1 ? e.value : [e.name, e.value], done: false };
    }
    static { isFormDataIterator = (o) => isObject(o) && #list in o; }
  }
  webidl(FormDataIterator, 'FormData Iterator', false);
  delete FormDataIterator.prototype.constructor;
  setPrototypeOf(FormDataIterator.prototype, IteratorPrototype);

  // ---- multipart/form-data encoding (HTML §4.10.21.8) ---------------------------------------------
  /** Every lone CR or LF (and CRLF) as CRLF. */
  function toCRLF(s) {
    if (StringIndexOf(s, '\r') < 0 && StringIndexOf(s, '\n') < 0) return s;
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = StringCharCodeAt(s, i);
      if (c === 0x0D) {
        out += '\r\n';
        if (i + 1 < s.length && StringCharCodeAt(s, i + 1) === 0x0A) i++;
      } else if (c === 0x0A) out += '\r\n';
      else out += s[i];
    }
    return out;
  }
  /** Field names and filenames: LF as %0A, CR as %0D, '"' as %22. */
  function escapeName(s) {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = StringCharCodeAt(s, i);
      out += c === 0x0A ? '%0A' : c === 0x0D ? '%0D' : c === 0x22 ? '%22' : s[i];
    }
    return out;
  }
  function randomBoundary() {
    let s = '----IsletFormBoundary';
    for (let i = 0; i < 16; i++) s += NumberToString(MathFloor(MathRandom() * 36), 36);
    return s;
  }
  function encodeMultipart(list) {
    const boundary = randomBoundary();
    const parts = [];
    let total = 0;
    const add = (bytes) => { parts[parts.length] = bytes; total += TypedArrayLength(bytes); };
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(toCRLF(e.name))}"`;
      if (typeof e.value === 'string') {
        add(utf8Encode(`${head}\r\n\r\n${toCRLF(e.value)}\r\n`));
      } else {
        const type = blobTypeOf(e.value);
        head += `; filename="${escapeName(fileName(e.value))}"\r\n` +
          `Content-Type: ${type === '' ? 'application/octet-stream' : type}\r\n\r\n`;
        add(utf8Encode(head));
        add(blobBytes(e.value));
        add(utf8Encode('\r\n'));
      }
    }
    add(utf8Encode(`--${boundary}--\r\n`));
    return { __proto__: null, data: concat(parts, total), type: `multipart/form-data; boundary=${boundary}` };
  }
  const fileName = uncurryThis(Object.getOwnPropertyDescriptor(File.prototype, 'name').get);

  // ---- MIME types (WHATWG MIME Sniffing §4) -------------------------------------------------------
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const QUOTED_OK = /^[\t\x20-\x7E\x80-\xFF]*$/;
  const RegExpTest = uncurryThis(RegExp.prototype.test);
  const isHttpWs = (c) => c === 0x20 || c === 0x09 || c === 0x0A || c === 0x0D;
  function trimHttp(s) {
    let a = 0, b = s.length;
    while (a < b && isHttpWs(StringCharCodeAt(s, a))) a++;
    while (b > a && isHttpWs(StringCharCodeAt(s, b - 1))) b--;
    return StringSlice(s, a, b);
  }
  /** "Collect an HTTP quoted string" (extract-value) from s at pos (a '"'): [value, new position]. */
  function quotedString(s, pos) {
    let value = '';
    pos++;
    for (;;) {
      while (pos < s.length && s[pos] !== '"' && s[pos] !== '\\') value += s[pos++];
      if (pos >= s.length) break;
      const q = s[pos++];
      if (q === '\\') {
        if (pos >= s.length) { value += '\\'; break; }
        value += s[pos++];
      } else break;
    }
    return [value, pos];
  }
  /** "Parse a MIME type": { essence, params: [[name, value], ...] } or null on failure. */
  function parseMimeType(input) {
    const s = trimHttp(input);
    let pos = 0;
    while (pos < s.length && s[pos] !== '/') pos++;
    const type = StringSlice(s, 0, pos);
    if (type === '' || !RegExpTest(TOKEN, type) || pos >= s.length) return null;
    pos++;
    const subStart = pos;
    while (pos < s.length && s[pos] !== ';') pos++;
    let subtype = StringSlice(s, subStart, pos);
    let b = subtype.length;
    while (b > 0 && isHttpWs(StringCharCodeAt(subtype, b - 1))) b--;
    subtype = StringSlice(subtype, 0, b);
    if (subtype === '' || !RegExpTest(TOKEN, subtype)) return null;
    const params = [], seen = { __proto__: null };
    while (pos < s.length) {
      pos++; // ';'
      while (pos < s.length && isHttpWs(StringCharCodeAt(s, pos))) pos++;
      const nameStart = pos;
      while (pos < s.length && s[pos] !== ';' && s[pos] !== '=') pos++;
      const name = StringToLowerCase(StringSlice(s, nameStart, pos));
      if (pos < s.length) {
        if (s[pos] === ';') continue;
        pos++; // '='
      }
      if (pos >= s.length) break;
      let value;
      if (s[pos] === '"') {
        const r = quotedString(s, pos);
        value = r[0]; pos = r[1];
        while (pos < s.length && s[pos] !== ';') pos++;
      } else {
        const valueStart = pos;
        while (pos < s.length && s[pos] !== ';') pos++;
        value = StringSlice(s, valueStart, pos);
        let e = value.length;
        while (e > 0 && isHttpWs(StringCharCodeAt(value, e - 1))) e--;
        value = StringSlice(value, 0, e);
        if (value === '') continue;
      }
      if (name !== '' && RegExpTest(TOKEN, name) && RegExpTest(QUOTED_OK, value) && seen[name] !== true) {
        seen[name] = true;
        params[params.length] = [name, value];
      }
    }
    return { __proto__: null, essence: `${StringToLowerCase(type)}/${StringToLowerCase(subtype)}`, params };
  }
  function mimeParam(m, name) {
    for (let i = 0; i < m.params.length; i++) if (m.params[i][0] === name) return m.params[i][1];
    return null;
  }
  function serializeMimeType(m) {
    let out = m.essence;
    for (let i = 0; i < m.params.length; i++) {
      let v = m.params[i][1];
      if (v === '' || !RegExpTest(TOKEN, v)) {
        let q = '"';
        for (let j = 0; j < v.length; j++) q += v[j] === '"' || v[j] === '\\' ? `\\${v[j]}` : v[j];
        v = `${q}"`;
      }
      out += `;${m.params[i][0]}=${v}`;
    }
    return out;
  }
  /** "Get, decode, and split" a combined header value: the comma-separated values outside quotes. */
  function splitHeaderValue(value) {
    const out = [];
    let pos = 0;
    while (pos <= value.length) {
      let v = '';
      while (pos < value.length) {
        const ch = value[pos];
        if (ch === ',') break;
        if (ch === '"') {
          const start = pos;
          pos = quotedString(value, pos)[1];
          v += StringSlice(value, start, pos);
        } else { v += ch; pos++; }
      }
      let a = 0, b = v.length;
      while (a < b && (v[a] === ' ' || v[a] === '\t')) a++;
      while (b > a && (v[b - 1] === ' ' || v[b - 1] === '\t')) b--;
      out[out.length] = StringSlice(v, a, b);
      pos++;
    }
    return out;
  }
  /** Fetch's "extract a MIME type" from a Content-Type value (combined), or null for failure. */
  function extractMimeType(contentType) {
    if (contentType === null) return null;
    const values = splitHeaderValue(contentType);
    let charset = null, essence = null, mime = null;
    for (let i = 0; i < values.length; i++) {
      const t = parseMimeType(values[i]);
      if (t === null || t.essence === '*/*') continue;
      mime = t;
      if (mime.essence !== essence) {
        charset = mimeParam(mime, 'charset');
        essence = mime.essence;
      } else if (mimeParam(mime, 'charset') === null && charset !== null) {
        mime.params[mime.params.length] = ['charset', charset];
      }
    }
    return mime;
  }

  // ---- formData() parsers --------------------------------------------------------------------------
  const parseError = () => new TypeErrorCtor('Could not parse the body as FormData');
  /** The application/x-www-form-urlencoded parser over bytes: a list of entries. */
  function parseUrlencoded(bytes) {
    const n = TypedArrayLength(bytes), list = [];
    let start = 0;
    while (start <= n) {
      let end = start;
      while (end < n && bytes[end] !== 0x26) end++;
      if (end > start) {
        let eq = start;
        while (eq < end && bytes[eq] !== 0x3D) eq++;
        const name = percentDecode(bytes, start, eq);
        const value = eq < end ? percentDecode(bytes, eq + 1, end) : '';
        list[list.length] = { __proto__: null, name, value };
      }
      start = end + 1;
    }
    return list;
  }
  const hexValue = (c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37
    : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);
  /** '+' as space, then percent-decoding, then UTF-8 decode without BOM. */
  function percentDecode(bytes, from, to) {
    const out = new U8(to - from);
    let w = 0;
    for (let i = from; i < to; i++) {
      const b = bytes[i];
      if (b === 0x2B) out[w++] = 0x20;
      else if (b === 0x25 && i + 2 < to && hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0) {
        out[w++] = (hexValue(bytes[i + 1]) << 4) | hexValue(bytes[i + 2]);
        i += 2;
      } else out[w++] = b;
    }
    return utf8NoBom(sub(out, 0, w));
  }
  const utf8NoBom = (bytes) => {
    const TD = shared.TextDecoder;
    return new TD('utf-8', { ignoreBOM: true }).decode(bytes);
  };
  /** Latin-1 string of bytes[from, to) (header lines). */
  function latin1(bytes, from, to) {
    let s = '';
    for (let i = from; i < to; i++) s += fromCharCode(bytes[i]);
    return s;
  }
  function indexOfBytes(bytes, pattern, from) {
    const n = TypedArrayLength(bytes), m = pattern.length;
    const first = pattern[0];
    outer: for (let i = from; i + m <= n; i++) {
      if (bytes[i] !== first) continue;
      for (let j = 1; j < m; j++) if (bytes[i + j] !== pattern[j]) continue outer;
      return i;
    }
    return -1;
  }
  /** A multipart/form-data name or filename parameter value: "..." with %0A, %0D and %22 decoded. */
  function dispositionValue(s, pos) {
    if (s[pos] !== '"') throw parseError();
    const end = StringIndexOf(s, '"', pos + 1);
    if (end < 0) throw parseError();
    let raw = StringSlice(s, pos + 1, end), v = '';
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === '%' && raw[i + 1] === '0' && (raw[i + 2] === 'A' || raw[i + 2] === 'D')) {
        v += raw[i + 2] === 'A' ? '\n' : '\r'; i += 2;
      } else if (raw[i] === '%' && raw[i + 1] === '2' && raw[i + 2] === '2') { v += '"'; i += 2; }
      else v += raw[i];
    }
    // the bytes were read as Latin-1: decode them as UTF-8
    const bytes = new U8(v.length);
    for (let i = 0; i < v.length; i++) bytes[i] = StringCharCodeAt(v, i);
    return [utf8NoBom(bytes), end + 1];
  }
  /** The multipart/form-data parser (Fetch, per RFC 7578): a list of entries, or a TypeError. */
  function parseMultipart(bytes, boundary) {
    const b = utf8Encode(`--${boundary}`), crlfB = utf8Encode(`\r\n--${boundary}`);
    const n = TypedArrayLength(bytes), list = [];
    const at = (i, s) => { for (let k = 0; k < s.length; k++) if (bytes[i + k] !== StringCharCodeAt(s, k)) return false; return true; };
    if (indexOfBytes(bytes, b, 0) !== 0) throw parseError();
    let pos = TypedArrayLength(b);
    for (;;) {
      if (pos + 2 <= n && at(pos, '--')) break; // the closing delimiter
      if (!(pos + 2 <= n && at(pos, '\r\n'))) throw parseError();
      pos += 2;
      let name = null, filename = null, contentType = null;
      for (;;) { // header lines
        let eol = pos;
        while (eol + 1 < n && !(bytes[eol] === 0x0D && bytes[eol + 1] === 0x0A)) eol++;
        if (eol + 1 >= n) throw parseError();
        if (eol === pos) { pos += 2; break; }
        const line = latin1(bytes, pos, eol);
        pos = eol + 2;
        const colon = StringIndexOf(line, ':');
        if (colon <= 0) throw parseError();
        const headerName = StringToLowerCase(StringSlice(line, 0, colon));
        if (!RegExpTest(TOKEN, headerName)) throw parseError();
        const value = trimHttp(StringSlice(line, colon + 1));
        if (headerName === 'content-disposition') {
          name = null; filename = null;
          if (StringToLowerCase(StringSlice(value, 0, 10)) !== 'form-data;') throw parseError();
          let p = 10;
          for (;;) {
            while (p < value.length && (value[p] === ' ' || value[p] === '\t')) p++;
            if (p >= value.length) break;
            const lower = StringToLowerCase(StringSlice(value, p));
            if (StringSlice(lower, 0, 5) === 'name=') {
              const r = dispositionValue(value, p + 5); name = r[0]; p = r[1];
            } else if (StringSlice(lower, 0, 9) === 'filename=') {
              const r = dispositionValue(value, p + 9); filename = r[0]; p = r[1];
            } else {
              while (p < value.length && value[p] !== ';') p++; // another parameter: skipped
            }
            while (p < value.length && (value[p] === ' ' || value[p] === '\t')) p++;
            if (p >= value.length) break;
            if (value[p] !== ';') throw parseError();
            p++;
          }
          if (name === null) throw parseError();
        } else if (headerName === 'content-type') {
          contentType = utf8NoBom(latin1Bytes(value));
        }
      }
      const end = indexOfBytes(bytes, crlfB, pos);
      if (end < 0) throw parseError();
      const body = copyBytes(sub(bytes, pos, end - pos));
      let value;
      if (filename !== null) {
        value = makeFile(body, contentType === null ? 'text/plain' : contentType, filename, DateNow());
      } else value = utf8NoBom(body);
      list[list.length] = { __proto__: null, name, value };
      pos = end + TypedArrayLength(crlfB);
    }
    return list;
  }
  /** The Latin-1 code units of a string as bytes. */
  function latin1Bytes(s) {
    const out = new U8(s.length);
    for (let i = 0; i < s.length; i++) out[i] = StringCharCodeAt(s, i);
    return out;
  }

  // ---- What fetch.js uses ------------------------------------------------------------------------
  /** Extracts a Blob or FormData body: { data, type } (type null when none), or undefined. */
  function extractBody(v) {
    if (isBlob(v)) {
      const type = blobTypeOf(v);
      return { __proto__: null, data: blobBytes(v), type: type === '' ? null : type };
    }
    if (isFormData(v)) return encodeMultipart(formDataList(v));
    return undefined;
  }
  /** Body's blob(): the bytes (owned) with the serialized MIME type of the Content-Type value. */
  function bodyBlob(bytes, contentType) {
    const m = extractMimeType(contentType);
    return makeBlob(bytes, m === null ? '' : serializeMimeType(m));
  }
  /** Body's formData(). */
  function bodyFormData(bytes, contentType) {
    const m = extractMimeType(contentType);
    if (m !== null && m.essence === 'multipart/form-data') {
      const boundary = mimeParam(m, 'boundary');
      if (boundary === null) throw new TypeErrorCtor('The multipart/form-data body has no boundary parameter');
      return makeFormData(parseMultipart(bytes, boundary));
    }
    if (m !== null && m.essence === 'application/x-www-form-urlencoded') {
      return makeFormData(parseUrlencoded(bytes));
    }
    throw new TypeErrorCtor('The body is not multipart/form-data or application/x-www-form-urlencoded');
  }

  return {
    Blob, File, FormData,
    isBlob, isFile, blobBytes, blobType: blobTypeOf, fileName, fileLastModified, makeBlob, makeFile,
    isFormData, extractBody, bodyBlob, bodyFormData, parseMimeType, serializeMimeType,
  };
})
