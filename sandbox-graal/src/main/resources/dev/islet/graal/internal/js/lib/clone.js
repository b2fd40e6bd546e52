// structuredClone (HTML §2.7): StructuredSerializeWithTransfer followed by StructuredDeserialize-
// WithTransfer within one realm. Serialization builds an intermediate record graph (so getters run
// and errors surface before anything is transferred), transfers detach their ArrayBuffers, then
// deserialization builds the copy. Loaded on first use.
(function (global, shared) {
  'use strict';
  const { uncurryThis, isObject, DOMException, isDOMException } = shared;
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, keys: ObjectKeys, freeze } = Object;
  const ReflectApply = Reflect.apply;
  const TypeErrorCtor = TypeError;
  const hasOwn = Object.hasOwn;
  const ArrayIsArray = Array.isArray;
  const ArraySplice = uncurryThis(Array.prototype.splice);
  const MapCtor = Map, SetCtor = Set;
  const MapGet = uncurryThis(Map.prototype.get), MapSet = uncurryThis(Map.prototype.set);
  const MapHas = uncurryThis(Map.prototype.has);
  const SetAdd = uncurryThis(Set.prototype.add);
  const MapEntries = uncurryThis(Map.prototype.entries), SetValues = uncurryThis(Set.prototype.values);
  const MapIteratorNext = uncurryThis(getPrototypeOf(new Map().entries()).next);
  const SetIteratorNext = uncurryThis(getPrototypeOf(new Set().values()).next);
  const brand = (fn) => (v) => { try { fn(v); return true; } catch { return false; } };
  const getter = (proto, key) => uncurryThis(getOwnPropertyDescriptor(proto, key).get);
  const BooleanValueOf = uncurryThis(Boolean.prototype.valueOf);
  const NumberValueOf = uncurryThis(Number.prototype.valueOf);
  const StringValueOf = uncurryThis(String.prototype.valueOf);
  const BigIntValueOf = uncurryThis(BigInt.prototype.valueOf);
  const SymbolValueOf = uncurryThis(Symbol.prototype.valueOf);
  const DateGetTime = uncurryThis(Date.prototype.getTime);
  const RegExpProto = RegExp.prototype;
  const RegExpSource = getter(RegExpProto, 'source');
  const FLAG_GETTERS = [];
  for (const [flag, key] of [['d', 'hasIndices'], ['g', 'global'], ['i', 'ignoreCase'], ['m', 'multiline'],
    ['s', 'dotAll'], ['u', 'unicode'], ['v', 'unicodeSets'], ['y', 'sticky']]) {
    const d = getOwnPropertyDescriptor(RegExpProto, key);
    if (d !== undefined) FLAG_GETTERS[FLAG_GETTERS.length] = [flag, uncurryThis(d.get)];
  }
  const RegExpCtor = RegExp, DateCtor = Date, BooleanCtor = Boolean, NumberCtor = Number, StringCtor = String;
  const ObjectCtor = Object;
  const ABProto = ArrayBuffer.prototype;
  const ABByteLength = getter(ABProto, 'byteLength');
  const ABResizable = getOwnPropertyDescriptor(ABProto, 'resizable') ? getter(ABProto, 'resizable') : () => false;
  const ABMaxByteLength = getOwnPropertyDescriptor(ABProto, 'maxByteLength') ? getter(ABProto, 'maxByteLength') : ABByteLength;
  const ABDetached = getOwnPropertyDescriptor(ABProto, 'detached') ? getter(ABProto, 'detached') : null;
  const ABTransfer = typeof ABProto.transfer === 'function' ? uncurryThis(ABProto.transfer) : null;
  const ABSlice = uncurryThis(ABProto.slice);
  const ArrayBufferCtor = ArrayBuffer;
  const SAB = global.SharedArrayBuffer;
  const isSAB = typeof SAB === 'function' ? brand(getter(SAB.prototype, 'byteLength')) : () => false;
  const isArrayBuffer = brand(ABByteLength);
  const ArrayBufferIsView = ArrayBuffer.isView;
  const TypedArrayPrototype = getPrototypeOf(Uint8Array.prototype);
  const TATag = getter(TypedArrayPrototype, Symbol.toStringTag);
  const TABuffer = getter(TypedArrayPrototype, 'buffer');
  const TAByteOffset = getter(TypedArrayPrototype, 'byteOffset');
  const TALength = getter(TypedArrayPrototype, 'length');
  const DVBuffer = getter(DataView.prototype, 'buffer');
  const DVByteOffset = getter(DataView.prototype, 'byteOffset');
  const DVByteLength = getter(DataView.prototype, 'byteLength');
  const DataViewCtor = DataView;
  const TYPED_ARRAYS = { __proto__: null };
  for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    if (typeof global[name] === 'function') TYPED_ARRAYS[name] = global[name];
  }
  const isBoolean = brand(BooleanValueOf), isNumber = brand(NumberValueOf), isString = brand(StringValueOf);
  const isBigInt = brand(BigIntValueOf), isSymbol = brand(SymbolValueOf), isDate = brand(DateGetTime);
  const isRegExp = (v) => v !== RegExpProto && brand(RegExpSource)(v);
  const isMap = brand((v) => MapHas(v, undefined));
  const isSet = brand(uncurryThis(Set.prototype.has));
  const isWeakMap = brand(uncurryThis(WeakMap.prototype.has));
  const isWeakSet = brand(uncurryThis(WeakSet.prototype.has));
  const isWeakRef = typeof WeakRef === 'function' ? brand(uncurryThis(WeakRef.prototype.deref)) : () => false;
  const FRUnregister = typeof FinalizationRegistry === 'function' ? uncurryThis(FinalizationRegistry.prototype.unregister) : null;
  const isRegistry = FRUnregister === null ? () => false : brand((v) => FRUnregister(v, {}));
  const ErrorIsError = typeof Error.isError === 'function' ? Error.isError : null;
  const ObjectToString = uncurryThis(Object.prototype.toString);
  const isError = ErrorIsError !== null ? ErrorIsError : (v) => ObjectToString(v) === '[object Error]';
  const ERROR_CTORS = { __proto__: null, Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  // Platform objects that are not serializable: a prototype chain through one of these.
  const PLATFORM_PROTOS = [];
  for (const k of ['Event', 'EventTarget', 'Headers', 'Request', 'Response', 'TextEncoder', 'TextDecoder']) {
    if (typeof shared[k] === 'function') PLATFORM_PROTOS[PLATFORM_PROTOS.length] = shared[k].prototype;
  }
  for (const k of ['AbortController']) {
    const d = getOwnPropertyDescriptor(global, k);
    if (d !== undefined && typeof d.value === 'function') PLATFORM_PROTOS[PLATFORM_PROTOS.length] = d.value.prototype;
  }
  // ... and those of libraries, once loaded (before, no instance can exist).
  const LIBRARY_CLASSES = [['blob', 'FormData'], ['messaging', 'MessageChannel'], ['platform', 'Navigator']];
  function isPlatformObject(v) {
    for (let i = 0; i < LIBRARY_CLASSES.length; i++) {
      const exports = shared.loaded(LIBRARY_CLASSES[i][0]);
      if (exports === undefined) continue;
      const proto = exports[LIBRARY_CLASSES[i][1]].prototype;
      PLATFORM_PROTOS[PLATFORM_PROTOS.length] = proto;
      ArraySplice(LIBRARY_CLASSES, i--, 1);
    }
    for (let p = getPrototypeOf(v); p !== null; p = getPrototypeOf(p)) {
      for (let i = 0; i < PLATFORM_PROTOS.length; i++) if (PLATFORM_PROTOS[i] === p) return true;
    }
    return false;
  }
  const cloneError = (what) => new DOMException(`${what} could not be cloned.`, 'DataCloneError');
  const describe = (v) => (typeof v === 'function' ? `function ${v.name || '(anonymous)'}` : typeof v === 'symbol' ? 'Symbol' : 'The object');

  function isDetached(buffer) {
    if (ABDetached !== null) return ABDetached(buffer);
    try { ABSlice(buffer, 0, 0); return false; } catch { return true; }
  }

  // ---- serialization: records are { __proto__: null, k: kind, ... }; primitives stand for themselves
  function serialize(value, memory) {
    if (!isObject(value)) {
      if (typeof value === 'symbol') throw cloneError('Symbol()');
      return value;
    }
    const seen = MapGet(memory, value);
    if (seen !== undefined) return seen;
    if (typeof value === 'function') throw cloneError(describe(value));
    let r;
    if (isBoolean(value)) r = { __proto__: null, k: 'Boolean', v: BooleanValueOf(value) };
    else if (isNumber(value)) r = { __proto__: null, k: 'Number', v: NumberValueOf(value) };
    else if (isBigInt(value)) r = { __proto__: null, k: 'BigInt', v: BigIntValueOf(value) };
    else if (isString(value)) r = { __proto__: null, k: 'String', v: StringValueOf(value) };
    else if (isSymbol(value)) throw cloneError('Symbol object');
    else if (isDate(value)) r = { __proto__: null, k: 'Date', v: DateGetTime(value) };
    else if (isRegExp(value)) {
      let flags = '';
      for (let i = 0; i < FLAG_GETTERS.length; i++) if (FLAG_GETTERS[i][1](value)) flags += FLAG_GETTERS[i][0];
      r = { __proto__: null, k: 'RegExp', source: RegExpSource(value), flags };
    } else if (isArrayBuffer(value)) {
      if (isDetached(value)) throw cloneError('A detached ArrayBuffer');
      const copy = ABResizable(value)
        ? copyResizable(value)
        : ABSlice(value, 0);
      r = { __proto__: null, k: 'ArrayBuffer', data: copy };
    } else if (isSAB(value)) {
      throw cloneError('A SharedArrayBuffer');
    } else if (ArrayBufferIsView(value)) {
      const tag = TATag(value);
      let buffer, offset, length;
      if (tag === undefined) { buffer = DVBuffer(value); offset = DVByteOffset(value); length = DVByteLength(value); } else {
        buffer = TABuffer(value); offset = TAByteOffset(value); length = TALength(value);
      }
      if (isSAB(buffer)) throw cloneError('A view over a SharedArrayBuffer');
      r = { __proto__: null, k: 'View', tag: tag === undefined ? 'DataView' : tag, buffer: null, offset, length };
      MapSet(memory, value, r);
      r.buffer = serialize(buffer, memory);
      return r;
    } else if (isMap(value)) {
      r = { __proto__: null, k: 'Map', list: [] };
      MapSet(memory, value, r);
      const copied = [];
      const it = MapEntries(value);
      for (let e = MapIteratorNext(it); !e.done; e = MapIteratorNext(it)) copied[copied.length] = e.value;
      for (let i = 0; i < copied.length; i++) {
        r.list[r.list.length] = serialize(copied[i][0], memory);
        r.list[r.list.length] = serialize(copied[i][1], memory);
      }
      return r;
    } else if (isSet(value)) {
      r = { __proto__: null, k: 'Set', list: [] };
      MapSet(memory, value, r);
      const copied = [];
      const it = SetValues(value);
      for (let e = SetIteratorNext(it); !e.done; e = SetIteratorNext(it)) copied[copied.length] = e.value;
      for (let i = 0; i < copied.length; i++) r.list[r.list.length] = serialize(copied[i], memory);
      return r;
    } else if (isDOMException(value)) {
      r = { __proto__: null, k: 'DOMException', name: `${value.name}`, message: `${value.message}` };
    } else if (isError(value)) {
      r = serializeError(value, memory);
      return r;
    } else if (ArrayIsArray(value)) {
      r = { __proto__: null, k: 'Array', length: value.length, props: [] };
      MapSet(memory, value, r);
      properties(value, r.props, memory);
      return r;
    } else {
      const blobs = shared.loaded('blob');
      if (blobs !== undefined && blobs.isBlob(value)) {
        r = blobs.isFile(value)
          ? { __proto__: null, k: 'File', bytes: blobs.blobBytes(value), type: blobs.blobType(value),
            name: blobs.fileName(value), lastModified: blobs.fileLastModified(value) }
          : { __proto__: null, k: 'Blob', bytes: blobs.blobBytes(value), type: blobs.blobType(value) };
      } else {
        const messaging = shared.loaded('messaging');
        if (messaging !== undefined && messaging.isPort(value)) throw cloneError('A MessagePort not in the transfer list');
        if (isWeakMap(value) || isWeakSet(value) || isWeakRef(value) || isRegistry(value) || isPlatformObject(value)
          || ObjectToString(value) === '[object Promise]') {
          throw cloneError(`#<${ObjectToString(value).slice(8, -1)}>`);
        }
        r = { __proto__: null, k: 'Object', props: [] };
        MapSet(memory, value, r);
        properties(value, r.props, memory);
        return r;
      }
    }
    MapSet(memory, value, r);
    return r;
  }
  function copyResizable(buffer) {
    const len = ABByteLength(buffer);
    const copy = new ArrayBufferCtor(len, { maxByteLength: ABMaxByteLength(buffer) });
    new Uint8Array(copy).set(new Uint8Array(buffer, 0, len));
    return copy;
  }
  function properties(value, props, memory) {
    const keys = ObjectKeys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!hasOwn(value, key)) continue;
      const v = value[key];
      props[props.length] = key;
      props[props.length] = serialize(v, memory);
    }
  }
  function serializeError(value, memory) {
    const r = { __proto__: null, k: 'Error', name: 'Error', message: undefined, cause: undefined, hasCause: false, stack: undefined };
    MapSet(memory, value, r);
    const name = value.name;
    r.name = typeof name === 'string' && ERROR_CTORS[name] !== undefined ? name : 'Error';
    const m = getOwnPropertyDescriptor(value, 'message');
    if (m !== undefined && hasOwn(m, 'value')) r.message = `${m.value}`;
    const c = getOwnPropertyDescriptor(value, 'cause');
    if (c !== undefined && hasOwn(c, 'value')) { r.hasCause = true; r.cause = serialize(c.value, memory); }
    const s = getOwnPropertyDescriptor(value, 'stack');
    if (s !== undefined && hasOwn(s, 'value') && typeof s.value === 'string') r.stack = s.value;
    return r;
  }

  // ---- deserialization --------------------------------------------------------------------------
  const HIDDEN = { __proto__: null, value: undefined, writable: true, configurable: true, enumerable: false };
  function hidden(o, key, value) {
    HIDDEN.value = value;
    defineProperty(o, key, HIDDEN);
    HIDDEN.value = undefined;
  }
  function deserialize(r, memory) {
    if (!isObject(r)) return r;
    let o = MapGet(memory, r);
    if (o !== undefined) return o;
    switch (r.k) {
      case 'Boolean': o = ObjectCtor(BooleanCtor(r.v)); break;
      case 'Number': o = ObjectCtor(NumberCtor(r.v)); break;
      case 'BigInt': o = ObjectCtor(r.v); break;
      case 'String': o = ObjectCtor(StringCtor(r.v)); break;
      case 'Date': o = new DateCtor(r.v); break;
      case 'RegExp': o = new RegExpCtor(r.source, r.flags); break;
      case 'ArrayBuffer': case 'Transferred': o = r.data; break;
      case 'View': {
        const buffer = deserialize(r.buffer, memory);
        o = r.tag === 'DataView' ? new DataViewCtor(buffer, r.offset, r.length)
          : new TYPED_ARRAYS[r.tag](buffer, r.offset, r.length);
        break;
      }
      case 'Map': {
        o = new MapCtor();
        MapSet(memory, r, o);
        const mapSet = uncurryThis(MapCtor.prototype.set);
        for (let i = 0; i < r.list.length; i += 2) mapSet(o, deserialize(r.list[i], memory), deserialize(r.list[i + 1], memory));
        return o;
      }
      case 'Set': {
        o = new SetCtor();
        MapSet(memory, r, o);
        for (let i = 0; i < r.list.length; i++) SetAdd(o, deserialize(r.list[i], memory));
        return o;
      }
      case 'DOMException': o = new DOMException(r.message, r.name); break;
      case 'Error': {
        o = ReflectApply(() => new ERROR_CTORS[r.name](), undefined, []);
        MapSet(memory, r, o);
        if (r.message !== undefined) hidden(o, 'message', r.message);
        if (r.hasCause) hidden(o, 'cause', deserialize(r.cause, memory));
        if (r.stack !== undefined) hidden(o, 'stack', r.stack);
        return o;
      }
      case 'Blob': o = shared.lib('blob').makeBlob(r.bytes, r.type); break;
      case 'File': o = shared.lib('blob').makeFile(r.bytes, r.type, r.name, r.lastModified); break;
      case 'Port': o = r.port; break;
      case 'Array': {
        o = new Array(r.length);
        MapSet(memory, r, o);
        fill(o, r.props, memory);
        return o;
      }
      default: {
        o = {};
        MapSet(memory, r, o);
        fill(o, r.props, memory);
        return o;
      }
    }
    MapSet(memory, r, o);
    return o;
  }
  const DATA = { __proto__: null, value: undefined, writable: true, configurable: true, enumerable: true };
  function fill(o, props, memory) {
    for (let i = 0; i < props.length; i += 2) {
      DATA.value = deserialize(props[i + 1], memory);
      defineProperty(o, props[i], DATA);
    }
    DATA.value = undefined;
  }

  /**
   * Clones value, transferring the objects of transferList (ArrayBuffers; MessagePorts when the
   * messaging library provides them). Returns [clone, the transferred objects' new counterparts].
   */
  function cloneWithTransfer(value, transferList) {
    const memory = new MapCtor();
    const messaging = shared.loaded('messaging');
    for (let i = 0; i < transferList.length; i++) {
      const t = transferList[i];
      const port = messaging !== undefined && messaging.isPort(t);
      if (!port && !isArrayBuffer(t)) {
        if (isSAB(t)) throw cloneError('A SharedArrayBuffer');
        throw cloneError('Value not transferable: the object');
      }
      if (MapHas(memory, t)) throw new DOMException('Duplicate transferable in the transfer list.', 'DataCloneError');
      MapSet(memory, t, { __proto__: null, k: port ? 'Port' : 'Transferred', data: null, port: null });
    }
    const record = serialize(value, memory);
    const out = [];
    for (let i = 0; i < transferList.length; i++) {
      const t = transferList[i], r = MapGet(memory, t);
      if (r.k === 'Port') {
        if (messaging.isDetachedPort(t)) throw new DOMException('A MessagePort could not be cloned because it was detached.', 'DataCloneError');
        continue;
      }
      if (isDetached(t)) throw new DOMException('An ArrayBuffer is detached and could not be cloned.', 'DataCloneError');
    }
    for (let i = 0; i < transferList.length; i++) {
      const t = transferList[i], r = MapGet(memory, t);
      if (r.k === 'Port') r.port = messaging.transferPort(t);
      else if (ABTransfer !== null) r.data = ABTransfer(t);
      else throw cloneError('An ArrayBuffer (transfer is unsupported)');
      out[i] = r.k === 'Port' ? r.port : r.data;
    }
    return [deserialize(record, new MapCtor()), out];
  }
  /** The transfer member of StructuredSerializeOptions: a sequence<object>. */
  function transferOption(options) {
    if (options === undefined || options === null) return [];
    if (!isObject(options)) throw new TypeErrorCtor("Failed to execute 'structuredClone': the options must be an object");
    const transfer = options.transfer;
    if (transfer === undefined) return [];
    const method = isObject(transfer) ? transfer[Symbol.iterator] : undefined;
    if (typeof method !== 'function') throw new TypeErrorCtor("Failed to execute 'structuredClone': 'transfer' is not a sequence");
    const list = [];
    for (const t of { [Symbol.iterator]: () => ReflectApply(method, transfer, []) }) {
      if (!isObject(t)) throw new TypeErrorCtor("Failed to execute 'structuredClone': a transfer item is not an object");
      list[list.length] = t;
    }
    return list;
  }
  const functions = {
    structuredClone(value, options = undefined) {
      if (arguments.length < 1) throw new TypeErrorCtor("Failed to execute 'structuredClone': 1 argument required, but only 0 present.");
      return cloneWithTransfer(value, transferOption(options))[0];
    },
  };
  return freeze({ structuredClone: functions.structuredClone, cloneWithTransfer, transferOption });
})
