// Small globals of the worker scope: ErrorEvent and PromiseRejectionEvent (HTML §8.1.4),
// Performance and `performance` (High Resolution Time), Navigator and `navigator` (HTML §8.9.1).
// Loaded on first use.
(function (global, shared) {
  'use strict';
  const { isObject, illegal, argc, webidl, dictionary, Event, EventTarget } = shared;
  const { freeze } = Object;
  const ReflectApply = Reflect.apply;
  const TypeErrorCtor = TypeError;
  const MathTrunc = Math.trunc;
  const ToWellFormed = String.prototype.toWellFormed;
  const toUSV = (v) => ReflectApply(ToWellFormed, `${v}`, []);
  /** WebIDL unsigned long. */
  function toUint32(v) {
    const x = +v;
    if (x !== x || x === Infinity || x === -Infinity) return 0;
    const r = MathTrunc(x) % 4294967296;
    return r < 0 ? r + 4294967296 : r + 0;
  }
  const INTERNAL = freeze({ __proto__: null });

  let isErrorEvent;
  class ErrorEvent extends Event {
    #message = ''; #filename = ''; #lineno = 0; #colno = 0; #error = undefined;
    constructor(type, eventInitDict = undefined) {
      argc(arguments.length, 1, 'ErrorEvent constructor');
      super(type, eventInitDict);
      const d = dictionary(eventInitDict, 'ErrorEventInit');
      if (d === null) return;
      let v = d.colno; // members in lexicographic order
      if (v !== undefined) this.#colno = toUint32(v);
      this.#error = d.error;
      if ((v = d.filename) !== undefined) this.#filename = toUSV(v);
      if ((v = d.lineno) !== undefined) this.#lineno = toUint32(v);
      if ((v = d.message) !== undefined) this.#message = `${v}`;
    }
    get message() { if (!isErrorEvent(this)) throw illegal(); return this.#message; }
    get filename() { if (!isErrorEvent(this)) throw illegal(); return this.#filename; }
    get lineno() { if (!isErrorEvent(this)) throw illegal(); return this.#lineno; }
    get colno() { if (!isErrorEvent(this)) throw illegal(); return this.#colno; }
    get error() { if (!isErrorEvent(this)) throw illegal(); return this.#error; }
    static { isErrorEvent = (o) => isObject(o) && #colno in o; }
  }
  webidl(ErrorEvent, 'ErrorEvent', false);

  let isRejectionEvent;
  class PromiseRejectionEvent extends Event {
    #promise; #reason;
    constructor(type, eventInitDict) {
      argc(arguments.length, 2, 'PromiseRejectionEvent constructor');
      super(type, eventInitDict);
      const d = dictionary(eventInitDict, 'PromiseRejectionEventInit');
      const promise = d === null ? undefined : d.promise;
      if (promise === undefined) throw new TypeErrorCtor("Failed to construct 'PromiseRejectionEvent': required member promise is undefined.");
      if (!isObject(promise)) throw new TypeErrorCtor("Failed to construct 'PromiseRejectionEvent': member promise is not an object.");
      this.#promise = promise;
      this.#reason = d.reason;
    }
    get promise() { if (!isRejectionEvent(this)) throw illegal(); return this.#promise; }
    get reason() { if (!isRejectionEvent(this)) throw illegal(); return this.#reason; }
    static { isRejectionEvent = (o) => isObject(o) && #promise in o; }
  }
  webidl(PromiseRejectionEvent, 'PromiseRejectionEvent', false);

  // ---- High Resolution Time: the host's monotonic clock (ms, coarsened to 100 µs) -------------------
  const host = shared.host;
  const monotonic = () => +host.now();
  const originMonotonic = monotonic();
  const timeOrigin = Date.now();
  let isPerformance;
  class Performance extends EventTarget {
    #brand = true;
    constructor(token = undefined) {
      if (token !== INTERNAL) throw new TypeErrorCtor('Illegal constructor');
      super();
    }
    now() {
      if (!isPerformance(this)) throw illegal();
      const t = monotonic() - originMonotonic;
      return t > 0 ? MathTrunc(t * 10 + 0.5) / 10 : 0;
    }
    get timeOrigin() { if (!isPerformance(this)) throw illegal(); return timeOrigin; }
    toJSON() {
      if (!isPerformance(this)) throw illegal();
      return { timeOrigin };
    }
    static { isPerformance = (o) => isObject(o) && #brand in o; }
  }
  webidl(Performance, 'Performance', false);
  const performance = new Performance(INTERNAL);

  let isNavigator;
  class Navigator {
    #brand = true;
    constructor(token = undefined) {
      if (token !== INTERNAL) throw new TypeErrorCtor('Illegal constructor');
    }
    get userAgent() { if (!isNavigator(this)) throw illegal(); return 'Islet'; }
    get hardwareConcurrency() { if (!isNavigator(this)) throw illegal(); return 1; }
    static { isNavigator = (o) => isObject(o) && #brand in o; }
  }
  webidl(Navigator, 'Navigator', false);
  const navigator = new Navigator(INTERNAL);

  return { ErrorEvent, Navigator, Performance, PromiseRejectionEvent, navigator, performance };
})
