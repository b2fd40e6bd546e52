// Platform library: the WebAssembly namespace as workers see it, loaded on first use of the global
// (or of a `.wasm` module import). It wraps the engine's object, which runtime.js took before tenant
// code ran (shared.NativeWebAssembly):
// - as in workerd, nothing compiles Wasm from bytes at run time: WebAssembly.compile,
//   instantiate(bytes), compileStreaming, instantiateStreaming and new WebAssembly.Module(bytes)
//   throw CompileError "Wasm code generation disallowed by embedder"; validate still works;
// - own(index) compiles the script's own module number `index` from the bytes the host checked at
//   deploy (once per context); runtime.js's Symbol.for('islet.wasm') function calls it;
// - memories and tables made from JS get a maximum within the worker's memory limit.
// Module, Memory and Table are replaced by functions sharing the engine classes' prototypes, so
// instanceof, the statics and the engine's own instances keep working.
(function (global, shared) {
  'use strict';
  const { host } = shared;
  const WA = shared.NativeWebAssembly;
  const { defineProperty } = Object;
  const ReflectApply = Reflect.apply, ReflectConstruct = Reflect.construct;
  const MathFloor = Math.floor;
  const TypeErrorCtor = TypeError, RangeErrorCtor = RangeError;
  const ArrayBufferCtor = ArrayBuffer;
  const PromiseCtor = Promise;
  const promiseReject = (e) => ReflectApply(PromiseCtor.reject, PromiseCtor, [e]);
  const NativeModule = WA.Module, NativeMemory = WA.Memory, NativeTable = WA.Table;
  const CompileErrorCtor = WA.CompileError;
  const nativeInstantiate = WA.instantiate;
  const disallowed = () => new CompileErrorCtor('Wasm code generation disallowed by embedder');

  const compiled = [];
  function own(index) {
    let m = compiled[index];
    if (m === undefined) {
      const buffer = host.wasmModule(index);
      if (buffer === null || buffer === undefined) throw disallowed();
      m = new NativeModule(new ArrayBufferCtor(buffer));
      compiled[index] = m;
    }
    return m;
  }

  // A function standing in for an engine class: same prototype, so instanceof and the instances the
  // engine makes (exports of an Instance, say) agree with it.
  function standIn(Native, Ctor) {
    defineProperty(Ctor, 'prototype', { value: Native.prototype, writable: false, enumerable: false, configurable: false });
    defineProperty(Native.prototype, 'constructor', { value: Ctor, writable: true, enumerable: false, configurable: true });
    defineProperty(WA, Native.name, { value: Ctor, writable: true, enumerable: false, configurable: true });
  }

  const Module = function Module(bytes) {
    if (new.target === undefined) throw new TypeErrorCtor("WebAssembly.Module must be invoked with 'new'");
    throw disallowed();
  };
  for (const k of ['exports', 'imports', 'customSections']) {
    defineProperty(Module, k, { value: NativeModule[k], writable: true, enumerable: false, configurable: true });
  }
  standIn(NativeModule, Module);

  const PAGE = 65536;
  const Memory = function Memory(descriptor) {
    if (new.target === undefined) throw new TypeErrorCtor("WebAssembly.Memory must be invoked with 'new'");
    if (descriptor === null || typeof descriptor !== 'object') {
      throw new TypeErrorCtor('WebAssembly.Memory(): Argument 0 must be a memory descriptor');
    }
    const cap = MathFloor(+host.wasmMemoryCap() / PAGE);
    const initial = descriptor.initial, maximum = descriptor.maximum;
    const d = { initial, maximum: maximum === undefined ? cap : maximum, shared: descriptor.shared };
    if (+d.maximum > cap || +initial > cap) {
      throw new RangeErrorCtor(`WebAssembly.Memory(): more than ${cap} pages is above this worker's memory limit`);
    }
    return ReflectConstruct(NativeMemory, [d], new.target);
  };
  standIn(NativeMemory, Memory);

  const TABLE_CAP = 1000000;
  const Table = function Table(descriptor, value = undefined) {
    if (new.target === undefined) throw new TypeErrorCtor("WebAssembly.Table must be invoked with 'new'");
    if (descriptor === null || typeof descriptor !== 'object') {
      throw new TypeErrorCtor('WebAssembly.Table(): Argument 0 must be a table descriptor');
    }
    const maximum = descriptor.maximum;
    const d = { element: descriptor.element, initial: descriptor.initial, maximum: maximum === undefined ? TABLE_CAP : maximum };
    if (+d.maximum > TABLE_CAP || +d.initial > TABLE_CAP) {
      throw new RangeErrorCtor(`WebAssembly.Table(): more than ${TABLE_CAP} elements is not allowed`);
    }
    return ReflectConstruct(NativeTable, arguments.length > 1 ? [d, value] : [d], new.target);
  };
  standIn(NativeTable, Table);

  const fns = {
    compile(bytes) { return promiseReject(disallowed()); },
    instantiate(source, importObject = undefined) {
      if (source instanceof NativeModule) return ReflectApply(nativeInstantiate, WA, [source, importObject]);
      return promiseReject(disallowed());
    },
    compileStreaming(source) { return promiseReject(disallowed()); },
    instantiateStreaming(source, importObject = undefined) { return promiseReject(disallowed()); },
  };
  for (const k in fns) {
    defineProperty(WA, k, { value: fns[k], writable: true, enumerable: true, configurable: true });
  }
  return { WebAssembly: WA, own };
});
