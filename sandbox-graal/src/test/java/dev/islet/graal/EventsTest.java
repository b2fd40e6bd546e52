package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.islet.Namespace;
import dev.islet.NamespaceOptions;
import dev.islet.Network;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Events and abort: Event, CustomEvent, EventTarget, AbortController, AbortSignal, fetch's signal")
class EventsTest extends OriginFixture {

  /** Runs {@code body} in a handler; {@code out} collects values; the response is out joined by '|'. */
  private String run(String body) {
    Namespace ns = runtime.namespace("events-" + System.nanoTime(), NamespaceOptions.newBuilder()
        .network(Network.newBuilder().allowHosts("127.0.0.1").allowPrivateAddresses(true).build()).build());
    ns.deploy(esm("w", "export default { async fetch(req) {\n"
        + "  const out = [];\n"
        + body + "\n"
        + "  return new Response(out.map(String).join('|'));\n"
        + "} }"));
    return get(ns, "https://w.example/").body().text();
  }

  @Test
  @DisplayName("Event: constructor, flags, preventDefault only when cancelable, isTrusted an own unforgeable getter")
  void event() {
    assertEquals("click|false|true|false|true|false|0|true|true|function|false|2",
        run("const e = new Event('click', { cancelable: true });\n"
            + "out.push(e.type, e.bubbles, e.cancelable, e.defaultPrevented);\n"
            + "e.preventDefault(); out.push(e.defaultPrevented);\n"
            + "const n = new Event('x'); n.preventDefault(); out.push(n.defaultPrevented, n.eventPhase);\n"
            + "out.push(Object.getOwnPropertyDescriptor(e, 'isTrusted').configurable === false, e.timeStamp > 0);\n"
            + "out.push(typeof Object.getOwnPropertyDescriptor(e, 'isTrusted').get, e.isTrusted, Event.AT_TARGET);"));
  }

  @Test
  @DisplayName("EventTarget: order, capture first, once, duplicates ignored, handleEvent objects, stopImmediatePropagation, errors reported")
  void eventTarget() {
    assertEquals("cap,a,obj,b|true|b|false|detail:42",
        run("const t = new EventTarget(); const log = [];\n"
            + "const a = (e) => { log.push('a'); if (e.currentTarget !== t || e.target !== t) log.push('bad'); };\n"
            + "t.addEventListener('go', a); t.addEventListener('go', a);\n"
            + "t.addEventListener('go', { handleEvent(e) { log.push('obj'); } });\n"
            + "t.addEventListener('go', () => log.push('b'), { once: true });\n"
            + "t.addEventListener('go', () => log.push('cap'), { capture: true, once: true });\n"
            + "const r = t.dispatchEvent(new Event('go')); out.push(log.join(','), r);\n"
            + "const t2 = new EventTarget(); const l2 = [];\n"
            + "t2.addEventListener('x', (e) => { l2.push('b'); e.stopImmediatePropagation(); });\n"
            + "t2.addEventListener('x', () => l2.push('never'));\n"
            + "t2.addEventListener('y', () => { throw new Error('listener failed'); });\n"
            + "t2.dispatchEvent(new Event('x')); out.push(l2.join(','));\n"
            + "const c = new Event('y', { cancelable: true });\n"
            + "t2.addEventListener('y', (e) => e.preventDefault());\n"
            + "out.push(t2.dispatchEvent(c));\n"
            + "const ce = new CustomEvent('z', { detail: 42 }); t2.addEventListener('z', (e) => out.push('detail:' + e.detail)); t2.dispatchEvent(ce);"));
  }

  @Test
  @DisplayName("AbortController and AbortSignal: abort reason, events, onabort, throwIfAborted, abort(), any(), timeout(), listener removal by signal")
  void abort() {
    assertEquals("false|true|AbortError|1|listener,onabort|stop|true|custom|true|TypeError|TimeoutError|true|removed-by-signal|Illegal constructor",
        run("const c = new AbortController(); const seen = [];\n"
            + "c.signal.addEventListener('abort', () => seen.push('listener'));\n"
            + "c.signal.onabort = () => seen.push('onabort');\n"
            + "out.push(c.signal.aborted); c.abort(); c.abort('again');\n"
            + "out.push(c.signal.aborted, c.signal.reason.name, seen.length === 2 ? 1 : 0, seen.join(','));\n"
            + "try { AbortSignal.abort('stop').throwIfAborted(); } catch (e) { out.push(e); }\n"
            + "const a = new AbortController(), b = new AbortController(); const any = AbortSignal.any([a.signal, b.signal]);\n"
            + "let anyEvents = 0; any.addEventListener('abort', () => anyEvents++);\n"
            + "b.abort('custom'); a.abort('later'); out.push(any.aborted, any.reason, anyEvents === 1);\n"
            + "try { AbortSignal.any([{}]); } catch (e) { out.push(e.name); }\n"
            + "const t = AbortSignal.timeout(10);\n"
            + "await new Promise((resolve) => t.addEventListener('abort', resolve));\n"
            + "out.push(t.reason.name, t.reason instanceof DOMException);\n"
            + "const target = new EventTarget(), remover = new AbortController(); let calls = 0;\n"
            + "target.addEventListener('e', () => calls++, { signal: remover.signal }); remover.abort();\n"
            + "target.dispatchEvent(new Event('e')); out.push(calls === 0 ? 'removed-by-signal' : 'called');\n"
            + "try { new AbortSignal(); } catch (e) { out.push(e.message); }"));
  }

  @Test
  @DisplayName("fetch with a signal: an aborted signal rejects at once, an abort during the request rejects with the reason")
  void fetchAbort() {
    String base = origin.base();
    assertEquals("AbortError|gave up|TimeoutError|200|TypeError",
        run("try { await fetch('" + base + "/hello', { signal: AbortSignal.abort() }); } catch (e) { out.push(e.name); }\n"
            + "const c = new AbortController();\n"
            + "const p = fetch('" + base + "/slow', { signal: c.signal });\n"
            + "setTimeout(() => c.abort('gave up'), 20);\n"
            + "try { await p; } catch (e) { out.push(e); }\n"
            + "try { await fetch('" + base + "/slow', { signal: AbortSignal.timeout(30) }); } catch (e) { out.push(e.name); }\n"
            + "const ok = await fetch('" + base + "/hello', { signal: new AbortController().signal }); out.push(ok.status);\n"
            + "try { new Request('" + base + "/', { signal: {} }); } catch (e) { out.push(e.name); }"));
  }
}
