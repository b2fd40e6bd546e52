package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTML channel messaging: MessageChannel, MessagePort, MessageEvent")
class MessageChannelTest extends WebPlatformFixture {

  private static final String NEXT = "const next = (port) => new Promise((resolve) => port.addEventListener('message', resolve, { once: true }));\n"
      + "const tick = () => new Promise((resolve) => setTimeout(resolve, 20));\n";

  @Test
  @DisplayName("Shape: two distinct entangled ports (EventTargets); MessagePort is not constructible")
  void shape() {
    assertEquals("true|true|true|true|TypeError|[object MessagePort]",
        run("const ch = new MessageChannel();\n"
            + "out.push(ch.port1 !== ch.port2, ch.port1 instanceof MessagePort, ch.port2 instanceof EventTarget, ch.port1 === ch.port1);\n"
            + "try { new MessagePort(); } catch (e) { out.push(e.name); }\n"
            + "out.push(Object.prototype.toString.call(ch.port1));"));
  }

  @Test
  @DisplayName("Messages are structured clones delivered as tasks, in order, once the queue is started (onmessage starts it)")
  void delivery() {
    assertEquals("false|false|1|true|MessageEvent|true|0|queued:0|a,b,c",
        run(NEXT
            + "const ch = new MessageChannel(); let got = null;\n"
            + "ch.port2.onmessage = (e) => { got = e; };\n"
            + "const payload = { n: 1 }; ch.port1.postMessage(payload);\n"
            + "out.push(got !== null); await Promise.resolve(); out.push(got !== null);\n"
            + "await tick(); out.push(got.data.n, got.data !== payload, got.constructor.name, got.target === ch.port2, got.ports.length);\n"
            + "const ch2 = new MessageChannel(); const seen = [];\n"
            + "ch2.port2.addEventListener('message', (e) => seen.push(e.data));\n"
            + "ch2.port1.postMessage('a'); ch2.port1.postMessage('b'); ch2.port1.postMessage('c');\n"
            + "await tick(); out.push('queued:' + seen.length);\n"
            + "ch2.port2.start(); await tick(); out.push(seen.join());"));
  }

  @Test
  @DisplayName("Transfer: ArrayBuffers are detached at send; transferred ports arrive in event.ports and stay entangled")
  void transfer() {
    assertEquals("0|4|1|true|true|via new port|DataCloneError|DataCloneError|DataCloneError",
        run(NEXT
            + "const ch = new MessageChannel(); ch.port2.start();\n"
            + "const buf = new ArrayBuffer(4); const p = next(ch.port2);\n"
            + "ch.port1.postMessage(buf, [buf]); out.push(buf.byteLength);\n"
            + "out.push((await p).data.byteLength);\n"
            + "const inner = new MessageChannel(); const p2 = next(ch.port2);\n"
            + "ch.port1.postMessage('port', { transfer: [inner.port1] });\n"
            + "const e = await p2; out.push(e.ports.length, e.ports[0] instanceof MessagePort, e.ports[0] !== inner.port1);\n"
            + "inner.port2.start(); const p3 = next(inner.port2);\n"
            + "e.ports[0].postMessage('via new port'); out.push((await p3).data);\n"
            + "try { ch.port1.postMessage(1, [ch.port1]); } catch (x) { out.push(x.name); }\n"
            + "try { ch.port1.postMessage(() => 1); } catch (x) { out.push(x.name); }\n"
            + "try { ch.port1.postMessage(new MessageChannel().port1); } catch (x) { out.push(x.name); }"));
  }

  @Test
  @DisplayName("close(): the pair is disentangled, later messages are dropped and the other port gets a close event")
  void close() {
    assertEquals("0|close",
        run(NEXT
            + "const ch = new MessageChannel(); const seen = []; let closed = '';\n"
            + "ch.port2.onmessage = (e) => seen.push(e.data); ch.port2.addEventListener('close', (e) => { closed = e.type; });\n"
            + "ch.port1.close(); ch.port1.postMessage('dropped'); ch.port2.postMessage('also dropped');\n"
            + "await tick(); out.push(seen.length, closed);"));
  }

  @Test
  @DisplayName("MessageEvent: defaults, init members, ports frozen and the same array each time, type checks")
  void messageEvent() {
    assertEquals("null||||null|0|true|true|5|o|id|true|1|TypeError|TypeError|TypeError",
        run("const d = new MessageEvent('message');\n"
            + "out.push(d.data, d.origin, d.lastEventId, '', d.source, d.ports.length, Object.isFrozen(d.ports), d.ports === d.ports);\n"
            + "const ch = new MessageChannel();\n"
            + "const e = new MessageEvent('message', { data: 5, origin: 'o', lastEventId: 'id', source: ch.port1, ports: [ch.port2] });\n"
            + "out.push(e.data, e.origin, e.lastEventId, e.source === ch.port1, e.ports.length);\n"
            + "try { new MessageEvent('m', { ports: [{}] }); } catch (x) { out.push(x.name); }\n"
            + "try { new MessageEvent('m', { source: {} }); } catch (x) { out.push(x.name); }\n"
            + "try { new MessageEvent(); } catch (x) { out.push(x.name); }"));
  }
}
