// MessageChannel, MessagePort and MessageEvent (HTML §9.4, §9.3.1) within one worker: messages
// are structured clones (with transfer), each delivered as its own task once the receiving port's
// message queue is enabled (start(), or setting onmessage). Loaded on first use.
(function (global, shared) {
  'use strict';
  const { isObject, illegal, argc, webidl, dictionary, DOMException, Event, EventTarget, dispatch } = shared;
  const { freeze } = Object;
  const ReflectApply = Reflect.apply;
  const TypeErrorCtor = TypeError;
  const PromiseResolve = Promise.resolve.bind(Promise);
  const PromiseThen = shared.uncurryThis(Promise.prototype.then);
  const SymbolIterator = Symbol.iterator;
  const INTERNAL = freeze({ __proto__: null });

  /** WebIDL sequence<MessagePort> from an iterable. */
  function toPorts(v, what) {
    const method = isObject(v) ? v[SymbolIterator] : undefined;
    if (typeof method !== 'function') throw new TypeErrorCtor(`${what} must be a sequence`);
    const it = ReflectApply(method, v, []), list = [];
    for (;;) {
      const r = it.next();
      if (!isObject(r)) throw new TypeErrorCtor('The iterator result is not an object');
      if (r.done) return list;
      if (!isPort(r.value)) throw new TypeErrorCtor(`${what}: an element is not of type 'MessagePort'`);
      list[list.length] = r.value;
    }
  }

  // ---- MessageEvent -----------------------------------------------------------------------------
  let isMessageEvent;
  class MessageEvent extends Event {
    #data = null; #origin = ''; #lastEventId = ''; #source = null; #ports = freeze([]);
    constructor(type, eventInitDict = undefined) {
      argc(arguments.length, 1, 'MessageEvent constructor');
      super(type, eventInitDict);
      const d = dictionary(eventInitDict, 'MessageEventInit');
      if (d === null) return;
      let v = d.data;
      if (v !== undefined) this.#data = v;
      if ((v = d.lastEventId) !== undefined) this.#lastEventId = `${v}`;
      if ((v = d.origin) !== undefined) this.#origin = toUSV(v);
      if ((v = d.ports) !== undefined) this.#ports = freeze(toPorts(v, 'MessageEventInit.ports'));
      if ((v = d.source) !== undefined && v !== null) {
        if (!isPort(v)) throw new TypeErrorCtor("MessageEventInit.source is not of type 'MessagePort'");
        this.#source = v;
      }
    }
    get data() { if (!isMessageEvent(this)) throw illegal(); return this.#data; }
    get origin() { if (!isMessageEvent(this)) throw illegal(); return this.#origin; }
    get lastEventId() { if (!isMessageEvent(this)) throw illegal(); return this.#lastEventId; }
    get source() { if (!isMessageEvent(this)) throw illegal(); return this.#source; }
    get ports() { if (!isMessageEvent(this)) throw illegal(); return this.#ports; }
    initMessageEvent(type, bubbles = false, cancelable = false, data = null, origin = '', lastEventId = '',
      source = null, ports = []) {
      if (!isMessageEvent(this)) throw illegal();
      argc(arguments.length, 1, 'MessageEvent.initMessageEvent');
      origin = toUSV(origin); lastEventId = `${lastEventId}`;
      if (source !== null && !isPort(source)) throw new TypeErrorCtor("parameter 7 is not of type 'MessagePort'");
      const list = freeze(toPorts(ports, 'parameter 8'));
      this.initEvent(type, bubbles, cancelable);
      this.#data = data; this.#origin = origin; this.#lastEventId = lastEventId; this.#source = source; this.#ports = list;
    }
    static { isMessageEvent = (o) => isObject(o) && #ports in o; }
  }
  webidl(MessageEvent, 'MessageEvent', false);
  const ToWellFormed = String.prototype.toWellFormed;
  const toUSV = (v) => ReflectApply(ToWellFormed, `${v}`, []);

  // ---- MessagePort ------------------------------------------------------------------------------
  let isPort, isDetachedPort, transferPort, entangle;
  class MessagePort extends EventTarget {
    #peer = null; #queue = []; #enabled = false; #tasks = 0; #detached = false;
    #onmessage = null; #onmessageerror = null; #onclose = null;
    constructor(token = undefined) {
      if (token !== INTERNAL) throw new TypeErrorCtor('Illegal constructor');
      super();
    }
    postMessage(message, options = undefined) {
      if (!isPort(this)) throw illegal();
      argc(arguments.length, 1, 'MessagePort.postMessage');
      const clone = shared.lib('clone');
      let transfer;
      if (isObject(options) && typeof options[SymbolIterator] === 'function') {
        transfer = [];
        for (const t of { [SymbolIterator]: () => ReflectApply(options[SymbolIterator], options, []) }) {
          if (!isObject(t)) throw new TypeErrorCtor("MessagePort.postMessage: a transfer item is not an object");
          transfer[transfer.length] = t;
        }
      } else transfer = clone.transferOption(options);
      const target = this.#peer;
      for (let i = 0; i < transfer.length; i++) {
        if (transfer[i] === this) throw new DOMException('A MessagePort cannot transfer itself.', 'DataCloneError');
      }
      let doomed = false;
      if (target !== null) for (let i = 0; i < transfer.length; i++) if (transfer[i] === target) doomed = true;
      const [data, transferred] = clone.cloneWithTransfer(message, transfer);
      if (target === null || doomed) return;
      const ports = [];
      for (let i = 0; i < transfer.length; i++) if (isPort(transferred[i])) ports[ports.length] = transferred[i];
      const q = target.#queue;
      q[q.length] = { __proto__: null, data, ports: freeze(ports) };
      MessagePort.#schedule(target);
    }
    start() {
      if (!isPort(this)) throw illegal();
      if (this.#enabled) return;
      this.#enabled = true;
      MessagePort.#schedule(this);
    }
    close() {
      if (!isPort(this)) throw illegal();
      const peer = this.#peer;
      this.#peer = null;
      if (peer !== null) {
        peer.#peer = null;
        deliverTask(() => dispatch(peer, new Event('close')));
      }
    }
    get onmessage() { if (!isPort(this)) throw illegal(); return this.#onmessage; }
    set onmessage(v) {
      if (!isPort(this)) throw illegal();
      this.#onmessage = MessagePort.#handler(this, 'message', this.#onmessage, v);
      this.start();
    }
    get onmessageerror() { if (!isPort(this)) throw illegal(); return this.#onmessageerror; }
    set onmessageerror(v) {
      if (!isPort(this)) throw illegal();
      this.#onmessageerror = MessagePort.#handler(this, 'messageerror', this.#onmessageerror, v);
    }
    get onclose() { if (!isPort(this)) throw illegal(); return this.#onclose; }
    set onclose(v) {
      if (!isPort(this)) throw illegal();
      this.#onclose = MessagePort.#handler(this, 'close', this.#onclose, v);
    }
    static #handler(port, type, old, v) {
      if (old !== null) port.removeEventListener(type, old);
      const h = typeof v === 'function' || isObject(v) ? v : null;
      if (h !== null) port.addEventListener(type, h);
      return h;
    }
    /** Queues one task per message not yet given one, while the port's message queue is enabled. */
    static #schedule(port) {
      if (!port.#enabled) return;
      while (port.#tasks < port.#queue.length) {
        port.#tasks++;
        deliverTask(() => {
          port.#tasks--;
          const q = port.#queue;
          if (!port.#enabled || port.#detached || q.length === 0) return;
          const m = q[0];
          for (let i = 1; i < q.length; i++) q[i - 1] = q[i];
          q.length--;
          dispatch(port, new MessageEvent('message', { data: m.data, ports: m.ports }));
        });
      }
    }
    static {
      isPort = (o) => isObject(o) && #queue in o;
      isDetachedPort = (p) => p.#detached;
      entangle = (a, b) => { a.#peer = b; b.#peer = a; };
      // The port's new counterpart after a transfer: it takes over the entanglement and the queue.
      transferPort = (p) => {
        const n = new MessagePort(INTERNAL);
        n.#queue = p.#queue; p.#queue = [];
        n.#peer = p.#peer; p.#peer = null;
        if (n.#peer !== null) n.#peer.#peer = n;
        p.#detached = true; p.#enabled = false;
        return n;
      };
    }
  }
  webidl(MessagePort, 'MessagePort', false);
  /** Runs fn as a task (a zero-delay timer), or a microtask where timers are unavailable. */
  function deliverTask(fn) {
    try {
      shared.setTimeout(fn, 0);
    } catch {
      PromiseThen(PromiseResolve(), () => { try { fn(); } catch (e) { shared.reportError(e); } });
    }
  }

  let channelPorts;
  class MessageChannel {
    #port1; #port2;
    constructor() {
      this.#port1 = new MessagePort(INTERNAL);
      this.#port2 = new MessagePort(INTERNAL);
      entangle(this.#port1, this.#port2);
    }
    get port1() { if (!channelPorts(this)) throw illegal(); return this.#port1; }
    get port2() { if (!channelPorts(this)) throw illegal(); return this.#port2; }
    static { channelPorts = (o) => isObject(o) && #port1 in o; }
  }
  webidl(MessageChannel, 'MessageChannel', false);

  return { MessageChannel, MessageEvent, MessagePort, isPort, isDetachedPort, transferPort };
})
