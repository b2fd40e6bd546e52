// WHATWG Streams (https://streams.spec.whatwg.org/): ReadableStream (default and byte streams, BYOB
// readers, tee, pipes, async iteration, from), WritableStream, TransformStream and the queuing
// strategies. The abstract operations follow the spec step by step, since web-platform-tests observe
// promise timing. Each public object holds one private field: an internal record (a plain object with
// the spec's slots); the abstract operations work on records.
//
// Exports for other platform code (e.g. Request/Response bodies):
//   isReadableStream(v)                  true for a ReadableStream (brand check)
//   isDisturbed(rs), isLocked(rs)        the stream's [[disturbed]] flag / whether it has a reader
//   isErrored(rs), isClosed(rs)          its state
//   createReadableStream(pull, cancel, highWaterMark = 0)
//                                        a ReadableStream whose pull(enqueue, close, error) returns a
//                                        promise (or undefined) and is called when chunks are wanted;
//                                        cancel(reason) is called on cancel. enqueue/close/error are
//                                        no-ops once the stream can no longer take them.
//   readableStreamFromBytes(u8)          a byte stream that yields a copy of u8 (one chunk) then closes
//   getReader(rs)                        a default reader object, with .read() (promise of {value, done}),
//                                        .cancel(reason), .releaseLock() (throws TypeError when locked)
//   readAllBytes(rs)                     promise of one Uint8Array of every chunk (chunks must be
//                                        Uint8Array, else the promise rejects with a TypeError); locks it
//   cancelStream(rs, reason)             ReadableStreamCancel (promise)
//   teeStream(rs)                        [branch1, branch2] (ReadableStreamTee without cloning)
//   createTransformStream(transform, flush)
//                                        a TransformStream whose transform(chunk, enqueue) and flush(enqueue)
//                                        may throw or return a promise (the spec's "set up" of a TransformStream)
(function (global, shared) {
  'use strict';

  // ---- Captured intrinsics -----------------------------------------------------------------------
  const { isObject, webidl, uncurryThis, signalAborted, signalReason, addAbortAlgorithm } = shared;
  const DOMExceptionCtor = shared.DOMException;
  const AbortControllerCtor = shared.AbortController;
  const AbortControllerSignal = uncurryThis(Object.getOwnPropertyDescriptor(AbortControllerCtor.prototype, 'signal').get);
  const AbortControllerAbort = uncurryThis(AbortControllerCtor.prototype.abort);
  const { defineProperty, getPrototypeOf, getOwnPropertyDescriptor, freeze } = Object;
  const ReflectApply = Reflect.apply;
  const TypeErrorCtor = TypeError, RangeErrorCtor = RangeError;
  const PromiseCtor = Promise;
  const PromiseThen = uncurryThis(PromiseCtor.prototype.then);
  const PromiseResolveFn = PromiseCtor.resolve, PromiseRejectFn = PromiseCtor.reject;
  const promiseResolve = (v) => ReflectApply(PromiseResolveFn, PromiseCtor, [v]);
  const promiseReject = (e) => ReflectApply(PromiseRejectFn, PromiseCtor, [e]);
  const ArrayPush = uncurryThis(Array.prototype.push);
  const ArrayShift = uncurryThis(Array.prototype.shift);
  const MathMin = Math.min, MathTrunc = Math.trunc, NumberIsInteger = Number.isInteger;
  const SymbolAsyncIterator = Symbol.asyncIterator, SymbolIterator = Symbol.iterator;
  const SymbolToStringTag = Symbol.toStringTag;
  const U8 = Uint8Array, ArrayBufferCtor = ArrayBuffer, DataViewCtor = DataView;
  const ArrayBufferIsView = ArrayBuffer.isView;
  const getter = (proto, key) => uncurryThis(getOwnPropertyDescriptor(proto, key).get);
  const TypedArrayPrototype = getPrototypeOf(U8.prototype);
  const TypedArrayTag = getter(TypedArrayPrototype, SymbolToStringTag);
  const TypedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
  const TypedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset');
  const TypedArrayByteLength = getter(TypedArrayPrototype, 'byteLength');
  const TypedArrayLength = getter(TypedArrayPrototype, 'length');
  const TypedArraySet = uncurryThis(TypedArrayPrototype.set);
  const DataViewBuffer = getter(DataViewCtor.prototype, 'buffer');
  const DataViewByteOffset = getter(DataViewCtor.prototype, 'byteOffset');
  const DataViewByteLength = getter(DataViewCtor.prototype, 'byteLength');
  const ArrayBufferByteLength = getter(ArrayBufferCtor.prototype, 'byteLength');
  const ArrayBufferSlice = uncurryThis(ArrayBufferCtor.prototype.slice);
  const ArrayBufferTransfer = uncurryThis(ArrayBufferCtor.prototype.transfer);
  const ArrayBufferDetached = getter(ArrayBufferCtor.prototype, 'detached');
  const AsyncIteratorPrototype = getPrototypeOf(getPrototypeOf(async function* () { /* */ }.prototype));
  const noop = () => undefined;

  // Typed array names → [constructor, element size].
  const VIEW_TYPES = { __proto__: null };
  for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    const C = global[name];
    if (typeof C === 'function') VIEW_TYPES[name] = [C, C.BYTES_PER_ELEMENT];
  }

  // ---- Promises ("a new promise", resolve, reject, "upon fulfillment") --------------------------
  /** A promise with its resolving functions and its state (0 pending, 1 fulfilled, 2 rejected). */
  function deferred() {
    const d = { promise: undefined, res: undefined, rej: undefined, state: 0 };
    d.promise = new PromiseCtor((res, rej) => { d.res = res; d.rej = rej; });
    return d;
  }
  function resolveD(d, v) { if (d.state === 0) { d.state = 1; d.res(v); } }
  function rejectD(d, e) { if (d.state === 0) { d.state = 2; d.rej(e); } }
  function resolvedD(v) { const d = deferred(); resolveD(d, v); return d; }
  function rejectedD(e) { const d = deferred(); rejectD(d, e); return d; }
  const setHandled = (p) => { PromiseThen(p, undefined, noop); };
  /** Reacts to p without exposing the derived promise ("upon fulfillment/rejection"). */
  const upon = (p, onFulfilled, onRejected) => {
    PromiseThen(p, onFulfilled, onRejected === undefined ? noop : onRejected);
  };
  /** "transforming p with" (the derived promise is returned). */
  const transformP = (p, onFulfilled, onRejected) => PromiseThen(p, onFulfilled, onRejected);
  const resolvedUndefined = () => promiseResolve(undefined);
  /** Runs fn in a microtask (the spec's "queue a microtask"), through captured intrinsics. */
  const queueMicrotask = (fn) => { PromiseThen(promiseResolve(undefined), fn); };

  const typeError = (msg) => new TypeErrorCtor(msg);
  const illegal = () => new TypeErrorCtor('Illegal invocation');
  const illegalConstructor = () => new TypeErrorCtor('Illegal constructor');
  const TOKEN = freeze({ __proto__: null });

  // ---- WebIDL conversions ------------------------------------------------------------------------
  function getCallback(dict, key, what) {
    if (dict === null) return undefined;
    const v = dict[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'function') throw typeError(`${what}: '${key}' is not a function`);
    return v;
  }
  function toObjectArg(v, what) {
    if (v === undefined) return null;
    if (!isObject(v)) throw typeError(`${what} must be an object`);
    return v;
  }
  function dictArg(v, what) {
    if (v === undefined || v === null) return null;
    if (!isObject(v)) throw typeError(`${what} must be an object`);
    return v;
  }
  function enforceRangeULL(v, what) {
    let x = +v;
    if (x !== x || x === Infinity || x === -Infinity) throw typeError(`${what} is not a finite number`);
    x = MathTrunc(x);
    if (x < 0 || x > 9007199254740991) throw typeError(`${what} is outside the range of an unsigned long long`);
    return x + 0;
  }
  /** QueuingStrategy dictionary: highWaterMark (unrestricted double), size (callback), in that order. */
  function strategyArg(v, what) {
    const d = dictArg(v, what);
    const out = { hwm: undefined, size: undefined };
    if (d === null) return out;
    const hwm = d.highWaterMark;
    if (hwm !== undefined) out.hwm = +hwm;
    out.size = getCallback(d, 'size', what);
    return out;
  }
  function extractHighWaterMark(strategy, dflt) {
    if (strategy.hwm === undefined) return dflt;
    const hwm = strategy.hwm;
    if (hwm !== hwm || hwm < 0) throw new RangeErrorCtor('The highWaterMark must be a non-negative number');
    return hwm;
  }
  function extractSizeAlgorithm(strategy) {
    const size = strategy.size;
    if (size === undefined) return () => 1;
    return (chunk) => +ReflectApply(size, undefined, [chunk]);
  }
  /** A promise-returning callback: exceptions become rejections. */
  function promiseCall(fn, self, args) {
    try { return promiseResolve(ReflectApply(fn, self, args)); } catch (e) { return promiseReject(e); }
  }

  // ---- ArrayBuffers ------------------------------------------------------------------------------
  const isDetached = (buffer) => ArrayBufferDetached(buffer);
  const transferBuffer = (buffer) => ArrayBufferTransfer(buffer);
  function viewInfo(view) {
    // [buffer, byteOffset, byteLength, elementSize, ctor]
    const tag = TypedArrayTag(view);
    if (tag !== undefined) {
      const t = VIEW_TYPES[tag];
      return [TypedArrayBuffer(view), TypedArrayByteOffset(view), TypedArrayByteLength(view), t[1], t[0], TypedArrayLength(view)];
    }
    const buffer = DataViewBuffer(view);
    let off = 0, len = 0;
    if (!isDetached(buffer)) { off = DataViewByteOffset(view); len = DataViewByteLength(view); }
    return [buffer, off, len, 1, DataViewCtor, len];
  }
  const isView = (v) => isObject(v) && ArrayBufferIsView(v);
  const bufferByteLength = (b) => ArrayBufferByteLength(b);
  function copyBytes(dest, destStart, src, srcStart, n) {
    TypedArraySet(new U8(dest, destStart, n), new U8(src, srcStart, n));
  }

  // ---- Queue-with-sizes --------------------------------------------------------------------------
  function isNonNegativeNumber(v) { return typeof v === 'number' && v === v && v >= 0; }
  function enqueueValueWithSize(c, value, size) {
    if (!isNonNegativeNumber(size) || size === Infinity) {
      throw new RangeErrorCtor('The chunk size must be a finite, non-negative number');
    }
    ArrayPush(c.queue, { value, size });
    c.queueTotalSize += size;
  }
  function dequeueValue(c) {
    const pair = ArrayShift(c.queue);
    c.queueTotalSize -= pair.size;
    if (c.queueTotalSize < 0) c.queueTotalSize = 0;
    return pair.value;
  }
  const peekQueueValue = (c) => c.queue[0].value;
  function resetQueue(c) { c.queue = []; c.queueTotalSize = 0; }

  // =================================================================================================
  // ReadableStream
  // =================================================================================================
  let rsOf, rsObj, readerOf, byobReaderOf, rsControllerOf, rbsControllerOf, byobRequestOf, iterOf;

  function newStreamRecord() {
    return {
      obj: undefined, state: 'readable', reader: undefined, storedError: undefined, disturbed: false,
      controller: undefined,
    };
  }

  class ReadableStream {
    #s;
    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === TOKEN) { this.#s = strategy; strategy.obj = this; return; }
      const source = toObjectArg(underlyingSource, "Failed to construct 'ReadableStream': underlyingSource");
      const qs = strategyArg(strategy, "Failed to construct 'ReadableStream': strategy");
      // UnderlyingSource members, in lexicographic order.
      const what = "Failed to construct 'ReadableStream'";
      let autoAllocateChunkSize;
      if (source !== null) {
        const a = source.autoAllocateChunkSize;
        if (a !== undefined) autoAllocateChunkSize = enforceRangeULL(a, 'autoAllocateChunkSize');
      }
      const cancel = getCallback(source, 'cancel', what);
      const pull = getCallback(source, 'pull', what);
      const start = getCallback(source, 'start', what);
      let type;
      if (source !== null) {
        const t = source.type;
        if (t !== undefined) {
          type = `${t}`;
          if (type !== 'bytes') throw typeError(`'${type}' is not a valid value for ReadableStreamType`);
        }
      }
      const s = newStreamRecord();
      this.#s = s;
      s.obj = this;
      if (type === 'bytes') {
        if (qs.size !== undefined) throw new RangeErrorCtor('A byte stream cannot have a size function');
        const hwm = extractHighWaterMark(qs, 0);
        setUpByteControllerFromSource(s, source, start, pull, cancel, autoAllocateChunkSize, hwm);
      } else {
        const size = extractSizeAlgorithm(qs);
        const hwm = extractHighWaterMark(qs, 1);
        setUpDefaultControllerFromSource(s, source, start, pull, cancel, hwm, size);
      }
    }
    get locked() {
      const s = rsOf(this);
      if (s === undefined) throw illegal();
      return isLocked(s);
    }
    cancel(reason = undefined) {
      const s = rsOf(this);
      if (s === undefined) return promiseReject(illegal());
      if (isLocked(s)) return promiseReject(typeError('Cannot cancel a stream that is locked to a reader'));
      return readableStreamCancel(s, reason);
    }
    getReader(options = undefined) {
      const s = rsOf(this);
      if (s === undefined) throw illegal();
      const d = dictArg(options, "Failed to execute 'getReader': options");
      let mode;
      if (d !== null && d.mode !== undefined) {
        mode = `${d.mode}`;
        if (mode !== 'byob') throw typeError(`'${mode}' is not a valid value for ReadableStreamReaderMode`);
      }
      return mode === undefined ? acquireDefaultReader(s).obj : acquireBYOBReader(s).obj;
    }
    pipeThrough(transform, options = undefined) {
      const s = rsOf(this);
      if (s === undefined) throw illegal();
      if (arguments.length < 1) throw typeError("Failed to execute 'pipeThrough': 1 argument required");
      if (!isObject(transform)) throw typeError("Failed to execute 'pipeThrough': transform must be an object");
      const readable = transform.readable;
      if (readable === undefined) throw typeError("Failed to execute 'pipeThrough': 'readable' is required");
      const rs = rsOf(readable);
      if (rs === undefined) throw typeError("Failed to execute 'pipeThrough': 'readable' is not a ReadableStream");
      const writable = transform.writable;
      if (writable === undefined) throw typeError("Failed to execute 'pipeThrough': 'writable' is required");
      const ws = wsOf(writable);
      if (ws === undefined) throw typeError("Failed to execute 'pipeThrough': 'writable' is not a WritableStream");
      const o = pipeOptions(options);
      if (isLocked(s)) throw typeError('Cannot pipe a locked stream');
      if (isWritableLocked(ws)) throw typeError('Cannot pipe to a locked stream');
      const promise = readableStreamPipeTo(s, ws, o.preventClose, o.preventAbort, o.preventCancel, o.signal);
      setHandled(promise);
      return readable;
    }
    pipeTo(destination, options = undefined) {
      const s = rsOf(this);
      if (s === undefined) return promiseReject(illegal());
      if (arguments.length < 1) return promiseReject(typeError("Failed to execute 'pipeTo': 1 argument required"));
      const ws = wsOf(destination);
      if (ws === undefined) return promiseReject(typeError("Failed to execute 'pipeTo': destination is not a WritableStream"));
      let o;
      try { o = pipeOptions(options); } catch (e) { return promiseReject(e); }
      if (isLocked(s)) return promiseReject(typeError('Cannot pipe a locked stream'));
      if (isWritableLocked(ws)) return promiseReject(typeError('Cannot pipe to a locked stream'));
      return readableStreamPipeTo(s, ws, o.preventClose, o.preventAbort, o.preventCancel, o.signal);
    }
    tee() {
      const s = rsOf(this);
      if (s === undefined) throw illegal();
      const branches = readableStreamTee(s, false);
      return [branches[0].obj, branches[1].obj];
    }
    values(options = undefined) {
      const s = rsOf(this);
      if (s === undefined) throw illegal();
      const d = dictArg(options, "Failed to execute 'values': options");
      const preventCancel = d === null ? false : !!d.preventCancel;
      const reader = acquireDefaultReader(s);
      return new ReadableStreamAsyncIterator(TOKEN, { reader, preventCancel, ongoing: undefined, finished: false });
    }
    static from(asyncIterable) {
      if (arguments.length < 1) throw typeError("Failed to execute 'from': 1 argument required");
      return readableStreamFromIterable(asyncIterable).obj;
    }
    static {
      rsOf = (o) => (isObject(o) && #s in o ? o.#s : undefined);
    }
  }
  rsObj = (s) => new ReadableStream(TOKEN, s);
  webidl(ReadableStream, 'ReadableStream', false);
  defineProperty(ReadableStream.prototype, SymbolAsyncIterator,
    { value: ReadableStream.prototype.values, writable: true, enumerable: false, configurable: true });

  function pipeOptions(options) {
    const d = dictArg(options, 'options');
    if (d === null) return { preventAbort: false, preventCancel: false, preventClose: false, signal: undefined };
    const preventAbort = !!d.preventAbort;
    const preventCancel = !!d.preventCancel;
    const preventClose = !!d.preventClose;
    let signal = d.signal;
    if (signal !== undefined && signalAborted(signal) === undefined) throw typeError("'signal' is not an AbortSignal");
    return { preventAbort, preventCancel, preventClose, signal };
  }

  // ---- Async iteration -------------------------------------------------------------------------
  class ReadableStreamAsyncIterator {
    #i;
    constructor(token, record) {
      if (token !== TOKEN) throw illegalConstructor();
      this.#i = record;
    }
    next() {
      const it = iterOf(this);
      if (it === undefined) return promiseReject(illegal());
      const nextSteps = () => {
        if (it.finished) return promiseResolve({ value: undefined, done: true });
        const d = deferred();
        const reader = it.reader;
        readerRead(reader, {
          chunk: (chunk) => resolveD(d, chunk),
          close: () => { defaultReaderRelease(reader); resolveD(d, END); },
          error: (e) => { defaultReaderRelease(reader); rejectD(d, e); },
        });
        return transformP(d.promise, (v) => {
          it.ongoing = undefined;
          if (v === END) { it.finished = true; return { value: undefined, done: true }; }
          return { value: v, done: false };
        }, (e) => { it.ongoing = undefined; it.finished = true; throw e; });
      };
      it.ongoing = it.ongoing !== undefined ? transformP(it.ongoing, nextSteps, nextSteps) : nextSteps();
      return it.ongoing;
    }
    return(value) {
      const it = iterOf(this);
      if (it === undefined) return promiseReject(illegal());
      const returnSteps = () => {
        if (it.finished) return promiseResolve({ value, done: true });
        it.finished = true;
        const reader = it.reader;
        if (!it.preventCancel) {
          const result = readerGenericCancel(reader, value);
          defaultReaderRelease(reader);
          return result;
        }
        defaultReaderRelease(reader);
        return resolvedUndefined();
      };
      const p = it.ongoing !== undefined ? transformP(it.ongoing, returnSteps, returnSteps) : returnSteps();
      it.ongoing = p;
      return transformP(p, () => ({ value, done: true }));
    }
    static { iterOf = (o) => (isObject(o) && #i in o ? o.#i : undefined); }
  }
  const END = freeze({ __proto__: null });
  {
    const proto = ReadableStreamAsyncIterator.prototype;
    setPrototypeOfSafe(proto, AsyncIteratorPrototype);
    delete proto.constructor; // a WebIDL iterator prototype has no constructor
    defineProperty(proto, 'next', { enumerable: true });
    defineProperty(proto, 'return', { enumerable: true });
    defineProperty(proto, SymbolToStringTag, { value: 'ReadableStream AsyncIterator', configurable: true });
  }
  function setPrototypeOfSafe(o, p) { Object.setPrototypeOf(o, p); }

  // ---- ReadableStream.from ---------------------------------------------------------------------
  function getAsyncIterator(obj) {
    let method = obj === null || obj === undefined ? undefined : obj[SymbolAsyncIterator];
    if (method === null) method = undefined;
    if (method === undefined) {
      let syncMethod = obj === null || obj === undefined ? undefined : obj[SymbolIterator];
      if (syncMethod === null) syncMethod = undefined;
      if (syncMethod === undefined) throw typeError('ReadableStream.from: the argument is not iterable');
      if (typeof syncMethod !== 'function') throw typeError('ReadableStream.from: @@iterator is not a function');
      const iterator = ReflectApply(syncMethod, obj, []);
      if (!isObject(iterator)) throw typeError('ReadableStream.from: the iterator is not an object');
      return asyncFromSyncIterator(iterator, iterator.next);
    }
    if (typeof method !== 'function') throw typeError('ReadableStream.from: @@asyncIterator is not a function');
    const iterator = ReflectApply(method, obj, []);
    if (!isObject(iterator)) throw typeError('ReadableStream.from: the async iterator is not an object');
    return { iterator, next: iterator.next };
  }
  /** CreateAsyncFromSyncIterator: next/return await the values the sync iterator gives. */
  function asyncFromSyncIterator(syncIterator, syncNext) {
    const continuation = (result, closeOnRejection) => {
      if (!isObject(result)) throw typeError('The iterator result is not an object');
      const done = !!result.done;
      const value = result.value;
      let valueWrapper;
      try { valueWrapper = promiseResolve(value); } catch (e) {
        if (!done && closeOnRejection) closeSync();
        throw e;
      }
      return transformP(valueWrapper, (v) => ({ value: v, done }), (e) => {
        if (!done && closeOnRejection) closeSync();
        throw e;
      });
    };
    const closeSync = () => {
      try {
        const ret = syncIterator.return;
        if (ret !== undefined && ret !== null) ReflectApply(ret, syncIterator, []);
      } catch { /* the original error wins */ }
    };
    const iterator = {
      next() {
        try { return continuation(ReflectApply(syncNext, syncIterator, []), true); } catch (e) { return promiseReject(e); }
      },
      return(v) {
        try {
          const ret = syncIterator.return;
          if (ret === undefined || ret === null) return promiseResolve({ value: v, done: true });
          return continuation(ReflectApply(ret, syncIterator, [v]), false);
        } catch (e) { return promiseReject(e); }
      },
    };
    return { iterator, next: iterator.next };
  }
  function readableStreamFromIterable(asyncIterable) {
    const record = getAsyncIterator(asyncIterable);
    let stream;
    const pull = () => {
      let nextResult;
      try { nextResult = ReflectApply(record.next, record.iterator, []); } catch (e) { return promiseReject(e); }
      const nextPromise = promiseResolve(nextResult);
      return transformP(nextPromise, (iterResult) => {
        if (!isObject(iterResult)) throw typeError('The iterator result is not an object');
        if (iterResult.done) defaultControllerClose(stream.controller);
        else defaultControllerEnqueue(stream.controller, iterResult.value);
      });
    };
    const cancel = (reason) => {
      const iterator = record.iterator;
      let returnMethod;
      try { returnMethod = iterator.return; } catch (e) { return promiseReject(e); }
      if (returnMethod === undefined || returnMethod === null) return resolvedUndefined();
      let returnResult;
      try {
        if (typeof returnMethod !== 'function') throw typeError('The iterator return is not a function');
        returnResult = ReflectApply(returnMethod, iterator, [reason]);
      } catch (e) { return promiseReject(e); }
      return transformP(promiseResolve(returnResult), (r) => {
        if (!isObject(r)) throw typeError('The iterator return result is not an object');
        return undefined;
      });
    };
    stream = createReadableStream(noop, pull, cancel, 0, () => 1);
    return stream;
  }

  // ---- Readers ---------------------------------------------------------------------------------
  function newReaderRecord(byob) {
    return { obj: undefined, byob, stream: undefined, closed: undefined, requests: [] };
  }
  class ReadableStreamDefaultReader {
    #r;
    constructor(stream, record = undefined) {
      if (stream === TOKEN) { this.#r = record; record.obj = this; return; }
      if (arguments.length < 1) throw typeError("Failed to construct 'ReadableStreamDefaultReader': 1 argument required");
      const s = rsOf(stream);
      if (s === undefined) throw typeError("Failed to construct 'ReadableStreamDefaultReader': not a ReadableStream");
      const r = newReaderRecord(false);
      r.obj = this;
      setUpDefaultReader(r, s);
      this.#r = r;
    }
    get closed() {
      const r = readerOf(this);
      if (r === undefined) return promiseReject(illegal());
      return r.closed.promise;
    }
    cancel(reason = undefined) {
      const r = readerOf(this);
      if (r === undefined) return promiseReject(illegal());
      if (r.stream === undefined) return promiseReject(typeError('The reader has been released'));
      return readerGenericCancel(r, reason);
    }
    read() {
      const r = readerOf(this);
      if (r === undefined) return promiseReject(illegal());
      if (r.stream === undefined) return promiseReject(typeError('The reader has been released'));
      const d = deferred();
      readerRead(r, {
        chunk: (chunk) => resolveD(d, { value: chunk, done: false }),
        close: () => resolveD(d, { value: undefined, done: true }),
        error: (e) => rejectD(d, e),
      });
      return d.promise;
    }
    releaseLock() {
      const r = readerOf(this);
      if (r === undefined) throw illegal();
      if (r.stream === undefined) return;
      defaultReaderRelease(r);
    }
    static {
      readerOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }
  }
  webidl(ReadableStreamDefaultReader, 'ReadableStreamDefaultReader', false);

  class ReadableStreamBYOBReader {
    #r;
    constructor(stream, record = undefined) {
      if (stream === TOKEN) { this.#r = record; record.obj = this; return; }
      if (arguments.length < 1) throw typeError("Failed to construct 'ReadableStreamBYOBReader': 1 argument required");
      const s = rsOf(stream);
      if (s === undefined) throw typeError("Failed to construct 'ReadableStreamBYOBReader': not a ReadableStream");
      const r = newReaderRecord(true);
      r.obj = this;
      setUpBYOBReader(r, s);
      this.#r = r;
    }
    get closed() {
      const r = byobReaderOf(this);
      if (r === undefined) return promiseReject(illegal());
      return r.closed.promise;
    }
    cancel(reason = undefined) {
      const r = byobReaderOf(this);
      if (r === undefined) return promiseReject(illegal());
      if (r.stream === undefined) return promiseReject(typeError('The reader has been released'));
      return readerGenericCancel(r, reason);
    }
    read(view, options = undefined) {
      const r = byobReaderOf(this);
      if (r === undefined) return promiseReject(illegal());
      if (arguments.length < 1) return promiseReject(typeError("Failed to execute 'read': 1 argument required"));
      if (!isView(view)) return promiseReject(typeError("Failed to execute 'read': view is not an ArrayBufferView"));
      let min = 1;
      try {
        const d = dictArg(options, "Failed to execute 'read': options");
        if (d !== null && d.min !== undefined) min = enforceRangeULL(d.min, 'min');
      } catch (e) { return promiseReject(e); }
      const info = viewInfo(view);
      if (info[2] === 0) return promiseReject(typeError('The view must have a non-zero byteLength'));
      if (isSharedOrDetachedZero(info[0])) return promiseReject(typeError("The view's buffer must have a non-zero byteLength"));
      if (isDetached(info[0])) return promiseReject(typeError("The view's buffer has been detached"));
      if (min === 0) return promiseReject(typeError('min must be greater than 0'));
      if (info[4] !== DataViewCtor) {
        if (min > info[5]) return promiseReject(new RangeErrorCtor('min must not exceed the view length'));
      } else if (min > info[2]) return promiseReject(new RangeErrorCtor('min must not exceed the view byteLength'));
      if (r.stream === undefined) return promiseReject(typeError('The reader has been released'));
      const d = deferred();
      byobReaderRead(r, view, info, min, {
        chunk: (chunk) => resolveD(d, { value: chunk, done: false }),
        close: (chunk) => resolveD(d, { value: chunk, done: true }),
        error: (e) => rejectD(d, e),
      });
      return d.promise;
    }
    releaseLock() {
      const r = byobReaderOf(this);
      if (r === undefined) throw illegal();
      if (r.stream === undefined) return;
      byobReaderRelease(r);
    }
    static {
      byobReaderOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }
  }
  webidl(ReadableStreamBYOBReader, 'ReadableStreamBYOBReader', false);
  function isSharedOrDetachedZero(buffer) {
    let n;
    try { n = bufferByteLength(buffer); } catch { return false; }
    return n === 0;
  }

  function isLocked(s) { return s.reader !== undefined; }
  function acquireDefaultReader(s) {
    const r = newReaderRecord(false);
    setUpDefaultReader(r, s);
    new ReadableStreamDefaultReader(TOKEN, r);
    return r;
  }
  function acquireBYOBReader(s) {
    const r = newReaderRecord(true);
    setUpBYOBReader(r, s);
    new ReadableStreamBYOBReader(TOKEN, r);
    return r;
  }
  function setUpDefaultReader(r, s) {
    if (isLocked(s)) throw typeError('The stream is already locked to a reader');
    readerGenericInitialize(r, s);
    r.requests = [];
  }
  function setUpBYOBReader(r, s) {
    if (isLocked(s)) throw typeError('The stream is already locked to a reader');
    if (!s.controller.byte) throw typeError('A BYOB reader needs a readable byte stream');
    readerGenericInitialize(r, s);
    r.requests = [];
  }
  function readerGenericInitialize(r, s) {
    r.stream = s;
    s.reader = r;
    if (s.state === 'readable') r.closed = deferred();
    else if (s.state === 'closed') r.closed = resolvedD(undefined);
    else { r.closed = rejectedD(s.storedError); setHandled(r.closed.promise); }
  }
  function readerGenericCancel(r, reason) { return readableStreamCancel(r.stream, reason); }
  function readerGenericRelease(r) {
    const s = r.stream;
    const e = typeError('The reader was released');
    if (s.state === 'readable') rejectD(r.closed, e);
    else r.closed = rejectedD(e);
    setHandled(r.closed.promise);
    s.controller.releaseSteps();
    s.reader = undefined;
    r.stream = undefined;
  }
  function defaultReaderRelease(r) {
    readerGenericRelease(r);
    errorReadRequests(r, typeError('The reader was released'));
  }
  function byobReaderRelease(r) {
    readerGenericRelease(r);
    errorReadRequests(r, typeError('The reader was released'));
  }
  function errorReadRequests(r, e) {
    const requests = r.requests;
    r.requests = [];
    for (let i = 0; i < requests.length; i++) requests[i].error(e);
  }
  function readerRead(r, readRequest) {
    const s = r.stream;
    s.disturbed = true;
    if (s.state === 'closed') readRequest.close();
    else if (s.state === 'errored') readRequest.error(s.storedError);
    else s.controller.pullSteps(readRequest);
  }
  function byobReaderRead(r, view, info, min, readIntoRequest) {
    const s = r.stream;
    s.disturbed = true;
    if (s.state === 'errored') readIntoRequest.error(s.storedError);
    else byteControllerPullInto(s.controller, view, info, min, readIntoRequest);
  }

  // ---- ReadableStream abstract operations --------------------------------------------------------
  function readableStreamCancel(s, reason) {
    s.disturbed = true;
    if (s.state === 'closed') return resolvedUndefined();
    if (s.state === 'errored') return promiseReject(s.storedError);
    readableStreamClose(s);
    const r = s.reader;
    if (r !== undefined && r.byob) {
      const requests = r.requests;
      r.requests = [];
      for (let i = 0; i < requests.length; i++) requests[i].close(undefined);
    }
    const sourceCancelPromise = s.controller.cancelSteps(reason);
    return transformP(sourceCancelPromise, noop);
  }
  function readableStreamClose(s) {
    s.state = 'closed';
    const r = s.reader;
    if (r === undefined) return;
    resolveD(r.closed, undefined);
    if (!r.byob) {
      const requests = r.requests;
      r.requests = [];
      for (let i = 0; i < requests.length; i++) requests[i].close();
    }
  }
  function readableStreamError(s, e) {
    s.state = 'errored';
    s.storedError = e;
    const r = s.reader;
    if (r === undefined) return;
    rejectD(r.closed, e);
    setHandled(r.closed.promise);
    errorReadRequests(r, e);
  }
  function fulfillReadRequest(s, chunk, done) {
    const readRequest = ArrayShift(s.reader.requests);
    if (done) readRequest.close();
    else readRequest.chunk(chunk);
  }
  function fulfillReadIntoRequest(s, chunk, done) {
    const readIntoRequest = ArrayShift(s.reader.requests);
    if (done) readIntoRequest.close(chunk);
    else readIntoRequest.chunk(chunk);
  }
  const numReadRequests = (s) => s.reader.requests.length;
  const hasDefaultReader = (s) => s.reader !== undefined && !s.reader.byob;
  const hasBYOBReader = (s) => s.reader !== undefined && s.reader.byob;

  function createReadableStream(start, pull, cancel, hwm, size) {
    const s = newStreamRecord();
    rsObj(s);
    const c = newDefaultControllerRecord();
    setUpDefaultController(s, c, start, pull, cancel, hwm, size);
    return s;
  }
  function createReadableByteStream(start, pull, cancel) {
    const s = newStreamRecord();
    rsObj(s);
    const c = newByteControllerRecord();
    setUpByteController(s, c, start, pull, cancel, 0, undefined);
    return s;
  }

  // ---- ReadableStreamDefaultController ---------------------------------------------------------
  function newDefaultControllerRecord() {
    const c = {
      obj: undefined, byte: false, stream: undefined, queue: [], queueTotalSize: 0, started: false,
      closeRequested: false, pullAgain: false, pulling: false, strategySizeAlgorithm: undefined,
      strategyHWM: 0, pullAlgorithm: undefined, cancelAlgorithm: undefined,
      cancelSteps: undefined, pullSteps: undefined, releaseSteps: noop,
    };
    c.cancelSteps = (reason) => {
      resetQueue(c);
      const result = c.cancelAlgorithm(reason);
      defaultControllerClearAlgorithms(c);
      return result;
    };
    c.pullSteps = (readRequest) => {
      const s = c.stream;
      if (c.queue.length > 0) {
        const chunk = dequeueValue(c);
        if (c.closeRequested && c.queue.length === 0) {
          defaultControllerClearAlgorithms(c);
          readableStreamClose(s);
        } else defaultControllerCallPullIfNeeded(c);
        readRequest.chunk(chunk);
      } else {
        ArrayPush(s.reader.requests, readRequest);
        defaultControllerCallPullIfNeeded(c);
      }
    };
    return c;
  }
  class ReadableStreamDefaultController {
    #c;
    constructor(token = undefined, c = undefined) {
      if (token !== TOKEN) throw illegalConstructor();
      this.#c = c;
      c.obj = this;
    }
    get desiredSize() {
      const c = rsControllerOf(this);
      if (c === undefined) throw illegal();
      return defaultControllerGetDesiredSize(c);
    }
    close() {
      const c = rsControllerOf(this);
      if (c === undefined) throw illegal();
      if (!defaultControllerCanCloseOrEnqueue(c)) throw typeError('The stream is not in a state that permits close');
      defaultControllerClose(c);
    }
    enqueue(chunk = undefined) {
      const c = rsControllerOf(this);
      if (c === undefined) throw illegal();
      if (!defaultControllerCanCloseOrEnqueue(c)) throw typeError('The stream is not in a state that permits enqueue');
      defaultControllerEnqueue(c, chunk);
    }
    error(e = undefined) {
      const c = rsControllerOf(this);
      if (c === undefined) throw illegal();
      defaultControllerError(c, e);
    }
    static {
      rsControllerOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
    }
  }
  webidl(ReadableStreamDefaultController, 'ReadableStreamDefaultController', false);

  function defaultControllerCallPullIfNeeded(c) {
    if (!defaultControllerShouldCallPull(c)) return;
    if (c.pulling) { c.pullAgain = true; return; }
    c.pulling = true;
    upon(c.pullAlgorithm(), () => {
      c.pulling = false;
      if (c.pullAgain) { c.pullAgain = false; defaultControllerCallPullIfNeeded(c); }
    }, (e) => defaultControllerError(c, e));
  }
  function defaultControllerShouldCallPull(c) {
    const s = c.stream;
    if (!defaultControllerCanCloseOrEnqueue(c)) return false;
    if (!c.started) return false;
    if (isLocked(s) && numReadRequests(s) > 0) return true;
    return defaultControllerGetDesiredSize(c) > 0;
  }
  function defaultControllerClearAlgorithms(c) {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
    c.strategySizeAlgorithm = undefined;
  }
  function defaultControllerClose(c) {
    if (!defaultControllerCanCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (c.queue.length === 0) {
      defaultControllerClearAlgorithms(c);
      readableStreamClose(c.stream);
    }
  }
  function defaultControllerEnqueue(c, chunk) {
    if (!defaultControllerCanCloseOrEnqueue(c)) return;
    const s = c.stream;
    if (isLocked(s) && numReadRequests(s) > 0) {
      fulfillReadRequest(s, chunk, false);
    } else {
      let chunkSize;
      try { chunkSize = c.strategySizeAlgorithm(chunk); } catch (e) { defaultControllerError(c, e); throw e; }
      try { enqueueValueWithSize(c, chunk, chunkSize); } catch (e) { defaultControllerError(c, e); throw e; }
    }
    defaultControllerCallPullIfNeeded(c);
  }
  function defaultControllerError(c, e) {
    const s = c.stream;
    if (s.state !== 'readable') return;
    resetQueue(c);
    defaultControllerClearAlgorithms(c);
    readableStreamError(s, e);
  }
  function defaultControllerGetDesiredSize(c) {
    const state = c.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return c.strategyHWM - c.queueTotalSize;
  }
  const defaultControllerHasBackpressure = (c) => !defaultControllerShouldCallPull(c);
  const defaultControllerCanCloseOrEnqueue = (c) => !c.closeRequested && c.stream.state === 'readable';
  function setUpDefaultController(s, c, start, pull, cancel, hwm, size) {
    c.stream = s;
    resetQueue(c);
    c.started = c.closeRequested = c.pullAgain = c.pulling = false;
    c.strategySizeAlgorithm = size;
    c.strategyHWM = hwm;
    c.pullAlgorithm = pull;
    c.cancelAlgorithm = cancel;
    s.controller = c;
    if (c.obj === undefined) new ReadableStreamDefaultController(TOKEN, c);
    const startResult = start();
    upon(promiseResolve(startResult), () => {
      c.started = true;
      defaultControllerCallPullIfNeeded(c);
    }, (r) => defaultControllerError(c, r));
  }
  function setUpDefaultControllerFromSource(s, source, start, pull, cancel, hwm, size) {
    const c = newDefaultControllerRecord();
    const controller = new ReadableStreamDefaultController(TOKEN, c);
    const startAlgorithm = start === undefined ? noop : () => ReflectApply(start, source, [controller]);
    const pullAlgorithm = pull === undefined ? resolvedUndefined : () => promiseCall(pull, source, [controller]);
    const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, source, [reason]);
    setUpDefaultController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, size);
  }

  // ---- ReadableByteStreamController ------------------------------------------------------------
  function newByteControllerRecord() {
    const c = {
      obj: undefined, byte: true, stream: undefined, autoAllocateChunkSize: undefined, byobRequest: null,
      cancelAlgorithm: undefined, closeRequested: false, pullAgain: false, pullAlgorithm: undefined,
      pulling: false, pendingPullIntos: [], queue: [], queueTotalSize: 0, started: false, strategyHWM: 0,
      cancelSteps: undefined, pullSteps: undefined, releaseSteps: undefined,
    };
    c.cancelSteps = (reason) => {
      byteControllerClearPendingPullIntos(c);
      resetQueue(c);
      const result = c.cancelAlgorithm(reason);
      byteControllerClearAlgorithms(c);
      return result;
    };
    c.pullSteps = (readRequest) => {
      const s = c.stream;
      if (c.queueTotalSize > 0) {
        byteControllerFillReadRequestFromQueue(c, readRequest);
        return;
      }
      const autoAllocateChunkSize = c.autoAllocateChunkSize;
      if (autoAllocateChunkSize !== undefined) {
        let buffer;
        try { buffer = new ArrayBufferCtor(autoAllocateChunkSize); } catch (e) { readRequest.error(e); return; }
        ArrayPush(c.pendingPullIntos, {
          buffer, bufferByteLength: autoAllocateChunkSize, byteOffset: 0, byteLength: autoAllocateChunkSize,
          bytesFilled: 0, minimumFill: 1, elementSize: 1, viewConstructor: U8, readerType: 'default',
        });
      }
      ArrayPush(s.reader.requests, readRequest);
      byteControllerCallPullIfNeeded(c);
    };
    c.releaseSteps = () => {
      if (c.pendingPullIntos.length > 0) {
        const first = c.pendingPullIntos[0];
        first.readerType = 'none';
        c.pendingPullIntos = [first];
      }
    };
    return c;
  }
  class ReadableByteStreamController {
    #c;
    constructor(token = undefined, c = undefined) {
      if (token !== TOKEN) throw illegalConstructor();
      this.#c = c;
      c.obj = this;
    }
    get byobRequest() {
      const c = rbsControllerOf(this);
      if (c === undefined) throw illegal();
      const r = byteControllerGetBYOBRequest(c);
      return r === null ? null : r.obj;
    }
    get desiredSize() {
      const c = rbsControllerOf(this);
      if (c === undefined) throw illegal();
      return byteControllerGetDesiredSize(c);
    }
    close() {
      const c = rbsControllerOf(this);
      if (c === undefined) throw illegal();
      if (c.closeRequested) throw typeError('The stream is already closing');
      if (c.stream.state !== 'readable') throw typeError('The stream is not readable');
      byteControllerClose(c);
    }
    enqueue(chunk) {
      const c = rbsControllerOf(this);
      if (c === undefined) throw illegal();
      if (arguments.length < 1) throw typeError("Failed to execute 'enqueue': 1 argument required");
      if (!isView(chunk)) throw typeError("Failed to execute 'enqueue': chunk is not an ArrayBufferView");
      const info = viewInfo(chunk);
      if (info[2] === 0) throw typeError('The chunk must have a non-zero byteLength');
      if (isSharedOrDetachedZero(info[0])) throw typeError("The chunk's buffer must have a non-zero byteLength");
      if (c.closeRequested) throw typeError('The stream is already closing');
      if (c.stream.state !== 'readable') throw typeError('The stream is not readable');
      byteControllerEnqueue(c, chunk, info);
    }
    error(e = undefined) {
      const c = rbsControllerOf(this);
      if (c === undefined) throw illegal();
      byteControllerError(c, e);
    }
    static {
      rbsControllerOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
    }
  }
  webidl(ReadableByteStreamController, 'ReadableByteStreamController', false);

  class ReadableStreamBYOBRequest {
    #q;
    constructor(token = undefined, q = undefined) {
      if (token !== TOKEN) throw illegalConstructor();
      this.#q = q;
      q.obj = this;
    }
    get view() {
      const q = byobRequestOf(this);
      if (q === undefined) throw illegal();
      return q.view;
    }
    respond(bytesWritten) {
      const q = byobRequestOf(this);
      if (q === undefined) throw illegal();
      if (arguments.length < 1) throw typeError("Failed to execute 'respond': 1 argument required");
      const n = enforceRangeULL(bytesWritten, 'bytesWritten');
      if (q.controller === undefined) throw typeError('This BYOB request has been invalidated');
      if (isDetached(viewInfo(q.view)[0])) throw typeError("The view's buffer has been detached");
      byteControllerRespond(q.controller, n);
    }
    respondWithNewView(view) {
      const q = byobRequestOf(this);
      if (q === undefined) throw illegal();
      if (arguments.length < 1) throw typeError("Failed to execute 'respondWithNewView': 1 argument required");
      if (!isView(view)) throw typeError("Failed to execute 'respondWithNewView': view is not an ArrayBufferView");
      if (q.controller === undefined) throw typeError('This BYOB request has been invalidated');
      const info = viewInfo(view);
      if (isDetached(info[0])) throw typeError("The view's buffer has been detached");
      byteControllerRespondWithNewView(q.controller, info);
    }
    static {
      byobRequestOf = (o) => (isObject(o) && #q in o ? o.#q : undefined);
    }
  }
  webidl(ReadableStreamBYOBRequest, 'ReadableStreamBYOBRequest', false);

  function byteControllerCallPullIfNeeded(c) {
    if (!byteControllerShouldCallPull(c)) return;
    if (c.pulling) { c.pullAgain = true; return; }
    c.pulling = true;
    upon(c.pullAlgorithm(), () => {
      c.pulling = false;
      if (c.pullAgain) { c.pullAgain = false; byteControllerCallPullIfNeeded(c); }
    }, (e) => byteControllerError(c, e));
  }
  function byteControllerShouldCallPull(c) {
    const s = c.stream;
    if (s.state !== 'readable') return false;
    if (c.closeRequested) return false;
    if (!c.started) return false;
    if (hasDefaultReader(s) && numReadRequests(s) > 0) return true;
    if (hasBYOBReader(s) && numReadRequests(s) > 0) return true;
    return byteControllerGetDesiredSize(c) > 0;
  }
  function byteControllerClearAlgorithms(c) {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  }
  function byteControllerClearPendingPullIntos(c) {
    byteControllerInvalidateBYOBRequest(c);
    c.pendingPullIntos = [];
  }
  function byteControllerClose(c) {
    const s = c.stream;
    if (c.closeRequested || s.state !== 'readable') return;
    if (c.queueTotalSize > 0) { c.closeRequested = true; return; }
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      if (first.bytesFilled % first.elementSize !== 0) {
        const e = typeError('Insufficient bytes to fill elements in the given buffer');
        byteControllerError(c, e);
        throw e;
      }
    }
    byteControllerClearAlgorithms(c);
    readableStreamClose(s);
  }
  function byteControllerCommitPullIntoDescriptor(s, pid) {
    let done = false;
    if (s.state === 'closed') done = true;
    const filledView = byteControllerConvertPullIntoDescriptor(pid);
    if (pid.readerType === 'default') fulfillReadRequest(s, filledView, done);
    else fulfillReadIntoRequest(s, filledView, done);
  }
  function byteControllerConvertPullIntoDescriptor(pid) {
    const buffer = transferBuffer(pid.buffer);
    return new pid.viewConstructor(buffer, pid.byteOffset, pid.bytesFilled / pid.elementSize);
  }
  function byteControllerEnqueue(c, chunk, info) {
    const s = c.stream;
    if (c.closeRequested || s.state !== 'readable') return;
    const buffer = info[0], byteOffset = info[1], byteLength = info[2];
    if (isDetached(buffer)) throw typeError("The chunk's buffer has been detached");
    const transferredBuffer = transferBuffer(buffer);
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      if (isDetached(first.buffer)) throw typeError("The BYOB request's buffer has been detached");
      byteControllerInvalidateBYOBRequest(c);
      first.buffer = transferBuffer(first.buffer);
      if (first.readerType === 'none') byteControllerEnqueueDetachedPullIntoToQueue(c, first);
    }
    if (hasDefaultReader(s)) {
      byteControllerProcessReadRequestsUsingQueue(c);
      if (numReadRequests(s) === 0) {
        byteControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
      } else {
        if (c.pendingPullIntos.length > 0) byteControllerShiftPendingPullInto(c);
        fulfillReadRequest(s, new U8(transferredBuffer, byteOffset, byteLength), false);
      }
    } else if (hasBYOBReader(s)) {
      byteControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
      const filled = byteControllerProcessPullIntoDescriptorsUsingQueue(c);
      for (let i = 0; i < filled.length; i++) byteControllerCommitPullIntoDescriptor(s, filled[i]);
    } else {
      byteControllerEnqueueChunkToQueue(c, transferredBuffer, byteOffset, byteLength);
    }
    byteControllerCallPullIfNeeded(c);
  }
  function byteControllerEnqueueChunkToQueue(c, buffer, byteOffset, byteLength) {
    ArrayPush(c.queue, { buffer, byteOffset, byteLength });
    c.queueTotalSize += byteLength;
  }
  function byteControllerEnqueueClonedChunkToQueue(c, buffer, byteOffset, byteLength) {
    let clone;
    try { clone = ArrayBufferSlice(buffer, byteOffset, byteOffset + byteLength); } catch (e) {
      byteControllerError(c, e);
      throw e;
    }
    byteControllerEnqueueChunkToQueue(c, clone, 0, byteLength);
  }
  function byteControllerEnqueueDetachedPullIntoToQueue(c, pid) {
    if (pid.bytesFilled > 0) byteControllerEnqueueClonedChunkToQueue(c, pid.buffer, pid.byteOffset, pid.bytesFilled);
    byteControllerShiftPendingPullInto(c);
  }
  function byteControllerError(c, e) {
    const s = c.stream;
    if (s.state !== 'readable') return;
    byteControllerClearPendingPullIntos(c);
    resetQueue(c);
    byteControllerClearAlgorithms(c);
    readableStreamError(s, e);
  }
  function byteControllerFillHeadPullIntoDescriptor(c, size, pid) {
    pid.bytesFilled += size;
  }
  function byteControllerFillPullIntoDescriptorFromQueue(c, pid) {
    const maxBytesToCopy = MathMin(c.queueTotalSize, pid.byteLength - pid.bytesFilled);
    const maxBytesFilled = pid.bytesFilled + maxBytesToCopy;
    let totalBytesToCopyRemaining = maxBytesToCopy;
    let ready = false;
    const remainderBytes = maxBytesFilled % pid.elementSize;
    const maxAlignedBytes = maxBytesFilled - remainderBytes;
    if (maxAlignedBytes >= pid.minimumFill) {
      totalBytesToCopyRemaining = maxAlignedBytes - pid.bytesFilled;
      ready = true;
    }
    const queue = c.queue;
    while (totalBytesToCopyRemaining > 0) {
      const head = queue[0];
      const bytesToCopy = MathMin(totalBytesToCopyRemaining, head.byteLength);
      const destStart = pid.byteOffset + pid.bytesFilled;
      copyBytes(pid.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
      if (head.byteLength === bytesToCopy) ArrayShift(queue);
      else { head.byteOffset += bytesToCopy; head.byteLength -= bytesToCopy; }
      c.queueTotalSize -= bytesToCopy;
      byteControllerFillHeadPullIntoDescriptor(c, bytesToCopy, pid);
      totalBytesToCopyRemaining -= bytesToCopy;
    }
    return ready;
  }
  function byteControllerFillReadRequestFromQueue(c, readRequest) {
    const entry = ArrayShift(c.queue);
    c.queueTotalSize -= entry.byteLength;
    byteControllerHandleQueueDrain(c);
    readRequest.chunk(new U8(entry.buffer, entry.byteOffset, entry.byteLength));
  }
  function byteControllerGetBYOBRequest(c) {
    if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      const view = new U8(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
      const q = { obj: undefined, controller: c, view };
      new ReadableStreamBYOBRequest(TOKEN, q);
      c.byobRequest = q;
    }
    return c.byobRequest;
  }
  function byteControllerGetDesiredSize(c) {
    const state = c.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return c.strategyHWM - c.queueTotalSize;
  }
  function byteControllerHandleQueueDrain(c) {
    if (c.queueTotalSize === 0 && c.closeRequested) {
      byteControllerClearAlgorithms(c);
      readableStreamClose(c.stream);
    } else byteControllerCallPullIfNeeded(c);
  }
  function byteControllerInvalidateBYOBRequest(c) {
    if (c.byobRequest === null) return;
    c.byobRequest.controller = undefined;
    c.byobRequest.view = null;
    c.byobRequest = null;
  }
  function byteControllerProcessPullIntoDescriptorsUsingQueue(c) {
    const filled = [];
    while (c.pendingPullIntos.length > 0) {
      if (c.queueTotalSize === 0) break;
      const pid = c.pendingPullIntos[0];
      if (byteControllerFillPullIntoDescriptorFromQueue(c, pid)) {
        byteControllerShiftPendingPullInto(c);
        ArrayPush(filled, pid);
      }
    }
    return filled;
  }
  function byteControllerProcessReadRequestsUsingQueue(c) {
    const r = c.stream.reader;
    while (r.requests.length > 0) {
      if (c.queueTotalSize === 0) return;
      const readRequest = ArrayShift(r.requests);
      byteControllerFillReadRequestFromQueue(c, readRequest);
    }
  }
  function byteControllerPullInto(c, view, info, min, readIntoRequest) {
    const s = c.stream;
    const elementSize = info[3], ctor = info[4];
    const minimumFill = min * elementSize;
    const byteOffset = info[1], byteLength = info[2];
    let buffer;
    try { buffer = transferBuffer(info[0]); } catch (e) { readIntoRequest.error(e); return; }
    const pid = {
      buffer, bufferByteLength: bufferByteLength(buffer), byteOffset, byteLength, bytesFilled: 0, minimumFill,
      elementSize, viewConstructor: ctor, readerType: 'byob',
    };
    if (c.pendingPullIntos.length > 0) {
      ArrayPush(c.pendingPullIntos, pid);
      ArrayPush(s.reader.requests, readIntoRequest);
      return;
    }
    if (s.state === 'closed') {
      readIntoRequest.close(new ctor(pid.buffer, pid.byteOffset, 0));
      return;
    }
    if (c.queueTotalSize > 0) {
      if (byteControllerFillPullIntoDescriptorFromQueue(c, pid)) {
        const filledView = byteControllerConvertPullIntoDescriptor(pid);
        byteControllerHandleQueueDrain(c);
        readIntoRequest.chunk(filledView);
        return;
      }
      if (c.closeRequested) {
        const e = typeError('Insufficient bytes to fill elements in the given buffer');
        byteControllerError(c, e);
        readIntoRequest.error(e);
        return;
      }
    }
    ArrayPush(c.pendingPullIntos, pid);
    ArrayPush(s.reader.requests, readIntoRequest);
    byteControllerCallPullIfNeeded(c);
  }
  function byteControllerRespond(c, bytesWritten) {
    const first = c.pendingPullIntos[0];
    const state = c.stream.state;
    if (state === 'closed') {
      if (bytesWritten !== 0) throw typeError('bytesWritten must be 0 when calling respond() on a closed stream');
    } else {
      if (bytesWritten === 0) throw typeError('bytesWritten must be greater than 0 when calling respond() on a readable stream');
      if (first.bytesFilled + bytesWritten > first.byteLength) throw new RangeErrorCtor('bytesWritten out of range');
    }
    first.buffer = transferBuffer(first.buffer);
    byteControllerRespondInternal(c, bytesWritten);
  }
  function byteControllerRespondInClosedState(c, first) {
    if (first.readerType === 'none') byteControllerShiftPendingPullInto(c);
    const s = c.stream;
    if (hasBYOBReader(s)) {
      const filled = [];
      while (filled.length < numReadRequests(s)) ArrayPush(filled, byteControllerShiftPendingPullInto(c));
      for (let i = 0; i < filled.length; i++) byteControllerCommitPullIntoDescriptor(s, filled[i]);
    }
  }
  function byteControllerRespondInReadableState(c, bytesWritten, pid) {
    byteControllerFillHeadPullIntoDescriptor(c, bytesWritten, pid);
    if (pid.readerType === 'none') {
      byteControllerEnqueueDetachedPullIntoToQueue(c, pid);
      const filled = byteControllerProcessPullIntoDescriptorsUsingQueue(c);
      for (let i = 0; i < filled.length; i++) byteControllerCommitPullIntoDescriptor(c.stream, filled[i]);
      return;
    }
    if (pid.bytesFilled < pid.minimumFill) return;
    byteControllerShiftPendingPullInto(c);
    const remainderSize = pid.bytesFilled % pid.elementSize;
    if (remainderSize > 0) {
      const end = pid.byteOffset + pid.bytesFilled;
      byteControllerEnqueueClonedChunkToQueue(c, pid.buffer, end - remainderSize, remainderSize);
    }
    pid.bytesFilled -= remainderSize;
    const filled = byteControllerProcessPullIntoDescriptorsUsingQueue(c);
    byteControllerCommitPullIntoDescriptor(c.stream, pid);
    for (let i = 0; i < filled.length; i++) byteControllerCommitPullIntoDescriptor(c.stream, filled[i]);
  }
  function byteControllerRespondInternal(c, bytesWritten) {
    const first = c.pendingPullIntos[0];
    byteControllerInvalidateBYOBRequest(c);
    if (c.stream.state === 'closed') byteControllerRespondInClosedState(c, first);
    else byteControllerRespondInReadableState(c, bytesWritten, first);
    byteControllerCallPullIfNeeded(c);
  }
  function byteControllerRespondWithNewView(c, info) {
    const first = c.pendingPullIntos[0];
    const state = c.stream.state;
    const viewByteLength = info[2];
    if (state === 'closed') {
      if (viewByteLength !== 0) throw typeError("The view's length must be 0 when calling respondWithNewView() on a closed stream");
    } else if (viewByteLength === 0) {
      throw typeError("The view's length must be greater than 0 when calling respondWithNewView() on a readable stream");
    }
    if (first.byteOffset + first.bytesFilled !== info[1]) throw new RangeErrorCtor('The region specified by view does not match byobRequest');
    if (first.bufferByteLength !== bufferByteLength(info[0])) throw new RangeErrorCtor('The buffer of view has different capacity than byobRequest');
    if (first.bytesFilled + viewByteLength > first.byteLength) throw new RangeErrorCtor('The region specified by view is larger than byobRequest');
    first.buffer = transferBuffer(info[0]);
    byteControllerRespondInternal(c, viewByteLength);
  }
  function byteControllerShiftPendingPullInto(c) {
    return ArrayShift(c.pendingPullIntos);
  }
  function setUpByteController(s, c, start, pull, cancel, hwm, autoAllocateChunkSize) {
    c.stream = s;
    c.pullAgain = c.pulling = false;
    c.byobRequest = null;
    resetQueue(c);
    c.closeRequested = c.started = false;
    c.strategyHWM = hwm;
    c.pullAlgorithm = pull;
    c.cancelAlgorithm = cancel;
    c.autoAllocateChunkSize = autoAllocateChunkSize;
    c.pendingPullIntos = [];
    s.controller = c;
    if (c.obj === undefined) new ReadableByteStreamController(TOKEN, c);
    const startResult = start();
    upon(promiseResolve(startResult), () => {
      c.started = true;
      byteControllerCallPullIfNeeded(c);
    }, (r) => byteControllerError(c, r));
  }
  function setUpByteControllerFromSource(s, source, start, pull, cancel, autoAllocateChunkSize, hwm) {
    const c = newByteControllerRecord();
    const controller = new ReadableByteStreamController(TOKEN, c);
    const startAlgorithm = start === undefined ? noop : () => ReflectApply(start, source, [controller]);
    const pullAlgorithm = pull === undefined ? resolvedUndefined : () => promiseCall(pull, source, [controller]);
    const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, source, [reason]);
    if (autoAllocateChunkSize === 0) throw typeError('autoAllocateChunkSize must be greater than 0');
    setUpByteController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, autoAllocateChunkSize);
  }

  // ---- Tee ---------------------------------------------------------------------------------------
  function readableStreamTee(s, cloneForBranch2) {
    return s.controller.byte ? readableByteStreamTee(s) : readableStreamDefaultTee(s, cloneForBranch2);
  }
  function readableStreamDefaultTee(s) {
    const reader = acquireDefaultReader(s);
    let reading = false, readAgain = false, canceled1 = false, canceled2 = false;
    let reason1, reason2, branch1, branch2;
    const cancelPromise = deferred();
    const pullAlgorithm = () => {
      if (reading) { readAgain = true; return resolvedUndefined(); }
      reading = true;
      readerRead(reader, {
        chunk: (chunk) => {
          queueMicrotask(() => {
            readAgain = false;
            if (!canceled1) defaultControllerEnqueue(branch1.controller, chunk);
            if (!canceled2) defaultControllerEnqueue(branch2.controller, chunk);
            reading = false;
            if (readAgain) pullAlgorithm();
          });
        },
        close: () => {
          reading = false;
          if (!canceled1) defaultControllerClose(branch1.controller);
          if (!canceled2) defaultControllerClose(branch2.controller);
          if (!canceled1 || !canceled2) resolveD(cancelPromise, undefined);
        },
        error: () => { reading = false; },
      });
      return resolvedUndefined();
    };
    const cancel1Algorithm = (reason) => {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) resolveD(cancelPromise, readableStreamCancel(s, [reason1, reason2]));
      return cancelPromise.promise;
    };
    const cancel2Algorithm = (reason) => {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) resolveD(cancelPromise, readableStreamCancel(s, [reason1, reason2]));
      return cancelPromise.promise;
    };
    branch1 = createReadableStream(noop, pullAlgorithm, cancel1Algorithm, 1, () => 1);
    branch2 = createReadableStream(noop, pullAlgorithm, cancel2Algorithm, 1, () => 1);
    upon(reader.closed.promise, undefined, (r) => {
      defaultControllerError(branch1.controller, r);
      defaultControllerError(branch2.controller, r);
      if (!canceled1 || !canceled2) resolveD(cancelPromise, undefined);
    });
    return [branch1, branch2];
  }
  function cloneAsUint8Array(view) {
    const info = viewInfo(view);
    return new U8(ArrayBufferSlice(info[0], info[1], info[1] + info[2]));
  }
  function readableByteStreamTee(s) {
    let reader = acquireDefaultReader(s);
    let reading = false, readAgainForBranch1 = false, readAgainForBranch2 = false;
    let canceled1 = false, canceled2 = false, reason1, reason2, branch1, branch2;
    const cancelPromise = deferred();
    const forwardReaderError = (thisReader) => {
      upon(thisReader.closed.promise, undefined, (r) => {
        if (thisReader !== reader) return;
        byteControllerError(branch1.controller, r);
        byteControllerError(branch2.controller, r);
        if (!canceled1 || !canceled2) resolveD(cancelPromise, undefined);
      });
    };
    const pullWithDefaultReader = () => {
      if (reader.byob) {
        byobReaderRelease(reader);
        reader = acquireDefaultReader(s);
        forwardReaderError(reader);
      }
      readerRead(reader, {
        chunk: (chunk) => {
          queueMicrotask(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            let chunk1 = chunk, chunk2 = chunk;
            if (!canceled1 && !canceled2) {
              try { chunk2 = cloneAsUint8Array(chunk); } catch (e) {
                byteControllerError(branch1.controller, e);
                byteControllerError(branch2.controller, e);
                resolveD(cancelPromise, readableStreamCancel(s, e));
                return;
              }
            }
            if (!canceled1) byteControllerEnqueue(branch1.controller, chunk1, viewInfo(chunk1));
            if (!canceled2) byteControllerEnqueue(branch2.controller, chunk2, viewInfo(chunk2));
            reading = false;
            if (readAgainForBranch1) pull1Algorithm();
            else if (readAgainForBranch2) pull2Algorithm();
          });
        },
        close: () => {
          reading = false;
          if (!canceled1) byteControllerClose(branch1.controller);
          if (!canceled2) byteControllerClose(branch2.controller);
          if (branch1.controller.pendingPullIntos.length > 0) byteControllerRespond(branch1.controller, 0);
          if (branch2.controller.pendingPullIntos.length > 0) byteControllerRespond(branch2.controller, 0);
          if (!canceled1 || !canceled2) resolveD(cancelPromise, undefined);
        },
        error: () => { reading = false; },
      });
    };
    const pullWithBYOBReader = (view, forBranch2) => {
      if (!reader.byob) {
        defaultReaderRelease(reader);
        reader = acquireBYOBReader(s);
        forwardReaderError(reader);
      }
      const byobBranch = forBranch2 ? branch2 : branch1;
      const otherBranch = forBranch2 ? branch1 : branch2;
      byobReaderRead(reader, view, viewInfo(view), 1, {
        chunk: (chunk) => {
          queueMicrotask(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            const byobCanceled = forBranch2 ? canceled2 : canceled1;
            const otherCanceled = forBranch2 ? canceled1 : canceled2;
            if (!otherCanceled) {
              let clonedChunk;
              try { clonedChunk = cloneAsUint8Array(chunk); } catch (e) {
                byteControllerError(byobBranch.controller, e);
                byteControllerError(otherBranch.controller, e);
                resolveD(cancelPromise, readableStreamCancel(s, e));
                return;
              }
              if (!byobCanceled) byteControllerRespondWithNewView(byobBranch.controller, viewInfo(chunk));
              byteControllerEnqueue(otherBranch.controller, clonedChunk, viewInfo(clonedChunk));
            } else if (!byobCanceled) {
              byteControllerRespondWithNewView(byobBranch.controller, viewInfo(chunk));
            }
            reading = false;
            if (readAgainForBranch1) pull1Algorithm();
            else if (readAgainForBranch2) pull2Algorithm();
          });
        },
        close: (chunk) => {
          reading = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!byobCanceled) byteControllerClose(byobBranch.controller);
          if (!otherCanceled) byteControllerClose(otherBranch.controller);
          if (chunk !== undefined) {
            if (!byobCanceled) byteControllerRespondWithNewView(byobBranch.controller, viewInfo(chunk));
            if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) {
              byteControllerRespond(otherBranch.controller, 0);
            }
          }
          if (!byobCanceled || !otherCanceled) resolveD(cancelPromise, undefined);
        },
        error: () => { reading = false; },
      });
    };
    const pull1Algorithm = () => {
      if (reading) { readAgainForBranch1 = true; return resolvedUndefined(); }
      reading = true;
      const byobRequest = byteControllerGetBYOBRequest(branch1.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest.view, false);
      return resolvedUndefined();
    };
    const pull2Algorithm = () => {
      if (reading) { readAgainForBranch2 = true; return resolvedUndefined(); }
      reading = true;
      const byobRequest = byteControllerGetBYOBRequest(branch2.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest.view, true);
      return resolvedUndefined();
    };
    const cancel1Algorithm = (reason) => {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) resolveD(cancelPromise, readableStreamCancel(s, [reason1, reason2]));
      return cancelPromise.promise;
    };
    const cancel2Algorithm = (reason) => {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) resolveD(cancelPromise, readableStreamCancel(s, [reason1, reason2]));
      return cancelPromise.promise;
    };
    branch1 = createReadableByteStream(noop, pull1Algorithm, cancel1Algorithm);
    branch2 = createReadableByteStream(noop, pull2Algorithm, cancel2Algorithm);
    forwardReaderError(reader);
    return [branch1, branch2];
  }

  // ---- pipeTo ------------------------------------------------------------------------------------
  function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const reader = acquireDefaultReader(source);
    const writer = acquireWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    let currentWrite = resolvedUndefined();
    const promise = deferred();

    const waitForWritesToFinish = () => {
      const oldCurrentWrite = currentWrite;
      return transformP(currentWrite, () => (oldCurrentWrite !== currentWrite ? waitForWritesToFinish() : undefined));
    };
    const finalize = (isError, error) => {
      writerRelease(writer);
      defaultReaderRelease(reader);
      if (isError) rejectD(promise, error);
      else resolveD(promise, undefined);
    };
    const shutdownWithAction = (action, originalIsError, originalError) => {
      if (shuttingDown) return;
      shuttingDown = true;
      const doTheRest = () => {
        upon(action(), () => finalize(originalIsError, originalError), (newError) => finalize(true, newError));
      };
      if (dest.state === 'writable' && !writableCloseQueuedOrInFlight(dest)) upon(waitForWritesToFinish(), doTheRest);
      else doTheRest();
    };
    const shutdown = (isError, error) => {
      if (shuttingDown) return;
      shuttingDown = true;
      if (dest.state === 'writable' && !writableCloseQueuedOrInFlight(dest)) {
        upon(waitForWritesToFinish(), () => finalize(isError, error));
      } else finalize(isError, error);
    };

    if (signal !== undefined) {
      const abortAlgorithm = () => {
        const error = signalReason(signal);
        const actions = [];
        if (!preventAbort) {
          ArrayPush(actions, () => (dest.state === 'writable' ? writableStreamAbort(dest, error) : resolvedUndefined()));
        }
        if (!preventCancel) {
          ArrayPush(actions, () => (source.state === 'readable' ? readableStreamCancel(source, error) : resolvedUndefined()));
        }
        shutdownWithAction(() => waitForAll(actions), true, error);
      };
      if (signalAborted(signal)) {
        abortAlgorithm();
        return promise.promise;
      }
      addAbortAlgorithm(signal, abortAlgorithm);
    }

    const pipeStep = () => {
      if (shuttingDown) return promiseResolve(true);
      return transformP(writer.ready.promise, () => {
        const d = deferred();
        readerRead(reader, {
          chunk: (chunk) => {
            currentWrite = transformP(writerWrite(writer, chunk), undefined, noop);
            resolveD(d, false);
          },
          close: () => resolveD(d, true),
          error: (e) => rejectD(d, e),
        });
        return d.promise;
      });
    };
    const pipeLoop = () => {
      const d = deferred();
      const next = (done) => {
        if (done) resolveD(d, undefined);
        else upon(pipeStep(), next, (e) => rejectD(d, e));
      };
      next(false);
      return d.promise;
    };

    // Errors must be propagated forward.
    if (source.state === 'errored') {
      sourceErrored(source.storedError);
    } else upon(reader.closed.promise, undefined, (e) => sourceErrored(e));
    function sourceErrored(storedError) {
      if (!preventAbort) shutdownWithAction(() => writableStreamAbort(dest, storedError), true, storedError);
      else shutdown(true, storedError);
    }
    // Errors must be propagated backward.
    if (dest.state === 'errored') {
      destErrored(dest.storedError);
    } else upon(writer.closed.promise, undefined, (e) => destErrored(e));
    function destErrored(storedError) {
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, storedError), true, storedError);
      else shutdown(true, storedError);
    }
    // Closing must be propagated forward.
    const sourceClosed = () => {
      if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer));
      else shutdown();
    };
    if (source.state === 'closed') sourceClosed();
    else upon(reader.closed.promise, sourceClosed);
    // Closing must be propagated backward.
    if (writableCloseQueuedOrInFlight(dest) || dest.state === 'closed') {
      const destClosed = typeError('The destination writable stream closed before all data could be piped to it');
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
      else shutdown(true, destClosed);
    }
    setHandled(pipeLoop());
    return promise.promise;
  }
  function waitForAll(actions) {
    const promises = [];
    for (let i = 0; i < actions.length; i++) ArrayPush(promises, actions[i]());
    const d = deferred();
    let remaining = promises.length;
    if (remaining === 0) { resolveD(d, undefined); return d.promise; }
    for (let i = 0; i < promises.length; i++) {
      upon(promises[i], () => { if (--remaining === 0) resolveD(d, undefined); }, (e) => rejectD(d, e));
    }
    return d.promise;
  }

  // =================================================================================================
  // WritableStream
  // =================================================================================================
  let wsOf, writerOf, wsControllerOf;
  function newWritableRecord() {
    return {
      obj: undefined, backpressure: false, closeRequest: undefined, controller: undefined,
      inFlightWriteRequest: undefined, inFlightCloseRequest: undefined, pendingAbortRequest: undefined,
      state: 'writable', storedError: undefined, writer: undefined, writeRequests: [],
    };
  }
  class WritableStream {
    #s;
    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === TOKEN) { this.#s = strategy; strategy.obj = this; return; }
      const sink = toObjectArg(underlyingSink, "Failed to construct 'WritableStream': underlyingSink");
      const qs = strategyArg(strategy, "Failed to construct 'WritableStream': strategy");
      const what = "Failed to construct 'WritableStream'";
      const abort = getCallback(sink, 'abort', what);
      const close = getCallback(sink, 'close', what);
      const start = getCallback(sink, 'start', what);
      const type = sink === null ? undefined : sink.type;
      const write = getCallback(sink, 'write', what);
      if (type !== undefined) throw new RangeErrorCtor('Invalid type is specified');
      const s = newWritableRecord();
      this.#s = s;
      s.obj = this;
      const size = extractSizeAlgorithm(qs);
      const hwm = extractHighWaterMark(qs, 1);
      setUpWritableControllerFromSink(s, sink, start, write, close, abort, hwm, size);
    }
    get locked() {
      const s = wsOf(this);
      if (s === undefined) throw illegal();
      return isWritableLocked(s);
    }
    abort(reason = undefined) {
      const s = wsOf(this);
      if (s === undefined) return promiseReject(illegal());
      if (isWritableLocked(s)) return promiseReject(typeError('Cannot abort a stream that is locked to a writer'));
      return writableStreamAbort(s, reason);
    }
    close() {
      const s = wsOf(this);
      if (s === undefined) return promiseReject(illegal());
      if (isWritableLocked(s)) return promiseReject(typeError('Cannot close a stream that is locked to a writer'));
      if (writableCloseQueuedOrInFlight(s)) return promiseReject(typeError('The stream is already closing'));
      return writableStreamClose(s);
    }
    getWriter() {
      const s = wsOf(this);
      if (s === undefined) throw illegal();
      return acquireWriter(s).obj;
    }
    static {
      wsOf = (o) => (isObject(o) && #s in o ? o.#s : undefined);
    }
  }
  webidl(WritableStream, 'WritableStream', false);

  const isWritableLocked = (s) => s.writer !== undefined;
  function acquireWriter(s) {
    const w = newWriterRecord();
    setUpWriter(w, s);
    new WritableStreamDefaultWriter(TOKEN, w);
    return w;
  }
  function newWriterRecord() {
    return { obj: undefined, stream: undefined, closed: undefined, ready: undefined };
  }
  function createWritableStream(start, write, close, abort, hwm, size) {
    const s = newWritableRecord();
    new WritableStream(TOKEN, s);
    const c = newWritableControllerRecord();
    setUpWritableController(s, c, start, write, close, abort, hwm, size);
    return s;
  }
  function writableStreamAbort(s, reason) {
    if (s.state === 'closed' || s.state === 'errored') return resolvedUndefined();
    AbortControllerAbort(s.controller.abortController, reason);
    const state = s.state;
    if (state === 'closed' || state === 'errored') return resolvedUndefined();
    if (s.pendingAbortRequest !== undefined) return s.pendingAbortRequest.promise.promise;
    let wasAlreadyErroring = false;
    if (state === 'erroring') { wasAlreadyErroring = true; reason = undefined; }
    const d = deferred();
    s.pendingAbortRequest = { promise: d, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) writableStartErroring(s, reason);
    return d.promise;
  }
  function writableStreamClose(s) {
    const state = s.state;
    if (state === 'closed' || state === 'errored') {
      return promiseReject(typeError('The stream is not in the writable state and cannot be closed'));
    }
    const d = deferred();
    s.closeRequest = d;
    const w = s.writer;
    if (w !== undefined && s.backpressure && state === 'writable') resolveD(w.ready, undefined);
    writableControllerClose(s.controller);
    return d.promise;
  }
  function writableAddWriteRequest(s) {
    const d = deferred();
    ArrayPush(s.writeRequests, d);
    return d.promise;
  }
  const writableCloseQueuedOrInFlight = (s) => s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
  function writableDealWithRejection(s, error) {
    if (s.state === 'writable') { writableStartErroring(s, error); return; }
    writableFinishErroring(s);
  }
  function writableFinishErroring(s) {
    s.state = 'errored';
    resetQueue(s.controller); // [[ErrorSteps]]
    const storedError = s.storedError;
    const requests = s.writeRequests;
    for (let i = 0; i < requests.length; i++) rejectD(requests[i], storedError);
    s.writeRequests = [];
    if (s.pendingAbortRequest === undefined) { writableRejectCloseAndClosedPromiseIfNeeded(s); return; }
    const abortRequest = s.pendingAbortRequest;
    s.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      rejectD(abortRequest.promise, storedError);
      writableRejectCloseAndClosedPromiseIfNeeded(s);
      return;
    }
    const c = s.controller;
    const promise = c.abortAlgorithm(abortRequest.reason);
    writableControllerClearAlgorithms(c);
    upon(promise, () => {
      resolveD(abortRequest.promise, undefined);
      writableRejectCloseAndClosedPromiseIfNeeded(s);
    }, (reason) => {
      rejectD(abortRequest.promise, reason);
      writableRejectCloseAndClosedPromiseIfNeeded(s);
    });
  }
  function writableFinishInFlightClose(s) {
    resolveD(s.inFlightCloseRequest, undefined);
    s.inFlightCloseRequest = undefined;
    if (s.state === 'erroring') {
      s.storedError = undefined;
      if (s.pendingAbortRequest !== undefined) {
        resolveD(s.pendingAbortRequest.promise, undefined);
        s.pendingAbortRequest = undefined;
      }
    }
    s.state = 'closed';
    const w = s.writer;
    if (w !== undefined) resolveD(w.closed, undefined);
  }
  function writableFinishInFlightCloseWithError(s, error) {
    rejectD(s.inFlightCloseRequest, error);
    s.inFlightCloseRequest = undefined;
    if (s.pendingAbortRequest !== undefined) {
      rejectD(s.pendingAbortRequest.promise, error);
      s.pendingAbortRequest = undefined;
    }
    writableDealWithRejection(s, error);
  }
  function writableFinishInFlightWrite(s) {
    resolveD(s.inFlightWriteRequest, undefined);
    s.inFlightWriteRequest = undefined;
  }
  function writableFinishInFlightWriteWithError(s, error) {
    rejectD(s.inFlightWriteRequest, error);
    s.inFlightWriteRequest = undefined;
    writableDealWithRejection(s, error);
  }
  const writableHasOperationMarkedInFlight = (s) => s.inFlightWriteRequest !== undefined || s.inFlightCloseRequest !== undefined;
  function writableRejectCloseAndClosedPromiseIfNeeded(s) {
    if (s.closeRequest !== undefined) {
      rejectD(s.closeRequest, s.storedError);
      s.closeRequest = undefined;
    }
    const w = s.writer;
    if (w !== undefined) {
      rejectD(w.closed, s.storedError);
      setHandled(w.closed.promise);
    }
  }
  function writableStartErroring(s, reason) {
    const c = s.controller;
    s.state = 'erroring';
    s.storedError = reason;
    const w = s.writer;
    if (w !== undefined) writerEnsureReadyPromiseRejected(w, reason);
    if (!writableHasOperationMarkedInFlight(s) && c.started) writableFinishErroring(s);
  }
  function writableUpdateBackpressure(s, backpressure) {
    const w = s.writer;
    if (w !== undefined && backpressure !== s.backpressure) {
      if (backpressure) w.ready = deferred();
      else resolveD(w.ready, undefined);
    }
    s.backpressure = backpressure;
  }

  // ---- WritableStreamDefaultWriter ---------------------------------------------------------------
  class WritableStreamDefaultWriter {
    #w;
    constructor(stream, record = undefined) {
      if (stream === TOKEN) { this.#w = record; record.obj = this; return; }
      if (arguments.length < 1) throw typeError("Failed to construct 'WritableStreamDefaultWriter': 1 argument required");
      const s = wsOf(stream);
      if (s === undefined) throw typeError("Failed to construct 'WritableStreamDefaultWriter': not a WritableStream");
      const w = newWriterRecord();
      setUpWriter(w, s);
      this.#w = w;
      w.obj = this;
    }
    get closed() {
      const w = writerOf(this);
      if (w === undefined) return promiseReject(illegal());
      return w.closed.promise;
    }
    get desiredSize() {
      const w = writerOf(this);
      if (w === undefined) throw illegal();
      if (w.stream === undefined) throw typeError('The writer has been released');
      return writerGetDesiredSize(w);
    }
    get ready() {
      const w = writerOf(this);
      if (w === undefined) return promiseReject(illegal());
      return w.ready.promise;
    }
    abort(reason = undefined) {
      const w = writerOf(this);
      if (w === undefined) return promiseReject(illegal());
      if (w.stream === undefined) return promiseReject(typeError('The writer has been released'));
      return writableStreamAbort(w.stream, reason);
    }
    close() {
      const w = writerOf(this);
      if (w === undefined) return promiseReject(illegal());
      const s = w.stream;
      if (s === undefined) return promiseReject(typeError('The writer has been released'));
      if (writableCloseQueuedOrInFlight(s)) return promiseReject(typeError('The stream is already closing'));
      return writableStreamClose(s);
    }
    releaseLock() {
      const w = writerOf(this);
      if (w === undefined) throw illegal();
      if (w.stream === undefined) return;
      writerRelease(w);
    }
    write(chunk = undefined) {
      const w = writerOf(this);
      if (w === undefined) return promiseReject(illegal());
      if (w.stream === undefined) return promiseReject(typeError('The writer has been released'));
      return writerWrite(w, chunk);
    }
    static {
      writerOf = (o) => (isObject(o) && #w in o ? o.#w : undefined);
    }
  }
  webidl(WritableStreamDefaultWriter, 'WritableStreamDefaultWriter', false);

  function setUpWriter(w, s) {
    if (isWritableLocked(s)) throw typeError('The stream is already locked to a writer');
    w.stream = s;
    s.writer = w;
    const state = s.state;
    if (state === 'writable') {
      w.ready = !writableCloseQueuedOrInFlight(s) && s.backpressure ? deferred() : resolvedD(undefined);
      w.closed = deferred();
    } else if (state === 'erroring') {
      w.ready = rejectedD(s.storedError);
      setHandled(w.ready.promise);
      w.closed = deferred();
    } else if (state === 'closed') {
      w.ready = resolvedD(undefined);
      w.closed = resolvedD(undefined);
    } else {
      w.ready = rejectedD(s.storedError);
      setHandled(w.ready.promise);
      w.closed = rejectedD(s.storedError);
      setHandled(w.closed.promise);
    }
  }
  function writerCloseWithErrorPropagation(w) {
    const s = w.stream;
    const state = s.state;
    if (writableCloseQueuedOrInFlight(s) || state === 'closed') return resolvedUndefined();
    if (state === 'errored') return promiseReject(s.storedError);
    return writableStreamClose(s);
  }
  function writerEnsureClosedPromiseRejected(w, error) {
    if (w.closed.state === 0) rejectD(w.closed, error);
    else w.closed = rejectedD(error);
    setHandled(w.closed.promise);
  }
  function writerEnsureReadyPromiseRejected(w, error) {
    if (w.ready.state === 0) rejectD(w.ready, error);
    else w.ready = rejectedD(error);
    setHandled(w.ready.promise);
  }
  function writerGetDesiredSize(w) {
    const s = w.stream;
    const state = s.state;
    if (state === 'errored' || state === 'erroring') return null;
    if (state === 'closed') return 0;
    return writableControllerGetDesiredSize(s.controller);
  }
  function writerRelease(w) {
    const s = w.stream;
    const releasedError = typeError('The writer was released');
    writerEnsureReadyPromiseRejected(w, releasedError);
    writerEnsureClosedPromiseRejected(w, releasedError);
    s.writer = undefined;
    w.stream = undefined;
  }
  function writerWrite(w, chunk) {
    const s = w.stream;
    const c = s.controller;
    const chunkSize = writableControllerGetChunkSize(c, chunk);
    if (s !== w.stream) return promiseReject(typeError('The writer was released'));
    const state = s.state;
    if (state === 'errored') return promiseReject(s.storedError);
    if (writableCloseQueuedOrInFlight(s) || state === 'closed') {
      return promiseReject(typeError('The stream is closing or closed and cannot be written to'));
    }
    if (state === 'erroring') return promiseReject(s.storedError);
    const promise = writableAddWriteRequest(s);
    writableControllerWrite(c, chunk, chunkSize);
    return promise;
  }

  // ---- WritableStreamDefaultController -----------------------------------------------------------
  const CLOSE_SENTINEL = freeze({ __proto__: null });
  function newWritableControllerRecord() {
    return {
      obj: undefined, abortAlgorithm: undefined, abortController: undefined, closeAlgorithm: undefined,
      queue: [], queueTotalSize: 0, started: false, strategyHWM: 0, strategySizeAlgorithm: undefined,
      stream: undefined, writeAlgorithm: undefined,
    };
  }
  class WritableStreamDefaultController {
    #c;
    constructor(token = undefined, c = undefined) {
      if (token !== TOKEN) throw illegalConstructor();
      this.#c = c;
      c.obj = this;
    }
    get signal() {
      const c = wsControllerOf(this);
      if (c === undefined) throw illegal();
      return AbortControllerSignal(c.abortController);
    }
    error(e = undefined) {
      const c = wsControllerOf(this);
      if (c === undefined) throw illegal();
      if (c.stream.state !== 'writable') return;
      writableControllerError(c, e);
    }
    static {
      wsControllerOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
    }
  }
  webidl(WritableStreamDefaultController, 'WritableStreamDefaultController', false);

  function setUpWritableController(s, c, start, write, close, abort, hwm, size) {
    c.stream = s;
    s.controller = c;
    if (c.obj === undefined) new WritableStreamDefaultController(TOKEN, c);
    resetQueue(c);
    c.abortController = new AbortControllerCtor();
    c.started = false;
    c.strategySizeAlgorithm = size;
    c.strategyHWM = hwm;
    c.writeAlgorithm = write;
    c.closeAlgorithm = close;
    c.abortAlgorithm = abort;
    writableUpdateBackpressure(s, writableControllerGetBackpressure(c));
    const startResult = start();
    upon(promiseResolve(startResult), () => {
      c.started = true;
      writableControllerAdvanceQueueIfNeeded(c);
    }, (r) => {
      c.started = true;
      writableDealWithRejection(s, r);
    });
  }
  function setUpWritableControllerFromSink(s, sink, start, write, close, abort, hwm, size) {
    const c = newWritableControllerRecord();
    const controller = new WritableStreamDefaultController(TOKEN, c);
    const startAlgorithm = start === undefined ? noop : () => ReflectApply(start, sink, [controller]);
    const writeAlgorithm = write === undefined ? resolvedUndefined : (chunk) => promiseCall(write, sink, [chunk, controller]);
    const closeAlgorithm = close === undefined ? resolvedUndefined : () => promiseCall(close, sink, []);
    const abortAlgorithm = abort === undefined ? resolvedUndefined : (reason) => promiseCall(abort, sink, [reason]);
    setUpWritableController(s, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, size);
  }
  function writableControllerAdvanceQueueIfNeeded(c) {
    const s = c.stream;
    if (!c.started) return;
    if (s.inFlightWriteRequest !== undefined) return;
    if (s.state === 'erroring') { writableFinishErroring(s); return; }
    if (c.queue.length === 0) return;
    const value = peekQueueValue(c);
    if (value === CLOSE_SENTINEL) writableControllerProcessClose(c);
    else writableControllerProcessWrite(c, value);
  }
  function writableControllerClearAlgorithms(c) {
    c.writeAlgorithm = undefined;
    c.closeAlgorithm = undefined;
    c.abortAlgorithm = undefined;
    c.strategySizeAlgorithm = undefined;
  }
  function writableControllerClose(c) {
    enqueueValueWithSize(c, CLOSE_SENTINEL, 0);
    writableControllerAdvanceQueueIfNeeded(c);
  }
  function writableControllerError(c, error) {
    writableControllerClearAlgorithms(c);
    writableStartErroring(c.stream, error);
  }
  function writableControllerErrorIfNeeded(c, error) {
    if (c.stream.state === 'writable') writableControllerError(c, error);
  }
  const writableControllerGetBackpressure = (c) => writableControllerGetDesiredSize(c) <= 0;
  function writableControllerGetChunkSize(c, chunk) {
    if (c.strategySizeAlgorithm === undefined) return 1;
    try { return c.strategySizeAlgorithm(chunk); } catch (e) {
      writableControllerErrorIfNeeded(c, e);
      return 1;
    }
  }
  const writableControllerGetDesiredSize = (c) => c.strategyHWM - c.queueTotalSize;
  function writableControllerProcessClose(c) {
    const s = c.stream;
    s.inFlightCloseRequest = s.closeRequest;
    s.closeRequest = undefined;
    dequeueValue(c);
    const sinkClosePromise = c.closeAlgorithm();
    writableControllerClearAlgorithms(c);
    upon(sinkClosePromise, () => writableFinishInFlightClose(s), (r) => writableFinishInFlightCloseWithError(s, r));
  }
  function writableControllerProcessWrite(c, chunk) {
    const s = c.stream;
    s.inFlightWriteRequest = ArrayShift(s.writeRequests);
    const sinkWritePromise = c.writeAlgorithm(chunk);
    upon(sinkWritePromise, () => {
      writableFinishInFlightWrite(s);
      dequeueValue(c);
      if (!writableCloseQueuedOrInFlight(s) && s.state === 'writable') {
        writableUpdateBackpressure(s, writableControllerGetBackpressure(c));
      }
      writableControllerAdvanceQueueIfNeeded(c);
    }, (reason) => {
      if (s.state === 'writable') writableControllerClearAlgorithms(c);
      writableFinishInFlightWriteWithError(s, reason);
    });
  }
  function writableControllerWrite(c, chunk, chunkSize) {
    try { enqueueValueWithSize(c, chunk, chunkSize); } catch (e) {
      writableControllerErrorIfNeeded(c, e);
      return;
    }
    const s = c.stream;
    if (!writableCloseQueuedOrInFlight(s) && s.state === 'writable') {
      writableUpdateBackpressure(s, writableControllerGetBackpressure(c));
    }
    writableControllerAdvanceQueueIfNeeded(c);
  }

  // =================================================================================================
  // TransformStream
  // =================================================================================================
  let tsOf, tsControllerOf;
  function newTransformRecord() {
    return {
      obj: undefined, backpressure: undefined, backpressureChangePromise: undefined, controller: undefined,
      readable: undefined, writable: undefined,
    };
  }
  class TransformStream {
    #t;
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      if (transformer === TOKEN) { this.#t = writableStrategy; writableStrategy.obj = this; return; }
      const tr = toObjectArg(transformer, "Failed to construct 'TransformStream': transformer");
      const ws = strategyArg(writableStrategy, "Failed to construct 'TransformStream': writableStrategy");
      const rs = strategyArg(readableStrategy, "Failed to construct 'TransformStream': readableStrategy");
      const what = "Failed to construct 'TransformStream'";
      const cancel = getCallback(tr, 'cancel', what);
      const flush = getCallback(tr, 'flush', what);
      const readableType = tr === null ? undefined : tr.readableType;
      const start = getCallback(tr, 'start', what);
      const transform = getCallback(tr, 'transform', what);
      const writableType = tr === null ? undefined : tr.writableType;
      if (readableType !== undefined) throw new RangeErrorCtor('Invalid readableType specified');
      if (writableType !== undefined) throw new RangeErrorCtor('Invalid writableType specified');
      const readableHWM = extractHighWaterMark(rs, 0);
      const readableSize = extractSizeAlgorithm(rs);
      const writableHWM = extractHighWaterMark(ws, 1);
      const writableSize = extractSizeAlgorithm(ws);
      const t = newTransformRecord();
      this.#t = t;
      t.obj = this;
      const startPromise = deferred();
      initializeTransformStream(t, startPromise, writableHWM, writableSize, readableHWM, readableSize);
      const c = newTransformControllerRecord();
      const controller = new TransformStreamDefaultController(TOKEN, c);
      let transformAlgorithm = (chunk) => {
        try { transformControllerEnqueue(c, chunk); } catch (e) { return promiseReject(e); }
        return resolvedUndefined();
      };
      if (transform !== undefined) transformAlgorithm = (chunk) => promiseCall(transform, tr, [chunk, controller]);
      const flushAlgorithm = flush === undefined ? resolvedUndefined : () => promiseCall(flush, tr, [controller]);
      const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, tr, [reason]);
      setUpTransformController(t, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
      if (start !== undefined) resolveD(startPromise, ReflectApply(start, tr, [controller]));
      else resolveD(startPromise, undefined);
    }
    get readable() {
      const t = tsOf(this);
      if (t === undefined) throw illegal();
      return t.readable.obj;
    }
    get writable() {
      const t = tsOf(this);
      if (t === undefined) throw illegal();
      return t.writable.obj;
    }
    static {
      tsOf = (o) => (isObject(o) && #t in o ? o.#t : undefined);
    }
  }
  webidl(TransformStream, 'TransformStream', false);

  function initializeTransformStream(t, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
    const startAlgorithm = () => startPromise.promise;
    t.writable = createWritableStream(startAlgorithm, (chunk) => transformSinkWrite(t, chunk),
      () => transformSinkClose(t), (reason) => transformSinkAbort(t, reason), writableHWM, writableSize);
    t.readable = createReadableStream(startAlgorithm, () => transformSourcePull(t),
      (reason) => transformSourceCancel(t, reason), readableHWM, readableSize);
    t.backpressure = undefined;
    t.backpressureChangePromise = undefined;
    transformSetBackpressure(t, true);
    t.controller = undefined;
  }
  function transformStreamError(t, e) {
    defaultControllerError(t.readable.controller, e);
    transformErrorWritableAndUnblockWrite(t, e);
  }
  function transformErrorWritableAndUnblockWrite(t, e) {
    transformControllerClearAlgorithms(t.controller);
    writableControllerErrorIfNeeded(t.writable.controller, e);
    transformUnblockWrite(t);
  }
  function transformUnblockWrite(t) {
    if (t.backpressure) transformSetBackpressure(t, false);
  }
  function transformSetBackpressure(t, backpressure) {
    if (t.backpressureChangePromise !== undefined) resolveD(t.backpressureChangePromise, undefined);
    t.backpressureChangePromise = deferred();
    t.backpressure = backpressure;
  }

  function newTransformControllerRecord() {
    return {
      obj: undefined, cancelAlgorithm: undefined, finishPromise: undefined, flushAlgorithm: undefined,
      stream: undefined, transformAlgorithm: undefined,
    };
  }
  class TransformStreamDefaultController {
    #c;
    constructor(token = undefined, c = undefined) {
      if (token !== TOKEN) throw illegalConstructor();
      this.#c = c;
      c.obj = this;
    }
    get desiredSize() {
      const c = tsControllerOf(this);
      if (c === undefined) throw illegal();
      return defaultControllerGetDesiredSize(c.stream.readable.controller);
    }
    enqueue(chunk = undefined) {
      const c = tsControllerOf(this);
      if (c === undefined) throw illegal();
      transformControllerEnqueue(c, chunk);
    }
    error(reason = undefined) {
      const c = tsControllerOf(this);
      if (c === undefined) throw illegal();
      transformStreamError(c.stream, reason);
    }
    terminate() {
      const c = tsControllerOf(this);
      if (c === undefined) throw illegal();
      transformControllerTerminate(c);
    }
    static {
      tsControllerOf = (o) => (isObject(o) && #c in o ? o.#c : undefined);
    }
  }
  webidl(TransformStreamDefaultController, 'TransformStreamDefaultController', false);

  function setUpTransformController(t, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    c.stream = t;
    t.controller = c;
    c.transformAlgorithm = transformAlgorithm;
    c.flushAlgorithm = flushAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
  }
  function transformControllerClearAlgorithms(c) {
    c.transformAlgorithm = undefined;
    c.flushAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  }
  function transformControllerEnqueue(c, chunk) {
    const t = c.stream;
    const rc = t.readable.controller;
    if (!defaultControllerCanCloseOrEnqueue(rc)) throw typeError('The readable side cannot be enqueued to');
    try { defaultControllerEnqueue(rc, chunk); } catch (e) {
      transformErrorWritableAndUnblockWrite(t, e);
      throw t.readable.storedError;
    }
    const backpressure = defaultControllerHasBackpressure(rc);
    if (backpressure !== t.backpressure) transformSetBackpressure(t, true);
  }
  function transformControllerPerformTransform(c, chunk) {
    const transformPromise = c.transformAlgorithm(chunk);
    return transformP(transformPromise, undefined, (r) => {
      transformStreamError(c.stream, r);
      throw r;
    });
  }
  function transformControllerTerminate(c) {
    const t = c.stream;
    defaultControllerClose(t.readable.controller);
    transformErrorWritableAndUnblockWrite(t, typeError('The transform stream has been terminated'));
  }
  function transformSinkWrite(t, chunk) {
    const c = t.controller;
    if (t.backpressure) {
      return transformP(t.backpressureChangePromise.promise, () => {
        const w = t.writable;
        if (w.state === 'erroring') throw w.storedError;
        return transformControllerPerformTransform(c, chunk);
      });
    }
    return transformControllerPerformTransform(c, chunk);
  }
  function transformSinkAbort(t, reason) {
    const c = t.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const readable = t.readable;
    const d = deferred();
    c.finishPromise = d;
    const cancelPromise = c.cancelAlgorithm(reason);
    transformControllerClearAlgorithms(c);
    upon(cancelPromise, () => {
      if (readable.state === 'errored') rejectD(d, readable.storedError);
      else {
        defaultControllerError(readable.controller, reason);
        resolveD(d, undefined);
      }
    }, (r) => {
      defaultControllerError(readable.controller, r);
      rejectD(d, r);
    });
    return d.promise;
  }
  function transformSinkClose(t) {
    const c = t.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const readable = t.readable;
    const d = deferred();
    c.finishPromise = d;
    const flushPromise = c.flushAlgorithm();
    transformControllerClearAlgorithms(c);
    upon(flushPromise, () => {
      if (readable.state === 'errored') rejectD(d, readable.storedError);
      else {
        defaultControllerClose(readable.controller);
        resolveD(d, undefined);
      }
    }, (r) => {
      defaultControllerError(readable.controller, r);
      rejectD(d, r);
    });
    return d.promise;
  }
  function transformSourcePull(t) {
    transformSetBackpressure(t, false);
    return t.backpressureChangePromise.promise;
  }
  function transformSourceCancel(t, reason) {
    const c = t.controller;
    if (c.finishPromise !== undefined) return c.finishPromise.promise;
    const writable = t.writable;
    const d = deferred();
    c.finishPromise = d;
    const cancelPromise = c.cancelAlgorithm(reason);
    transformControllerClearAlgorithms(c);
    upon(cancelPromise, () => {
      if (writable.state === 'errored') rejectD(d, writable.storedError);
      else {
        writableControllerErrorIfNeeded(writable.controller, reason);
        transformUnblockWrite(t);
        resolveD(d, undefined);
      }
    }, (r) => {
      writableControllerErrorIfNeeded(writable.controller, r);
      transformUnblockWrite(t);
      rejectD(d, r);
    });
    return d.promise;
  }
  /** The spec's "set up a TransformStream" for platform transforms (hwm 1 / 0, size 1). */
  function createTransformStream(transform, flush) {
    const t = newTransformRecord();
    new TransformStream(TOKEN, t);
    const startPromise = deferred();
    initializeTransformStream(t, startPromise, 1, () => 1, 0, () => 1);
    const c = newTransformControllerRecord();
    new TransformStreamDefaultController(TOKEN, c);
    const enqueue = (chunk) => transformControllerEnqueue(c, chunk);
    const transformAlgorithm = (chunk) => {
      try { return promiseResolve(transform(chunk, enqueue)); } catch (e) { return promiseReject(e); }
    };
    const flushAlgorithm = flush === undefined ? resolvedUndefined : () => {
      try { return promiseResolve(flush(enqueue)); } catch (e) { return promiseReject(e); }
    };
    setUpTransformController(t, c, transformAlgorithm, flushAlgorithm, resolvedUndefined);
    resolveD(startPromise, undefined);
    return t.obj;
  }

  // =================================================================================================
  // Queuing strategies
  // =================================================================================================
  const byteLengthSize = ({ size(chunk) { return chunk.byteLength; } }).size;
  const countSize = ({ size() { return 1; } }).size;
  let blqsHWM, cqsHWM;
  function strategyInit(init, what) {
    if (arguments.length < 1) throw typeError(`Failed to construct '${what}': 1 argument required`);
    const d = dictArg(init, `Failed to construct '${what}': init`);
    const hwm = d === null ? undefined : d.highWaterMark;
    if (hwm === undefined) throw typeError(`Failed to construct '${what}': 'highWaterMark' is required`);
    return +hwm;
  }
  class ByteLengthQueuingStrategy {
    #hwm;
    constructor(init) {
      if (arguments.length < 1) throw typeError("Failed to construct 'ByteLengthQueuingStrategy': 1 argument required");
      this.#hwm = strategyInit(init, 'ByteLengthQueuingStrategy');
    }
    get highWaterMark() {
      const h = blqsHWM(this);
      if (h === undefined) throw illegal();
      return h;
    }
    get size() {
      if (blqsHWM(this) === undefined) throw illegal();
      return byteLengthSize;
    }
    static { blqsHWM = (o) => (isObject(o) && #hwm in o ? o.#hwm : undefined); }
  }
  webidl(ByteLengthQueuingStrategy, 'ByteLengthQueuingStrategy', false);
  class CountQueuingStrategy {
    #hwm;
    constructor(init) {
      if (arguments.length < 1) throw typeError("Failed to construct 'CountQueuingStrategy': 1 argument required");
      this.#hwm = strategyInit(init, 'CountQueuingStrategy');
    }
    get highWaterMark() {
      const h = cqsHWM(this);
      if (h === undefined) throw illegal();
      return h;
    }
    get size() {
      if (cqsHWM(this) === undefined) throw illegal();
      return countSize;
    }
    static { cqsHWM = (o) => (isObject(o) && #hwm in o ? o.#hwm : undefined); }
  }
  webidl(CountQueuingStrategy, 'CountQueuingStrategy', false);

  // =================================================================================================
  // Exports for platform code
  // =================================================================================================
  const isReadableStream = (v) => rsOf(v) !== undefined;
  function streamRecord(rs) {
    const s = rsOf(rs);
    if (s === undefined) throw typeError('Not a ReadableStream');
    return s;
  }
  function createPullStream(pull, cancel, hwm = 0) {
    let s;
    const enqueue = (chunk) => { if (defaultControllerCanCloseOrEnqueue(s.controller)) defaultControllerEnqueue(s.controller, chunk); };
    const close = () => defaultControllerClose(s.controller);
    const error = (e) => defaultControllerError(s.controller, e);
    const pullAlgorithm = () => {
      try { return promiseResolve(pull(enqueue, close, error)); } catch (e) { return promiseReject(e); }
    };
    const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => {
      try { return promiseResolve(cancel(reason)); } catch (e) { return promiseReject(e); }
    };
    s = createReadableStream(noop, pullAlgorithm, cancelAlgorithm, hwm, () => 1);
    return s.obj;
  }
  function readableStreamFromBytes(u8) {
    let done = false;
    const s = createReadableByteStream(noop, () => {
      if (!done) {
        done = true;
        const n = TypedArrayByteLength(u8);
        if (n > 0) {
          const copy = new U8(n); // enqueue transfers the buffer: hand over our own
          TypedArraySet(copy, u8);
          byteControllerEnqueue(s.controller, copy, viewInfo(copy));
        }
        byteControllerClose(s.controller);
      }
      return resolvedUndefined();
    }, resolvedUndefined);
    return s.obj;
  }
  function internalReader(rs) {
    const r = acquireDefaultReader(streamRecord(rs));
    return {
      read() {
        if (r.stream === undefined) return promiseReject(typeError('The reader has been released'));
        const d = deferred();
        readerRead(r, {
          chunk: (chunk) => resolveD(d, { value: chunk, done: false }),
          close: () => resolveD(d, { value: undefined, done: true }),
          error: (e) => rejectD(d, e),
        });
        return d.promise;
      },
      cancel(reason) { return r.stream === undefined ? resolvedUndefined() : readerGenericCancel(r, reason); },
      releaseLock() { if (r.stream !== undefined) defaultReaderRelease(r); },
    };
  }
  function readAllBytes(rs) {
    let reader;
    try { reader = internalReader(rs); } catch (e) { return promiseReject(e); }
    const chunks = [];
    let total = 0;
    const d = deferred();
    const step = () => {
      upon(reader.read(), (result) => {
        if (result.done) {
          const out = new U8(total);
          let off = 0;
          for (let i = 0; i < chunks.length; i++) { TypedArraySet(out, chunks[i], off); off += TypedArrayLength(chunks[i]); }
          resolveD(d, out);
          return;
        }
        const chunk = result.value;
        if (!isObject(chunk) || TypedArrayTag(chunk) !== 'Uint8Array') {
          const e = typeError('The stream chunk is not a Uint8Array');
          reader.cancel(e);
          rejectD(d, e);
          return;
        }
        ArrayPush(chunks, chunk);
        total += TypedArrayLength(chunk);
        step();
      }, (e) => rejectD(d, e));
    };
    step();
    return d.promise;
  }

  return {
    ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamDefaultController,
    ReadableByteStreamController, ReadableStreamBYOBRequest, WritableStream, WritableStreamDefaultWriter,
    WritableStreamDefaultController, TransformStream, TransformStreamDefaultController,
    ByteLengthQueuingStrategy, CountQueuingStrategy,
    // for platform code
    isReadableStream,
    isDisturbed: (rs) => streamRecord(rs).disturbed,
    isLocked: (rs) => isLocked(streamRecord(rs)),
    isErrored: (rs) => streamRecord(rs).state === 'errored',
    isClosed: (rs) => streamRecord(rs).state === 'closed',
    createReadableStream: createPullStream,
    readableStreamFromBytes,
    getReader: internalReader,
    readAllBytes,
    cancelStream: (rs, reason) => readableStreamCancel(streamRecord(rs), reason),
    teeStream: (rs) => { const b = readableStreamTee(streamRecord(rs), false); return [b[0].obj, b[1].obj]; },
    createTransformStream,
    isWritableStream: (v) => wsOf(v) !== undefined,
    isTransformStream: (v) => tsOf(v) !== undefined,
  };
})
