// Fetch types and encoding APIs for the worker prelude: DOMException, Headers, Request, Response
// (without streams), TextEncoder, TextDecoder, atob and btoa, following the WHATWG Fetch, Encoding
// and HTML specifications and WebIDL. Evaluated once per context; the completion value is a
// function that installs the globals and returns the internal functions used by the host.
//
// Tenant code runs in the same realm after this file and may replace any built-in, so every
// internal operation goes through intrinsics captured below, internal lists are arrays with a
// null prototype, and internal state lives in private fields.
(function (global, load) {
  'use strict';

  // ---- Captured intrinsics -----------------------------------------------------------------------
  const {
    defineProperty, getOwnPropertyDescriptor, getOwnPropertyNames, getPrototypeOf, setPrototypeOf, freeze,
  } = Object;
  const {
    apply: ReflectApply, construct: ReflectConstruct, ownKeys: ReflectOwnKeys,
    getOwnPropertyDescriptor: ReflectGetOwnPropertyDescriptor,
  } = Reflect;
  // Reflect.apply, not Function.prototype.call.bind: GraalJS inlines the former (~15 ns a call)
  // and not the latter (~300 ns).
  const uncurryThis = (fn) => (self, ...args) => ReflectApply(fn, self, args);
  const ErrorCtor = Error, TypeErrorCtor = TypeError, RangeErrorCtor = RangeError;
  const U8 = Uint8Array, ArrayBufferCtor = ArrayBuffer, ArrayBufferIsView = ArrayBuffer.isView;
  const fromCharCode = String.fromCharCode;
  const StringCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringSlice = uncurryThis(String.prototype.slice);
  const StringToLowerCase = uncurryThis(String.prototype.toLowerCase);
  const RegExpExec = uncurryThis(RegExp.prototype.exec);
  const ArraySlice = uncurryThis(Array.prototype.slice);
  const ArraySort = uncurryThis(Array.prototype.sort);
  const ArrayPush = uncurryThis(Array.prototype.push);
  const ArraySplice = uncurryThis(Array.prototype.splice);
  const ArrayIncludes = uncurryThis(Array.prototype.includes);
  const JSONParse = JSON.parse, JSONStringify = JSON.stringify;
  const PromiseResolve = Promise.resolve.bind(Promise), PromiseReject = Promise.reject.bind(Promise);
  const PromiseThen = uncurryThis(Promise.prototype.then);
  const MathTrunc = Math.trunc;
  const SymbolIterator = Symbol.iterator, SymbolToStringTag = Symbol.toStringTag;
  const IteratorPrototype = getPrototypeOf(getPrototypeOf([][SymbolIterator]()));
  const TypedArrayPrototype = getPrototypeOf(U8.prototype);
  const getter = (proto, key) => uncurryThis(getOwnPropertyDescriptor(proto, key).get);
  const TypedArrayLength = getter(TypedArrayPrototype, 'length');
  const TypedArraySubarray = uncurryThis(TypedArrayPrototype.subarray);
  const TypedArrayByteLength = getter(TypedArrayPrototype, 'byteLength');
  const TypedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset');
  const TypedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
  const TypedArrayTag = getter(TypedArrayPrototype, SymbolToStringTag); // undefined for non-typed arrays
  const TypedArraySet = uncurryThis(TypedArrayPrototype.set);
  const DataViewBuffer = getter(DataView.prototype, 'buffer');
  const DataViewByteLength = getter(DataView.prototype, 'byteLength');
  const DataViewByteOffset = getter(DataView.prototype, 'byteOffset');
  const ArrayBufferByteLength = getter(ArrayBufferCtor.prototype, 'byteLength'); // throws unless ArrayBuffer
  const SAB = global.SharedArrayBuffer;
  const SABByteLength = typeof SAB === 'function' ? getter(SAB.prototype, 'byteLength') : null;
  const EMPTY = freeze([]);

  // ---- Small helpers -----------------------------------------------------------------------------
  const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
  /**
   * An internal list. A plain array: GraalJS makes arrays with a null prototype ~30x slower, and a
   * tenant that defines index setters on Array.prototype can only break its own realm.
   */
  const newList = () => [];
  const test = (re, s) => RegExpExec(re, s) !== null;
  const illegal = () => new TypeErrorCtor('Illegal invocation');
  const bodyUsedError = () => new TypeErrorCtor('Body has already been used');
  function argc(n, min, what) {
    if (n < min) throw new TypeErrorCtor(`${what}: ${min} argument(s) required, but only ${n} present`);
  }
  /** WebIDL operation prologue: brand check, then argument count. */
  function enter(branded, n, min, what) {
    if (!branded) throw illegal();
    argc(n, min, what);
  }
  const CHUNK = 8192;
  /** Turns the first n code units collected in buf into a string. */
  function flushChars(buf, n) {
    buf.length = n;
    return ReflectApply(fromCharCode, undefined, buf);
  }
  const set = (...items) => {
    const o = { __proto__: null };
    for (let i = 0; i < items.length; i++) o[items[i]] = true;
    return o;
  };

  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const NON_LATIN1 = /[^\0-\xFF]/;
  const NON_ASCII = /[^\0-\x7F]/;
  const BAD_VALUE = /[\0\n\r]/;
  const BAD_REASON = /[^\t\x20-\x7E\x80-\xFF]/;

  /** Defines on target the own string-keyed properties of source (except skipped ones) as enumerable. */
  function defineEnumerable(target, source, skip) {
    const keys = getOwnPropertyNames(source);
    for (let i = 0; i < keys.length; i++) {
      if (skip !== undefined && skip[keys[i]] === true) continue;
      defineProperty(target, keys[i], target === source ? ENUMERABLE : getOwnPropertyDescriptor(source, keys[i]));
    }
  }
  const ENUMERABLE = freeze({ __proto__: null, enumerable: true });
  /** WebIDL shapes: operations and attributes enumerable, statics too, @@toStringTag, global binding. */
  function webidl(C, tag, expose) {
    defineEnumerable(C.prototype, C.prototype, PROTO_SKIP);
    defineEnumerable(C, C, STATIC_SKIP);
    defineProperty(C.prototype, SymbolToStringTag, { value: tag, configurable: true });
    if (expose) defineProperty(global, tag, { value: C, writable: true, configurable: true });
  }
  const PROTO_SKIP = set('constructor');
  const STATIC_SKIP = set('length', 'name', 'prototype');

  // WebIDL conversions.
  const toByteString = (v) => {
    const s = `${v}`;
    if (test(NON_LATIN1, s)) throw new TypeErrorCtor('A ByteString cannot contain characters above U+00FF');
    return s;
  };
  function toUint16(v) {
    let x = +v;
    if (x !== x || x === Infinity || x === -Infinity) return 0;
    x = MathTrunc(x) % 65536;
    return x < 0 ? x + 65536 : x + 0;
  }
  function toEnum(v, allowed, what) {
    const s = `${v}`;
    if (allowed[s] !== true) throw new TypeErrorCtor(`'${s}' is not a valid value for ${what}`);
    return s;
  }
  function dictionary(v, what) {
    if (v === undefined || v === null) return null;
    if (!isObject(v)) throw new TypeErrorCtor(`${what} must be an object`);
    return v;
  }

  /**
   * A Uint8Array over the bytes of a BufferSource (no copy), or undefined if v is not one.
   * Views over a SharedArrayBuffer are a TypeError unless allowShared.
   */
  function bufferSourceView(v, allowShared) {
    if (!isObject(v)) return undefined;
    let buffer, offset, length;
    if (ArrayBufferIsView(v)) {
      if (TypedArrayTag(v) !== undefined) {
        buffer = TypedArrayBuffer(v); offset = TypedArrayByteOffset(v); length = TypedArrayByteLength(v);
      } else {
        buffer = DataViewBuffer(v);
        try { offset = DataViewByteOffset(v); length = DataViewByteLength(v); } catch { return new U8(0); }
      }
      if (!allowShared) {
        try { ArrayBufferByteLength(buffer); } catch { throw new TypeErrorCtor('Shared memory is not allowed here'); }
      }
    } else {
      buffer = v; offset = 0;
      try { length = ArrayBufferByteLength(v); } catch {
        if (!allowShared || SABByteLength === null) return undefined;
        try { length = SABByteLength(v); } catch { return undefined; }
      }
    }
    return length === 0 ? new U8(0) : new U8(buffer, offset, length);
  }
  function copyBytes(view) {
    const out = new U8(TypedArrayLength(view));
    TypedArraySet(out, view);
    return out;
  }
  /** view itself if it spans its whole (non-shared) buffer, else a copy that does. */
  function wholeBuffer(view) {
    let size = -1;
    try { size = ArrayBufferByteLength(TypedArrayBuffer(view)); } catch { /* shared memory: copy */ }
    return TypedArrayByteOffset(view) === 0 && TypedArrayByteLength(view) === size ? view : copyBytes(view);
  }

  // ---- DOMException (WebIDL). Instances are real Error objects (own stack) carrying private state. ----
  // Legacy codes are the 1-based positions in these lists (codes 2, 6 and 16 have no error name).
  const CONSTANTS = ('INDEX_SIZE_ERR DOMSTRING_SIZE_ERR HIERARCHY_REQUEST_ERR WRONG_DOCUMENT_ERR ' +
    'INVALID_CHARACTER_ERR NO_DATA_ALLOWED_ERR NO_MODIFICATION_ALLOWED_ERR NOT_FOUND_ERR NOT_SUPPORTED_ERR ' +
    'INUSE_ATTRIBUTE_ERR ' +
    'INVALID_STATE_ERR SYNTAX_ERR INVALID_MODIFICATION_ERR NAMESPACE_ERR INVALID_ACCESS_ERR VALIDATION_ERR ' +
    'TYPE_MISMATCH_ERR SECURITY_ERR NETWORK_ERR ABORT_ERR URL_MISMATCH_ERR QUOTA_EXCEEDED_ERR TIMEOUT_ERR ' +
    'INVALID_NODE_TYPE_ERR DATA_CLONE_ERR').split(' ');
  const ERROR_NAMES = ('IndexSizeError  HierarchyRequestError WrongDocumentError InvalidCharacterError  ' +
    'NoModificationAllowedError NotFoundError NotSupportedError InUseAttributeError InvalidStateError SyntaxError ' +
    'InvalidModificationError NamespaceError InvalidAccessError  TypeMismatchError SecurityError NetworkError ' +
    'AbortError URLMismatchError QuotaExceededError TimeoutError InvalidNodeTypeError DataCloneError').split(' ');
  const LEGACY_CODES = { __proto__: null };
  for (let i = 0; i < ERROR_NAMES.length; i++) if (ERROR_NAMES[i] !== '') LEGACY_CODES[ERROR_NAMES[i]] = i + 1;

  class Stamp { constructor(o) { return o; } }
  let isDOMException, domName, domMessage;
  class DOMExceptionState extends Stamp {
    #name; #message;
    constructor(o, name, message) { super(o); this.#name = name; this.#message = message; }
    static {
      isDOMException = (o) => isObject(o) && #name in o;
      domName = (o) => o.#name;
      domMessage = (o) => o.#message;
    }
  }
  function DOMException(message = undefined, name = undefined) {
    if (new.target === undefined) throw new TypeErrorCtor("Constructor DOMException requires 'new'");
    message = message === undefined ? '' : `${message}`;
    name = name === undefined ? 'Error' : `${name}`;
    const o = ReflectConstruct(ErrorCtor, EMPTY, new.target);
    new DOMExceptionState(o, name, message);
    return o;
  }
  {
    const proto = DOMException.prototype;
    setPrototypeOf(proto, ErrorCtor.prototype);
    defineProperty(DOMException, 'prototype', { writable: false });
    defineEnumerable(proto, {
      get name() { if (!isDOMException(this)) throw illegal(); return domName(this); },
      get message() { if (!isDOMException(this)) throw illegal(); return domMessage(this); },
      get code() { if (!isDOMException(this)) throw illegal(); return LEGACY_CODES[domName(this)] || 0; },
    });
    for (let i = 0; i < CONSTANTS.length; i++) {
      const d = { value: i + 1, enumerable: true };
      defineProperty(DOMException, CONSTANTS[i], d);
      defineProperty(proto, CONSTANTS[i], d);
    }
    defineProperty(proto, SymbolToStringTag, { value: 'DOMException', configurable: true });
    defineProperty(global, 'DOMException', { value: DOMException, writable: true, configurable: true });
  }
  const invalidCharacter = (what) => new DOMException(what, 'InvalidCharacterError');

  // ---- Events (DOM Standard §2): Event, CustomEvent, EventTarget; AbortController, AbortSignal ----
  // Targets here are not nodes: no tree, so dispatch is capture + at-target + bubble on one target.
  const NONE = 0, AT_TARGET = 2;
  let isEvent, eventState;
  const EventInitMembers = (init, what) => {
    const d = dictionary(init, what);
    return d === null ? { __proto__: null, bubbles: false, cancelable: false, composed: false }
      : { __proto__: null, bubbles: !!d.bubbles, cancelable: !!d.cancelable, composed: !!d.composed };
  };
  class Event {
    #type; #bubbles; #cancelable; #composed; #target = null; #currentTarget = null; #phase = NONE;
    #stop = false; #stopImmediate = false; #canceled = false; #inPassive = false; #dispatching = false;
    #initialized = true; #timeStamp;
    constructor(type, eventInitDict = undefined) {
      argc(arguments.length, 1, 'Event constructor');
      const d = EventInitMembers(eventInitDict, 'EventInit');
      this.#type = `${type}`; this.#bubbles = d.bubbles; this.#cancelable = d.cancelable; this.#composed = d.composed;
      this.#timeStamp = DateNow();
      // [LegacyUnforgeable] isTrusted: an own accessor of every instance.
      defineProperty(this, 'isTrusted', { get: isTrustedGetter, enumerable: true, configurable: false });
    }
    get type() { if (!isEvent(this)) throw illegal(); return this.#type; }
    get target() { if (!isEvent(this)) throw illegal(); return this.#target; }
    get srcElement() { if (!isEvent(this)) throw illegal(); return this.#target; }
    get currentTarget() { if (!isEvent(this)) throw illegal(); return this.#currentTarget; }
    composedPath() { if (!isEvent(this)) throw illegal(); return this.#currentTarget === null ? [] : [this.#currentTarget]; }
    get eventPhase() { if (!isEvent(this)) throw illegal(); return this.#phase; }
    stopPropagation() { if (!isEvent(this)) throw illegal(); this.#stop = true; }
    get cancelBubble() { if (!isEvent(this)) throw illegal(); return this.#stop; }
    set cancelBubble(v) { if (!isEvent(this)) throw illegal(); if (v) this.#stop = true; }
    stopImmediatePropagation() { if (!isEvent(this)) throw illegal(); this.#stop = true; this.#stopImmediate = true; }
    get bubbles() { if (!isEvent(this)) throw illegal(); return this.#bubbles; }
    get cancelable() { if (!isEvent(this)) throw illegal(); return this.#cancelable; }
    get returnValue() { if (!isEvent(this)) throw illegal(); return !this.#canceled; }
    set returnValue(v) { if (!isEvent(this)) throw illegal(); if (!v) this.#cancel(); }
    preventDefault() { if (!isEvent(this)) throw illegal(); this.#cancel(); }
    #cancel() { if (this.#cancelable && !this.#inPassive) this.#canceled = true; }
    get defaultPrevented() { if (!isEvent(this)) throw illegal(); return this.#canceled; }
    get composed() { if (!isEvent(this)) throw illegal(); return this.#composed; }
    get timeStamp() { if (!isEvent(this)) throw illegal(); return this.#timeStamp; }
    initEvent(type, bubbles = false, cancelable = false) {
      if (!isEvent(this)) throw illegal();
      argc(arguments.length, 1, 'Event.initEvent');
      if (this.#dispatching) return;
      this.#initialized = true; this.#stop = false; this.#stopImmediate = false; this.#canceled = false;
      this.#target = null; this.#type = `${type}`; this.#bubbles = !!bubbles; this.#cancelable = !!cancelable;
    }
    static {
      isEvent = (o) => isObject(o) && #type in o;
      // The dispatch algorithm's access to an event's flags.
      eventState = {
        __proto__: null,
        begin(e, target) {
          if (e.#dispatching || !e.#initialized) throw new DOMException('The event is already being dispatched.', 'InvalidStateError');
          e.#dispatching = true; e.#target = target; e.#currentTarget = target; e.#phase = AT_TARGET;
        },
        end(e) {
          e.#dispatching = false; e.#phase = NONE; e.#currentTarget = null; e.#stop = false; e.#stopImmediate = false;
          return !e.#canceled;
        },
        type: (e) => e.#type,
        stopped: (e) => e.#stopImmediate,
        passive(e, on) { e.#inPassive = on; },
      };
    }
  }
  const DateNow = Date.now;
  function isTrustedGetter() { return false; }
  for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
    defineProperty(Event, name, { value, enumerable: true });
    defineProperty(Event.prototype, name, { value, enumerable: true });
  }
  webidl(Event, 'Event', true);

  let customDetail;
  class CustomEvent extends Event {
    #detail;
    constructor(type, eventInitDict = undefined) {
      argc(arguments.length, 1, 'CustomEvent constructor');
      super(type, eventInitDict);
      const d = dictionary(eventInitDict, 'CustomEventInit');
      this.#detail = d === null || d.detail === undefined ? null : d.detail;
    }
    get detail() { if (!customDetail(this)) throw illegal(); return this.#detail; }
    initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
      if (!customDetail(this)) throw illegal();
      argc(arguments.length, 1, 'CustomEvent.initCustomEvent');
      this.initEvent(type, bubbles, cancelable);
      this.#detail = detail;
    }
    static { customDetail = (o) => isObject(o) && #detail in o; }
  }
  webidl(CustomEvent, 'CustomEvent', true);

  // Listener options: capture only for remove; capture, once, passive, signal for add.
  function flattenCapture(options) {
    return typeof options === 'boolean' ? options : isObject(options) ? !!options.capture : !!options;
  }
  let isEventTarget, signalAborted, addAbortAlgorithm, dispatch;
  let reportErrorHook = () => {};
  class EventTarget {
    #listeners = [];
    constructor() {}
    addEventListener(type, callback, options = undefined) {
      if (!isEventTarget(this)) throw illegal();
      argc(arguments.length, 2, 'EventTarget.addEventListener');
      const capture = flattenCapture(options);
      let once = false, passive = false, signal = null;
      if (isObject(options)) {
        once = !!options.once;
        passive = !!options.passive;
        if (options.signal !== undefined) {
          signal = options.signal;
          if (signalAborted(signal) === undefined) throw new TypeErrorCtor("Failed to read 'signal': the value is not an AbortSignal");
        }
      }
      if (callback === null || callback === undefined) return;
      if (!isObject(callback)) throw new TypeErrorCtor("The 'callback' argument is not an object");
      if (signal !== null && signalAborted(signal)) return;
      type = `${type}`;
      const list = this.#listeners;
      for (let i = 0; i < list.length; i++) {
        const l = list[i];
        if (l.type === type && l.callback === callback && l.capture === capture) return;
      }
      const listener = { __proto__: null, type, callback, capture, once, passive, removed: false };
      ArrayPush(list, listener);
      if (signal !== null) addAbortAlgorithm(signal, () => EventTarget.#remove(this, listener));
    }
    removeEventListener(type, callback, options = undefined) {
      if (!isEventTarget(this)) throw illegal();
      argc(arguments.length, 2, 'EventTarget.removeEventListener');
      const capture = flattenCapture(options);
      type = `${type}`;
      const list = this.#listeners;
      for (let i = 0; i < list.length; i++) {
        const l = list[i];
        if (l.type === type && l.callback === callback && l.capture === capture) {
          EventTarget.#remove(this, l);
          return;
        }
      }
    }
    static #remove(target, listener) {
      listener.removed = true;
      const list = target.#listeners;
      for (let i = 0; i < list.length; i++) {
        if (list[i] === listener) { ArraySplice(list, i, 1); return; }
      }
    }
    dispatchEvent(event) {
      if (!isEventTarget(this)) throw illegal();
      argc(arguments.length, 1, 'EventTarget.dispatchEvent');
      if (!isEvent(event)) throw new TypeErrorCtor("Failed to execute 'dispatchEvent': parameter 1 is not of type 'Event'");
      return dispatch(this, event);
    }
    static {
      isEventTarget = (o) => isObject(o) && #listeners in o;
      // Runs the listeners of target for event (capturing ones first, as at-target order allows).
      dispatch = (target, event) => {
        eventState.begin(event, target);
        try {
          const type = eventState.type(event);
          const snapshot = ArraySlice(target.#listeners);
          for (let pass = 0; pass < 2; pass++) {
            for (let i = 0; i < snapshot.length; i++) {
              const l = snapshot[i];
              if (l.removed || l.type !== type || l.capture !== (pass === 0)) continue;
              if (l.once) EventTarget.#remove(target, l);
              if (l.passive) eventState.passive(event, true);
              try {
                const cb = l.callback;
                if (typeof cb === 'function') ReflectApply(cb, target, [event]);
                else {
                  const handle = cb.handleEvent;
                  if (typeof handle !== 'function') throw new TypeErrorCtor("The listener has no 'handleEvent' method");
                  ReflectApply(handle, cb, [event]);
                }
              } catch (e) {
                reportErrorHook(e);
              } finally {
                eventState.passive(event, false);
              }
              if (eventState.stopped(event)) return eventState.end(event);
            }
          }
        } catch (e) {
          eventState.end(event);
          throw e;
        }
        return eventState.end(event);
      };
    }
  }
  webidl(EventTarget, 'EventTarget', true);

  // AbortSignal: not constructible; made by AbortController, abort(), timeout() and any().
  let makeSignal, signalAbort, signalReason;
  const TOKEN_SIGNAL = freeze({ __proto__: null });
  let setTimeoutHook = null;
  class AbortSignal extends EventTarget {
    #aborted = false; #reason = undefined; #algorithms = []; #onabort = null; #dependents = null; #sources = null;
    constructor(token = undefined) {
      if (token !== TOKEN_SIGNAL) throw new TypeErrorCtor('Illegal constructor');
      super();
    }
    get aborted() { if (signalAborted(this) === undefined) throw illegal(); return this.#aborted; }
    get reason() { if (signalAborted(this) === undefined) throw illegal(); return this.#reason; }
    throwIfAborted() {
      if (signalAborted(this) === undefined) throw illegal();
      if (this.#aborted) throw this.#reason;
    }
    get onabort() { if (signalAborted(this) === undefined) throw illegal(); return this.#onabort; }
    set onabort(v) {
      if (signalAborted(this) === undefined) throw illegal();
      if (this.#onabort !== null) this.removeEventListener('abort', this.#onabort);
      this.#onabort = typeof v === 'function' || isObject(v) ? v : null;
      if (this.#onabort !== null) this.addEventListener('abort', this.#onabort);
    }
    static abort(reason = undefined) {
      const s = makeSignal();
      s.#aborted = true;
      s.#reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
      return s;
    }
    static timeout(milliseconds) {
      argc(arguments.length, 1, 'AbortSignal.timeout');
      let ms = +milliseconds;
      if (ms !== ms || ms === Infinity || ms === -Infinity || ms < 0 || ms > 18446744073709551615) {
        throw new TypeErrorCtor("Failed to execute 'timeout': the value is outside the range of an unsigned long long");
      }
      const s = makeSignal();
      if (setTimeoutHook === null) throw new DOMException('Timers are unavailable here', 'InvalidStateError');
      setTimeoutHook(() => signalAbort(s, new DOMException('The operation timed out.', 'TimeoutError')), MathTrunc(ms));
      return s;
    }
    static any(signals) {
      argc(arguments.length, 1, 'AbortSignal.any');
      const list = [];
      for (const x of signals) {
        if (signalAborted(x) === undefined) throw new TypeErrorCtor("Failed to execute 'any': an element is not an AbortSignal");
        ArrayPush(list, x);
      }
      const s = makeSignal();
      for (let i = 0; i < list.length; i++) {
        if (list[i].#aborted) { s.#aborted = true; s.#reason = list[i].#reason; return s; }
      }
      s.#sources = [];
      for (let i = 0; i < list.length; i++) {
        const src = list[i];
        const roots = src.#sources === null ? [src] : src.#sources;
        for (let j = 0; j < roots.length; j++) {
          const r = roots[j];
          if (ArrayIncludes(s.#sources, r)) continue;
          ArrayPush(s.#sources, r);
          if (r.#dependents === null) r.#dependents = [];
          ArrayPush(r.#dependents, s);
        }
      }
      return s;
    }
    static {
      signalAborted = (o) => (isObject(o) && #aborted in o ? o.#aborted : undefined);
      signalReason = (o) => o.#reason;
      makeSignal = () => new AbortSignal(TOKEN_SIGNAL);
      addAbortAlgorithm = (s, fn) => { if (!s.#aborted) ArrayPush(s.#algorithms, fn); };
      // "signal abort": reason, algorithms, the abort event, then dependent signals.
      signalAbort = (s, reason) => {
        if (s.#aborted) return;
        s.#aborted = true;
        s.#reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
        const toAbort = [];
        if (s.#dependents !== null) {
          for (let i = 0; i < s.#dependents.length; i++) {
            const d = s.#dependents[i];
            if (!d.#aborted) { d.#aborted = true; d.#reason = s.#reason; ArrayPush(toAbort, d); }
          }
        }
        const run = (x) => {
          const algorithms = x.#algorithms;
          x.#algorithms = [];
          for (let i = 0; i < algorithms.length; i++) {
            try { algorithms[i](); } catch (e) { reportErrorHook(e); }
          }
          dispatch(x, new Event('abort'));
        };
        run(s);
        for (let i = 0; i < toAbort.length; i++) run(toAbort[i]);
      };
    }
  }
  webidl(AbortSignal, 'AbortSignal', true);

  let controllerSignal;
  class AbortController {
    #signal = makeSignal();
    get signal() { if (!controllerSignal(this)) throw illegal(); return this.#signal; }
    abort(reason = undefined) { if (!controllerSignal(this)) throw illegal(); signalAbort(this.#signal, reason); }
    static { controllerSignal = (o) => isObject(o) && #signal in o; }
  }
  webidl(AbortController, 'AbortController', true);

  // ---- Encoding: UTF-8 encoder, UTF-8 / UTF-16 / windows-1252 decoders ---------------------------
  let encRead = 0, encWritten = 0;
  /** Encodes s (lone surrogates as U+FFFD) into out[0, cap), stopping before a code point that doesn't fit. */
  function utf8Write(s, out, cap) {
    const len = s.length;
    let i = 0, w = 0;
    while (i < len) {
      let c = StringCharCodeAt(s, i), units = 1;
      if (c >= 0xD800 && c <= 0xDFFF) {
        const d = c <= 0xDBFF && i + 1 < len ? StringCharCodeAt(s, i + 1) : 0;
        if (d < 0xDC00 || d > 0xDFFF) c = 0xFFFD;
        else { c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00); units = 2; }
      }
      if (c < 0x80) {
        if (w >= cap) break;
        out[w++] = c;
      } else if (c < 0x800) {
        if (w + 2 > cap) break;
        out[w++] = 0xC0 | (c >> 6); out[w++] = 0x80 | (c & 0x3F);
      } else if (c < 0x10000) {
        if (w + 3 > cap) break;
        out[w++] = 0xE0 | (c >> 12); out[w++] = 0x80 | ((c >> 6) & 0x3F); out[w++] = 0x80 | (c & 0x3F);
      } else {
        if (w + 4 > cap) break;
        out[w++] = 0xF0 | (c >> 18); out[w++] = 0x80 | ((c >> 12) & 0x3F);
        out[w++] = 0x80 | ((c >> 6) & 0x3F); out[w++] = 0x80 | (c & 0x3F);
      }
      i += units;
    }
    encRead = i; encWritten = w;
  }
  // The engine's own UTF-8 codec (GraalJS option js.text-encoding), captured before the globals
  // are replaced by the classes below: one native call instead of a loop per character. Used for
  // whole strings and whole buffers; streaming decode keeps the loop, which carries state.
  const NativeEncoder = global.TextEncoder, NativeDecoder = global.TextDecoder;
  const nativeEncode = NativeEncoder === undefined ? null : uncurryThis(NativeEncoder.prototype.encode);
  const nativeDecode = NativeDecoder === undefined ? null : uncurryThis(NativeDecoder.prototype.decode);
  const nativeEncoder = nativeEncode === null ? null : new NativeEncoder();
  const nativeDecoders = nativeDecode === null ? null
    : [new NativeDecoder('utf-8', { ignoreBOM: true }), new NativeDecoder('utf-8', { ignoreBOM: true, fatal: true })];
  function utf8Encode(s) {
    if (nativeEncoder !== null) return nativeEncode(nativeEncoder, s);
    const len = s.length;
    let n = len; // one byte per code unit, plus the extra bytes of non-ASCII ones
    if (test(NON_ASCII, s)) {
      for (let i = 0; i < len; i++) {
        const c = StringCharCodeAt(s, i);
        if (c < 0x80) continue;
        n += c < 0x800 ? 1 : 2; // 2 bytes, or 3 (also U+FFFD for a lone surrogate); a pair is 2 units, 4 bytes
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < len && (StringCharCodeAt(s, i + 1) & 0xFC00) === 0xDC00) i++;
      }
    }
    const out = new U8(n);
    utf8Write(s, out, n);
    return out;
  }

  const decodeError = () => new TypeErrorCtor('The encoded data is not valid');
  const newUtf8State = () => ({ __proto__: null, cp: 0, needed: 0, seen: 0, lower: 0x80, upper: 0xBF });
  function utf8Fatal(st) {
    st.cp = st.needed = st.seen = 0; st.lower = 0x80; st.upper = 0xBF;
    return decodeError();
  }
  /** The WHATWG UTF-8 decoder over bytes[start..], resuming from and saving to st. */
  function decodeUtf8(st, bytes, start, flush, fatal) {
    let cp = st.cp, needed = st.needed, seen = st.seen, lower = st.lower, upper = st.upper;
    const len = bytes === null ? 0 : TypedArrayLength(bytes);
    const buf = newList();
    let out = '', n = 0;
    for (let i = start; i < len; i++) {
      const b = bytes[i];
      if (needed === 0) {
        if (b < 0x80) buf[n++] = b;
        else if (b >= 0xC2 && b <= 0xDF) { needed = 1; cp = b & 0x1F; }
        else if (b >= 0xE0 && b <= 0xEF) {
          if (b === 0xE0) lower = 0xA0; else if (b === 0xED) upper = 0x9F;
          needed = 2; cp = b & 0xF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          if (b === 0xF0) lower = 0x90; else if (b === 0xF4) upper = 0x8F;
          needed = 3; cp = b & 0x7;
        } else {
          if (fatal) throw utf8Fatal(st);
          buf[n++] = 0xFFFD;
        }
      } else if (b < lower || b > upper) {
        cp = needed = seen = 0; lower = 0x80; upper = 0xBF;
        if (fatal) throw utf8Fatal(st);
        buf[n++] = 0xFFFD;
        i--; // the byte is processed again as the start of a new sequence
      } else {
        lower = 0x80; upper = 0xBF;
        cp = (cp << 6) | (b & 0x3F);
        if (++seen === needed) {
          if (cp > 0xFFFF) {
            cp -= 0x10000;
            buf[n++] = 0xD800 | (cp >> 10); buf[n++] = 0xDC00 | (cp & 0x3FF);
          } else buf[n++] = cp;
          cp = needed = seen = 0;
        }
      }
      if (n >= CHUNK) { out += flushChars(buf, n); n = 0; }
    }
    if (flush && needed !== 0) {
      cp = needed = seen = 0; lower = 0x80; upper = 0xBF;
      if (fatal) throw utf8Fatal(st);
      buf[n++] = 0xFFFD;
    }
    st.cp = cp; st.needed = needed; st.seen = seen; st.lower = lower; st.upper = upper;
    return out + flushChars(buf, n);
  }
  /** The WHATWG shared UTF-16 decoder (lead byte and lead surrogate kept in st, -1 when absent). */
  function decodeUtf16(st, bytes, flush, fatal, bigEndian) {
    let lead = st.lead, leadSurrogate = st.ls;
    const len = bytes === null ? 0 : TypedArrayLength(bytes);
    const buf = newList();
    let out = '', n = 0;
    for (let i = 0; i < len; i++) {
      const b = bytes[i];
      if (lead < 0) { lead = b; continue; }
      const unit = bigEndian ? (lead << 8) | b : (b << 8) | lead;
      lead = -1;
      if (leadSurrogate >= 0) {
        const ls = leadSurrogate;
        leadSurrogate = -1;
        if (unit >= 0xDC00 && unit <= 0xDFFF) { buf[n++] = ls; buf[n++] = unit; continue; }
        if (fatal) { st.lead = st.ls = -1; throw decodeError(); }
        buf[n++] = 0xFFFD; // and the unit is processed again below
      }
      if (unit >= 0xD800 && unit <= 0xDBFF) leadSurrogate = unit;
      else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        if (fatal) { st.lead = st.ls = -1; throw decodeError(); }
        buf[n++] = 0xFFFD;
      } else buf[n++] = unit;
      if (n >= CHUNK) { out += flushChars(buf, n); n = 0; }
    }
    if (flush && (lead >= 0 || leadSurrogate >= 0)) {
      lead = leadSurrogate = -1;
      if (fatal) { st.lead = st.ls = -1; throw decodeError(); }
      buf[n++] = 0xFFFD;
    }
    st.lead = lead; st.ls = leadSurrogate;
    return out + flushChars(buf, n);
  }
  const W1252 = '\u20AC\x81\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\x8D\u017D\x8F' +
    '\x90\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\x9D\u017E\u0178';
  function decode1252(bytes) {
    const len = bytes === null ? 0 : TypedArrayLength(bytes);
    const buf = newList();
    let out = '', n = 0;
    for (let i = 0; i < len; i++) {
      const b = bytes[i];
      buf[n++] = b >= 0x80 && b < 0xA0 ? StringCharCodeAt(W1252, b - 0x80) : b;
      if (n >= CHUNK) { out += flushChars(buf, n); n = 0; }
    }
    return out + flushChars(buf, n);
  }
  /** The spec's "UTF-8 decode": strips a leading BOM, replaces errors. */
  function utf8DecodeAll(bytes) {
    const bom = TypedArrayLength(bytes) >= 3 && bytes[0] === 0xEF && bytes[1] === 0xBB && bytes[2] === 0xBF;
    if (nativeDecoders !== null) return nativeDecode(nativeDecoders[0], bom ? TypedArraySubarray(bytes, 3) : bytes);
    return decodeUtf8(newUtf8State(), bytes, bom ? 3 : 0, true, false);
  }

  // 0 = UTF-8, 1 = UTF-16LE, 2 = UTF-16BE, 3 = windows-1252
  const ENCODING_NAMES = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'];
  const LABELS = {
    __proto__: null,
    'unicode-1-1-utf-8': 0, 'unicode11utf8': 0, 'unicode20utf8': 0, 'utf-8': 0, 'utf8': 0, 'x-unicode20utf8': 0,
    'csunicode': 1, 'iso-10646-ucs-2': 1, 'ucs-2': 1, 'unicode': 1, 'unicodefeff': 1, 'utf-16': 1, 'utf-16le': 1,
    'unicodefffe': 2, 'utf-16be': 2,
    'ansi_x3.4-1968': 3, 'ascii': 3, 'cp1252': 3, 'cp819': 3, 'csisolatin1': 3, 'ibm819': 3, 'iso-8859-1': 3,
    'iso-ir-100': 3, 'iso8859-1': 3, 'iso88591': 3, 'iso_8859-1': 3, 'iso_8859-1:1987': 3, 'l1': 3, 'latin1': 3,
    'us-ascii': 3, 'windows-1252': 3, 'x-cp1252': 3,
  };
  const isAsciiWhitespace = (c) => c === 0x20 || c === 0x09 || c === 0x0A || c === 0x0C || c === 0x0D;
  function encodingOf(label) {
    let a = 0, b = label.length;
    while (a < b && isAsciiWhitespace(StringCharCodeAt(label, a))) a++;
    while (b > a && isAsciiWhitespace(StringCharCodeAt(label, b - 1))) b--;
    const key = StringSlice(label, a, b);
    return test(NON_ASCII, key) ? undefined : LABELS[StringToLowerCase(key)];
  }

  let isTextEncoder;
  class TextEncoder {
    #brand = true;
    get encoding() { if (!isTextEncoder(this)) throw illegal(); return 'utf-8'; }
    encode(input = '') { if (!isTextEncoder(this)) throw illegal(); return utf8Encode(`${input}`); }
    encodeInto(source, destination) {
      enter(isTextEncoder(this), arguments.length, 2, 'TextEncoder.encodeInto');
      source = `${source}`;
      if (TypedArrayTag(destination) !== 'Uint8Array') throw new TypeErrorCtor('destination must be a Uint8Array');
      utf8Write(source, destination, TypedArrayLength(destination));
      return { read: encRead, written: encWritten };
    }
    static { isTextEncoder = (o) => isObject(o) && #brand in o; }
  }
  webidl(TextEncoder, 'TextEncoder', true);

  let isTextDecoder;
  class TextDecoder {
    #encoding; #fatal; #ignoreBOM; #doNotFlush = false; #bomSeen = false; #state = null;
    constructor(label = undefined, options = undefined) {
      label = label === undefined ? 'utf-8' : `${label}`;
      const o = dictionary(options, 'TextDecoder options');
      const fatal = o !== null && !!o.fatal, ignoreBOM = o !== null && !!o.ignoreBOM;
      const encoding = encodingOf(label);
      if (encoding === undefined) throw new RangeErrorCtor(`The encoding label provided ('${label}') is invalid`);
      this.#encoding = encoding; this.#fatal = fatal; this.#ignoreBOM = ignoreBOM;
    }
    get encoding() { if (!isTextDecoder(this)) throw illegal(); return ENCODING_NAMES[this.#encoding]; }
    get fatal() { if (!isTextDecoder(this)) throw illegal(); return this.#fatal; }
    get ignoreBOM() { if (!isTextDecoder(this)) throw illegal(); return this.#ignoreBOM; }
    decode(input = undefined, options = undefined) {
      if (!isTextDecoder(this)) throw illegal();
      let bytes = null;
      if (input !== undefined) {
        bytes = bufferSourceView(input, true);
        if (bytes === undefined) throw new TypeErrorCtor('The input must be an ArrayBuffer or an ArrayBufferView');
      }
      const o = dictionary(options, 'TextDecoder.decode options');
      const stream = o !== null && !!o.stream;
      const enc = this.#encoding;
      if (!this.#doNotFlush || this.#state === null) {
        this.#state = enc === 0 ? newUtf8State() : { __proto__: null, lead: -1, ls: -1 };
        this.#bomSeen = false;
      }
      const fresh = this.#state.needed === 0;
      this.#doNotFlush = stream;
      let out = enc === 0 && !stream && fresh && nativeDecoders !== null
        ? (bytes === null ? '' : nativeDecode(nativeDecoders[this.#fatal ? 1 : 0], bytes))
        : enc === 0 ? decodeUtf8(this.#state, bytes, 0, !stream, this.#fatal)
        : enc === 3 ? decode1252(bytes) : decodeUtf16(this.#state, bytes, !stream, this.#fatal, enc === 2);
      if (enc !== 3 && !this.#ignoreBOM && !this.#bomSeen && out.length > 0) {
        this.#bomSeen = true;
        if (StringCharCodeAt(out, 0) === 0xFEFF) out = StringSlice(out, 1);
      }
      return out;
    }
    static { isTextDecoder = (o) => isObject(o) && #encoding in o; }
  }
  webidl(TextDecoder, 'TextDecoder', true);

  // ---- atob / btoa (HTML, forgiving-base64) ------------------------------------------------------
  const BAD_BASE64 = 'The string to be decoded is not correctly encoded.';
  const base64Char = (v) => (v < 26 ? v + 65 : v < 52 ? v + 71 : v < 62 ? v - 4 : v === 62 ? 43 : 47);
  const base64Functions = { // defined as methods: not constructors, named atob and btoa
    atob(data) {
      argc(arguments.length, 1, 'atob');
      data = `${data}`;
      const len = data.length;
      const values = new U8(len); // 6-bit values, 64 for '='
      let n = 0;
      for (let i = 0; i < len; i++) {
        const c = StringCharCodeAt(data, i);
        const v = c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 71 : c >= 48 && c <= 57 ? c + 4
          : c === 43 ? 62 : c === 47 ? 63 : c === 61 ? 64 : -1;
        if (v >= 0) values[n++] = v;
        else if (!isAsciiWhitespace(c)) throw invalidCharacter(BAD_BASE64);
      }
      if (n % 4 === 0 && n > 0 && values[n - 1] === 64) {
        n--;
        if (values[n - 1] === 64) n--;
      }
      if (n % 4 === 1) throw invalidCharacter(BAD_BASE64);
      const buf = newList();
      let out = '', m = 0, acc = 0, bits = 0;
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v === 64) throw invalidCharacter(BAD_BASE64);
        acc = (acc << 6) | v; bits += 6;
        if (bits >= 8) {
          bits -= 8;
          buf[m++] = (acc >> bits) & 0xFF;
          acc &= (1 << bits) - 1;
          if (m >= CHUNK) { out += flushChars(buf, m); m = 0; }
        }
      }
      return out + flushChars(buf, m);
    },
    btoa(data) {
      argc(arguments.length, 1, 'btoa');
      data = `${data}`;
      if (test(NON_LATIN1, data)) throw invalidCharacter('The string contains characters above U+00FF.');
      const len = data.length;
      const buf = newList();
      let out = '', m = 0;
      for (let i = 0; i < len; i += 3) {
        const a = StringCharCodeAt(data, i);
        const b = i + 1 < len ? StringCharCodeAt(data, i + 1) : -1;
        const c = i + 2 < len ? StringCharCodeAt(data, i + 2) : -1;
        buf[m++] = base64Char(a >> 2);
        buf[m++] = base64Char(((a & 3) << 4) | (b < 0 ? 0 : b >> 4));
        buf[m++] = b < 0 ? 61 : base64Char(((b & 15) << 2) | (c < 0 ? 0 : c >> 6));
        buf[m++] = c < 0 ? 61 : base64Char(c & 63);
        if (m >= CHUNK) { out += flushChars(buf, m); m = 0; }
      }
      return out + flushChars(buf, m);
    },
  };
  defineEnumerable(global, base64Functions); // operations of the global scope are enumerable (WebIDL)

  // ---- Headers. The header list is a flat list [name, value, ...] with lower-cased names. --------
  const isHttpWhitespace = (c) => c === 0x20 || c === 0x09 || c === 0x0A || c === 0x0D;
  function checkName(name) {
    if (!test(TOKEN, name)) throw new TypeErrorCtor(`Invalid header name: '${name}'`);
    return StringToLowerCase(name);
  }
  /** Normalizes (strips leading and trailing HTTP whitespace) and validates a header value. */
  function checkValue(value) {
    let a = 0, b = value.length;
    while (a < b && isHttpWhitespace(StringCharCodeAt(value, a))) a++;
    while (b > a && isHttpWhitespace(StringCharCodeAt(value, b - 1))) b--;
    if (a !== 0 || b !== value.length) value = StringSlice(value, a, b);
    if (test(BAD_VALUE, value)) throw new TypeErrorCtor('Invalid header value');
    return value;
  }
  function hlAppend(list, name, value) {
    const n = list.length;
    list[n] = name; list[n + 1] = value;
  }
  function hlIndexOf(list, name) {
    for (let i = 0; i < list.length; i += 2) if (list[i] === name) return i;
    return -1;
  }
  function hlGet(list, name) {
    let v = null;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) v = v === null ? list[i + 1] : `${v}, ${list[i + 1]}`;
    }
    return v;
  }
  /** Removes the entries named name from index `from` on. */
  function hlDelete(list, name, from) {
    let j = from;
    for (let i = from; i < list.length; i += 2) {
      if (list[i] !== name) { list[j] = list[i]; list[j + 1] = list[i + 1]; j += 2; }
    }
    list.length = j;
  }
  function hlCopy(list) {
    const out = newList();
    for (let i = 0; i < list.length; i++) out[i] = list[i];
    return out;
  }
  /** "Sort and combine": sorted names, combined values, each set-cookie separately. */
  function sortAndCombine(list) {
    const names = newList(), seen = { __proto__: null };
    let k = 0;
    for (let i = 0; i < list.length; i += 2) {
      if (seen[list[i]] !== true) { seen[list[i]] = true; names[k++] = list[i]; }
    }
    ArraySort(names);
    const out = newList();
    let j = 0;
    for (let a = 0; a < k; a++) {
      const name = names[a];
      if (name === 'set-cookie') {
        for (let i = 0; i < list.length; i += 2) {
          if (list[i] === name) { out[j++] = name; out[j++] = list[i + 1]; }
        }
      } else { out[j++] = name; out[j++] = hlGet(list, name); }
    }
    return out;
  }

  function getMethod(o, key) {
    const m = o[key];
    if (m === undefined || m === null) return undefined;
    if (typeof m !== 'function') throw new TypeErrorCtor('The iterator method is not callable');
    return m;
  }
  /** WebIDL "create a sequence from an iterable". */
  function iterate(obj, method, convert) {
    const it = ReflectApply(method, obj, EMPTY);
    if (!isObject(it)) throw new TypeErrorCtor('The iterator is not an object');
    const next = it.next, out = newList();
    for (let n = 0; ; n++) {
      const r = ReflectApply(next, it, EMPTY);
      if (!isObject(r)) throw new TypeErrorCtor('The iterator result is not an object');
      if (r.done) return out;
      out[n] = convert(r.value);
    }
  }
  function toHeaderPair(v) {
    const m = isObject(v) ? getMethod(v, SymbolIterator) : undefined;
    if (m === undefined) throw new TypeErrorCtor('Each header pair must be an iterable');
    return iterate(v, m, toByteString);
  }
  /** Converts a HeadersInit to a list of ByteString lists (pairs are checked when filling). */
  function convertHeadersInit(init) {
    if (!isObject(init)) throw new TypeErrorCtor('Headers init must be a sequence of pairs or a record');
    const m = getMethod(init, SymbolIterator);
    if (m !== undefined) return iterate(init, m, toHeaderPair);
    const out = newList(), keys = ReflectOwnKeys(init);
    let n = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i], desc = ReflectGetOwnPropertyDescriptor(init, key);
      if (desc !== undefined && desc.enumerable) {
        const pair = newList();
        pair[0] = toByteString(key);
        pair[1] = toByteString(init[key]);
        out[n++] = pair;
      }
    }
    return out;
  }
  function fillList(list, entries) {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (e.length !== 2) throw new TypeErrorCtor('Each header pair must have exactly two items');
      hlAppend(list, checkName(e[0]), checkValue(e[1]));
    }
    return list;
  }
  const immutableError = () => new TypeErrorCtor('Headers are immutable');

  let isHeaders, makeHeaders, headersList, cloneHeaders, sortedPairs;
  class Headers {
    #list = newList(); #guard = 'none'; #sorted = null;
    constructor(init = undefined) {
      if (init !== undefined) fillList(this.#list, convertHeadersInit(init));
    }
    append(name, value) {
      enter(isHeaders(this), arguments.length, 2, 'Headers.append');
      name = toByteString(name); value = toByteString(value);
      name = checkName(name); value = checkValue(value);
      if (this.#guard === 'immutable') throw immutableError();
      hlAppend(this.#list, name, value);
      this.#sorted = null;
    }
    delete(name) {
      enter(isHeaders(this), arguments.length, 1, 'Headers.delete');
      name = checkName(toByteString(name));
      if (this.#guard === 'immutable') throw immutableError();
      const i = hlIndexOf(this.#list, name);
      if (i >= 0) { hlDelete(this.#list, name, i); this.#sorted = null; }
    }
    get(name) {
      enter(isHeaders(this), arguments.length, 1, 'Headers.get');
      return hlGet(this.#list, checkName(toByteString(name)));
    }
    getSetCookie() {
      if (!isHeaders(this)) throw illegal();
      const list = this.#list, out = newList();
      for (let i = 0; i < list.length; i += 2) if (list[i] === 'set-cookie') out[out.length] = list[i + 1];
      return ArraySlice(out);
    }
    has(name) {
      enter(isHeaders(this), arguments.length, 1, 'Headers.has');
      return hlIndexOf(this.#list, checkName(toByteString(name))) >= 0;
    }
    set(name, value) {
      enter(isHeaders(this), arguments.length, 2, 'Headers.set');
      name = toByteString(name); value = toByteString(value);
      name = checkName(name); value = checkValue(value);
      if (this.#guard === 'immutable') throw immutableError();
      const list = this.#list, i = hlIndexOf(list, name);
      if (i < 0) hlAppend(list, name, value);
      else { list[i + 1] = value; hlDelete(list, name, i + 2); }
      this.#sorted = null;
    }
    forEach(callback, thisArg = undefined) {
      enter(isHeaders(this), arguments.length, 1, 'Headers.forEach');
      if (typeof callback !== 'function') throw new TypeErrorCtor('The callback is not a function');
      for (let i = 0, pairs = sortedPairs(this); i * 2 < pairs.length; i++, pairs = sortedPairs(this)) {
        ReflectApply(callback, thisArg, [pairs[2 * i + 1], pairs[2 * i], this]);
      }
    }
    entries() { if (!isHeaders(this)) throw illegal(); return new HeadersIterator(this, 2); }
    keys() { if (!isHeaders(this)) throw illegal(); return new HeadersIterator(this, 0); }
    values() { if (!isHeaders(this)) throw illegal(); return new HeadersIterator(this, 1); }
    static {
      isHeaders = (o) => isObject(o) && #list in o;
      makeHeaders = (guard, list) => {
        const h = new Headers();
        h.#guard = guard; h.#list = list;
        return h;
      };
      headersList = (h) => h.#list;
      cloneHeaders = (h) => makeHeaders(h.#guard, hlCopy(h.#list));
      sortedPairs = (h) => h.#sorted ?? (h.#sorted = sortAndCombine(h.#list));
    }
  }
  webidl(Headers, 'Headers', true);
  defineProperty(Headers.prototype, SymbolIterator, {
    value: Headers.prototype.entries, writable: true, configurable: true,
  });

  /**
   * A WebIDL pair iterator class (its prototype tagged {@code tag}, inheriting %IteratorPrototype%):
   * `new C(target, kind)` iterates `pairsOf(target)` (a flat [name, value, ...] list read afresh at
   * each step, so it is live), yielding names (kind 0), values (1) or [name, value] (2).
   */
  function pairIterator(tag, pairsOf) {
    let isIterator;
    const C = class {
      #target; #kind; #index = 0;
      constructor(target, kind) { this.#target = target; this.#kind = kind; }
      next() {
        if (!isIterator(this)) throw illegal();
        const pairs = pairsOf(this.#target), i = this.#index;
        if (i * 2 >= pairs.length) return { value: undefined, done: true };
        this.#index = i + 1;
        const kind = this.#kind, name = pairs[2 * i], value = pairs[2 * i + 1];
        return { value: kind === 0 ? name : kind === 1 ? value : [name, value], done: false };
      }
      static { isIterator = (o) => isObject(o) && #target in o; }
    };
    webidl(C, tag, false);
    delete C.prototype.constructor;
    setPrototypeOf(C.prototype, IteratorPrototype);
    return C;
  }
  const HeadersIterator = pairIterator('Headers Iterator', (h) => sortedPairs(h));

  // ---- Body mixin. A body is { data: Uint8Array (spanning its whole buffer) | null, stream:
  // ReadableStream | null, used }: bytes in memory (the common case, no streams library needed), or a
  // stream (a stream body, or a byte body once its `body` was asked for). ------------------------
  const mkBody = (data, stream = null) => ({ __proto__: null, data, stream, used: false });
  const extracted = (data, type, stream = null) => ({ __proto__: null, data, type, stream });
  const streamUnusable = () => new TypeErrorCtor('The ReadableStream body is locked or disturbed');
  /** A body stream that can still be read (else TypeError): neither locked nor disturbed. */
  function usableStream(stream) {
    const st = lib('streams');
    if (st.isLocked(stream) || st.isDisturbed(stream)) throw streamUnusable();
    return stream;
  }
  /** "Body is unusable": consumed bytes, or a stream that is disturbed or locked. */
  function bodyUnusable(body) {
    if (body.used) return true;
    if (body.stream === null) return false;
    const st = lib('streams');
    return st.isDisturbed(body.stream) || st.isLocked(body.stream);
  }
  /** The body's stream (made from its bytes on first request), or null for no body. */
  function bodyStream(body) {
    if (body.stream !== null) return body.stream;
    if (body.data === null && !body.used) return null;
    const st = lib('streams');
    if (body.used) { // consumed before its stream was asked for: a disturbed, locked, empty stream
      body.stream = st.readableStreamFromBytes(new U8(0));
      st.getReader(body.stream).read();
    } else {
      body.stream = st.readableStreamFromBytes(body.data);
      body.data = null;
    }
    return body.stream;
  }
  /** Gives a body to a new owner: the source body's bytes or stream (moved: the source is used). */
  function takeBody(from) {
    if (from.stream !== null) {
      const stream = usableStream(from.stream);
      from.used = true;
      return mkBody(null, stream);
    }
    if (from.used) throw bodyUsedError();
    const data = from.data;
    from.used = true; from.data = null;
    return mkBody(data);
  }
  /** A copy of a body for clone(): bytes copied, or the stream teed (this body keeps one branch). */
  function cloneBody(body) {
    if (bodyUnusable(body)) throw bodyUsedError();
    if (body.stream !== null) {
      const branches = lib('streams').teeStream(body.stream);
      body.stream = branches[0];
      return mkBody(null, branches[1]);
    }
    return mkBody(body.data === null ? null : copyBytes(body.data));
  }
  /**
   * WebIDL conversion of a non-null BodyInit (no Blob, FormData or ReadableStream support): a view
   * over a BufferSource or a string, with the content type that extracting it gives.
   */
  function convertBody(v) {
    if (isObject(v)) {
      const view = bufferSourceView(v, false);
      if (view !== undefined) return extracted(view, null);
      const streams = libs.streams;
      if (streams !== undefined && streams.isReadableStream(v)) return extracted(null, null, usableStream(v));
      // Blob, FormData and URLSearchParams: only possible once their library is loaded.
      const blobs = libs.blob;
      const b = blobs === undefined ? undefined : blobs.extractBody(v);
      if (b !== undefined) return extracted(b.data, b.type);
      const url = libs.url;
      if (url !== undefined && url.isURLSearchParams(v)) {
        return extracted(`${v}`, 'application/x-www-form-urlencoded;charset=UTF-8');
      }
    }
    return extracted(`${v}`, 'text/plain;charset=UTF-8');
  }
  /** "Extract a body" from a converted BodyInit: a new body of a copy of its bytes, or its stream. */
  const extractBody = (b) => (b.stream !== null ? mkBody(null, b.stream)
    : mkBody(typeof b.data === 'string' ? utf8Encode(b.data) : copyBytes(b.data)));
  /** "Consume body"; kind 0 arrayBuffer, 1 bytes, 2 json, 3 text, 4 blob, 5 formData (contentType: its header). */
  function consume(body, kind, contentType) {
    try {
      if (body === undefined) throw illegal();
      if (bodyUnusable(body)) throw bodyUsedError();
      if (body.stream !== null) {
        body.used = true;
        const st = lib('streams');
        return PromiseThen(st.readAllBytes(body.stream), (data) => convertConsumed(data, kind, contentType));
      }
      const data = body.data;
      if (data !== null) { body.used = true; body.data = null; }
      return PromiseResolve(convertConsumed(data, kind, contentType));
    } catch (e) {
      return PromiseReject(e);
    }
  }
  function convertConsumed(data, kind, contentType) {
    if (kind === 0) return data === null ? new ArrayBufferCtor(0) : TypedArrayBuffer(wholeBuffer(data));
    if (kind === 1) return data === null ? new U8(0) : data;
    if (kind === 4) return lib('blob').bodyBlob(data === null ? new U8(0) : data, contentType);
    if (kind === 5) return lib('blob').bodyFormData(data === null ? new U8(0) : data, contentType);
    const text = data === null ? '' : utf8DecodeAll(data);
    return kind === 2 ? JSONParse(text) : text;
  }
  function installBody(proto, bodyOf) {
    const headersOf = getter(proto, 'headers');
    const contentType = (o) => hlGet(headersList(headersOf(o)), 'content-type');
    defineEnumerable(proto, {
      arrayBuffer() { return consume(bodyOf(this), 0); },
      blob() { const b = bodyOf(this); return consume(b, 4, b === undefined ? null : contentType(this)); },
      bytes() { return consume(bodyOf(this), 1); },
      formData() { const b = bodyOf(this); return consume(b, 5, b === undefined ? null : contentType(this)); },
      json() { return consume(bodyOf(this), 2); },
      text() { return consume(bodyOf(this), 3); },
      get body() {
        const body = bodyOf(this);
        if (body === undefined) throw illegal();
        return bodyStream(body);
      },
      get bodyUsed() {
        const body = bodyOf(this);
        if (body === undefined) throw illegal();
        return body.used || (body.stream !== null && lib('streams').isDisturbed(body.stream));
      },
    });
  }

  /**
   * Parses an absolute URL with the platform's URL parser (there is no base URL on a server); a
   * relative or invalid URL is a TypeError.
   */
  function parseURL(s) {
    const u = lib('url').URL.parse(s);
    if (u === null) throw new TypeErrorCtor(`Invalid URL: ${s}`);
    return { __proto__: null, href: u.href, credentials: u.username !== '' || u.password !== '' };
  }

  // ---- Request -----------------------------------------------------------------------------------
  const INTERNAL = freeze({ __proto__: null });
  const CACHE = set('default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached');
  const CREDENTIALS = set('omit', 'same-origin', 'include');
  const MODE = set('navigate', 'same-origin', 'no-cors', 'cors');
  const REDIRECT = set('follow', 'error', 'manual');
  const DUPLEX = set('half');
  const FORBIDDEN_METHODS = set('connect', 'trace', 'track');
  const CORS_SAFE_METHODS = set('GET', 'HEAD', 'POST');
  const NORMALIZED_METHODS = {
    __proto__: null, delete: 'DELETE', get: 'GET', head: 'HEAD', options: 'OPTIONS', post: 'POST', put: 'PUT',
  };
  function normalizeMethod(m) {
    const n = NORMALIZED_METHODS[StringToLowerCase(m)];
    return n === undefined ? m : n;
  }
  /** Converts a RequestInit dictionary (members in lexicographic order); absent members are undefined. */
  function readRequestInit(init) {
    const d = {
      __proto__: null, body: undefined, cache: undefined, cf: undefined, credentials: undefined, headers: undefined,
      integrity: undefined, keepalive: undefined, method: undefined, mode: undefined, redirect: undefined,
      signal: undefined, window: undefined,
    };
    const o = dictionary(init, 'RequestInit');
    if (o === null) return d;
    let v = o.body;
    if (v !== undefined) d.body = v === null ? null : convertBody(v);
    if ((v = o.cache) !== undefined) d.cache = toEnum(v, CACHE, 'cache');
    if ((v = o.cf) !== undefined) d.cf = v;
    if ((v = o.credentials) !== undefined) d.credentials = toEnum(v, CREDENTIALS, 'credentials');
    if ((v = o.duplex) !== undefined) toEnum(v, DUPLEX, 'duplex'); // 'half' is the only value
    if ((v = o.headers) !== undefined) d.headers = convertHeadersInit(v);
    if ((v = o.integrity) !== undefined) d.integrity = `${v}`;
    if ((v = o.keepalive) !== undefined) d.keepalive = !!v;
    if ((v = o.method) !== undefined) d.method = toByteString(v);
    if ((v = o.mode) !== undefined) d.mode = toEnum(v, MODE, 'mode');
    if ((v = o.redirect) !== undefined) d.redirect = toEnum(v, REDIRECT, 'redirect');
    if ((v = o.signal) !== undefined) d.signal = v;
    if ((v = o.window) !== undefined) d.window = v;
    return d;
  }

  let isRequest, requestBody, makeRequest, requestToHost;
  class Request {
    #method = 'GET'; #url = ''; #headers = null; #body = null; #redirect = 'follow'; #signal = undefined;
    #cf = undefined; #integrity = ''; #keepalive = false; #cache = 'default'; #mode = 'cors';
    #credentials = 'same-origin';

    constructor(input, init = undefined) {
      if (input === INTERNAL) return;
      argc(arguments.length, 1, 'Request constructor');
      const src = isRequest(input) ? input : null;
      const url = src === null ? `${input}` : null;
      const d = readRequestInit(init);
      if (src === null) {
        const parsed = parseURL(url);
        if (parsed.credentials) throw new TypeErrorCtor('Request URL must not include credentials');
        this.#url = parsed.href;
      } else Request.#copy(src, this);
      if (d.window !== undefined && d.window !== null) throw new TypeErrorCtor("'window' must be null");
      if (d.mode !== undefined) {
        if (d.mode === 'navigate') throw new TypeErrorCtor("Request mode cannot be 'navigate'");
        this.#mode = d.mode;
      }
      if (d.credentials !== undefined) this.#credentials = d.credentials;
      if (d.cache !== undefined) this.#cache = d.cache;
      if (this.#cache === 'only-if-cached' && this.#mode !== 'same-origin') {
        throw new TypeErrorCtor("'only-if-cached' can be set only with 'same-origin' mode");
      }
      if (d.redirect !== undefined) this.#redirect = d.redirect;
      if (d.integrity !== undefined) this.#integrity = d.integrity;
      if (d.keepalive !== undefined) this.#keepalive = d.keepalive;
      if (d.method !== undefined) {
        const m = d.method;
        if (!test(TOKEN, m)) throw new TypeErrorCtor(`'${m}' is not a valid HTTP method`);
        if (FORBIDDEN_METHODS[StringToLowerCase(m)] === true) throw new TypeErrorCtor(`'${m}' is a forbidden method`);
        this.#method = normalizeMethod(m);
      }
      if (d.signal !== undefined && d.signal !== null) {
        if (signalAborted(d.signal) === undefined) throw new TypeErrorCtor("Failed to construct 'Request': member signal is not of type AbortSignal.");
        this.#signal = AbortSignal.any([d.signal]); // follows the given signal
      } else if (d.signal === null) this.#signal = undefined; // a new one, on first access
      if (d.cf !== undefined) this.#cf = d.cf;
      if (this.#mode === 'no-cors' && CORS_SAFE_METHODS[this.#method] !== true) {
        throw new TypeErrorCtor(`'${this.#method}' is unsupported in no-cors mode`);
      }
      const list = d.headers !== undefined ? fillList(newList(), d.headers)
        : src !== null ? hlCopy(headersList(src.#headers)) : newList();
      const inputBody = src === null ? null : src.#body;
      const inputHasBody = inputBody !== null && (inputBody.data !== null || inputBody.stream !== null || inputBody.used);
      const initHasBody = d.body !== undefined && d.body !== null;
      if ((initHasBody || inputHasBody) && (this.#method === 'GET' || this.#method === 'HEAD')) {
        throw new TypeErrorCtor('Request with GET/HEAD method cannot have body');
      }
      let body = null;
      if (initHasBody) {
        body = extractBody(d.body);
        if (d.body.type !== null && hlIndexOf(list, 'content-type') < 0) hlAppend(list, 'content-type', d.body.type);
      } else if (inputHasBody) {
        body = takeBody(inputBody);
      }
      this.#headers = makeHeaders('request', list);
      this.#body = body === null ? mkBody(null) : body;
    }
    static #copy(from, to) {
      to.#method = from.#method; to.#url = from.#url; to.#redirect = from.#redirect; to.#signal = from.#signal;
      to.#cf = from.#cf; to.#integrity = from.#integrity; to.#keepalive = from.#keepalive; to.#cache = from.#cache;
      to.#mode = from.#mode; to.#credentials = from.#credentials;
    }
    get method() { if (!isRequest(this)) throw illegal(); return this.#method; }
    get url() { if (!isRequest(this)) throw illegal(); return this.#url; }
    get headers() { if (!isRequest(this)) throw illegal(); return this.#headers; }
    get redirect() { if (!isRequest(this)) throw illegal(); return this.#redirect; }
    get signal() {
      if (!isRequest(this)) throw illegal();
      if (this.#signal === undefined) this.#signal = makeSignal();
      return this.#signal;
    }
    get cf() { if (!isRequest(this)) throw illegal(); return this.#cf; }
    get integrity() { if (!isRequest(this)) throw illegal(); return this.#integrity; }
    get keepalive() { if (!isRequest(this)) throw illegal(); return this.#keepalive; }
    get cache() { if (!isRequest(this)) throw illegal(); return this.#cache; }
    get mode() { if (!isRequest(this)) throw illegal(); return this.#mode; }
    get credentials() { if (!isRequest(this)) throw illegal(); return this.#credentials; }
    get duplex() { if (!isRequest(this)) throw illegal(); return 'half'; }
    clone() {
      if (!isRequest(this)) throw illegal();
      const body = cloneBody(this.#body);
      const r = new Request(INTERNAL);
      Request.#copy(this, r);
      r.#headers = cloneHeaders(this.#headers);
      r.#body = body;
      return r;
    }
    static {
      isRequest = (o) => isObject(o) && #url in o;
      requestBody = (o) => (isRequest(o) ? o.#body : undefined);
      makeRequest = (method, url, list, data, cf, stream = null) => {
        const r = new Request(INTERNAL);
        r.#method = method; r.#url = url; r.#cf = cf;
        r.#headers = makeHeaders('request', list);
        r.#body = mkBody(data, stream);
        return r;
      };
      // [method, url, flat headers, body (whole ArrayBuffer) | null, redirect, signal, body stream |
      // null]; consumes the body.
      requestToHost = (r) => {
        const body = r.#body;
        if (bodyUnusable(body)) throw new TypeErrorCtor('Request body has already been used');
        let data = body.data;
        if (data !== null) { body.used = true; body.data = null; data = wholeBuffer(data); }
        if (body.stream !== null) body.used = true;
        return [r.#method, r.#url, ArraySlice(headersList(r.#headers)), data, r.#redirect, r.#signal, body.stream];
      };
    }
  }
  installBody(Request.prototype, requestBody);
  webidl(Request, 'Request', true);

  // ---- Response ----------------------------------------------------------------------------------
  const NULL_BODY_STATUS = set(101, 103, 204, 205, 304);
  const REDIRECT_STATUS = set(301, 302, 303, 307, 308);
  function readResponseInit(init) {
    const d = { __proto__: null, headers: undefined, status: 200, statusText: '' };
    const o = dictionary(init, 'ResponseInit');
    if (o === null) return d;
    let v = o.headers;
    if (v !== undefined) d.headers = convertHeadersInit(v);
    if ((v = o.status) !== undefined) d.status = toUint16(v);
    if ((v = o.statusText) !== undefined) d.statusText = toByteString(v);
    return d;
  }

  let isResponse, responseBody, responseToHost, responseFromHost;
  class Response {
    #type = 'default'; #status = 200; #statusText = ''; #headers = null; #body = null; #url = '';
    #redirected = false;

    constructor(body = null, init = undefined) {
      if (body === INTERNAL) return;
      const b = body === null ? null : convertBody(body);
      Response.#initialize(this, readResponseInit(init), b);
    }
    /** "Initialize a response" with a converted ResponseInit and a converted body or null. */
    static #initialize(r, d, body) {
      if (d.status < 200 || d.status > 599) {
        throw new RangeErrorCtor(`The status provided (${d.status}) is outside the range [200, 599]`);
      }
      if (test(BAD_REASON, d.statusText)) throw new TypeErrorCtor('Invalid statusText');
      r.#status = d.status; r.#statusText = d.statusText;
      const list = d.headers !== undefined ? fillList(newList(), d.headers) : newList();
      let b = null;
      if (body !== null) {
        if (NULL_BODY_STATUS[d.status] === true) {
          throw new TypeErrorCtor(`Response with null body status ${d.status} cannot have body`);
        }
        b = extractBody(body);
        if (body.type !== null && hlIndexOf(list, 'content-type') < 0) hlAppend(list, 'content-type', body.type);
      }
      r.#headers = makeHeaders('response', list);
      r.#body = b === null ? mkBody(null) : b;
    }
    /** A response with a null body and immutable headers. */
    static #immutable(type, status, list) {
      const r = new Response(INTERNAL);
      r.#type = type; r.#status = status; r.#headers = makeHeaders('immutable', list); r.#body = mkBody(null);
      return r;
    }
    static error() { return Response.#immutable('error', 0, newList()); }
    static redirect(url, status = 302) {
      argc(arguments.length, 1, 'Response.redirect');
      url = `${url}`;
      status = toUint16(status);
      const href = parseURL(url).href;
      if (REDIRECT_STATUS[status] !== true) throw new RangeErrorCtor(`Invalid redirect status ${status}`);
      const list = newList();
      hlAppend(list, 'location', checkValue(href));
      return Response.#immutable('default', status, list);
    }
    static json(data, init = undefined) {
      argc(arguments.length, 1, 'Response.json');
      const d = readResponseInit(init);
      const json = JSONStringify(data);
      if (json === undefined) throw new TypeErrorCtor('The data is not JSON serializable');
      const r = new Response(INTERNAL);
      Response.#initialize(r, d, extracted(json, 'application/json'));
      return r;
    }
    get type() { if (!isResponse(this)) throw illegal(); return this.#type; }
    get url() { if (!isResponse(this)) throw illegal(); return this.#url; }
    get redirected() { if (!isResponse(this)) throw illegal(); return this.#redirected; }
    get status() { if (!isResponse(this)) throw illegal(); return this.#status; }
    get ok() { if (!isResponse(this)) throw illegal(); return this.#status >= 200 && this.#status <= 299; }
    get statusText() { if (!isResponse(this)) throw illegal(); return this.#statusText; }
    get headers() { if (!isResponse(this)) throw illegal(); return this.#headers; }
    get webSocket() { if (!isResponse(this)) throw illegal(); return null; }
    get encodeBody() { if (!isResponse(this)) throw illegal(); return 'automatic'; }
    clone() {
      if (!isResponse(this)) throw illegal();
      const body = cloneBody(this.#body);
      const r = new Response(INTERNAL);
      r.#type = this.#type; r.#status = this.#status; r.#statusText = this.#statusText;
      r.#url = this.#url; r.#redirected = this.#redirected;
      r.#headers = cloneHeaders(this.#headers);
      r.#body = body;
      return r;
    }
    static {
      isResponse = (o) => isObject(o) && #status in o;
      responseBody = (o) => (isResponse(o) ? o.#body : undefined);
      responseToHost = (value) => {
        if (!isResponse(value)) throw new TypeErrorCtor('Handler returned a value that is not a Response');
        const body = value.#body;
        if (bodyUnusable(body)) throw new TypeErrorCtor('Response body has already been used');
        let data = body.data;
        if (data !== null) { body.used = true; body.data = null; data = wholeBuffer(data); }
        if (body.stream !== null) body.used = true;
        // [status, statusText, flat headers, bytes (whole ArrayBuffer's view) | null, stream | null]
        return [value.#status, value.#statusText, ArraySlice(headersList(value.#headers)), data, body.stream];
      };
      // A fetched response (headers immutable, as the Fetch spec's fetch() gives them).
      responseFromHost = (status, statusText, flatHeaders, data, url, redirected, stream = null) => {
        const r = new Response(INTERNAL);
        const list = newList(), n = flatHeaders.length;
        for (let i = 0; i + 1 < n; i += 2) {
          list[i] = StringToLowerCase(`${flatHeaders[i]}`);
          list[i + 1] = `${flatHeaders[i + 1]}`;
        }
        r.#status = status; r.#statusText = `${statusText}`;
        r.#url = `${url}`; r.#redirected = !!redirected;
        r.#headers = makeHeaders('immutable', list);
        if (NULL_BODY_STATUS[status] === true) r.#body = mkBody(null);
        else r.#body = mkBody(data === undefined ? null : data, stream);
        return r;
      };
    }
  }
  installBody(Response.prototype, responseBody);
  webidl(Response, 'Response', true);

  // ---- Host interface ----------------------------------------------------------------------------
  /** A Request for an incoming call; the host has validated everything. flatHeaders: name, value, ... */
  /** cf: host metadata (trusted namespaces) as a JSON string, or null/undefined for none. */
  function requestFromHost(method, url, flatHeaders, body, cf, stream = null) {
    const list = newList(), n = flatHeaders.length;
    for (let i = 0; i + 1 < n; i += 2) {
      list[i] = StringToLowerCase(`${flatHeaders[i]}`);
      list[i + 1] = `${flatHeaders[i + 1]}`;
    }
    let data = null;
    if (body !== null && body !== undefined) {
      const view = bufferSourceView(body, true);
      if (view === undefined) throw new TypeErrorCtor('The request body must be a Uint8Array');
      data = wholeBuffer(view);
    }
    const meta = cf === null || cf === undefined ? undefined : JSONParse(`${cf}`);
    return makeRequest(normalizeMethod(`${method}`), `${url}`, list, data, meta, stream);
  }

  // ---- Libraries loaded on first use ------------------------------------------------------------
  // Big or rarely used parts of the platform live in js/lib/<name>.js, each `(function (global,
  // shared) { ...; return exports; })`. The host compiles each file once per engine; a context
  // evaluates one only when the tenant first touches what it defines, so a new context pays
  // nothing for APIs its tenant never uses.
  const libs = { __proto__: null };
  function lib(name) {
    let exports = libs[name];
    if (exports === undefined) {
      const init = load(name);
      if (typeof init !== 'function') throw new ErrorCtor(`internal error: platform library ${name} is missing`);
      libs[name] = exports = init(global, shared);
    }
    return exports;
  }
  /** The exports of a library if it was loaded already (no value of its types can exist before). */
  const loaded = (name) => libs[name];
  const GLOBAL = { __proto__: null, value: undefined, writable: true, configurable: true, enumerable: false };
  function bindGlobal(key, value) {
    GLOBAL.value = value;
    defineProperty(global, key, GLOBAL);
    GLOBAL.value = undefined;
  }
  /**
   * Declares globals that library `name` defines. Until first use each is an accessor that loads the
   * library, then turns itself into the WebIDL data property (writable, configurable, not
   * enumerable) holding the value; assigning first just stores the assigned value.
   */
  function lazyGlobals(name, keys) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      defineProperty(global, key, {
        __proto__: null, configurable: true, enumerable: false,
        get() {
          const value = lib(name)[key];
          bindGlobal(key, value);
          return value;
        },
        set(value) { bindGlobal(key, value); },
      });
    }
  }
  /** What libraries share with this file and runtime.js (which adds `host` and its own helpers). */
  const shared = {
    __proto__: null, global, lib, loaded, lazyGlobals, bindGlobal, IteratorPrototype, pairIterator,
    uncurryThis, isObject, illegal, argc, enter, set, test, defineEnumerable, webidl, toByteString, toEnum,
    dictionary, bufferSourceView, copyBytes, wholeBuffer, utf8Encode, utf8DecodeAll, DOMException,
    isDOMException, Event, EventTarget, AbortSignal, AbortController, dispatch, signalAborted, signalReason,
    addAbortAlgorithm, reportError: (e) => reportErrorHook(e), Headers, Request, Response,
    TextEncoder, TextDecoder,
  };

  // runtime.js hands over what events need from it: error reporting and timers.
  function setHooks(reportError, setTimeout) {
    reportErrorHook = reportError;
    setTimeoutHook = setTimeout;
  }
  return freeze({
    requestFromHost, responseToHost, isResponse, requestToHost, responseFromHost, Request,
    signalAborted, signalReason, addAbortAlgorithm, setHooks, shared, lib, lazyGlobals,
  });
})
