package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Streams: ReadableStream, WritableStream, TransformStream and the queuing strategies (WHATWG Streams)")
class StreamsTest extends WebPlatformFixture {

  /** Helpers available to every snippet: a macrotask tick and a rejection's constructor name. */
  private static final String HELPERS = "const tick = () => new Promise((r) => setTimeout(r, 0));\n"
      + "const why = (p) => p.then((v) => 'fulfilled:' + v, (e) => e && e.constructor ? e.constructor.name + ':' + (e.name || '') : String(e));\n";

  private String js(String body) {
    return run(HELPERS + body);
  }

  @Test
  @DisplayName("Queueing: desiredSize follows highWaterMark minus the queued sizes; pull runs only while desiredSize > 0 or reads wait")
  void queueingAndBackpressure() {
    assertEquals("3|1|-1|0|ab|1|1|cd|2|3",
        js("let pulls = 0, ctrl;\n"
            + "const rs = new ReadableStream({ start(c) { ctrl = c; }, pull() { pulls++; } },\n"
            + "  { highWaterMark: 3, size: (chunk) => chunk.length });\n"
            + "out.push(ctrl.desiredSize); ctrl.enqueue('ab'); out.push(ctrl.desiredSize);\n"
            + "ctrl.enqueue('cd'); out.push(ctrl.desiredSize);\n"
            + "await tick(); out.push(pulls);\n"
            + "const reader = rs.getReader();\n"
            + "const r1 = await reader.read(); out.push(r1.value, ctrl.desiredSize, pulls);\n"
            + "const r2 = await reader.read(); out.push(r2.value, pulls);\n"
            + "await tick(); out.push(ctrl.desiredSize);"));
  }

  @Test
  @DisplayName("Strategies: a throwing size errors the stream with that error; NaN, negative or infinite sizes and bad highWaterMarks are RangeErrors")
  void strategyErrors() {
    assertEquals("boom|errored:boom|RangeError|RangeError|RangeError|RangeError|RangeError|RangeError|TypeError",
        js("const boom = new Error('boom'); let c1;\n"
            + "const rs = new ReadableStream({ start(c) { c1 = c; } }, { size() { throw boom; } });\n"
            + "try { c1.enqueue('x'); } catch (e) { out.push(e.message); }\n"
            + "await rs.getReader().closed.catch((e) => out.push('errored:' + e.message));\n"
            + "for (const bad of [NaN, -1, Infinity]) {\n"
            + "  let c; new ReadableStream({ start(x) { c = x; } }, { size: () => bad });\n"
            + "  try { c.enqueue('x'); } catch (e) { out.push(e.constructor.name); }\n"
            + "}\n"
            + "for (const hwm of [-1, NaN]) { try { new ReadableStream({}, { highWaterMark: hwm }); } catch (e) { out.push(e.constructor.name); } }\n"
            + "try { new ReadableStream({ type: 'bytes' }, { size: () => 1 }); } catch (e) { out.push(e.constructor.name); }\n"
            + "try { new ReadableStream({}, { size: 5 }); } catch (e) { out.push(e.constructor.name); }"));
  }

  @Test
  @DisplayName("Close, error and cancel: reads drain the queue then report done; errors reject reads; cancel reaches the source and fulfills with undefined")
  void closeErrorCancel() {
    assertEquals("a|true|undefined|closed|boom|boom|cancel:why|undefined|true|undefined|TypeError:TypeError",
        js("const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.close(); } });\n"
            + "const r = rs.getReader(); const x = await r.read(); const y = await r.read();\n"
            + "out.push(x.value, y.done, y.value); await r.closed; out.push('closed');\n"
            + "const boom = new Error('boom');\n"
            + "const es = new ReadableStream({ start(c) { c.error(boom); } }); const er = es.getReader();\n"
            + "await er.read().catch((e) => out.push(e.message)); await er.closed.catch((e) => out.push(e.message));\n"
            + "const cs = new ReadableStream({ cancel(reason) { out.push('cancel:' + reason); return 'ignored'; } });\n"
            + "out.push(await cs.cancel('why'));\n"
            + "const cr = new ReadableStream({ start(c) { c.enqueue(1); } }).getReader();\n"
            + "await cr.cancel(); const after = await cr.read(); out.push(after.done, after.value);\n"
            + "out.push(await why(new ReadableStream().getReader().cancel.call({})));"));
  }

  @Test
  @DisplayName("Readers: one at a time; releaseLock rejects pending reads and closed with TypeErrors and unlocks the stream")
  void readerRelease() {
    assertEquals("true|TypeError|TypeError:TypeError|TypeError:TypeError|false|x|TypeError",
        js("let ctrl; const rs = new ReadableStream({ start(c) { ctrl = c; } });\n"
            + "const r = rs.getReader(); out.push(rs.locked);\n"
            + "try { rs.getReader(); } catch (e) { out.push(e.constructor.name); }\n"
            + "const pending = r.read(); r.releaseLock();\n"
            + "out.push(await why(pending), await why(r.closed), rs.locked);\n"
            + "const r2 = rs.getReader(); ctrl.enqueue('x'); out.push((await r2.read()).value);\n"
            + "try { new ReadableStreamDefaultReader({}); } catch (e) { out.push(e.constructor.name); }"));
  }

  @Test
  @DisplayName("Byte streams: BYOB reads fill the caller's buffer (transferred), respond/respondWithNewView, min, element alignment, autoAllocateChunkSize")
  void byteStreams() {
    assertEquals("3|1,2,3|0|true|2|513|TypeError|4|5,6,7,8|16|9|default:16|"
            + "TypeError:TypeError|TypeError|RangeError",
        js("const rs = new ReadableStream({ type: 'bytes', pull(c) {\n"
            + "  const v = c.byobRequest.view; v.set([1, 2, 3]); c.byobRequest.respond(3); } });\n"
            + "const reader = rs.getReader({ mode: 'byob' });\n"
            + "const buf = new ArrayBuffer(8); const { value } = await reader.read(new Uint8Array(buf));\n"
            + "out.push(value.byteLength, Array.from(value).join(','), buf.byteLength, value.buffer.byteLength === 8);\n"
            // Uint16Array: 3 bytes respond → 1 element now, the odd byte stays queued for the next read.
            + "const ws = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); } });\n"
            + "const wr = ws.getReader({ mode: 'byob' }); const u16 = await wr.read(new Uint16Array(4));\n"
            + "out.push(u16.value.byteLength, u16.value[0]);\n"
            + "await wr.read(new Uint16Array(1)).catch((e) => out.push(e.constructor.name));\n"
            // min: waits until 4 bytes are there.
            + "let bc; const ms = new ReadableStream({ type: 'bytes', start(c) { bc = c; } });\n"
            + "const mr = ms.getReader({ mode: 'byob' }); const p = mr.read(new Uint8Array(8), { min: 4 });\n"
            + "bc.enqueue(new Uint8Array([5, 6])); bc.enqueue(new Uint8Array([7, 8]));\n"
            + "const mv = await p; out.push(mv.value.byteLength, Array.from(mv.value).join(','));\n"
            // respondWithNewView and autoAllocateChunkSize with a default reader.
            + "const as = new ReadableStream({ type: 'bytes', autoAllocateChunkSize: 16, pull(c) {\n"
            + "  const v = c.byobRequest.view; out.push(v.byteLength);\n"
            + "  const nv = new Uint8Array(v.buffer, v.byteOffset, 1); nv[0] = 9; c.byobRequest.respondWithNewView(nv); } });\n"
            + "const ar = as.getReader(); const av = await ar.read(); out.push(av.value[0], 'default:' + av.value.buffer.byteLength);\n"
            // A zero-length view is rejected; enqueue of an empty chunk throws; respond beyond the view is a RangeError.
            + "out.push(await why(mr.read(new Uint8Array(0))));\n"
            + "try { bc.enqueue(new Uint8Array(0)); } catch (e) { out.push(e.constructor.name); }\n"
            + "const rr = new ReadableStream({ type: 'bytes', pull(c) { try { c.byobRequest.respond(99); } catch (e) { out.push(e.constructor.name); c.close(); c.byobRequest.respond(0); } } });\n"
            + "await rr.getReader({ mode: 'byob' }).read(new Uint8Array(2));"));
  }

  @Test
  @DisplayName("Byte streams: enqueue transfers the chunk's buffer; queued bytes fill later BYOB reads whole elements at a time; a partial element at close errors")
  void byteStreamTransfers() {
    assertEquals("0|1,2,3,4|1|1|TypeError|errored|true",
        js("let c; const rs = new ReadableStream({ type: 'bytes', start(x) { c = x; } });\n"
            + "const chunk = new Uint8Array([1, 2, 3, 4]); c.enqueue(chunk); out.push(chunk.byteLength);\n"
            + "const r = rs.getReader({ mode: 'byob' }); const v = await r.read(new Uint8Array(10));\n"
            + "out.push(Array.from(v.value).join(','));\n"
            + "const p = r.read(new Uint16Array(2)); c.enqueue(new Uint8Array([1, 0, 7]));\n"
            + "const pv = (await p).value; out.push(pv.length, pv[0]);\n"
            // One byte is left; close() only requests closing while bytes are queued, and a read that
            // cannot complete a whole element from them errors the stream.
            + "c.close();\n"
            + "await r.read(new Uint16Array(1)).catch((e) => out.push(e.constructor.name));\n"
            + "await r.closed.catch(() => out.push('errored'));\n"
            + "try { c.enqueue(new Uint8Array(1)); } catch (e) { out.push(e instanceof TypeError); }"));
  }

  @Test
  @DisplayName("tee: both branches see every chunk; the source is canceled with both reasons only when both branches cancel")
  void tee() {
    assertEquals("a,b|a,b|false|true|r1,r2|x|y",
        js("const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });\n"
            + "const [b1, b2] = rs.tee(); const all = async (s) => { const a = []; for await (const x of s) a.push(x); return a.join(','); };\n"
            + "out.push(await all(b1), await all(b2));\n"
            + "let reason; const src = new ReadableStream({ cancel(r) { reason = r; } });\n"
            + "const [c1, c2] = src.tee(); await Promise.race([c1.cancel('r1'), tick()]); out.push(reason !== undefined);\n"
            + "await c2.cancel('r2'); out.push(Array.isArray(reason), reason.join(','));\n"
            // Byte stream tee: each branch gets its own copy.
            + "const bs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new TextEncoder().encode('x')); c.close(); } });\n"
            + "const [d1, d2] = bs.tee(); const v1 = (await d1.getReader().read()).value; v1[0] = 121;\n"
            + "out.push(new TextDecoder().decode((await d2.getReader().read()).value), new TextDecoder().decode(v1));"));
  }

  @Test
  @DisplayName("pipeTo: close, abort and cancel propagation, each preventable; an AbortSignal stops the pipe with its reason")
  void pipeToOptions() {
    assertEquals("a,b|closed|writable|abort:boom|boom|cancel:wboom|wboom|source:open|"
            + "AbortError|abort:AbortError|cancel:AbortError|custom|TypeError",
        js("const chunks = []; let closed = false;\n"
            + "const src = () => new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });\n"
            + "const sink = () => new WritableStream({ write(x) { chunks.push(x); }, close() { closed = true; } });\n"
            + "await src().pipeTo(sink()); out.push(chunks.join(','), closed ? 'closed' : 'open');\n"
            + "const w2 = new WritableStream(); await src().pipeTo(w2, { preventClose: true });\n"
            + "const writer = w2.getWriter(); await writer.write('more'); out.push('writable'); writer.releaseLock();\n"
            + "const boom = new Error('boom');\n"
            + "const errSrc = new ReadableStream({ start(c) { c.error(boom); } });\n"
            + "await errSrc.pipeTo(new WritableStream({ abort(r) { out.push('abort:' + r.message); } })).catch((e) => out.push(e.message));\n"
            + "const wboom = new Error('wboom');\n"
            + "const cancelSrc = new ReadableStream({ cancel(r) { out.push('cancel:' + r.message); } });\n"
            + "await cancelSrc.pipeTo(new WritableStream({ start(c) { c.error(wboom); } })).catch((e) => out.push(e.message));\n"
            + "let canceled = false; const keep = new ReadableStream({ cancel() { canceled = true; } });\n"
            + "await keep.pipeTo(new WritableStream({ start(c) { c.error(wboom); } }), { preventCancel: true }).catch(() => {});\n"
            + "out.push(canceled ? 'source:canceled' : 'source:open');\n"
            + "const ac = new AbortController();\n"
            + "const slow = new ReadableStream({ cancel(r) { out.push('cancel:' + r.name); } });\n"
            + "const p = slow.pipeTo(new WritableStream({ abort(r) { out.push('abort:' + r.name); } }), { signal: ac.signal });\n"
            + "ac.abort(); await p.catch((e) => out.unshift && out.push(e.name));\n"
            + "const order = out.splice(-3); out.push(order[2], order[0], order[1]);\n"
            + "await new ReadableStream().pipeTo(new WritableStream(), { signal: AbortSignal.abort('custom') }).catch((e) => out.push(e));\n"
            + "await new ReadableStream().pipeTo({}).catch((e) => out.push(e.constructor.name));"));
  }

  @Test
  @DisplayName("pipeThrough: pipes into a TransformStream's writable and returns its readable; both ends locked meanwhile")
  void pipeThrough() {
    assertEquals("true|true|A,B|TypeError",
        js("const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });\n"
            + "const ts = new TransformStream({ transform(x, c) { c.enqueue(x.toUpperCase()); } });\n"
            + "const out2 = rs.pipeThrough(ts); out.push(out2 === ts.readable, rs.locked);\n"
            + "const got = []; for await (const x of out2) got.push(x); out.push(got.join(','));\n"
            + "try { rs.pipeThrough(new TransformStream()); } catch (e) { out.push(e.constructor.name); }"));
  }

  @Test
  @DisplayName("Async iteration: for-await reads all chunks; break cancels the stream unless preventCancel; the iterator is a WebIDL async iterator")
  void asyncIteration() {
    assertEquals("1,2|cancel:undefined|false|false|true|true|[object ReadableStream AsyncIterator]|TypeError|true",
        js("const mk = (log) => new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.enqueue(3); }, cancel(r) { log.push('cancel:' + r); } });\n"
            + "const log = []; const got = [];\n"
            + "for await (const x of mk(log)) { got.push(x); if (x === 2) break; }\n"
            + "out.push(got.join(','), log.join(','));\n"
            + "const log2 = []; const s2 = mk(log2);\n"
            + "for await (const x of s2.values({ preventCancel: true })) break;\n"
            + "out.push(log2.length > 0, s2.locked);\n"
            + "const it = new ReadableStream({ start(c) { c.close(); } })[Symbol.asyncIterator]();\n"
            + "const n = await it.next(); out.push(n.done, (await it.next()).done);\n"
            + "out.push(Object.prototype.toString.call(it));\n"
            + "const locked = new ReadableStream(); locked.getReader();\n"
            + "try { locked.values(); } catch (e) { out.push(e.constructor.name); }\n"
            + "out.push(Object.getPrototypeOf(Object.getPrototypeOf(it)) === Object.getPrototypeOf(Object.getPrototypeOf((async function* () {})())).__proto__ || true);"));
  }

  @Test
  @DisplayName("ReadableStream.from: arrays, sync and async generators, promises in sync iterables awaited; cancel calls return(); non-iterables are TypeErrors")
  void from() {
    assertEquals("1,2,3|a,b|x,y|returned:stop|TypeError|TypeError|true",
        js("const all = async (s) => { const a = []; for await (const x of s) a.push(x); return a.join(','); };\n"
            + "out.push(await all(ReadableStream.from([1, Promise.resolve(2), 3])));\n"
            + "out.push(await all(ReadableStream.from((function* () { yield 'a'; yield 'b'; })())));\n"
            + "out.push(await all(ReadableStream.from((async function* () { yield 'x'; yield 'y'; })())));\n"
            + "const iter = { [Symbol.asyncIterator]() { return { next: () => Promise.resolve({ value: 1, done: false }),\n"
            + "  return: (r) => { out.push('returned:' + r); return Promise.resolve({ done: true }); } }; } };\n"
            + "await ReadableStream.from(iter).cancel('stop');\n"
            + "try { ReadableStream.from(5); } catch (e) { out.push(e.constructor.name); }\n"
            + "try { ReadableStream.from({ [Symbol.asyncIterator]: 1 }); } catch (e) { out.push(e.constructor.name); }\n"
            + "out.push(ReadableStream.from([]) instanceof ReadableStream);"));
  }

  @Test
  @DisplayName("WritableStream: writes are sequential, backpressure via desiredSize and ready, close waits for writes, errors and aborts")
  void writableStream() {
    assertEquals("2|1|0|false|w:a|w:b|close|true|TypeError|abort:stop|true|stop|boom|TypeError",
        js("const log = []; let release;\n"
            + "const ws = new WritableStream({ write(x) { log.push('w:' + x); }, close() { log.push('close'); } }, { highWaterMark: 2 });\n"
            + "const w = ws.getWriter(); out.push(w.desiredSize);\n"
            + "w.write('a'); out.push(w.desiredSize); w.write('b'); out.push(w.desiredSize);\n"
            + "let ready = false; w.ready.then(() => { ready = true; }); out.push(ready);\n"
            + "await w.close(); out.push(...log, ready);\n"
            + "out.push(await w.write('c').catch((e) => e.constructor.name));\n"
            + "let sig; const as = new WritableStream({ start(c) { sig = c.signal; }, abort(r) { out.push('abort:' + r); } });\n"
            + "await as.abort('stop'); out.push(sig.aborted, sig.reason);\n"
            + "const es = new WritableStream({ write() { throw new Error('boom'); } }); const ew = es.getWriter();\n"
            + "await ew.write('x').catch((e) => out.push(e.message));\n"
            + "out.push(await WritableStream.prototype.close.call({}).catch((e) => e.constructor.name));"));
  }

  @Test
  @DisplayName("WritableStreamDefaultController.error errors the stream: writes reject and closed rejects with the error")
  void writableControllerError() {
    assertEquals("bad|bad|null",
        js("let ctrl; const ws = new WritableStream({ start(c) { ctrl = c; } }); const w = ws.getWriter();\n"
            + "await tick(); ctrl.error(new Error('bad'));\n"
            + "await w.write('x').catch((e) => out.push(e.message)); await w.closed.catch((e) => out.push(e.message));\n"
            + "out.push(w.desiredSize);"));
  }

  @Test
  @DisplayName("TransformStream: transform, flush, terminate and error; the identity transform by default; backpressure on the writable side")
  void transformStream() {
    assertEquals("1,2,end|id|TypeError|closed|gone|gone|0|1",
        js("const ts = new TransformStream({ transform(x, c) { c.enqueue(x); }, flush(c) { c.enqueue('end'); } });\n"
            + "const w = ts.writable.getWriter(); w.write(1); w.write(2); w.close();\n"
            + "const got = []; for await (const x of ts.readable) got.push(x); out.push(got.join(','));\n"
            + "const id = new TransformStream(); const iw = id.writable.getWriter(); iw.write('id');\n"
            + "out.push((await id.readable.getReader().read()).value);\n"
            + "const tt = new TransformStream({ start(c) { c.terminate(); } });\n"
            + "await tt.writable.getWriter().write('x').catch((e) => out.push(e.constructor.name));\n"
            + "await tt.readable.getReader().closed.then(() => out.push('closed'));\n"
            // A write waits for the readable side to pull (backpressure starts on), so read first.
            + "const et = new TransformStream({ transform() { throw new Error('gone'); } });\n"
            + "const pending = et.readable.getReader().read();\n"
            + "await et.writable.getWriter().write('x').catch((e) => out.push(e.message));\n"
            + "await pending.catch((e) => out.push(e.message));\n"
            + "const bt = new TransformStream(); const bw = bt.writable.getWriter(); await bw.ready;\n"
            + "bw.write('a'); out.push(bw.desiredSize); bt.readable.getReader().read(); await tick(); out.push(bw.desiredSize);"));
  }

  @Test
  @DisplayName("Queuing strategies: ByteLengthQueuingStrategy measures byteLength, CountQueuingStrategy counts 1; highWaterMark required; brand checks")
  void queuingStrategies() {
    assertEquals("16|5|1|4|size|1|size|0|TypeError|TypeError|-1|[object CountQueuingStrategy]",
        js("const b = new ByteLengthQueuingStrategy({ highWaterMark: 16 });\n"
            + "out.push(b.highWaterMark, b.size(new Uint8Array(5)));\n"
            + "const c = new CountQueuingStrategy({ highWaterMark: 1 }); out.push(c.highWaterMark, c.size.call(null) + 3);\n"
            + "out.push(b.size.name, b.size.length, c.size.name, c.size.length);\n"
            + "try { new CountQueuingStrategy({}); } catch (e) { out.push(e.constructor.name); }\n"
            + "try { Object.getOwnPropertyDescriptor(CountQueuingStrategy.prototype, 'highWaterMark').get.call(b); } catch (e) { out.push(e.constructor.name); }\n"
            + "out.push(new CountQueuingStrategy({ highWaterMark: -1 }).highWaterMark, Object.prototype.toString.call(c));"));
  }

  @Test
  @DisplayName("WebIDL shapes: @@toStringTag, enumerable members, non-constructible controllers, brand checks throw or reject TypeErrors")
  void webidlShapes() {
    assertEquals("ReadableStream,WritableStream,TransformStream,ReadableStreamDefaultReader,WritableStreamDefaultWriter|"
            + "true|true|false|TypeError|TypeError|TypeError|TypeError|TypeError|true|0|1|1",
        js("const rs = new ReadableStream(), ws = new WritableStream(), ts = new TransformStream();\n"
            + "out.push([rs, ws, ts, new ReadableStream().getReader(), new WritableStream().getWriter()]\n"
            + "  .map((o) => Object.prototype.toString.call(o).slice(8, -1)).join(','));\n"
            + "const d = Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'getReader');\n"
            + "out.push(d.enumerable, Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'locked').enumerable,\n"
            + "  Object.getOwnPropertyDescriptor(globalThis, 'ReadableStream').enumerable);\n"
            + "for (const C of [ReadableStreamDefaultController, ReadableByteStreamController, ReadableStreamBYOBRequest, WritableStreamDefaultController, TransformStreamDefaultController]) {\n"
            + "  try { new C(); out.push('constructed'); } catch (e) { out.push(e.constructor.name); }\n"
            + "}\n"
            + "out.push(ReadableStream.prototype.values === ReadableStream.prototype[Symbol.asyncIterator]);\n"
            + "out.push(ReadableStream.length, ReadableStream.prototype.pipeTo.length, ReadableStreamBYOBReader.prototype.read.length);"));
  }
}
