// The runtime part of Islet's prelude: console, timers, microtasks, crypto, env and the entry
// points the host calls to run a handler. Evaluated once per context; its completion value is a
// function the host calls with (globalThis, host bridge, fetch internals). It returns the
// internals the host keeps; nothing here is reachable from tenant code except the globals it
// installs. Intrinsics are captured up front so a tenant that patches built-ins cannot hijack the
// host's calls.
(function (global, host, fetchApi) {
  'use strict';
  const { defineProperty, freeze, getPrototypeOf } = Object;
  const ObjectToString = Object.prototype.toString;
  const call = Function.prototype.call;
  const ReflectApply = Reflect.apply;
  // Reflect.apply, not call.bind: GraalJS inlines the former and not the latter (~20x slower).
  const uncurry = (fn) => (self, ...args) => ReflectApply(fn, self, args);
  const PromiseCtor = Promise;
  const promiseThen = uncurry(Promise.prototype.then);
  const promiseResolve = (v) => PromiseCtor.resolve(v);
  const promiseReject = (v) => PromiseCtor.reject(v);
  const JSONParse = JSON.parse;
  const JSONStringify = JSON.stringify;
  const StringCtor = String;
  const MathFloor = Math.floor;
  const ErrorCtor = Error;
  const TypeErrorCtor = TypeError;
  const MapCtor = Map;
  const mapGet = uncurry(Map.prototype.get);
  const mapSet = uncurry(Map.prototype.set);
  const mapDelete = uncurry(Map.prototype.delete);
  const mapHas = uncurry(Map.prototype.has);
  const mapClear = uncurry(Map.prototype.clear);
  const arrayPush = uncurry(Array.prototype.push);
  const arrayJoin = uncurry(Array.prototype.join);
  const U8 = Uint8Array;
  const ArrayBufferCtor = ArrayBuffer;
  const isView = ArrayBuffer.isView;
  const typedArrayProto = getPrototypeOf(Uint8Array.prototype);
  const taBuffer = uncurry(Object.getOwnPropertyDescriptor(typedArrayProto, 'buffer').get);
  const taByteOffset = uncurry(Object.getOwnPropertyDescriptor(typedArrayProto, 'byteOffset').get);
  const taByteLength = uncurry(Object.getOwnPropertyDescriptor(typedArrayProto, 'byteLength').get);
  const taTag = uncurry(Object.getOwnPropertyDescriptor(typedArrayProto, Symbol.toStringTag).get);
  const u8Set = uncurry(U8.prototype.set);
  // Copies a host buffer into a fresh guest-owned array, so no guest ever holds a host buffer.
  // Bytes from the host (a ByteBuffer) as a Uint8Array of the guest's own. Reading a foreign buffer
  // from JS costs an interop call per element (~2 MB/s); instead the host writes into a fresh
  // guest ArrayBuffer, 8 bytes per write (5 MiB in ~50 ms warm on this machine, ~40x faster).
  function fromHost(buffer) {
    if (buffer === null) return null;
    const n = taByteLength(new U8(new ArrayBufferCtor(buffer)));
    const out = new U8(n);
    if (n > 0) host.fill(taBuffer(out), buffer);
    return out;
  }
  const DOMExceptionCtor = global.DOMException;
  const { requestFromHost, responseToHost, requestToHost, responseFromHost } = fetchApi;
  const { signalAborted, signalReason, addAbortAlgorithm } = fetchApi;
  const RequestCtor = fetchApi.Request;

  // WebIDL-style global: writable, configurable, not enumerable.
  function expose(name, value) {
    defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
  }
  function methods(obj, fns) {
    for (const name in fns) {
      defineProperty(obj, name, { value: fns[name], writable: true, configurable: true, enumerable: true });
    }
    return obj;
  }

  // ---- errors ----------------------------------------------------------------------------
  function describe(e) {
    try {
      if (e instanceof ErrorCtor) {
        const name = StringCtor(e.name);
        const message = StringCtor(e.message);
        const stack = typeof e.stack === 'string' ? e.stack : '';
        return [message === '' ? name : name + ': ' + message, stack];
      }
      return ['Uncaught ' + inspect(e, 1), ''];
    } catch (ignored) {
      return ['Uncaught exception', ''];
    }
  }

  function reportError(e) {
    const d = describe(e);
    host.reportError(d[0], d[1]);
  }

  // ---- console -----------------------------------------------------------------------------
  function inspect(v, depth, seen) {
    switch (typeof v) {
      case 'string': return depth === 0 ? v : JSONStringify(v);
      case 'number': case 'boolean': case 'undefined': case 'symbol': return StringCtor(v);
      case 'bigint': return StringCtor(v) + 'n';
      case 'function': return '[Function: ' + (v.name || 'anonymous') + ']';
    }
    if (v === null) return 'null';
    if (v instanceof ErrorCtor) return typeof v.stack === 'string' && v.stack ? v.stack : StringCtor(v);
    seen = seen || [];
    for (let i = 0; i < seen.length; i++) if (seen[i] === v) return '[Circular]';
    if (depth > 3) return '[Object]';
    arrayPush(seen, v);
    try {
      if (isView(v)) {
        return taTag(v) + '(' + v.length + ') [' + arrayJoin(Array.prototype.slice.call(v, 0, 50), ', ') + (v.length > 50 ? ', ...' : '') + ']';
      }
      if (Array.isArray(v)) {
        const parts = [];
        for (let i = 0; i < v.length && i < 100; i++) arrayPush(parts, inspect(v[i], depth + 1, seen));
        if (v.length > 100) arrayPush(parts, '... ' + (v.length - 100) + ' more items');
        return '[ ' + arrayJoin(parts, ', ') + ' ]';
      }
      if (v instanceof MapCtor) {
        const parts = [];
        v.forEach((val, key) => arrayPush(parts, inspect(key, depth + 1, seen) + ' => ' + inspect(val, depth + 1, seen)));
        return 'Map(' + v.size + ') { ' + arrayJoin(parts, ', ') + ' }';
      }
      if (v instanceof Set) {
        const parts = [];
        v.forEach((val) => arrayPush(parts, inspect(val, depth + 1, seen)));
        return 'Set(' + v.size + ') { ' + arrayJoin(parts, ', ') + ' }';
      }
      if (v instanceof Date) return isNaN(v) ? 'Invalid Date' : v.toISOString();
      if (v instanceof RegExp) return StringCtor(v);
      if (v instanceof PromiseCtor) return 'Promise { <pending?> }';
      const keys = Object.keys(v);
      const parts = [];
      for (let i = 0; i < keys.length && i < 100; i++) {
        const k = keys[i];
        arrayPush(parts, (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSONStringify(k)) + ': ' + inspect(v[k], depth + 1, seen));
      }
      const tag = ObjectToString.call(v).slice(8, -1);
      const prefix = tag !== 'Object' ? tag + ' ' : '';
      return parts.length === 0 ? prefix + '{}' : prefix + '{ ' + arrayJoin(parts, ', ') + ' }';
    } catch (e) {
      return '[object]';
    } finally {
      seen.length--;
    }
  }

  function format(args) {
    const parts = [];
    for (let i = 0; i < args.length; i++) arrayPush(parts, inspect(args[i], 0));
    return arrayJoin(parts, ' ');
  }

  const counts = new MapCtor();
  const timersByLabel = new MapCtor();
  let groupIndent = '';
  function emit(level, args) {
    host.log(level, groupIndent + format(args));
  }
  const console = methods({}, {
    log(...args) { emit('log', args); },
    info(...args) { emit('info', args); },
    debug(...args) { emit('debug', args); },
    warn(...args) { emit('warn', args); },
    error(...args) { emit('error', args); },
    trace(...args) { emit('debug', ['Trace:', ...args, '\n' + (new ErrorCtor().stack || '')]); },
    dir(v) { emit('log', [v]); },
    assert(condition, ...args) { if (!condition) emit('error', ['Assertion failed' + (args.length ? ':' : ''), ...args]); },
    count(label = 'default') { const n = (mapGet(counts, label) || 0) + 1; mapSet(counts, label, n); emit('info', [label + ': ' + n]); },
    countReset(label = 'default') { mapSet(counts, label, 0); },
    time(label = 'default') { mapSet(timersByLabel, label, Date.now()); },
    timeLog(label = 'default', ...args) { if (mapHas(timersByLabel, label)) emit('info', [label + ': ' + (Date.now() - mapGet(timersByLabel, label)) + 'ms', ...args]); },
    timeEnd(label = 'default') { if (mapHas(timersByLabel, label)) { emit('info', [label + ': ' + (Date.now() - mapGet(timersByLabel, label)) + 'ms']); mapDelete(timersByLabel, label); } },
    group(...args) { if (args.length) emit('log', args); groupIndent += '  '; },
    groupCollapsed(...args) { if (args.length) emit('log', args); groupIndent += '  '; },
    groupEnd() { groupIndent = groupIndent.slice(2); },
    table(v) { emit('log', [v]); },
  });
  expose('console', console);

  // ---- timers and microtasks ---------------------------------------------------------------
  const timers = new MapCtor();
  function addTimer(callback, delay, args, repeat) {
    if (typeof callback !== 'function') {
      throw new TypeErrorCtor('The callback provided as the first argument must be a function.');
    }
    delay = +delay;
    if (!(delay >= 0)) delay = 0;
    const id = host.setTimer(delay, repeat);
    if (id === -2) {
      throw new RangeError('Too many timers: a request may have at most 10000 pending timers.');
    }
    if (id < 0) {
      throw new ErrorCtor('Disallowed operation called within global scope. Asynchronous I/O '
        + '(ex: fetch() or connect()), setting a timeout, and generating random values are not '
        + 'allowed within global scope. To fix this error, perform this operation within a handler.');
    }
    mapSet(timers, id, { callback, args, repeat });
    return id;
  }
  function clearTimer(id) {
    id = +id;
    if (mapDelete(timers, id)) host.clearTimer(id);
  }
  function fireTimer(id) {
    const t = mapGet(timers, id);
    if (t === undefined) return;
    if (!t.repeat) mapDelete(timers, id);
    try {
      ReflectApply(t.callback, global, t.args);
    } catch (e) {
      reportError(e);
    }
  }
  // Drops what an ended invocation left behind: timer callbacks and unsettled fetch promises.
  function dropTimers() {
    mapClear(timers);
    mapClear(pendingFetches);
  }
  expose('setTimeout', function setTimeout(callback, delay = 0, ...args) { return addTimer(callback, delay, args, false); });
  expose('setInterval', function setInterval(callback, delay = 0, ...args) { return addTimer(callback, delay, args, true); });
  expose('clearTimeout', function clearTimeout(id) { clearTimer(id); });
  expose('clearInterval', function clearInterval(id) { clearTimer(id); });
  expose('queueMicrotask', function queueMicrotask(callback) {
    if (typeof callback !== 'function') {
      throw new TypeErrorCtor("Failed to execute 'queueMicrotask': parameter 1 is not of type 'Function'.");
    }
    promiseThen(promiseResolve(), () => {
      try { callback(); } catch (e) { reportError(e); }
    });
  });
  expose('reportError', function reportErrorGlobal(e) { reportError(e); });
  fetchApi.setHooks(reportError, (callback, ms) => addTimer(callback, ms, [], false));
  // What platform libraries (js/lib, loaded on first use) may use from here.
  const shared = fetchApi.shared;
  shared.host = host;
  shared.fromHost = fromHost;
  shared.hostPromise = (id, what) => hostPromise(id, what);
  shared.setTimeout = (callback, ms) => addTimer(callback, ms, [], false);

  // ---- platform libraries: the globals each js/lib file defines, loaded on first use -----------
  // (one line per library; keep them in alphabetical order of the library name)
  const lazyGlobals = fetchApi.lazyGlobals;
  lazyGlobals('blob', ['Blob', 'File', 'FormData']);
  lazyGlobals('clone', ['structuredClone']);
  lazyGlobals('encoding-streams', ['TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream']);
  lazyGlobals('messaging', ['MessageChannel', 'MessageEvent', 'MessagePort']);
  lazyGlobals('platform', ['ErrorEvent', 'Navigator', 'Performance', 'PromiseRejectionEvent', 'navigator', 'performance']);
  lazyGlobals('streams', ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamDefaultController', 'ReadableByteStreamController', 'ReadableStreamBYOBRequest', 'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy']);
  lazyGlobals('subtle', ['CryptoKey', 'SubtleCrypto']);
  lazyGlobals('url', ['URL', 'URLSearchParams']);
  lazyGlobals('urlpattern', ['URLPattern']);

  expose('self', global);

  // ---- subrequests: fetch() and service bindings -----------------------------------------------
  const pendingFetches = new MapCtor();
  const ERROR_TYPES = freeze({ __proto__: null, Error, TypeError, RangeError, SyntaxError, ReferenceError,
    EvalError, URIError });
  const HTTP_URL = /^https?:/i;
  const regexpTest = uncurry(RegExp.prototype.test);
  const DISALLOWED_GLOBAL = 'Disallowed operation called within global scope. Asynchronous I/O '
    + '(ex: fetch() or connect()), setting a timeout, and generating random values are not '
    + 'allowed within global scope. To fix this error, perform this operation within a handler.';
  // Starts a subrequest (binding null: the network; dispatchTo: [worker, cpuMs, subRequests,
  // outbound JSON] for a dispatch-namespace binding) and returns the promise of its Response.
  // The promise of host call `id` (settled later by fetchDone / callDone / fetchFailed); a refused
  // call (-1: outside a request) or a failed host function (no id) rejects at once.
  function hostPromise(id, what) {
    if (typeof id !== 'number') return promiseReject(new TypeErrorCtor(what + ' failed'));
    if (id < 0) return promiseReject(new ErrorCtor(DISALLOWED_GLOBAL));
    let settle;
    const promise = new PromiseCtor((resolve, reject) => { settle = { resolve, reject }; });
    mapSet(pendingFetches, id, settle);
    return promise;
  }
  function subrequest(binding, input, init, dispatchTo) {
    try {
      const request = new RequestCtor(input, init);
      const r = requestToHost(request);
      if (!regexpTest(HTTP_URL, r[1])) {
        throw new TypeErrorCtor(`Fetch API cannot load: ${r[1]}`);
      }
      const signal = r[5];
      if (signal !== undefined && signalAborted(signal)) return promiseReject(signalReason(signal));
      if (r[6] !== null) {
        // A stream body goes out as the worker's stream yields it, through a host pipe.
        const pipe = host.bodyOpen();
        if (typeof pipe !== 'number' || pipe < 0) return promiseReject(new ErrorCtor(DISALLOWED_GLOBAL));
        const promise = send(binding, r, signal, dispatchTo, pipe);
        pumpBody(r[6], pipe, false);
        return promise;
      }
      return send(binding, r, signal, dispatchTo, 0);
    } catch (e) {
      return promiseReject(e);
    }
  }
  function send(binding, r, signal, dispatchTo, pipe) {
    try {
      const body = r[3] === null ? null : taBuffer(r[3]);
      const id = dispatchTo === undefined
        ? host.fetch(binding, r[0], r[1], r[2], body, r[4], pipe)
        : host.dispatch(binding, dispatchTo[0], dispatchTo[1], dispatchTo[2], dispatchTo[3], r[0], r[1], r[2], body, pipe);
      const promise = hostPromise(id, 'fetch');
      const settle = mapGet(pendingFetches, id);
      if (signal !== undefined && settle !== undefined) {
        // Aborting rejects at once with the signal's reason; a late result is dropped.
        addAbortAlgorithm(signal, () => {
          if (mapGet(pendingFetches, id) !== settle) return;
          mapDelete(pendingFetches, id);
          settle.reject(signalReason(signal));
        });
      }
      return promise;
    } catch (e) {
      return promiseReject(e);
    }
  }
  function fetchDone(id, status, statusText, headers, body, url, redirected, stream) {
    const p = mapGet(pendingFetches, id);
    if (p === undefined) {
      if (stream > 0) host.bodyCancel(stream);
      return;
    }
    mapDelete(pendingFetches, id);
    let response;
    try {
      response = responseFromHost(status, statusText, headers, fromHost(body), url, redirected,
        stream > 0 ? hostBodyStream(stream) : null);
    } catch (e) {
      p.reject(e);
      return;
    }
    p.resolve(response);
  }
  // A binding call's raw host result; the binding's own code turns it into guest values.
  function callDone(id, value) {
    const p = mapGet(pendingFetches, id);
    if (p === undefined) return;
    mapDelete(pendingFetches, id);
    p.resolve(value);
  }
  function fetchFailed(id, type, message) {
    const p = mapGet(pendingFetches, id);
    if (p === undefined) return;
    mapDelete(pendingFetches, id);
    const Ctor = ERROR_TYPES[type] || ErrorCtor;
    p.reject(new Ctor(message));
  }
  expose('fetch', function fetch(input, init = undefined) {
    if (arguments.length < 1) {
      return promiseReject(new TypeErrorCtor("Failed to execute 'fetch': 1 argument required, but only 0 present."));
    }
    return subrequest(null, input, init);
  });
  // ---- KV bindings (Workers KV API) -------------------------------------------------------------
  const encoder = new global.TextEncoder();
  const decoder = new global.TextDecoder();
  const encode = uncurry(global.TextEncoder.prototype.encode);
  const decode = uncurry(global.TextDecoder.prototype.decode);
  const ArrayIsArray = Array.isArray;
  const KV_TYPES = freeze({ __proto__: null, text: true, json: true, arrayBuffer: true, stream: true });
  // Starts a host KV call; the promise of its raw result (rejected for refusals).
  function kvCall(binding, op, key, keys, value, expiration, ttl, metadata, limit, cursor) {
    return hostPromise(host.kv(binding, op, key, keys, value, expiration, ttl, metadata, limit, cursor), 'KV operation');
  }
  function kvGetOptions(options, op) {
    let type = 'text', cacheTtl;
    if (typeof options === 'string') type = options;
    else if (options !== undefined && options !== null) {
      if (typeof options !== 'object') throw new TypeErrorCtor(`KV ${op} failed: options must be a string or an object`);
      if (options.type !== undefined) type = StringCtor(options.type);
      cacheTtl = options.cacheTtl;
    }
    if (KV_TYPES[type] !== true) {
      throw new TypeErrorCtor('Unknown response type. Possible types are "text", "arrayBuffer", "json", and "stream".');
    }
    if (cacheTtl !== undefined) {
      const ttl = +cacheTtl; // validated, then ignored: there is no edge cache in front of the store
      if (!(ttl >= 30)) {
        throw new TypeErrorCtor(`KV ${op} failed: 400 Invalid cache_ttl of ${ttl === ttl ? ttl : 0}. Cache TTL must be at least 30.`);
      }
    }
    return type;
  }
  function kvValue(bytes, type) {
    if (type === 'arrayBuffer') return taBuffer(bytes);
    if (type === 'stream') return fetchApi.lib('streams').readableStreamFromBytes(bytes);
    const text = decode(decoder, bytes);
    return type === 'json' ? JSONParse(text) : text;
  }
  // [bytes | null, metadata JSON | null] from the host -> { value, metadata }
  function kvEntry(raw, type) {
    const buffer = raw[0];
    if (buffer === null || buffer === undefined) return { value: null, metadata: null };
    const meta = raw[1];
    return { value: kvValue(fromHost(buffer), type), metadata: meta === null || meta === undefined ? null : JSONParse(`${meta}`) };
  }
  function kvKeys(keys) {
    const out = [];
    for (let i = 0; i < keys.length; i++) arrayPush(out, StringCtor(keys[i]));
    return out;
  }
  function kvGet(binding, key, options, withMetadata) {
    const op = withMetadata ? 'GET_WITH_METADATA' : 'GET';
    try {
      const type = kvGetOptions(options, op);
      if (ArrayIsArray(key)) {
        if (type !== 'text' && type !== 'json') {
          throw new TypeErrorCtor(`KV GET_BULK failed: 400 "${type}" is not a valid type. Use "json" or "text"`);
        }
        const keys = kvKeys(key);
        return promiseThen(kvCall(binding, 'getBulk', null, keys, null, null, null, null, null, null), (raw) => {
          const result = new MapCtor();
          for (let i = 0; i < keys.length; i++) {
            const e = kvEntry(raw[i], type);
            mapSet(result, keys[i], withMetadata ? (e.value === null ? null : { value: e.value, metadata: e.metadata }) : e.value);
          }
          return result;
        });
      }
      return promiseThen(kvCall(binding, 'get', StringCtor(key), null, null, null, null, null, null, null), (raw) => {
        const e = kvEntry(raw, type);
        return withMetadata ? { value: e.value, metadata: e.metadata, cacheStatus: null } : e.value;
      });
    } catch (e) {
      return promiseReject(e);
    }
  }
  function kvPutValue(value) {
    if (typeof value === 'string') return encode(encoder, value);
    if (value instanceof ArrayBufferCtor) return new U8(value);
    if (isView(value)) {
      if (taTag(value) !== undefined) return new U8(taBuffer(value), taByteOffset(value), taByteLength(value));
      return new U8(value.buffer, value.byteOffset, value.byteLength);
    }
    throw new TypeErrorCtor('KV put() accepts only strings, ArrayBuffers, ArrayBufferViews, and ReadableStreams as values.');
  }
  function optionalNumber(v) {
    return v === undefined || v === null ? null : +v;
  }
  // A ReadableStream value (possible only once the streams library is loaded) is read whole first.
  function isStreamValue(v) {
    const st = shared.loaded('streams');
    return st !== undefined && st.isReadableStream(v);
  }
  function kvBinding(name) {
    const kv = freeze(methods({}, {
      get(key, options = undefined) { return kvGet(name, key, options, false); },
      getWithMetadata(key, options = undefined) { return kvGet(name, key, options, true); },
      put(key, value, options = undefined) {
        if (isStreamValue(value)) {
          return promiseThen(fetchApi.lib('streams').readAllBytes(value), (bytes) => kv.put(key, bytes, options));
        }
        try {
          const view = kvPutValue(value);
          // A copy spanning its own buffer: the host reads the whole buffer.
          const bytes = new U8(taByteLength(view));
          u8Set(bytes, view);
          let expiration = null, ttl = null, metadata = null;
          if (options !== undefined && options !== null) {
            if (typeof options !== 'object') throw new TypeErrorCtor('KV PUT failed: options must be an object');
            expiration = optionalNumber(options.expiration);
            ttl = optionalNumber(options.expirationTtl);
            if (options.metadata !== undefined && options.metadata !== null) {
              metadata = JSONStringify(options.metadata);
              if (metadata === undefined) throw new TypeErrorCtor('KV PUT failed: metadata must be serializable to JSON');
            }
          }
          return promiseThen(kvCall(name, 'put', StringCtor(key), null, taBuffer(bytes), expiration, ttl, metadata, null, null), () => undefined);
        } catch (e) {
          return promiseReject(e);
        }
      },
      delete(key) {
        return promiseThen(kvCall(name, 'delete', StringCtor(key), null, null, null, null, null, null, null), () => undefined);
      },
      list(options = undefined) {
        try {
          let prefix = null, limit = null, cursor = null;
          if (options !== undefined && options !== null) {
            if (typeof options !== 'object') throw new TypeErrorCtor('KV LIST failed: options must be an object');
            if (options.prefix !== undefined && options.prefix !== null) prefix = StringCtor(options.prefix);
            limit = optionalNumber(options.limit);
            if (options.cursor !== undefined && options.cursor !== null) cursor = StringCtor(options.cursor);
          }
          return promiseThen(kvCall(name, 'list', prefix, null, null, null, null, null, limit, cursor), (json) => JSONParse(`${json}`));
        } catch (e) {
          return promiseReject(e);
        }
      },
    }));
    return kv;
  }

  // ---- blob bindings (Workers R2 API) -----------------------------------------------------------
  const HeadersCtor = global.Headers;
  const headersGet = uncurry(global.Headers.prototype.get);
  const DateCtor = Date;
  const dateGetTime = uncurry(Date.prototype.getTime);
  const R2_TOKEN = {};
  const HTTP_HEADERS = freeze({ __proto__: null, contentType: 'content-type', contentLanguage: 'content-language',
    contentDisposition: 'content-disposition', contentEncoding: 'content-encoding', cacheControl: 'cache-control',
    cacheExpiry: 'expires' });
  const DIGESTS = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];
  const HEX = '0123456789abcdef';
  function toHex(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
    return s;
  }
  function fromHex(hex) {
    const out = new U8(hex.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
    return out;
  }
  function bytesOf(v, what) {
    if (v instanceof ArrayBufferCtor) return new U8(v);
    if (isView(v)) {
      return taTag(v) !== undefined ? new U8(taBuffer(v), taByteOffset(v), taByteLength(v))
        : new U8(v.buffer, v.byteOffset, v.byteLength);
    }
    throw new TypeErrorCtor(what);
  }
  function ownCopy(view) {
    const copy = new U8(taByteLength(view));
    u8Set(copy, view);
    return copy;
  }
  // The R2 object classes, made on first use: most tenants have no blob binding, and a class
  // definition is per-context work.
  let R2 = null;
  function r2Classes() {
    if (R2 !== null) return R2;
    class R2Object {
      constructor(token, o) {
        if (token !== R2_TOKEN) throw new TypeErrorCtor('Illegal constructor');
        this.key = o.key;
        this.version = o.version;
        this.size = o.size;
        this.etag = o.etag;
        this.httpEtag = '"' + o.etag + '"';
        this.uploaded = new DateCtor(o.uploaded);
        const http = {};
        for (const k in o.httpMetadata) http[k] = k === 'cacheExpiry' ? new DateCtor(o.httpMetadata[k]) : o.httpMetadata[k];
        this.httpMetadata = http;
        this.customMetadata = o.customMetadata;
        const sums = {};
        for (const k in o.checksums) sums[k] = taBuffer(fromHex(o.checksums[k]));
        defineProperty(sums, 'toJSON', { value: () => o.checksums, enumerable: false });
        this.checksums = sums;
        if (o.range !== undefined) this.range = o.range;
        this.storageClass = 'Standard';
      }
      writeHttpMetadata(headers) {
        const http = this.httpMetadata;
        for (const k in http) {
          const name = HTTP_HEADERS[k];
          if (name === undefined) continue;
          headers.set(name, k === 'cacheExpiry' ? http[k].toUTCString() : http[k]);
        }
      }
    }
    class R2ObjectBody extends R2Object {
      #bytes; #used = false; #stream = null;
      constructor(token, o, bytes) { super(token, o); this.#bytes = bytes; }
      #take() {
        if (this.#used) throw new TypeErrorCtor('Body has already been used. It can only be used once.');
        this.#used = true;
        const b = this.#bytes;
        this.#bytes = null;
        return b;
      }
      get body() { // one stream, made on first access (reading it uses the body)
        if (this.#stream === null) this.#stream = fetchApi.lib('streams').readableStreamFromBytes(this.#take());
        return this.#stream;
      }
      get bodyUsed() { return this.#used; }
      arrayBuffer() { try { return promiseResolve(taBuffer(this.#take())); } catch (e) { return promiseReject(e); } }
      bytes() { try { return promiseResolve(this.#take()); } catch (e) { return promiseReject(e); } }
      text() { try { return promiseResolve(decode(decoder, this.#take())); } catch (e) { return promiseReject(e); } }
      json() { try { return promiseResolve(JSONParse(decode(decoder, this.#take()))); } catch (e) { return promiseReject(e); } }
      blob() {
        try {
          const B = global.Blob;
          if (typeof B !== 'function') throw new TypeErrorCtor('Blob is not available in this runtime yet');
          return promiseResolve(new B([this.#take()], { type: this.httpMetadata.contentType || '' }));
        } catch (e) { return promiseReject(e); }
      }
    }
    R2 = freeze({ R2Object, R2ObjectBody });
    return R2;
  }
  function r2Object(json) {
    return json === null || json === undefined ? null : new (r2Classes().R2Object)(R2_TOKEN, JSONParse(`${json}`));
  }
  function blobCall(binding, op, pairs, keys, value) {
    return hostPromise(host.blob(binding, op, pairs, keys, value), op);
  }
  function timeOf(v, what) {
    const t = v instanceof DateCtor ? dateGetTime(v) : +new DateCtor(v);
    if (!(t === t)) throw new TypeErrorCtor(`${what} must be a valid Date`);
    return StringCtor(t);
  }
  // onlyIf: an R2Conditional or Headers (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since)
  function conditionPairs(onlyIf, pairs) {
    if (onlyIf === undefined || onlyIf === null) return;
    if (onlyIf instanceof HeadersCtor) {
      const m = headersGet(onlyIf, 'if-match'), n = headersGet(onlyIf, 'if-none-match');
      const since = headersGet(onlyIf, 'if-modified-since'), unmod = headersGet(onlyIf, 'if-unmodified-since');
      if (m !== null) arrayPush(pairs, 'if.etagMatches', m);
      if (n !== null) arrayPush(pairs, 'if.etagDoesNotMatch', n);
      if (since !== null) arrayPush(pairs, 'if.uploadedAfter', timeOf(since, 'If-Modified-Since'));
      if (unmod !== null) arrayPush(pairs, 'if.uploadedBefore', timeOf(unmod, 'If-Unmodified-Since'));
      if (since !== null || unmod !== null) arrayPush(pairs, 'if.secondsGranularity', 'true');
      return;
    }
    if (typeof onlyIf !== 'object') throw new TypeErrorCtor('onlyIf must be an object or Headers');
    const list = (v) => (ArrayIsArray(v) ? arrayJoin(kvKeys(v), ',') : StringCtor(v));
    if (onlyIf.etagMatches !== undefined) arrayPush(pairs, 'if.etagMatches', list(onlyIf.etagMatches));
    if (onlyIf.etagDoesNotMatch !== undefined) arrayPush(pairs, 'if.etagDoesNotMatch', list(onlyIf.etagDoesNotMatch));
    if (onlyIf.uploadedBefore !== undefined) arrayPush(pairs, 'if.uploadedBefore', timeOf(onlyIf.uploadedBefore, 'uploadedBefore'));
    if (onlyIf.uploadedAfter !== undefined) arrayPush(pairs, 'if.uploadedAfter', timeOf(onlyIf.uploadedAfter, 'uploadedAfter'));
    if (onlyIf.secondsGranularity) arrayPush(pairs, 'if.secondsGranularity', 'true');
  }
  const RANGE_HEADER = /^bytes=(\d*)-(\d*)$/;
  function rangePairs(range, pairs) {
    if (range === undefined || range === null) return;
    if (range instanceof HeadersCtor) {
      const h = headersGet(range, 'range');
      if (h === null) return;
      const m = RANGE_HEADER.exec(h);
      if (m === null) throw new RangeError('get: The requested range is not satisfiable. (10039)');
      if (m[1] === '') arrayPush(pairs, 'range.suffix', m[2]);
      else {
        arrayPush(pairs, 'range.offset', m[1]);
        if (m[2] !== '') arrayPush(pairs, 'range.length', StringCtor(+m[2] - +m[1] + 1));
      }
      return;
    }
    if (typeof range !== 'object') throw new TypeErrorCtor('range must be an object or Headers');
    if (range.suffix !== undefined) {
      if (range.offset !== undefined || range.length !== undefined) throw new TypeErrorCtor('range: suffix cannot be combined with offset or length');
      arrayPush(pairs, 'range.suffix', StringCtor(+range.suffix));
      return;
    }
    if (range.offset === undefined && range.length === undefined) throw new TypeErrorCtor('range needs offset, length or suffix');
    if (range.offset !== undefined) arrayPush(pairs, 'range.offset', StringCtor(+range.offset));
    if (range.length !== undefined) arrayPush(pairs, 'range.length', StringCtor(+range.length));
  }
  // httpMetadata (an object or Headers) and customMetadata of put and createMultipartUpload
  function metadataPairs(options, pairs) {
    const http = options.httpMetadata;
    if (http instanceof HeadersCtor) {
      for (const k in HTTP_HEADERS) {
        const v = headersGet(http, HTTP_HEADERS[k]);
        if (v !== null) arrayPush(pairs, 'http.' + k, k === 'cacheExpiry' ? new DateCtor(v).toISOString() : v);
      }
    } else if (http !== undefined && http !== null) {
      for (const k in http) {
        if (http[k] === undefined) continue;
        arrayPush(pairs, 'http.' + k, k === 'cacheExpiry' ? new DateCtor(http[k]).toISOString() : StringCtor(http[k]));
      }
    }
    const custom = options.customMetadata;
    if (custom !== undefined && custom !== null) {
      for (const k in custom) arrayPush(pairs, 'custom.' + k, StringCtor(custom[k]));
    }
  }
  // The bytes of a put or uploadPart value (null and undefined: none); Blobs and streams are read first.
  function valueBytes(value, what) {
    const blobs = shared.loaded('blob');
    if (blobs !== undefined && blobs.isBlob(value)) value = blobs.blobBytes(value);
    if (value === null || value === undefined) return new U8(0);
    if (typeof value === 'string') return encode(encoder, value);
    return ownCopy(bytesOf(value, what));
  }
  // R2MultipartUpload: a handle on an upload in progress; made by createMultipartUpload and
  // resumeMultipartUpload (which does not check the id: the next call does).
  let R2MultipartUpload = null;
  function multipartUpload(binding, key, uploadId) {
    if (R2MultipartUpload === null) {
      R2MultipartUpload = class R2MultipartUpload {
        #binding; #key; #id;
        constructor(token, b, k, id) {
          if (token !== R2_TOKEN) throw new TypeErrorCtor('Illegal constructor');
          this.#binding = b;
          this.#key = k;
          this.#id = id;
          defineProperty(this, 'key', { value: k, enumerable: true });
          defineProperty(this, 'uploadId', { value: id, enumerable: true });
        }
        uploadPart(partNumber, value, options = undefined) {
          if (isStreamValue(value)) {
            return promiseThen(fetchApi.lib('streams').readAllBytes(value), (bytes) => this.uploadPart(partNumber, bytes, options));
          }
          try {
            const n = +partNumber;
            if (!(n >= 1 && n <= 10000 && n === MathFloor(n))) {
              throw new TypeErrorCtor('uploadPart: partNumber must be an integer from 1 to 10000');
            }
            const bytes = valueBytes(value, 'uploadPart: value must be a string, ArrayBuffer, ArrayBufferView, Blob or ReadableStream');
            const pairs = ['key', this.#key, 'uploadId', this.#id, 'partNumber', StringCtor(n)];
            return promiseThen(blobCall(this.#binding, 'uploadPart', pairs, null, taBuffer(bytes)), (json) => JSONParse(`${json}`));
          } catch (e) {
            return promiseReject(e);
          }
        }
        abort() {
          return promiseThen(blobCall(this.#binding, 'abortMultipartUpload', ['key', this.#key, 'uploadId', this.#id], null, null), () => undefined);
        }
        complete(uploadedParts) {
          try {
            if (!ArrayIsArray(uploadedParts)) throw new TypeErrorCtor('complete: uploadedParts must be an array of { partNumber, etag }');
            const parts = [];
            for (let i = 0; i < uploadedParts.length; i++) {
              const p = uploadedParts[i];
              if (p === null || typeof p !== 'object') throw new TypeErrorCtor('complete: uploadedParts must be an array of { partNumber, etag }');
              const n = +p.partNumber;
              if (!(n >= 1 && n <= 10000 && n === MathFloor(n))) {
                throw new TypeErrorCtor('complete: partNumber must be an integer from 1 to 10000');
              }
              arrayPush(parts, StringCtor(n) + ':' + StringCtor(p.etag));
            }
            return promiseThen(blobCall(this.#binding, 'completeMultipartUpload', ['key', this.#key, 'uploadId', this.#id], parts, null), r2Object);
          } catch (e) {
            return promiseReject(e);
          }
        }
      };
    }
    return new R2MultipartUpload(R2_TOKEN, binding, key, uploadId);
  }
  function blobBinding(name) {
    const bucket = freeze(methods({}, {
      head(key) {
        return promiseThen(blobCall(name, 'head', ['key', StringCtor(key)], null, null), r2Object);
      },
      get(key, options = undefined) {
        try {
          const pairs = ['key', StringCtor(key)];
          if (options !== undefined && options !== null) {
            if (typeof options !== 'object') throw new TypeErrorCtor('get: options must be an object');
            conditionPairs(options.onlyIf, pairs);
            rangePairs(options.range, pairs);
          }
          return promiseThen(blobCall(name, 'get', pairs, null, null), (raw) => {
            const json = raw[0];
            if (json === null || json === undefined) return null;
            const o = JSONParse(`${json}`);
            const body = raw[1];
            const { R2Object, R2ObjectBody } = r2Classes();
            return body === null || body === undefined ? new R2Object(R2_TOKEN, o) : new R2ObjectBody(R2_TOKEN, o, fromHost(body));
          });
        } catch (e) {
          return promiseReject(e);
        }
      },
      put(key, value, options = undefined) {
        if (isStreamValue(value)) {
          return promiseThen(fetchApi.lib('streams').readAllBytes(value), (bytes) => bucket.put(key, bytes, options));
        }
        try {
          const pairs = ['key', StringCtor(key)];
          const bytes = valueBytes(value, 'put: value must be a string, ArrayBuffer, ArrayBufferView, Blob, ReadableStream or null');
          if (options !== undefined && options !== null) {
            if (typeof options !== 'object') throw new TypeErrorCtor('put: options must be an object');
            metadataPairs(options, pairs);
            for (let i = 0; i < DIGESTS.length; i++) {
              const d = options[DIGESTS[i]];
              if (d === undefined || d === null) continue;
              arrayPush(pairs, 'checksum.' + DIGESTS[i], typeof d === 'string' ? d : toHex(bytesOf(d, `put: ${DIGESTS[i]} must be a hex string or an ArrayBuffer`)));
            }
            conditionPairs(options.onlyIf, pairs);
          }
          return promiseThen(blobCall(name, 'put', pairs, null, taBuffer(bytes)), r2Object);
        } catch (e) {
          return promiseReject(e);
        }
      },
      delete(keys) {
        try {
          const list = ArrayIsArray(keys) ? kvKeys(keys) : [StringCtor(keys)];
          return promiseThen(blobCall(name, 'delete', [], list, null), () => undefined);
        } catch (e) {
          return promiseReject(e);
        }
      },
      list(options = undefined) {
        try {
          const pairs = [];
          if (options !== undefined && options !== null) {
            if (typeof options !== 'object') throw new TypeErrorCtor('list: options must be an object');
            for (const k of ['prefix', 'delimiter', 'cursor', 'startAfter', 'limit']) {
              if (options[k] !== undefined && options[k] !== null) arrayPush(pairs, 'list.' + k, StringCtor(options[k]));
            }
            if (options.include !== undefined) arrayPush(pairs, 'list.include', arrayJoin(kvKeys(options.include), ','));
          }
          return promiseThen(blobCall(name, 'list', pairs, null, null), (json) => {
            const page = JSONParse(`${json}`);
            const objects = [];
            const { R2Object } = r2Classes();
            for (let i = 0; i < page.objects.length; i++) arrayPush(objects, new R2Object(R2_TOKEN, page.objects[i]));
            page.objects = objects;
            return page;
          });
        } catch (e) {
          return promiseReject(e);
        }
      },
      createMultipartUpload(key, options = undefined) {
        try {
          const k = StringCtor(key);
          const pairs = ['key', k];
          if (options !== undefined && options !== null) {
            if (typeof options !== 'object') throw new TypeErrorCtor('createMultipartUpload: options must be an object');
            metadataPairs(options, pairs);
          }
          return promiseThen(blobCall(name, 'createMultipartUpload', pairs, null, null), (id) => multipartUpload(name, k, `${id}`));
        } catch (e) {
          return promiseReject(e);
        }
      },
      resumeMultipartUpload(key, uploadId) {
        if (arguments.length < 2) throw new TypeErrorCtor("Failed to execute 'resumeMultipartUpload': 2 arguments required");
        return multipartUpload(name, StringCtor(key), StringCtor(uploadId));
      },
    }));
    return bucket;
  }

  // env.DISPATCHER.get(name, args, { limits: { cpuMs, subRequests }, outbound }) -> a fetcher.
  function dispatchNamespaceBinding(binding) {
    return freeze(methods({}, {
      get(name, args = undefined, options = undefined) {
        if (arguments.length < 1) throw new TypeErrorCtor("Failed to execute 'get': 1 argument required");
        const worker = StringCtor(name);
        let cpuMs = null, subRequests = null, outbound = null;
        if (options !== undefined && options !== null) {
          if (typeof options !== 'object') throw new TypeErrorCtor('DISPATCHER.get(): options must be an object');
          const limits = options.limits;
          if (limits !== undefined && limits !== null) {
            if (typeof limits !== 'object') throw new TypeErrorCtor('DISPATCHER.get(): limits must be an object');
            if (limits.cpuMs !== undefined) cpuMs = +limits.cpuMs;
            if (limits.subRequests !== undefined) subRequests = +limits.subRequests;
          }
          if (options.outbound !== undefined && options.outbound !== null) {
            outbound = JSONStringify(options.outbound);
            if (outbound === undefined || outbound[0] !== '{') throw new TypeErrorCtor('DISPATCHER.get(): outbound must be an object');
          }
        }
        const target = freeze([worker, cpuMs, subRequests, outbound]);
        return freeze(methods({}, {
          fetch(input, init = undefined) { return subrequest(binding, input, init, target); },
          connect() { throw new ErrorCtor('connect() is not supported: workers have no raw sockets'); },
        }));
      },
    }));
  }

  function serviceBinding(name) {
    return freeze(methods({}, {
      fetch(input, init = undefined) { return subrequest(name, input, init); },
      connect() { throw new ErrorCtor('connect() is not supported: workers have no raw sockets'); },
    }));
  }

  // ---- WebAssembly: only the script's own, deploy-checked modules compile -------------------------
  // The namespace is wrapped by platform library js/lib/wasm.js on first use (most tenants never
  // touch it): there, as in workerd, a worker cannot compile Wasm from bytes at run time. The
  // engine's own object is taken here, before tenant code runs, and the global becomes lazy. A
  // `.wasm` module of the script is served as `export default globalThis[Symbol.for('islet.wasm')]
  // (index)`, which compiles that module's deploy-checked bytes from the host once per context.
  if (global.WebAssembly !== undefined) {
    shared.NativeWebAssembly = global.WebAssembly;
    lazyGlobals('wasm', ['WebAssembly']);
    const own = function (index) { return shared.lib('wasm').own(index); };
    defineProperty(global, Symbol.for('islet.wasm'), { value: own, writable: false, enumerable: false, configurable: false });
    // A WASI worker's generated main module: `export default globalThis[Symbol.for('islet.wasi')](mod,
    // name, vars)` gives the fetch handler that runs the command per request (js/lib/wasi.js). It
    // grants nothing a worker lacks: WASI here is made of what JS already has (its own modules,
    // console.error, the clocks, crypto's random bytes).
    const wasi = function (module, name, vars) { return shared.lib('wasi').command(module, name, vars); };
    defineProperty(global, Symbol.for('islet.wasi'), { value: wasi, writable: false, enumerable: false, configurable: false });
  }

  // ---- crypto: random values here; crypto.subtle is platform library js/lib/subtle.js -------------
  const INTEGER_ARRAYS = { Int8Array: 1, Uint8Array: 1, Uint8ClampedArray: 1, Int16Array: 1,
    Uint16Array: 1, Int32Array: 1, Uint32Array: 1, BigInt64Array: 1, BigUint64Array: 1 };
  function hostBytes(n) {
    return fromHost(host.randomBytes(n));
  }
  const CRYPTO_TOKEN = freeze({ __proto__: null });
  let isCrypto;
  class Crypto {
    #brand;
    constructor(token = undefined) {
      if (token !== CRYPTO_TOKEN) throw new TypeErrorCtor('Illegal constructor');
      this.#brand = true;
    }
    get subtle() {
      if (!isCrypto(this)) throw shared.illegal();
      return shared.lib('subtle').subtle;
    }
    getRandomValues(array) {
      if (!isCrypto(this)) throw shared.illegal();
      if (arguments.length < 1) throw new TypeErrorCtor("Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present.");
      if (!isView(array) || INTEGER_ARRAYS[taTag(array)] !== 1) {
        throw new DOMExceptionCtor("The provided ArrayBufferView is not an integer-type TypedArray", 'TypeMismatchError');
      }
      const length = taByteLength(array);
      if (length > 65536) {
        throw new DOMExceptionCtor("The ArrayBufferView's byte length (" + length + ') exceeds the number of bytes of entropy available via this API (65536)', 'QuotaExceededError');
      }
      if (length > 0) u8Set(new U8(taBuffer(array), taByteOffset(array), length), hostBytes(length));
      return array;
    }
    randomUUID() {
      if (!isCrypto(this)) throw shared.illegal();
      return host.randomUUID();
    }
    static { isCrypto = (o) => o !== null && typeof o === 'object' && #brand in o; }
  }
  shared.webidl(Crypto, 'Crypto', true);
  expose('crypto', new Crypto(CRYPTO_TOKEN));

  // ---- env ---------------------------------------------------------------------------------
  function makeEnv(bindingsJson) {
    const spec = JSONParse(bindingsJson);
    const env = {};
    for (const name in spec) {
      const b = spec[name];
      env[name] = b[0] === 'json' ? JSONParse(b[1]) : b[0] === 'service' ? serviceBinding(name)
        : b[0] === 'kv' ? kvBinding(name) : b[0] === 'blob' ? blobBinding(name)
        : b[0] === 'dispatch' ? dispatchNamespaceBinding(name) : b[1];
    }
    return env;
  }

  // env for one invocation of an outbound worker: its bindings plus the dispatch's parameters.
  function envWith(env, paramsJson) {
    const params = JSONParse(paramsJson);
    const out = {};
    for (const k in params) out[k] = params[k];
    for (const k in env) out[k] = env[k];
    return out;
  }

  function checkJson(text) {
    try {
      JSONParse(text);
      return '';
    } catch (e) {
      return StringCtor(e.message);
    }
  }

  // ---- service-worker syntax and global events ----------------------------------------------
  // The global scope is not an EventTarget here: 'fetch' listeners are kept for the handler entry
  // point, rejection events go to an internal EventTarget (their target), other types are ignored.
  const fetchListeners = [];
  const globalEvents = new shared.EventTarget();
  const GLOBAL_EVENTS = { __proto__: null, unhandledrejection: true, rejectionhandled: true };
  expose('addEventListener', function addEventListener(type, listener, options = undefined) {
    type = StringCtor(type);
    if (GLOBAL_EVENTS[type] === true) { globalEvents.addEventListener(type, listener, options); return; }
    if (type === 'fetch' && (typeof listener === 'function' || (listener && typeof listener.handleEvent === 'function'))) {
      arrayPush(fetchListeners, listener);
    }
  });
  expose('removeEventListener', function removeEventListener(type, listener, options = undefined) {
    type = StringCtor(type);
    if (GLOBAL_EVENTS[type] === true) { globalEvents.removeEventListener(type, listener, options); return; }
    if (type !== 'fetch') return;
    for (let i = 0; i < fetchListeners.length; i++) {
      if (fetchListeners[i] === listener) { fetchListeners.splice(i, 1); return; }
    }
  });
  expose('onunhandledrejection', null);
  // HTML's "notify about rejected promises": GraalJS ('js.unhandled-rejections' = 'handler') calls
  // back after a microtask checkpoint with each rejected promise that still has no handler. The
  // Graal builtin that installs the callback is removed before any tenant code runs.
  {
    const graal = global.Graal;
    if (graal !== undefined) {
      const install = graal.setUnhandledPromiseRejectionHandler;
      delete global.Graal;
      if (typeof install === 'function') ReflectApply(install, graal, [onUnhandledRejection]);
    }
  }
  // Reentrant calls (a listener's first use of a platform library evaluates code, after which
  // GraalJS reports the rest of its batch) are queued, so events keep the order of rejection.
  const pendingRejections = [];
  let notifying = false;
  function onUnhandledRejection(reason, promise) {
    arrayPush(pendingRejections, reason, promise);
    if (notifying) return;
    notifying = true;
    try {
      for (let i = 0; i < pendingRejections.length; i += 2) notifyRejection(pendingRejections[i], pendingRejections[i + 1]);
    } finally {
      pendingRejections.length = 0;
      notifying = false;
    }
  }
  function notifyRejection(reason, promise) {
    let report = true;
    try {
      const PromiseRejectionEvent = fetchApi.lib('platform').PromiseRejectionEvent;
      const event = new PromiseRejectionEvent('unhandledrejection', { cancelable: true, promise, reason });
      const handler = global.onunhandledrejection;
      if (typeof handler === 'function') {
        try { ReflectApply(handler, global, [event]); } catch (e) { reportError(e); }
      }
      report = shared.dispatch(globalEvents, event);
    } catch (e) {
      report = true;
    }
    if (report) reportError(reason);
  }

  // ---- invoking handlers -------------------------------------------------------------------
  function waitUntil(promise) {
    host.waitUntilAdd();
    promiseThen(promiseResolve(promise), () => host.waitUntilDone(), (e) => { reportError(e); host.waitUntilDone(); });
  }

  class ExecutionContext {
    constructor() { this.props = {}; }
    waitUntil(promise) { waitUntil(promise); }
    passThroughOnException() { /* Islet has no origin to fall back to: errors reach the host. */ }
  }

  class FetchEvent {
    #request; #responded = false; #response;
    constructor(request) { this.#request = request; }
    get type() { return 'fetch'; }
    get request() { return this.#request; }
    respondWith(response) {
      if (this.#responded) throw new DOMExceptionCtor('respondWith() was already called.', 'InvalidStateError');
      this.#responded = true;
      this.#response = response;
    }
    waitUntil(promise) { waitUntil(promise); }
    passThroughOnException() {}
    static responded(e) { return e.#responded; }
    static response(e) { return e.#response; }
  }

  function settle(result, onResponse, onError) {
    promiseThen(promiseResolve(result), (value) => {
      let r;
      try {
        r = responseToHost(value);
      } catch (e) {
        const d = describe(e);
        onError(d[0], d[1]);
        return;
      }
      const body = r[3];
      if (r[4] === null) {
        onResponse(r[0], r[1], r[2], body === null ? null : taBuffer(body), false);
        return;
      }
      onResponse(r[0], r[1], r[2], null, true);
      pumpBody(r[4], 0, true);
    }, (e) => {
      const d = describe(e);
      onError(d[0], d[1]);
    });
  }

  // A streamed body goes to the host's pipe chunk by chunk (0: the invocation's response; others: a
  // subrequest's request body); the pipe pushes back (a write it cannot take yet returns a call id
  // to wait for) and says when its reader went away (-2). A failed response body is also reported.
  const BODY_CHUNK_TYPE = 'The body stream must yield Uint8Array chunks';
  function pumpBody(stream, pipe, report) {
    const st = fetchApi.lib('streams');
    const reader = st.getReader(stream);
    const step = () => promiseThen(reader.read(), (result) => {
      if (result.done) { host.bodyEnd(pipe, null); return undefined; }
      const chunk = result.value;
      if (!isView(chunk) || taTag(chunk) !== 'Uint8Array') throw new TypeErrorCtor(BODY_CHUNK_TYPE);
      const view = taByteLength(chunk) === 0 ? null : new U8(taBuffer(chunk), taByteOffset(chunk), taByteLength(chunk));
      if (view === null) return step();
      const copy = new U8(taByteLength(view));
      u8Set(copy, view);
      const id = host.bodyWrite(pipe, taBuffer(copy));
      if (id === -2) return reader.cancel(new ErrorCtor(pipe === 0 ? 'the response body was not read to its end' : 'the request body was not sent to its end'));
      return typeof id === 'number' && id > 0 ? promiseThen(hostPromise(id, 'response body'), step) : step();
    });
    promiseThen(step(), undefined, (e) => {
      const d = describe(e);
      host.bodyEnd(pipe, d[0]);
      if (report) reportError(e);
    });
  }
  // A body the host streams (0: the request's own; others: subrequest responses), read in pieces on
  // demand; cancelling it closes the host's stream.
  function hostBodyStream(id) {
    const st = fetchApi.lib('streams');
    return st.createReadableStream(
      (enqueue, close) => promiseThen(hostPromise(host.bodyRead(id), 'reading the body'),
        (buffer) => { if (buffer === null || buffer === undefined) close(); else enqueue(fromHost(buffer)); }),
      () => { host.bodyCancel(id); }, 0);
  }

  // Runs exports.fetch(request, env, ctx); reports through onResponse/onError exactly once.
  function invokeModule(handler, method, url, headers, body, cf, env, onResponse, onError, streamed) {
    let result;
    try {
      const request = requestFromHost(method, url, headers, fromHost(body), cf, streamed === true ? hostBodyStream(0) : null);
      result = handler.fetch(request, env, new ExecutionContext());
    } catch (e) {
      result = promiseReject(e);
    }
    settle(result, onResponse, onError);
  }

  function invokeServiceWorker(method, url, headers, body, cf, onResponse, onError, streamed) {
    let result;
    try {
      const request = requestFromHost(method, url, headers, fromHost(body), cf, streamed === true ? hostBodyStream(0) : null);
      const event = new FetchEvent(request);
      for (let i = 0; i < fetchListeners.length; i++) {
        const l = fetchListeners[i];
        if (typeof l === 'function') ReflectApply(l, global, [event]); else l.handleEvent(event);
      }
      result = FetchEvent.responded(event)
        ? FetchEvent.response(event)
        : promiseReject(new ErrorCtor('No response: the fetch event handler did not call event.respondWith().'));
    } catch (e) {
      result = promiseReject(e);
    }
    settle(result, onResponse, onError);
  }

  // Deploy-time checks, answered with a message ('' when fine).
  function checkModuleHandler(namespace) {
    const d = namespace.default;
    if (d === undefined || d === null || (typeof d !== 'object' && typeof d !== 'function')) {
      return 'the main module has no default export; expected `export default { fetch(request, env, ctx) { ... } }`';
    }
    if (typeof d.fetch !== 'function') {
      return 'the default export has no fetch handler; expected `export default { fetch(request, env, ctx) { ... } }`';
    }
    return '';
  }
  function checkServiceWorker() {
    return fetchListeners.length > 0 ? '' : "the script registered no 'fetch' event listener";
  }
  function installGlobals(env) {
    for (const name in env) expose(name, env[name]);
  }

  // Runs one synthetic request through the handler path, in a spare context before any tenant owns
  // it: a context's first request pays one-time costs (first execution of each prelude path in this
  // realm) that would otherwise land on the tenant's first response. Leaves no observable state.
  function warmUp() {
    const handler = {
      fetch(req) {
        const h = new Headers({ 'content-type': 'text/plain' });
        h.append('x-warm', req.headers.get('accept') || '');
        return new Response('warm ' + req.method + ' ' + req.url, { status: 200, headers: h });
      },
    };
    invokeModule(handler, 'GET', 'https://warm.invalid/', ['accept', '*/*'], null, null, {}, noop, noop);
    Response.json({ warm: true });
    new TextDecoder().decode(new TextEncoder().encode('warm'));
  }
  function noop() {}

  return freeze({
    makeEnv, envWith, checkJson, installGlobals, invokeModule, invokeServiceWorker, fireTimer, dropTimers,
    fetchDone, fetchFailed, callDone,
    checkModuleHandler, checkServiceWorker, describe, warmUp,
  });
})
