// Transform streams over the platform's codecs: TextEncoderStream and TextDecoderStream (WHATWG
// Encoding) and CompressionStream and DecompressionStream (WHATWG Compression: gzip, deflate,
// deflate-raw). Compression runs in the host (java.util.zip) through one bridge entry that returns a
// processor per stream; the processor hands back output in pieces of at most 64 KiB, so whatever a
// stream inflates to lands on the guest heap, piece by piece.
(function (global, shared) {
  'use strict';

  const { isObject, webidl, uncurryThis, utf8Encode, bufferSourceView, fromHost } = shared;
  const streams = shared.lib('streams');
  const { createTransformStream } = streams;
  const TransformStreamCtor = streams.TransformStream;
  const TSReadable = uncurryThis(Object.getOwnPropertyDescriptor(TransformStreamCtor.prototype, 'readable').get);
  const TSWritable = uncurryThis(Object.getOwnPropertyDescriptor(TransformStreamCtor.prototype, 'writable').get);
  const TextDecoderCtor = shared.TextDecoder;
  const TDDecode = uncurryThis(TextDecoderCtor.prototype.decode);
  const TDProto = TextDecoderCtor.prototype;
  const TDEncoding = uncurryThis(Object.getOwnPropertyDescriptor(TDProto, 'encoding').get);
  const TDFatal = uncurryThis(Object.getOwnPropertyDescriptor(TDProto, 'fatal').get);
  const TDIgnoreBOM = uncurryThis(Object.getOwnPropertyDescriptor(TDProto, 'ignoreBOM').get);
  const TypeErrorCtor = TypeError;
  const U8 = Uint8Array;
  const TypedArrayPrototype = Object.getPrototypeOf(U8.prototype);
  const TypedArrayLength = uncurryThis(Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'length').get);
  const TypedArraySlice = uncurryThis(TypedArrayPrototype.slice);
  const TypedArrayBuffer = uncurryThis(Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'buffer').get);
  const StringCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringSlice = uncurryThis(String.prototype.slice);
  const fromCharCode = String.fromCharCode;
  const illegal = () => new TypeErrorCtor('Illegal invocation');
  const STREAM = Object.freeze({ __proto__: null, stream: true });

  // ---- TextEncoderStream -----------------------------------------------------------------------
  let encoderOf;
  class TextEncoderStream {
    #ts;
    constructor() {
      let pendingHigh = -1; // a lead surrogate held back from the previous chunk
      this.#ts = createTransformStream((chunk, enqueue) => {
        let s = `${chunk}`;
        if (pendingHigh !== -1) { s = fromCharCode(pendingHigh) + s; pendingHigh = -1; }
        const n = s.length;
        if (n > 0) {
          const last = StringCharCodeAt(s, n - 1);
          if (last >= 0xD800 && last <= 0xDBFF) { pendingHigh = last; s = StringSlice(s, 0, n - 1); }
        }
        if (s.length > 0) enqueue(utf8Encode(s));
      }, (enqueue) => {
        if (pendingHigh !== -1) enqueue(new U8([0xEF, 0xBF, 0xBD]));
      });
    }
    get encoding() { if (encoderOf(this) === undefined) throw illegal(); return 'utf-8'; }
    get readable() { const ts = encoderOf(this); if (ts === undefined) throw illegal(); return TSReadable(ts); }
    get writable() { const ts = encoderOf(this); if (ts === undefined) throw illegal(); return TSWritable(ts); }
    static { encoderOf = (o) => (isObject(o) && #ts in o ? o.#ts : undefined); }
  }
  webidl(TextEncoderStream, 'TextEncoderStream', false);

  // ---- TextDecoderStream -----------------------------------------------------------------------
  let decoderOf;
  class TextDecoderStream {
    #ts; #decoder;
    constructor(label = undefined, options = undefined) {
      const decoder = new TextDecoderCtor(label, options);
      this.#decoder = decoder;
      this.#ts = createTransformStream((chunk, enqueue) => {
        if (bufferSourceView(chunk, true) === undefined) {
          throw new TypeErrorCtor('The chunk must be an ArrayBuffer or an ArrayBufferView');
        }
        const s = TDDecode(decoder, chunk, STREAM);
        if (s.length > 0) enqueue(s);
      }, (enqueue) => {
        const s = TDDecode(decoder);
        if (s.length > 0) enqueue(s);
      });
    }
    get encoding() { if (decoderOf(this) === undefined) throw illegal(); return TDEncoding(this.#decoder); }
    get fatal() { if (decoderOf(this) === undefined) throw illegal(); return TDFatal(this.#decoder); }
    get ignoreBOM() { if (decoderOf(this) === undefined) throw illegal(); return TDIgnoreBOM(this.#decoder); }
    get readable() { const ts = decoderOf(this); if (ts === undefined) throw illegal(); return TSReadable(ts); }
    get writable() { const ts = decoderOf(this); if (ts === undefined) throw illegal(); return TSWritable(ts); }
    static { decoderOf = (o) => (isObject(o) && #ts in o ? o.#ts : undefined); }
  }
  webidl(TextDecoderStream, 'TextDecoderStream', false);

  // ---- CompressionStream / DecompressionStream ----------------------------------------------------
  const FORMATS = { __proto__: null, deflate: true, 'deflate-raw': true, gzip: true };
  const PIECE = 65536;
  const OP_INPUT = 0, OP_MORE = 1, OP_FINISH = 2;
  function toFormat(format, what) {
    const s = `${format}`;
    if (FORMATS[s] !== true) throw new TypeErrorCtor(`Failed to construct '${what}': '${s}' is not a valid value for CompressionFormat`);
    return s;
  }
  /** Pushes every piece the processor gives for op (then OP_MORE) until it reports an empty one. */
  function drain(proc, result, more, enqueue, failure) {
    for (;;) {
      if (result === null || result === undefined || typeof result === 'number') throw new TypeErrorCtor(failure(result));
      const bytes = fromHost(result);
      if (TypedArrayLength(bytes) === 0) return;
      enqueue(bytes);
      result = proc(more);
    }
  }
  /** A transform stream that feeds a host (de)compressor. */
  function codecStream(compress, format) {
    const proc = shared.host.compression(compress, format);
    if (proc === null || proc === undefined) throw new TypeErrorCtor('Compression is unavailable');
    let failed = false;
    const failure = (code) => {
      failed = true;
      if (compress) return 'Compression failed';
      return code === 2 ? 'The compressed data was truncated' : 'The compressed data is not valid';
    };
    return createTransformStream((chunk, enqueue) => {
      const view = bufferSourceView(chunk, false);
      if (view === undefined) throw new TypeErrorCtor('The chunk must be an ArrayBuffer or an ArrayBufferView');
      if (failed) throw new TypeErrorCtor('The stream has failed');
      const n = TypedArrayLength(view);
      for (let off = 0; off < n; off += PIECE) {
        const piece = TypedArraySlice(view, off, off + PIECE < n ? off + PIECE : n);
        drain(proc, proc(OP_INPUT, TypedArrayBuffer(piece)), OP_MORE, enqueue, failure);
      }
    }, (enqueue) => {
      if (failed) throw new TypeErrorCtor('The stream has failed');
      drain(proc, proc(OP_FINISH), OP_FINISH, enqueue, failure);
    });
  }
  let compressionOf;
  class CompressionStream {
    #ts;
    constructor(format) {
      if (arguments.length < 1) throw new TypeErrorCtor("Failed to construct 'CompressionStream': 1 argument required");
      this.#ts = codecStream(true, toFormat(format, 'CompressionStream'));
    }
    get readable() { const ts = compressionOf(this); if (ts === undefined) throw illegal(); return TSReadable(ts); }
    get writable() { const ts = compressionOf(this); if (ts === undefined) throw illegal(); return TSWritable(ts); }
    static { compressionOf = (o) => (isObject(o) && #ts in o ? o.#ts : undefined); }
  }
  webidl(CompressionStream, 'CompressionStream', false);
  let decompressionOf;
  class DecompressionStream {
    #ts;
    constructor(format) {
      if (arguments.length < 1) throw new TypeErrorCtor("Failed to construct 'DecompressionStream': 1 argument required");
      this.#ts = codecStream(false, toFormat(format, 'DecompressionStream'));
    }
    get readable() { const ts = decompressionOf(this); if (ts === undefined) throw illegal(); return TSReadable(ts); }
    get writable() { const ts = decompressionOf(this); if (ts === undefined) throw illegal(); return TSWritable(ts); }
    static { decompressionOf = (o) => (isObject(o) && #ts in o ? o.#ts : undefined); }
  }
  webidl(DecompressionStream, 'DecompressionStream', false);

  return { TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream };
})
