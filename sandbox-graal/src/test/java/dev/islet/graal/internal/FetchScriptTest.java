package dev.islet.graal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Behaviour of the fetch/encoding part of the prelude (fetch.js) against the WHATWG Fetch, Encoding
 * and HTML specifications and WebIDL. One context is shared by the class; every snippet runs in its
 * own function scope, and snippets that touch globals restore them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("fetch.js prelude: Fetch types, Encoding and base64")
class FetchScriptTest {

  private static final String RESOURCE = "/dev/islet/graal/internal/js/fetch.js";

  private Engine engine;
  private Source script;
  private Context context;
  private Value host;

  @BeforeAll
  void setUp() throws IOException {
    String text;
    try (InputStream in = FetchScriptTest.class.getResourceAsStream(RESOURCE)) {
      assertNotNull(in, "fetch.js is on the classpath");
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    script = Source.newBuilder("js", text, "fetch.js").build();
    engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
    context = newContext();
    host = install(context);
    context.eval("js", """
        globalThis.__err = (f) => {
          try { f(); return 'none'; } catch (e) { return (e instanceof Error ? '' : 'non-Error ') + e.name; }
        };
        globalThis.__hex = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');
        globalThis.__bytes = (u) => Array.from(u, (b) => b.toString(16).padStart(2, '0')).join(' ');
        """);
  }

  @AfterAll
  void tearDown() {
    context.close();
    engine.close();
  }

  private Context newContext() {
    return Context.newBuilder("js").engine(engine).build();
  }

  /** Evaluates fetch.js and calls it with the global object, as the engine does. */
  private Value install(Context ctx) {
    Value fn = ctx.eval(script);
    assertTrue(fn.canExecute(), "the completion value is a function");
    // The platform libraries (js/lib) it loads on first use, as IsolateFactory's loader does.
    org.graalvm.polyglot.proxy.ProxyExecutable load = args -> {
      String name = args[0].asString();
      try (InputStream in = FetchScriptTest.class.getResourceAsStream("/dev/islet/graal/internal/js/lib/" + name + ".js")) {
        return in == null ? null
            : ctx.eval(Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".js").build());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    Value api = fn.execute(ctx.eval("js", "globalThis"), load);
    api.getMember("lazyGlobals").execute("url", ctx.eval("js", "['URL', 'URLSearchParams']"));
    return api;
  }

  /** The String() of a JS expression. */
  private String eval(String expression) {
    return context.eval("js", "String((function () { return (" + expression + "\n); })())").asString();
  }

  /** The String() of the return value of a JS function body. */
  private String run(String body) {
    return context.eval("js", "String((function () {\n" + body + "\n})())").asString();
  }

  /** The name of what the statements throw, or "none". */
  private String thrown(String statements) {
    return run("return __err(() => {\n" + statements + "\n});");
  }

  /** Runs an async function body; its String() result, or "rejected <name>". */
  private String async(String body) {
    context.eval("js", "globalThis.__result = 'pending'; (async function () {\n" + body + "\n})().then("
        + "(v) => { globalThis.__result = String(v); },"
        + "(e) => { globalThis.__result = 'rejected ' + (e instanceof Error ? '' : 'non-Error ') + e.name; });");
    return context.eval("js", "globalThis.__result").asString();
  }

  // -----------------------------------------------------------------------------------------------
  // WebIDL shapes
  // -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("Interfaces are installed as writable, configurable, non-enumerable globals")
  void globalsAreInstalledLikeWebIdlInterfaces() {
    assertEquals("true,false,true|true,false,true|true,false,true|true,false,true|true,false,true|true,false,true",
        eval("""
            ['DOMException', 'Headers', 'Request', 'Response', 'TextEncoder', 'TextDecoder'].map((n) => {
              const d = Object.getOwnPropertyDescriptor(globalThis, n);
              return [d.writable, d.enumerable, d.configurable].join();
            }).join('|')"""));
    assertEquals("function,function,true,true", eval("""
        [typeof atob, typeof btoa, Object.getOwnPropertyDescriptor(globalThis, 'atob').writable,
         Object.getOwnPropertyDescriptor(globalThis, 'btoa').configurable].join()"""));
  }

  @Test
  @DisplayName("Operations and attributes are enumerable on the prototypes, statics on the constructors")
  void membersAreEnumerable() {
    assertEquals("append,delete,entries,forEach,get,getSetCookie,has,keys,set,values",
        eval("Object.keys(Headers.prototype).sort().join()"));
    assertEquals("arrayBuffer,blob,body,bodyUsed,bytes,clone,encodeBody,formData,headers,json,ok,redirected,status,statusText,text,type,url,webSocket",
        eval("Object.keys(Response.prototype).sort().join()"));
    assertEquals("arrayBuffer,blob,body,bodyUsed,bytes,cache,cf,clone,credentials,duplex,formData,headers,integrity,json,keepalive,method,mode,redirect,signal,text,url",
        eval("Object.keys(Request.prototype).sort().join()"));
    assertEquals("error,json,redirect", eval("Object.keys(Response).sort().join()"));
    assertEquals("decode,encoding,fatal,ignoreBOM", eval("Object.keys(TextDecoder.prototype).sort().join()"));
    assertEquals("encode,encodeInto,encoding", eval("Object.keys(TextEncoder.prototype).sort().join()"));
    assertEquals("false,true,false", eval("""
        [Object.getOwnPropertyDescriptor(Headers.prototype, 'constructor').enumerable,
         Object.getOwnPropertyDescriptor(Response.prototype, 'status').configurable,
         Object.getOwnPropertyDescriptor(Response, 'prototype').writable].join()"""));
  }

  @Test
  @DisplayName("Symbol.toStringTag gives each interface its class string")
  void toStringTags() {
    assertEquals("[object Headers] [object Request] [object Response] [object TextEncoder] [object TextDecoder] [object DOMException]",
        eval("""
            [new Headers(), new Request('https://example.com/'), new Response(), new TextEncoder(),
             new TextDecoder(), new DOMException()].map((o) => Object.prototype.toString.call(o)).join(' ')"""));
    assertEquals("false,true", eval("""
        [Object.getOwnPropertyDescriptor(Headers.prototype, Symbol.toStringTag).writable,
         Object.getOwnPropertyDescriptor(Headers.prototype, Symbol.toStringTag).configurable].join()"""));
  }

  @Test
  @DisplayName("Functions have the WebIDL lengths and getters are named 'get x'")
  void functionLengthsAndNames() {
    assertEquals("0,1,0,0,0,0,2,1,1,1,1,1,2,2,0,0,1,1,0,0",
        eval("""
            [Headers.length, Request.length, Response.length, TextEncoder.length, TextDecoder.length,
             DOMException.length, Headers.prototype.append.length, Headers.prototype.forEach.length,
             Headers.prototype.get.length, Response.redirect.length, Response.json.length,
             Headers.prototype.delete.length, Headers.prototype.set.length,
             TextEncoder.prototype.encodeInto.length, TextEncoder.prototype.encode.length,
             TextDecoder.prototype.decode.length, atob.length, btoa.length,
             Headers.prototype.entries.length, Response.prototype.text.length].join()"""));
    assertEquals("get status|get bodyUsed|get name|text", eval("""
        [Object.getOwnPropertyDescriptor(Response.prototype, 'status').get.name,
         Object.getOwnPropertyDescriptor(Request.prototype, 'bodyUsed').get.name,
         Object.getOwnPropertyDescriptor(DOMException.prototype, 'name').get.name,
         Response.prototype.text.name].join('|')"""));
  }

  @Test
  @DisplayName("Calling an interface constructor without new is a TypeError")
  void constructorsRequireNew() {
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError,TypeError", eval("""
        [() => Headers(), () => Request('https://example.com/'), () => Response(), () => TextEncoder(),
         () => TextDecoder(), () => DOMException()].map(__err).join()"""));
  }

  @Test
  @DisplayName("Attributes and operations used on the wrong object are a TypeError (brand check)")
  void brandChecks() {
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError", eval("""
        [() => Object.getOwnPropertyDescriptor(Response.prototype, 'status').get.call({}),
         () => Object.getOwnPropertyDescriptor(Response.prototype, 'status').get.call(new Request('https://a.example/')),
         () => Object.getOwnPropertyDescriptor(Request.prototype, 'url').get.call(new Response()),
         () => Headers.prototype.get.call(new Response(), 'a'),
         () => Object.getOwnPropertyDescriptor(DOMException.prototype, 'name').get.call(new Error()),
         () => Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'encoding').get.call(new TextEncoder()),
         () => Object.getOwnPropertyDescriptor(Response.prototype, 'bodyUsed').get.call(Object.create(Response.prototype)),
         () => Response.prototype.clone.call(5)].map(__err).join()"""));
  }

  @Test
  @DisplayName("Body methods used on the wrong object return a promise rejected with a TypeError")
  void bodyMethodsRejectOnWrongObject() {
    assertEquals("true", run("""
        const p = Response.prototype.text.call({});
        p.catch(() => {});
        return p instanceof Promise;"""));
    assertEquals("rejected TypeError", async("return await Response.prototype.json.call(new Request('https://a.example/'));"));
    assertEquals("rejected TypeError", async("return await Request.prototype.arrayBuffer.call(undefined);"));
  }

  @Test
  @DisplayName("Subclasses of the interfaces construct instances that pass the brand checks")
  void subclassing() {
    assertEquals("true,201,true,AbortError,20", run("""
        class MyResponse extends Response { extra() { return true; } }
        class MyError extends DOMException { constructor() { super('m', 'AbortError'); } }
        const r = new MyResponse('x', { status: 201 });
        const e = new MyError();
        return [r.extra(), r.status, e instanceof DOMException, e.name, e.code].join();"""));
  }

  // -----------------------------------------------------------------------------------------------
  // DOMException
  // -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("DOMException defaults to an empty message, the name 'Error' and code 0")
  void domExceptionDefaults() {
    assertEquals("|Error|0", eval("[new DOMException().message, new DOMException().name, new DOMException().code].join('|')"));
    assertEquals("undefined|x|Error", eval("""
        [new DOMException(undefined).message === '' ? 'undefined' : 'bad', new DOMException('x', undefined).message,
         new DOMException('x', undefined).name].join('|')"""));
    assertEquals("null|123", eval("[new DOMException(null).message, new DOMException('m', 123).name].join('|')"));
  }

  @Test
  @DisplayName("DOMException codes follow the WebIDL legacy code table")
  void domExceptionLegacyCodes() {
    assertEquals("", eval("""
        [['IndexSizeError', 1], ['HierarchyRequestError', 3], ['WrongDocumentError', 4],
         ['InvalidCharacterError', 5], ['NoModificationAllowedError', 7], ['NotFoundError', 8],
         ['NotSupportedError', 9], ['InUseAttributeError', 10], ['InvalidStateError', 11], ['SyntaxError', 12],
         ['InvalidModificationError', 13], ['NamespaceError', 14], ['InvalidAccessError', 15],
         ['TypeMismatchError', 17], ['SecurityError', 18], ['NetworkError', 19], ['AbortError', 20],
         ['URLMismatchError', 21], ['QuotaExceededError', 22], ['TimeoutError', 23],
         ['InvalidNodeTypeError', 24], ['DataCloneError', 25], ['EncodingError', 0], ['NotAllowedError', 0],
         ['OperationError', 0], ['abortError', 0], ['Error', 0], ['', 0]]
          .filter(([name, code]) => new DOMException('m', name).code !== code).join(';')"""));
  }

  @Test
  @DisplayName("DOMException constants are read-only, enumerable and present on the constructor and prototype")
  void domExceptionConstants() {
    assertEquals("1,2,5,12,16,20,22,23,25,25", eval("""
        [DOMException.INDEX_SIZE_ERR, DOMException.DOMSTRING_SIZE_ERR, DOMException.INVALID_CHARACTER_ERR,
         DOMException.SYNTAX_ERR, DOMException.VALIDATION_ERR, DOMException.ABORT_ERR,
         DOMException.QUOTA_EXCEEDED_ERR, DOMException.TIMEOUT_ERR, DOMException.DATA_CLONE_ERR,
         new DOMException().DATA_CLONE_ERR].join()"""));
    assertEquals("false,true,false|false,true,false", eval("""
        [DOMException, DOMException.prototype].map((o) => {
          const d = Object.getOwnPropertyDescriptor(o, 'ABORT_ERR');
          return [d.writable, d.enumerable, d.configurable].join();
        }).join('|')"""));
  }

  @Test
  @DisplayName("DOMException is an Error with a stack, inherits Error.prototype and has no own message")
  void domExceptionIsAnError() {
    assertEquals("true,true,true,AbortError: stopped,true,false,false", eval("""
        (() => {
          const e = new DOMException('stopped', 'AbortError');
          return [e instanceof Error, e instanceof DOMException,
                  Object.getPrototypeOf(DOMException.prototype) === Error.prototype, String(e),
                  String(e.stack).startsWith('AbortError: stopped'), Object.hasOwn(e, 'message'),
                  Object.hasOwn(e, 'name')].join();
        })()"""));
    assertEquals("true", eval("Object.getPrototypeOf(DOMException) === Function.prototype"));
  }

  // -----------------------------------------------------------------------------------------------
  // Headers
  // -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("Headers iterate sorted, lower-cased names with combined values")
  void headersSortAndCombine() {
    assertEquals("[[\"a\",\"1, 3\"],[\"b\",\"2\"],[\"c-d\",\"4\"]]", eval("""
        JSON.stringify([...new Headers([['B', '2'], ['a', '1'], ['A', '3'], ['C-D', '4']])])"""));
    assertEquals("a,a-b,a1,a_b,b", eval("[...new Headers([['b', ''], ['a_b', ''], ['a1', ''], ['a-b', ''], ['A', '']]).keys()].join()"));
    assertEquals("1, 3", eval("new Headers([['a', '1'], ['b', '2'], ['A', '3']]).get('A')"));
    assertEquals("null", eval("new Headers().get('missing')"));
  }

  @Test
  @DisplayName("Each Set-Cookie value is iterated separately and getSetCookie returns them in order")
  void setCookie() {
    assertEquals("[[\"a\",\"0\"],[\"set-cookie\",\"a=1\"],[\"set-cookie\",\"b=2, c\"],[\"x\",\"1\"]]", run("""
        const h = new Headers();
        h.append('Set-Cookie', 'a=1');
        h.append('X', '1');
        h.append('set-cookie', 'b=2, c');
        h.append('a', '0');
        return JSON.stringify([...h]);"""));
    assertEquals("a=1, b=2|[\"a=1\",\"b=2\"]|true|0", run("""
        const h = new Headers([['set-cookie', 'a=1'], ['Set-Cookie', 'b=2']]);
        const list = h.getSetCookie();
        return [h.get('Set-Cookie'), JSON.stringify(list), Array.isArray(list), new Headers().getSetCookie().length].join('|');"""));
  }

  @Test
  @DisplayName("Headers can be built from pairs, a record, another Headers or any iterable of iterables")
  void headersInit() {
    assertEquals("1,2", eval("[new Headers({ a: '1', b: 2 }).get('a'), new Headers({ a: '1', b: 2 }).get('b')].join()"));
    assertEquals("[[\"a\",\"1\"],[\"set-cookie\",\"x\"],[\"set-cookie\",\"y\"]]", eval("""
        JSON.stringify([...new Headers(new Headers([['Set-Cookie', 'x'], ['A', '1'], ['set-cookie', 'y']]))])"""));
    assertEquals("1", eval("new Headers(new Map([['a', '1']])).get('a')"));
    assertEquals("v", eval("new Headers([new Set(['k', 'v'])]).get('k')"));
    assertEquals("null", run("""
        const record = Object.defineProperty({}, 'hidden', { value: 'x', enumerable: false });
        return new Headers(record).get('hidden');"""));
    assertEquals("b,a", run("""
        const order = [];
        const proxy = new Proxy({ b: '1', a: '2' }, { get(t, k) { order.push(k); return t[k]; } });
        new Headers(proxy);
        return order.filter((k) => typeof k === 'string').join();"""));
  }

  @Test
  @DisplayName("Malformed Headers init is a TypeError: pairs not of length 2, non-objects, symbol keys")
  void headersInitErrors() {
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,none,none", eval("""
        [() => new Headers([['a']]), () => new Headers([['a', 'b', 'c']]), () => new Headers(['ab']),
         () => new Headers(null), () => new Headers(5), () => new Headers('a'),
         () => new Headers({ [Symbol('s')]: 'x' }), () => new Headers({ [Symbol.iterator]: 1 }),
         () => new Headers(undefined), () => new Headers([])].map(__err).join()"""));
  }

  @Test
  @DisplayName("Header names must be RFC 7230 tokens; anything else is a TypeError in every method")
  void headerNameValidation() {
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError,TypeError", eval("""
        ['', 'a b', 'a:b', '\\u00e9', 'a\\n', '(x)', 'a"b', '\\u0100'].map((n) => __err(() => new Headers().append(n, 'v'))).join()"""));
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError", eval("""
        [(h) => h.get('a b'), (h) => h.has('@'), (h) => h.delete('a,b'), (h) => h.set('{', 'x'),
         (h) => new Headers({ 'bad name': 'x' })].map((f) => __err(() => f(new Headers()))).join()"""));
    assertEquals("ok", eval("new Headers([[\"!#$%&'*+-.^_`|~09AZaz\", 'ok']]).get(\"!#$%&'*+-.^_`|~09azaz\")"));
  }

  @Test
  @DisplayName("Header values are stripped of leading and trailing HTTP whitespace")
  void headerValueNormalization() {
    assertEquals("[x y]|[x\ty]|[]|[x]|[\u00ff]", run("""
        const h = new Headers();
        h.append('a', ' \\t x y \\r\\n');
        h.append('b', 'x\\ty');
        h.append('c', ' \\t ');
        h.set('d', '\\nx\\n');
        h.append('e', '\\u00ff');
        return ['a', 'b', 'c', 'd', 'e'].map((n) => '[' + h.get(n) + ']').join('|');"""));
  }

  @Test
  @DisplayName("Header values with NUL, CR, LF inside or characters above U+00FF are a TypeError")
  void headerValueValidation() {
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError,none", eval("""
        ['a\\u0000b', 'a\\rb', 'a\\nb', '\\u0100', '\\u{1F600}', 'a\\u007fb\\u0080']
          .map((v) => __err(() => new Headers().append('x', v))).join()"""));
    assertEquals("TypeError", thrown("new Headers().set('x', 'a\\r\\nInjected: 1');"));
    assertEquals("TypeError", thrown("new Headers({ x: 'a\\u0000' });"));
  }

  @Test
  @DisplayName("set replaces the first value and removes the others; delete removes every value")
  void headersSetDeleteHas() {
    assertEquals("[[\"a\",\"4\"],[\"b\",\"2\"]]|false|true|true", run("""
        const h = new Headers([['a', '1'], ['b', '2'], ['a', '3']]);
        h.set('A', '4');
        const after = JSON.stringify([...h]);
        h.delete('B');
        h.delete('never-there');
        return [after, h.has('b'), h.has('A'), h.has('a')].join('|');"""));
  }

  @Test
  @DisplayName("Headers methods check the number of arguments")
  void headersArgumentCount() {
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError,TypeError", eval("""
        [(h) => h.append('a'), (h) => h.set('a'), (h) => h.get(), (h) => h.has(), (h) => h.delete(),
         (h) => h.forEach()].map((f) => __err(() => f(new Headers()))).join()"""));
    assertEquals("null", eval("new Headers().get(undefined)"));
  }

  @Test
  @DisplayName("Immutable headers (Response.error, Response.redirect) reject every mutation")
  void immutableGuard() {
    assertEquals("TypeError,TypeError,TypeError,null,false", run("""
        const h = Response.error().headers;
        return [__err(() => h.append('a', '1')), __err(() => h.set('a', '1')), __err(() => h.delete('a')),
                String(h.get('a')), h.has('a')].join();"""));
    assertEquals("TypeError,TypeError,https://example.com/", run("""
        const h = Response.redirect('https://example.com/').headers;
        return [__err(() => h.set('x', '1')), __err(() => h.delete('location')), h.get('location')].join();"""));
  }

  @Test
  @DisplayName("Request and Response headers accept any valid header (forbidden lists are ignored)")
  void requestAndResponseGuards() {
    assertEquals("x|a=1", run("""
        const req = new Request('https://example.com/');
        req.headers.append('Cookie', 'x');
        const res = new Response();
        res.headers.append('Set-Cookie', 'a=1');
        return req.headers.get('cookie') + '|' + res.headers.get('set-cookie');"""));
  }

  @Test
  @DisplayName("Headers iteration is live: the iterator reads the current sorted list at each step")
  void liveIteration() {
    assertEquals("b,b,c,true", run("""
        const h = new Headers([['b', '1']]);
        const it = h.keys();
        const out = [it.next().value];
        h.append('a', '2');
        h.append('c', '3');
        out.push(it.next().value, it.next().value, it.next().done);
        return out.join();"""));
    assertEquals("a,c", run("""
        const h = new Headers({ a: '1', b: '2', c: '3' });
        const seen = [];
        h.forEach((v, k) => { seen.push(k); if (k === 'a') h.delete('b'); });
        return seen.join();"""));
  }

  @Test
  @DisplayName("forEach passes (value, name, headers) and thisArg; a non-callable callback is a TypeError")
  void headersForEach() {
    assertEquals("a=1:true:true,b=2:true:true|TypeError", run("""
        const h = new Headers({ b: '2', a: '1' });
        const seen = [];
        const ctx = {};
        h.forEach(function (v, k, obj) { seen.push(k + '=' + v + ':' + (obj === h) + ':' + (this === ctx)); }, ctx);
        return seen.join() + '|' + __err(() => h.forEach({}));"""));
  }

  @Test
  @DisplayName("Headers iterators: keys, values, entries, @@iterator and the iterator prototype")
  void headersIterators() {
    assertEquals("a,b|1,2|a:1,b:2|true|true|[object Headers Iterator]|true|false|TypeError", run("""
        const h = new Headers({ b: '2', a: '1' });
        const it = h.entries();
        const proto = Object.getPrototypeOf(it);
        const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
        return [[...h.keys()].join(), [...h.values()].join(), [...h].map((p) => p.join(':')).join(),
                Headers.prototype[Symbol.iterator] === Headers.prototype.entries,
                Object.getPrototypeOf(proto) === iteratorPrototype, Object.prototype.toString.call(it),
                it[Symbol.iterator]() === it,
                Object.getOwnPropertyDescriptor(Headers.prototype, Symbol.iterator).enumerable,
                __err(() => proto.next.call({}))].join('|');"""));
  }

  // -----------------------------------------------------------------------------------------------
  // Body
  // -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("text(), json(), arrayBuffer() and bytes() read the body")
  void bodyReaders() {
    assertEquals("h\u00e9llo \ud83d\ude00", async("return await new Response('h\\u00e9llo \\u{1F600}').text();"));
    assertEquals("{\"a\":[1,2]}", async("return JSON.stringify(await new Response('{\"a\":[1,2]}').json());"));
    assertEquals("true,3,97", async("""
        const b = await new Response('abc').arrayBuffer();
        return [b instanceof ArrayBuffer, b.byteLength, new Uint8Array(b)[0]].join();"""));
    assertEquals("true,68 69", async("""
        const b = await new Response('hi').bytes();
        return [b instanceof Uint8Array, __bytes(b)].join();"""));
    assertEquals("true", eval("(() => { const p = new Response('x').text(); return p instanceof Promise; })()"));
  }

  @Test
  @DisplayName("A body can be read once: bodyUsed becomes true and a second read rejects with a TypeError")
  void bodyUsedTwice() {
    assertEquals("false,true,x,rejected TypeError", async("""
        const r = new Response('x');
        const before = r.bodyUsed;
        const p = r.text();
        const after = r.bodyUsed;
        const text = await p;
        let second;
        try { await r.arrayBuffer(); second = 'resolved'; } catch (e) { second = 'rejected ' + e.name; }
        return [before, after, text, second].join();"""));
    assertEquals("rejected TypeError", async("""
        const r = new Request('https://example.com/', { method: 'POST', body: 'x' });
        r.json().catch(() => {});
        return await r.bytes();"""));
  }

  @Test
  @DisplayName("A null body reads as empty any number of times and is never 'used'")
  void nullBody() {
    assertEquals("|,0,0,false", async("""
        const r = new Response();
        const a = await r.text();
        const b = await r.text();
        const buf = await r.arrayBuffer();
        const bytes = await r.bytes();
        return [a + '|' + b, buf.byteLength, bytes.length, r.bodyUsed].join();"""));
    assertEquals("rejected SyntaxError", async("return await new Response(null).json();"));
  }

  @Test
  @DisplayName("json() rejects with a SyntaxError on malformed JSON")
  void jsonSyntaxError() {
    assertEquals("rejected SyntaxError", async("return await new Response('{not json').json();"));
  }

  @Test
  @DisplayName("text() strips one UTF-8 BOM and replaces invalid bytes with U+FFFD")
  void textDecodesLikeUtf8Decode() {
    assertEquals("68 fffd", async("return __hex(await new Response(new Uint8Array([0xEF, 0xBB, 0xBF, 0x68, 0xFF])).text());"));
    assertEquals("feff 41", async("return __hex(await new Response(new Uint8Array([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x41])).text());"));
  }

  @Test
  @DisplayName("A string body is UTF-8 with content-type text/plain;charset=UTF-8 unless one is set")
  void stringBodyContentType() {
    assertEquals("text/plain;charset=UTF-8|text/html|null|null", eval("""
        [new Response('x').headers.get('content-type'),
         new Response('x', { headers: { 'Content-Type': 'text/html' } }).headers.get('content-type'),
         new Response(new Uint8Array([1])).headers.get('content-type'),
         new Response().headers.get('content-type')].map(String).join('|')"""));
    assertEquals("ef bf bd 61", async("return __bytes(await new Response('\\uD800a').bytes());"));
  }

  @Test
  @DisplayName("Buffer bodies copy the viewed bytes at construction time")
  void bufferBodiesAreCopied() {
    assertEquals("02 03 04", async("""
        const u = new Uint8Array([1, 2, 3, 4, 5]);
        const r = new Response(u.subarray(1, 4));
        u[2] = 99;
        return __bytes(await r.bytes());"""));
    assertEquals("02 03|07 08", async("""
        const buf = new Uint8Array([1, 2, 3, 4]).buffer;
        const r1 = new Response(new DataView(buf, 1, 2));
        const whole = new Uint8Array([7, 8]);
        const r2 = new Response(whole.buffer);
        whole[0] = 0;
        new Uint8Array(buf)[1] = 0;
        return __bytes(await r1.bytes()) + '|' + __bytes(await r2.bytes());"""));
    assertEquals("01 00 02 00", async("return __bytes(await new Response(new Uint16Array([1, 2])).bytes());"));
  }

  @Test
  @DisplayName("Other body values are converted with String(); null and undefined mean no body")
  void otherBodiesUseToString() {
    assertEquals("obj|42|[object Object]|true", async("""
        const a = await new Response({ toString() { return 'obj'; } }).text();
        const b = await new Response(42).text();
        const c = await new Response({}).text();
        return [a, b, c, new Response(undefined, { status: 204 }).status === 204].join('|');"""));
    assertEquals("TypeError", thrown("new Response(Symbol('s'));"));
  }

  @Test
  @DisplayName("URLSearchParams bodies are form-encoded; a tenant's look-alike class is just stringified")
  void urlSearchParamsBody() {
    assertEquals("application/x-www-form-urlencoded;charset=UTF-8|a=1&b=+%26|text/plain;charset=UTF-8|a=1", async("""
        const r = new Response(new URLSearchParams({ a: '1', b: ' &' }));
        const fake = new Response(new (class { toString() { return 'a=1'; } })());
        return r.headers.get('content-type') + '|' + await r.text() + '|' + fake.headers.get('content-type') + '|' + await fake.text();"""));
  }

  @Test
  @DisplayName("Large bodies survive encoding and decoding across internal chunk boundaries")
  void largeBodies() {
    assertEquals("true,true,80000", async("""
        const s = '\\u{1F600}'.repeat(20000);
        const ascii = 'x'.repeat(50001);
        const r = new Response(s);
        const bytes = await r.clone().bytes();
        return [await r.text() === s, await new Response(ascii).text() === ascii, bytes.length].join();"""));
  }

  // -----------------------------------------------------------------------------------------------
  // Request
  // -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("Request needs an absolute URL: relative, empty and credentialed URLs are a TypeError")
  void requestUrl() {
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError", eval("""
        [() => new Request('/relative'), () => new Request(''), () => new Request('example.com/x'),
         () => new Request('https://user:pass@example.com/'), () => new Request()].map(__err).join()"""));
    assertEquals("https://example.com/a?b#c|mailto:x@example.com|https://obj.example/", eval("""
        [new Request('https://example.com/a?b#c').url, new Request('mailto:x@example.com').url,
         new Request({ toString() { return 'https://obj.example/'; } }).url].join('|')"""));
  }

  @Test
  @DisplayName("Request and Response.redirect parse with the platform's URL parser, even when a tenant replaces URL")
  void requestUsesPlatformUrlParser() {
    assertEquals("https://e.example/a%20b?q=%20#f|http://xn--nxasmm1c.example/y|https://e.example/c|TypeError|TypeError", run("""
        globalThis.URL = class { constructor() { throw new Error('the tenant URL class must not be used'); } };
        try {
          return [new Request('  https://E.example:443/a b?q= #f').url,
                  Response.redirect('http://\u03b2\u03cc\u03bb\u03bf\u03c2.example/y').headers.get('location'),
                  new Request('https://e.example/b/../c').url,
                  __err(() => new Request('https://e.example:99999/')),
                  __err(() => new Request('https://u@e.example/'))].join('|');
        } finally {
          delete globalThis.URL;
        }"""));
  }

  @Test
  @DisplayName("Standard methods are upper-cased case-insensitively; other methods are kept as given")
  void methodNormalization() {
    assertEquals("GET,GET,DELETE,DELETE,HEAD,OPTIONS,POST,PUT,patch,PaTcH,custom-1", eval("""
        ['get', 'Get', 'DELETE', 'delete', 'head', 'options', 'post', 'put', 'patch', 'PaTcH', 'custom-1']
          .map((m) => new Request('https://example.com/', { method: m }).method).join()"""));
    assertEquals("GET", eval("new Request('https://example.com/').method"));
  }

  @Test
  @DisplayName("CONNECT, TRACE and TRACK are forbidden and invalid method tokens are a TypeError")
  void forbiddenAndInvalidMethods() {
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError,TypeError", eval("""
        ['CONNECT', 'connect', 'TRACE', 'trace', 'TRACK', 'tRaCk']
          .map((m) => __err(() => new Request('https://example.com/', { method: m }))).join()"""));
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError", eval("""
        ['GE T', '', 'GET\\n', '\\u00e9', '\\u0100']
          .map((m) => __err(() => new Request('https://example.com/', { method: m }))).join()"""));
  }

  @Test
  @DisplayName("GET and HEAD requests cannot have a body, not even an empty string")
  void getWithBody() {
    assertEquals("TypeError,TypeError,TypeError,none,none", eval("""
        [() => new Request('https://example.com/', { body: 'x' }),
         () => new Request('https://example.com/', { method: 'HEAD', body: new Uint8Array(0) }),
         () => new Request('https://example.com/', { method: 'get', body: '' }),
         () => new Request('https://example.com/', { body: null }),
         () => new Request('https://example.com/', { body: undefined })].map(__err).join()"""));
    assertEquals("payload|text/plain;charset=UTF-8", async("""
        const r = new Request('https://example.com/', { method: 'POST', body: 'payload' });
        return await r.text() + '|' + r.headers.get('content-type');"""));
  }

  @Test
  @DisplayName("redirect accepts follow, error and manual (default follow); anything else is a TypeError")
  void redirectMode() {
    assertEquals("follow,manual,error|TypeError,TypeError", eval("""
        [new Request('https://example.com/').redirect,
         new Request('https://example.com/', { redirect: 'manual' }).redirect,
         new Request('https://example.com/', { redirect: 'error' }).redirect].join() + '|' +
        [__err(() => new Request('https://example.com/', { redirect: 'Follow' })),
         __err(() => new Request('https://example.com/', { redirect: 'bogus' }))].join()"""));
  }

  @Test
  @DisplayName("Request getters have the spec defaults and reflect the init members")
  void requestDefaultsAndInit() {
    assertEquals("|false|default|cors|same-origin|[object AbortSignal]|undefined", eval("""
        (() => {
          const r = new Request('https://example.com/');
          return [r.integrity, r.keepalive, r.cache, r.mode, r.credentials, String(r.signal), String(r.cf)].join('|');
        })()"""));
    assertEquals("sha256-x|true|no-store|same-origin|include|5", eval("""
        (() => {
          const r = new Request('https://example.com/', { integrity: 'sha256-x', keepalive: 1, cache: 'no-store',
            mode: 'same-origin', credentials: 'include', cf: { cacheTtl: 5 } });
          return [r.integrity, r.keepalive, r.cache, r.mode, r.credentials, r.cf.cacheTtl].join('|');
        })()"""));
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError,none,TypeError", eval("""
        [{ mode: 'navigate' }, { cache: 'only-if-cached' }, { cache: 'bogus' }, { credentials: 'all' },
         { mode: 'no-cors', method: 'PUT' }, { mode: 'same-origin', cache: 'only-if-cached' }, { window: {} }]
          .map((init) => __err(() => new Request('https://example.com/', init))).join()"""));
    assertEquals("TypeError,none", eval("""
        [__err(() => new Request('https://example.com/', 5)), __err(() => new Request('https://example.com/', null))].join()"""));
  }

  @Test
  @DisplayName("signal follows init.signal (and the input request's), is a new signal by default, and must be an AbortSignal")
  void requestSignal() {
    assertEquals("false,true,true,stop|true,false,true|TypeError", run("""
        const c = new AbortController();
        const withSignal = new Request('https://example.com/', { signal: c.signal });
        const copy = new Request(withSignal);
        const before = withSignal.signal.aborted;
        c.abort('stop');
        const follows = [before, withSignal.signal.aborted, copy.signal.aborted, withSignal.signal.reason].join();
        const fresh = new Request('https://example.com/');
        const own = [fresh.signal instanceof AbortSignal, fresh.signal.aborted, fresh.signal === fresh.signal].join();
        let bad;
        try { new Request('https://example.com/', { signal: { aborted: false } }); } catch (e) { bad = e.name; }
        return follows + '|' + own + '|' + bad;"""));
  }

  @Test
  @DisplayName("Request getters return the same Headers object every time")
  void requestHeadersIdentity() {
    assertEquals("true,1", run("""
        const r = new Request('https://example.com/', { headers: { 'X-A': '1' } });
        return [r.headers === r.headers, r.headers.get('x-a')].join();"""));
  }

  @Test
  @DisplayName("new Request(request) copies method, URL, headers and takes the body, marking the input used")
  void requestFromRequest() {
    assertEquals("https://example.com/x,POST,1,text/plain;charset=UTF-8,true,false,true,5|payload", async("""
        const a = new Request('https://example.com/x', { method: 'POST', body: 'payload', headers: { 'X-A': '1' },
          cf: { cacheTtl: 5 } });
        const b = new Request(a);
        a.headers.set('x-a', 'changed');
        return [b.url, b.method, b.headers.get('x-a'), b.headers.get('content-type'), a.bodyUsed, b.bodyUsed,
                b.headers !== a.headers, b.cf.cacheTtl].join() + '|' + await b.text();"""));
    assertEquals("TypeError", async("""
        const a = new Request('https://example.com/', { method: 'POST', body: 'x' });
        await a.text();
        try { new Request(a); return 'no exception'; } catch (e) { return e.name; }"""));
    assertEquals("TypeError", thrown("""
        new Request(new Request('https://example.com/', { method: 'POST', body: 'x' }), { method: 'GET' });"""));
  }

  @Test
  @DisplayName("new Request(request, init) lets init replace the headers and the body")
  void requestFromRequestWithInit() {
    assertEquals("null,2,null,new,false", async("""
        const a = new Request('https://example.com/', { method: 'POST', body: 'old', headers: { 'X-A': '1' } });
        const b = new Request(a, { headers: { 'X-B': '2' } });
        const used = new Request('https://example.com/', { method: 'PUT', body: 'old' });
        await used.text();
        const c = new Request(used, { body: 'new' });
        return [b.headers.get('x-a'), b.headers.get('x-b'), b.headers.get('content-type'), await c.text(),
                new Request(new Request('https://example.com/'), { method: 'DELETE' }).bodyUsed].map(String).join();"""));
  }

  @Test
  @DisplayName("Request.clone copies everything with an independent body; a used body is a TypeError")
  void requestClone() {
    assertEquals("x,x,1,POST,true,https://example.com/|TypeError", async("""
        const a = new Request('https://example.com/', { method: 'POST', body: 'x', headers: { h: '1' } });
        const c = a.clone();
        const result = [await a.text(), await c.text(), c.headers.get('h'), c.method, c.headers !== a.headers, c.url].join();
        return result + '|' + __err(() => a.clone());"""));
  }

  // -----------------------------------------------------------------------------------------------
  // Response
  // -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("Response defaults: 200, ok, empty statusText, type default, empty url, Workers extensions")
  void responseDefaults() {
    assertEquals("200|true||default||false|null|automatic|false", eval("""
        (() => {
          const r = new Response();
          return [r.status, r.ok, r.statusText, r.type, r.url, r.redirected, String(r.webSocket), r.encodeBody, r.bodyUsed].join('|');
        })()"""));
  }

  @Test
  @DisplayName("Response status must be 200..599 (RangeError) after unsigned short conversion")
  void responseStatusRange() {
    assertEquals("RangeError,RangeError,RangeError,RangeError,RangeError", eval("""
        [0, 199, 600, 1000, -1].map((s) => __err(() => new Response(null, { status: s }))).join()"""));
    assertEquals("200,299,300,599,201,204,200", eval("""
        [200, 299, 300, 599, '201', 204.9, 65736].map((s) => new Response(null, { status: s }).status).join()"""));
    assertEquals("true,true,false,false", eval("""
        [200, 299, 300, 199 + 400].map((s) => new Response(null, { status: s }).ok).join()"""));
  }

  @Test
  @DisplayName("statusText must match the reason-phrase production, else TypeError")
  void responseStatusText() {
    assertEquals("OK|Not Found|a\tb|\u00a0\u00e9", eval("""
        ['OK', 'Not Found', 'a\\tb', '\\u00a0\\u00e9'].map((t) => new Response(null, { statusText: t }).statusText).join('|')"""));
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError", eval("""
        ['a\\nb', 'a\\rb', '\\u0100', '\\u007f', '\\u0000'].map((t) => __err(() => new Response(null, { statusText: t }))).join()"""));
  }

  @Test
  @DisplayName("Null body statuses (204, 205, 304) with a non-null body are a TypeError")
  void nullBodyStatuses() {
    assertEquals("TypeError,TypeError,TypeError,TypeError", eval("""
        [() => new Response('', { status: 204 }), () => new Response('x', { status: 205 }),
         () => new Response(new Uint8Array(0), { status: 304 }), () => Response.json({}, { status: 204 })].map(__err).join()"""));
    assertEquals("204,205,304", eval("""
        [204, 205, 304].map((s) => new Response(null, { status: s }).status).join()"""));
  }

  @Test
  @DisplayName("Response init must be a dictionary and headers come from it")
  void responseInit() {
    assertEquals("TypeError|1|text/html", eval("""
        [__err(() => new Response('x', 5)),
         new Response(null, { headers: [['X-A', '1']] }).headers.get('x-a'),
         new Response('x', { headers: new Headers({ 'content-type': 'text/html' }) }).headers.get('content-type')].join('|')"""));
  }

  @Test
  @DisplayName("Response.error() is a network error with status 0 and immutable headers")
  void responseError() {
    assertEquals("error|0|false||true|TypeError|", async("""
        const r = Response.error();
        return [r.type, r.status, r.ok, r.statusText, r instanceof Response, __err(() => r.headers.set('a', 'b')),
                await r.text()].join('|');"""));
  }

  @Test
  @DisplayName("Response.redirect sets Location, defaults to 302 and only accepts redirect statuses")
  void responseRedirect() {
    assertEquals("302|https://example.com/next|default|301,303,307,308", eval("""
        (() => {
          const r = Response.redirect('https://example.com/next');
          return [r.status, r.headers.get('location'), r.type,
                  [301, 303, 307, 308].map((s) => Response.redirect('https://example.com/', s).status).join()].join('|');
        })()"""));
    assertEquals("RangeError,RangeError,RangeError,TypeError,TypeError,TypeError", eval("""
        [() => Response.redirect('https://example.com/', 200), () => Response.redirect('https://example.com/', 300),
         () => Response.redirect('https://example.com/', 304), () => Response.redirect('/relative'),
         () => Response.redirect('/relative', 200), () => Response.redirect()].map(__err).join()"""));
  }

  @Test
  @DisplayName("Response.json serializes data as application/json unless init sets a content-type")
  void responseJson() {
    assertEquals("application/json|{\"a\":1}|201", async("""
        const r = Response.json({ a: 1 }, { status: 201 });
        return [r.headers.get('content-type'), await r.text(), r.status].join('|');"""));
    assertEquals("application/vnd.api+json|null", async("""
        const r = Response.json(null, { headers: { 'Content-Type': 'application/vnd.api+json' } });
        return [r.headers.get('content-type'), await r.text()].join('|');"""));
    assertEquals("TypeError,TypeError,TypeError,TypeError,TypeError", eval("""
        [() => Response.json(undefined), () => Response.json(() => 1), () => Response.json(Symbol('x')),
         () => Response.json(10n), () => Response.json()].map(__err).join()"""));
  }

  @Test
  @DisplayName("Response.clone gives an independent copy; cloning a used body is a TypeError")
  void responseClone() {
    assertEquals("x|x|201|Created|true|error,TypeError|TypeError", async("""
        const r = new Response('x', { status: 201, statusText: 'Created', headers: { a: '1' } });
        const c = r.clone();
        const texts = [await r.text(), await c.text()];
        const e = Response.error().clone();
        return [...texts, c.status, c.statusText, c.headers !== r.headers, [e.type, __err(() => e.headers.set('a', '1'))].join(),
                __err(() => r.clone())].join('|');"""));
  }

  // -----------------------------------------------------------------------------------------------
  // TextEncoder
  // -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("TextEncoder.encode writes UTF-8, replacing lone surrogates with U+FFFD")
  void textEncoderEncode() {
    assertEquals("61 e2 82 ac f0 9f 98 80 ef bf bd 78", eval("__bytes(new TextEncoder().encode('a\\u20ac\\u{1F600}\\uD800x'))"));
    assertEquals("ef bf bd ef bf bd|ef bf bd", eval("""
        __bytes(new TextEncoder().encode('\\uDE00\\uD83D')) + '|' + __bytes(new TextEncoder().encode('\\uD83D'))"""));
    assertEquals("utf-8|0|0|6e 75 6c 6c|true,0", eval("""
        (() => {
          const e = new TextEncoder();
          const u = e.encode('\\u00e9');
          return [e.encoding, e.encode().length, e.encode(undefined).length, __bytes(e.encode(null)),
                  [u instanceof Uint8Array, u.byteOffset].join()].join('|');
        })()"""));
  }

  @Test
  @DisplayName("TextEncoder.encodeInto stops before a code point that does not fit and counts UTF-16 units read")
  void textEncoderEncodeInto() {
    assertEquals("1,1|3,5|2,4|0,0|read,written", eval("""
        (() => {
          const e = new TextEncoder();
          const r = (s, n) => { const x = e.encodeInto(s, new Uint8Array(n)); return x.read + ',' + x.written; };
          return [r('a\\u{1F600}', 3), r('a\\u{1F600}', 5), r('\\uD800a', 4), r('\\u20ac', 2),
                  Object.keys(e.encodeInto('', new Uint8Array(0))).join()].join('|');
        })()"""));
    assertEquals("00 00 68 69 00 00", run("""
        const buf = new Uint8Array(6);
        new TextEncoder().encodeInto('hi', buf.subarray(2));
        return __bytes(buf);"""));
    assertEquals("TypeError,TypeError,TypeError,TypeError", eval("""
        [() => new TextEncoder().encodeInto('a', new Uint16Array(4)), () => new TextEncoder().encodeInto('a', new ArrayBuffer(4)),
         () => new TextEncoder().encodeInto('a'), () => new TextEncoder().encodeInto('a', [0, 0])].map(__err).join()"""));
  }

  // -----------------------------------------------------------------------------------------------
  // TextDecoder
  // -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("TextDecoder labels are matched case-insensitively after trimming ASCII whitespace")
  void textDecoderLabels() {
    assertEquals("utf-8,utf-8,utf-8,utf-8,utf-8,utf-8,utf-8,utf-8,utf-8", eval("""
        [undefined, 'utf-8', 'UTF8', ' \\t\\n utf-8 \\f\\r', 'unicode-1-1-utf-8', 'unicode11utf8', 'Unicode20UTF8',
         'x-unicode20utf8', 'Utf-8'].map((l) => new TextDecoder(l).encoding).join()"""));
    assertEquals("utf-16le,utf-16le,utf-16be|windows-1252,windows-1252,windows-1252,windows-1252,windows-1252,windows-1252", eval("""
        ['utf-16le', 'UTF-16', 'utf-16be'].map((l) => new TextDecoder(l).encoding).join() + '|' +
        ['iso-8859-1', 'latin1', 'ascii', 'US-ASCII', 'windows-1252', 'LATIN1'].map((l) => new TextDecoder(l).encoding).join()"""));
    assertEquals("RangeError,RangeError,RangeError,RangeError,RangeError,RangeError,RangeError", eval("""
        ['utf-7', 'replacement', 'iso-2022-kr', '', 'utf 8', 'utf-8\\u00a0', null]
          .map((l) => __err(() => new TextDecoder(l))).join()"""));
  }

  @Test
  @DisplayName("TextDecoder options: fatal and ignoreBOM default to false; a non-object is a TypeError")
  void textDecoderOptions() {
    assertEquals("false,false|true,true|TypeError", eval("""
        [new TextDecoder().fatal, new TextDecoder().ignoreBOM].join() + '|' +
        [new TextDecoder('utf-8', { fatal: 1, ignoreBOM: 'yes' }).fatal,
         new TextDecoder('utf-8', { fatal: 1, ignoreBOM: 'yes' }).ignoreBOM].join() + '|' +
        __err(() => new TextDecoder('utf-8', 5))"""));
  }

  @Test
  @DisplayName("Streaming decode joins a 4-byte sequence split across calls")
  void streamingSplitSequence() {
    assertEquals("a|0|\ud83d\ude00b", run("""
        const d = new TextDecoder();
        const a = d.decode(new Uint8Array([0x61, 0xF0]), { stream: true });
        const b = d.decode(new Uint8Array([0x9F, 0x98]), { stream: true });
        const c = d.decode(new Uint8Array([0x80, 0x62]));
        return [a, b.length, c].join('|');"""));
    assertEquals("true", run("""
        const s = 'a\\u00e9\\u20ac\\u{1F600}z';
        const bytes = new TextEncoder().encode(s);
        const d = new TextDecoder();
        let out = '';
        for (const b of bytes) out += d.decode(new Uint8Array([b]), { stream: true });
        out += d.decode();
        return out === s;"""));
  }

  @Test
  @DisplayName("An incomplete sequence at the end of the stream becomes U+FFFD and the decoder resets")
  void streamingFlush() {
    assertEquals("|fffd|41", run("""
        const d = new TextDecoder();
        return [d.decode(new Uint8Array([0xE2, 0x82]), { stream: true }), __hex(d.decode()),
                __hex(d.decode(new Uint8Array([0x41])))].join('|');"""));
  }

  @Test
  @DisplayName("Invalid UTF-8 is replaced per maximal subpart, as the WHATWG decoder specifies")
  void maximalSubpartReplacement() {
    assertEquals("fffd fffd fffd|fffd 41|fffd fffd|fffd fffd fffd|fffd fffd|fffd fffd fffd fffd|fffd 41|fffd|fffd fffd 41|41 fffd 42", eval("""
        [[0xF0, 0x80, 0x80], [0xF0, 0x9F, 0x41], [0xE0, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0x80],
         [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82, 0x41], [0xF0, 0x9F, 0x98], [0xFE, 0xFF, 0x41], [0x41, 0x80, 0x42]]
          .map((b) => __hex(new TextDecoder().decode(new Uint8Array(b)))).join('|')"""));
  }

  @Test
  @DisplayName("Fatal mode throws a TypeError on invalid or truncated input and the decoder stays usable")
  void fatalMode() {
    assertEquals("TypeError,TypeError,TypeError,none|\u20ac|", run("""
        const d = new TextDecoder('utf-8', { fatal: true });
        const errors = [__err(() => d.decode(new Uint8Array([0xFF]))), __err(() => d.decode(new Uint8Array([0xE2, 0x82]))),
                        __err(() => d.decode(new Uint8Array([0xED, 0xA0, 0x80]))),
                        __err(() => d.decode(new Uint8Array([0xE2]), { stream: true }))];
        return [errors.join(), d.decode(new Uint8Array([0x82, 0xAC])), d.decode(new Uint8Array([0x41]).subarray(1))].join('|');"""));
    assertEquals("TypeError,TypeError", eval("""
        [__err(() => new TextDecoder('utf-16le', { fatal: true }).decode(new Uint8Array([0x00, 0xDC]))),
         __err(() => new TextDecoder('utf-16le', { fatal: true }).decode(new Uint8Array([0x41])))].join()"""));
  }

  @Test
  @DisplayName("The BOM is stripped once at the start of a stream unless ignoreBOM is set")
  void byteOrderMark() {
    assertEquals("41|feff 41|41 feff|41|feff|feff|41", run("""
        const bom = (...b) => new Uint8Array([0xEF, 0xBB, 0xBF, ...b]);
        const d = new TextDecoder();
        const split = d.decode(new Uint8Array([0xEF]), { stream: true }) + d.decode(new Uint8Array([0xBB, 0xBF, 0x41]));
        const s = new TextDecoder();
        s.decode(new Uint8Array([0x41]), { stream: true });
        const later = s.decode(bom());
        return [__hex(new TextDecoder().decode(bom(0x41))),
                __hex(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bom(0x41))),
                __hex(new TextDecoder().decode(new Uint8Array([0x41, 0xEF, 0xBB, 0xBF]))),
                __hex(split), __hex(later), __hex(new TextDecoder().decode(bom(0xEF, 0xBB, 0xBF))),
                __hex(d.decode(bom(0x41)))].join('|');"""));
  }

  @Test
  @DisplayName("UTF-16LE and UTF-16BE decode pairs, handle BOMs and replace unpaired or odd units")
  void utf16() {
    assertEquals("41 1f600|41 fffd|fffd 41|fffd 42|41|41 1f600", run("""
        const le = (b, o) => __hex(new TextDecoder('utf-16le', o).decode(new Uint8Array(b)));
        const d = new TextDecoder('utf-16');
        const streamed = d.decode(new Uint8Array([0xFF, 0xFE, 0x41]), { stream: true }) +
          d.decode(new Uint8Array([0x00, 0x3D]), { stream: true }) + d.decode(new Uint8Array([0xD8, 0x00, 0xDE]));
        return [le([0xFF, 0xFE, 0x41, 0x00, 0x3D, 0xD8, 0x00, 0xDE]), le([0x41, 0x00, 0x42]), le([0x00, 0xDC, 0x41, 0x00]),
                le([0x3D, 0xD8, 0x42, 0x00]), __hex(new TextDecoder('utf-16be').decode(new Uint8Array([0xFE, 0xFF, 0x00, 0x41]))),
                __hex(streamed)].join('|');"""));
  }

  @Test
  @DisplayName("windows-1252 (also latin1/ascii/iso-8859-1) maps 0x80-0x9F to the windows code points")
  void windows1252() {
    assertEquals("20ac 81 201a 178 e9 41 ff|20ac 81 201a 178 e9 41 ff", eval("""
        ['windows-1252', 'latin1'].map((l) => __hex(new TextDecoder(l).decode(new Uint8Array([0x80, 0x81, 0x82, 0x9F, 0xE9, 0x41, 0xFF])))).join('|')"""));
  }

  @Test
  @DisplayName("decode accepts ArrayBuffer, SharedArrayBuffer and any view (honouring offsets) or nothing")
  void decodeInputs() {
    assertEquals("abc|bc|cd|ab|ab||", run("""
        const bytes = new Uint8Array([0x61, 0x62, 0x63, 0x64]);
        const d = new TextDecoder();
        const sab = new SharedArrayBuffer(2);
        new Uint8Array(sab).set([0x61, 0x62]);
        return [d.decode(bytes.buffer.slice(0, 3)), d.decode(new DataView(bytes.buffer, 1, 2)),
                d.decode(new Uint16Array(bytes.buffer, 2, 1)), d.decode(new Int8Array(bytes.buffer).subarray(0, 2)),
                d.decode(sab), d.decode(undefined), d.decode()].join('|');"""));
    assertEquals("TypeError,TypeError,TypeError,TypeError", eval("""
        [() => new TextDecoder().decode('abc'), () => new TextDecoder().decode(null), () => new TextDecoder().decode([0x61]),
         () => new TextDecoder().decode(new Uint8Array(1), 5)].map(__err).join()"""));
  }

  // -----------------------------------------------------------------------------------------------
  // atob / btoa
  // -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("atob strips ASCII whitespace and accepts optional padding")
  void atobForgiving() {
    assertEquals("abcd|abcd|a|a|ab||a|ff|9e e9 65", eval("""
        [atob(' YW Jj\\tZA\\n=\\f= '), atob('YWJjZA'), atob('YQ'), atob('YQ=='), atob('YWI='), atob(''), atob('YR=='),
         __hex(atob('/w==')), __hex(atob(null))].join('|')"""));
  }

  @Test
  @DisplayName("atob throws an InvalidCharacterError DOMException for malformed input")
  void atobErrors() {
    assertEquals("InvalidCharacterError,InvalidCharacterError,InvalidCharacterError,InvalidCharacterError,InvalidCharacterError,"
        + "InvalidCharacterError,InvalidCharacterError,InvalidCharacterError,InvalidCharacterError,InvalidCharacterError", eval("""
        ['YWJjZA=', 'YQ=', 'YQ===', 'Y', '=', '====', 'ab=c', 'YWJj\\u00a0', 'YW-j', undefined]
          .map((s) => __err(() => atob(s))).join()"""));
    assertEquals("true,5,TypeError", run("""
        let e;
        try { atob('*'); } catch (x) { e = x; }
        return [e instanceof DOMException, e.code, __err(() => atob())].join();"""));
  }

  @Test
  @DisplayName("btoa encodes Latin-1 and throws InvalidCharacterError above U+00FF")
  void btoaEncoding() {
    assertEquals("|YQ==|YWI=|YWJj|//4A|bnVsbA==|dW5kZWZpbmVk", eval("""
        [btoa(''), btoa('a'), btoa('ab'), btoa('abc'), btoa('\\u00ff\\u00fe\\u0000'), btoa(null), btoa(undefined)].join('|')"""));
    assertEquals("InvalidCharacterError,InvalidCharacterError,TypeError", eval("""
        [() => btoa('\\u0100'), () => btoa('\\u20ac'), () => btoa()].map(__err).join()"""));
    assertEquals("true,true", run("""
        let all = '';
        for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
        const big = all.repeat(100);
        return [atob(btoa(all)) === all, atob(btoa(big)) === big].join();"""));
  }

  // -----------------------------------------------------------------------------------------------
  // Host interface
  // -----------------------------------------------------------------------------------------------

  @Test
  @DisplayName("requestFromHost builds a Request from flat headers (a host array) and a Uint8Array body")
  void requestFromHost() {
    Value body = context.eval("js", "new Uint8Array([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x31, 0x7D])");
    Value request = host.getMember("requestFromHost").execute("post", "https://example.com/p?q=1",
        ProxyArray.fromArray("Content-Type", "application/json", "X-Multi", "a", "x-multi", "b"), body);
    Value check = context.eval("js", """
        (async (r) => {
          const h = r.headers;
          const text = await r.text();
          return [r instanceof Request, r.method, r.url, h.get('content-type'), h.get('x-multi'),
                  JSON.stringify([...h.keys()]), text, r.bodyUsed, __err(() => h.append('x', 'y'))].join('|');
        })""").execute(request);
    context.eval("js", "0");
    assertEquals("true|POST|https://example.com/p?q=1|application/json|a, b|[\"content-type\",\"x-multi\"]|{\"a\":1}|true|none",
        awaitPromise(check));
    Value noBody = host.getMember("requestFromHost").execute("GET", "https://example.com/", ProxyArray.fromArray(), null);
    assertEquals("GET,false,", awaitPromise(context.eval("js",
        "(async (r) => [r.method, r.bodyUsed, await r.text()].join())").execute(noBody)));
  }

  @Test
  @DisplayName("responseToHost returns status, statusText, flat insertion-ordered headers and an exact body")
  void responseToHost() {
    Value response = context.eval("js", """
        (() => {
          const u = new Uint8Array([0, 104, 105, 0]);
          const r = new Response(u.subarray(1, 3), { status: 201, statusText: 'Created' });
          r.headers.append('Set-Cookie', 'a=1');
          r.headers.append('X-B', '2');
          r.headers.append('set-cookie', 'b=2');
          return r;
        })()""");
    Value parts = host.getMember("responseToHost").execute(response);
    assertEquals("201|Created|set-cookie,a=1,x-b,2,set-cookie,b=2|true|68 69|0,2,2|true", context.eval("js", """
        (p) => [p[0], p[1], p[2].join(), Array.isArray(p[2]) && Array.isArray(p),
                __bytes(p[3]), [p[3].byteOffset, p[3].byteLength, p[3].buffer.byteLength].join(), p.length === 5 && p[4] === null].join('|')""")
        .execute(parts).asString());
    assertEquals("true", context.eval("js", "(r) => r.bodyUsed").execute(response).toString());
    Value nullBody = host.getMember("responseToHost").execute(context.eval("js", "new Response(null, { status: 204 })"));
    assertTrue(nullBody.getArrayElement(3).isNull(), "a null body is null");
    assertEquals(204, nullBody.getArrayElement(0).asInt());
    Value error = host.getMember("responseToHost").execute(context.eval("js", "Response.error()"));
    assertEquals(0, error.getArrayElement(0).asInt());
  }

  @Test
  @DisplayName("responseToHost rejects non-Responses and used bodies with a TypeError")
  void responseToHostErrors() {
    Value toHost = host.getMember("responseToHost");
    PolyglotException notResponse = assertThrows(PolyglotException.class,
        () -> toHost.execute(context.eval("js", "({ status: 200 })")));
    assertTrue(notResponse.getMessage().contains("not a Response"), notResponse.getMessage());
    assertEquals("TypeError", notResponse.getGuestObject().getMember("name").asString());
    assertThrows(PolyglotException.class, () -> toHost.execute(5));
    Value response = context.eval("js", "new Response('x')");
    toHost.execute(response);
    PolyglotException used = assertThrows(PolyglotException.class, () -> toHost.execute(response));
    assertEquals("TypeError", used.getGuestObject().getMember("name").asString());
    Value consumed = context.eval("js", "(() => { const r = new Response('x'); r.text(); return r; })()");
    assertThrows(PolyglotException.class, () -> toHost.execute(consumed));
  }

  @Test
  @DisplayName("isResponse is a brand check")
  void isResponse() {
    Value isResponse = host.getMember("isResponse");
    assertTrue(isResponse.execute(context.eval("js", "new Response()")).asBoolean());
    assertTrue(isResponse.execute(context.eval("js", "Response.error()")).asBoolean());
    assertEquals(false, isResponse.execute(context.eval("js", "Object.create(Response.prototype)")).asBoolean());
    assertEquals(false, isResponse.execute(context.eval("js", "new Request('https://example.com/')")).asBoolean());
    assertEquals(false, isResponse.execute(5).asBoolean());
    assertEquals(false, isResponse.execute((Object) null).asBoolean());
  }

  @Test
  @DisplayName("Host functions and internals keep working after the tenant patches built-ins and prototypes")
  void tamperResistance() {
    try (Context tampered = newContext()) {
      Value tamperedHost = install(tampered);
      // Platform libraries capture the built-ins they use when first loaded: load the URL parser
      // (which Request uses) before the tenant patches them. One loaded after the patching would
      // use patched built-ins — which can only break the patching tenant's own realm.
      tampered.eval("js", "new Request('https://example.com/')");
      Value body = tampered.eval("js", "new Uint8Array([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x32, 0x7D])");
      tampered.eval("js", """
          const die = (what) => function () { throw new Error('hijacked ' + what); };
          const typedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
          for (const k of ['length', 'byteLength', 'byteOffset', 'buffer']) {
            Object.defineProperty(typedArrayProto, k, { get: die(k), configurable: true });
          }
          Object.defineProperty(ArrayBuffer.prototype, 'byteLength', { get: die('ab.byteLength'), configurable: true });
          // Index setters on Array.prototype are not defended against: internal lists are plain arrays
          // (GraalJS makes null-prototype arrays ~30x slower), and such a tenant only breaks its own realm.
          Object.defineProperty(Object.prototype, 'data', { set: die('data setter'), configurable: true });
          Response.prototype.text = die('text');
          Headers.prototype.get = die('get');
          Headers.prototype.append = die('append');
          Array.prototype.push = die('push');
          Array.prototype.slice = die('slice');
          Array.prototype.sort = die('sort');
          Array.prototype[Symbol.iterator] = die('iterator');
          typedArrayProto.set = die('set');
          JSON.parse = die('JSON.parse');
          JSON.stringify = die('JSON.stringify');
          String.prototype.toLowerCase = die('toLowerCase');
          String.prototype.charCodeAt = () => 65;
          String.prototype.slice = die('String slice');
          RegExp.prototype.exec = () => null;
          Promise.resolve = die('Promise.resolve');
          Reflect.apply = die('Reflect.apply');
          Reflect.construct = die('Reflect.construct');
          String.fromCharCode = die('fromCharCode');
          Object.setPrototypeOf = die('setPrototypeOf');
          Function.prototype.call = die('call');
          Function.prototype.apply = die('apply');
          Function.prototype.bind = die('bind');
          Object.defineProperty = die('defineProperty');
          """);

      Value request = tamperedHost.getMember("requestFromHost").execute("PoSt", "https://example.com/",
          ProxyArray.fromArray("X-Upper", "1", "Set-Cookie", "a"), body);
      tampered.eval("js", """
          (r) => {
            globalThis.out = 'pending';
            const h = r.headers;
            let s = r.method + '|' + h.has('x-upper') + '|' + h.has('set-cookie');
            try { new Headers({ x: 'a\\r\\nInjected: 1' }); s += '|accepted'; } catch (e) { s += '|' + e.name; }
            try { h.set('x', 'a\\r\\nb'); s += '|accepted'; } catch (e) { s += '|' + e.name; }
            try { h.set('bad name', 'x'); s += '|accepted'; } catch (e) { s += '|' + e.name; }
            r.json().then((v) => { globalThis.out = s + '|' + v.a; }, (e) => { globalThis.out = 'rejected ' + e.message; });
          }""").execute(request);
      assertEquals("POST|true|true|TypeError|TypeError|TypeError|2", tampered.eval("js", "globalThis.out").asString());

      Value response = tampered.eval("js", """
          (() => {
            const r = new Response('h\\u00e9', { status: 202, statusText: 'Accepted', headers: { 'X-A': '1', 'Set-Cookie': 'c' } });
            r.headers.set('Set-Cookie', 'd');
            return r;
          })()""");
      Value parts = tamperedHost.getMember("responseToHost").execute(response);
      assertEquals(5, parts.getArraySize());
      assertEquals(202, parts.getArrayElement(0).asInt());
      assertEquals("Accepted", parts.getArrayElement(1).asString());
      Value flat = parts.getArrayElement(2);
      assertEquals(6, flat.getArraySize());
      assertEquals("x-a|1|set-cookie|d|content-type|text/plain;charset=UTF-8", String.join("|",
          flat.getArrayElement(0).asString(), flat.getArrayElement(1).asString(), flat.getArrayElement(2).asString(),
          flat.getArrayElement(3).asString(), flat.getArrayElement(4).asString(), flat.getArrayElement(5).asString()));
      Value bytes = parts.getArrayElement(3);
      assertEquals(3, bytes.getArraySize());
      assertEquals(0x68, bytes.getArrayElement(0).asInt());
      assertEquals(0xC3, bytes.getArrayElement(1).asInt());
      assertEquals(0xA9, bytes.getArrayElement(2).asInt());
      assertTrue(tamperedHost.getMember("isResponse").execute(response).asBoolean());
      assertThrows(PolyglotException.class, () -> tamperedHost.getMember("responseToHost").execute(response));

      tampered.eval("js", """
          globalThis.out = 'pending';
          const euro = new Uint8Array(3);
          euro[0] = 0xE2; euro[1] = 0x82; euro[2] = 0xAC;
          const decoded = new TextDecoder().decode(euro);
          const encoded = new TextEncoder().encode('\\u20ac');
          const base64 = btoa('hi') + atob('aGk=');
          new Request('https://example.com/', { method: 'post', body: '{"b":3}' }).json().then(
            (v) => { globalThis.out = [decoded === '\\u20ac', encoded[2] === 0xAC, base64 === 'aGk=hi', v.b].join(); },
            (e) => { globalThis.out = 'rejected ' + e.message; });
          """);
      assertEquals("true,true,true,3", tampered.eval("js", "globalThis.out").asString());
    }
  }

  private String awaitPromise(Value promise) {
    String[] result = {"pending"};
    promise.invokeMember("then",
        (org.graalvm.polyglot.proxy.ProxyExecutable) args -> result[0] = args[0].isString() ? args[0].asString() : args[0].toString(),
        (org.graalvm.polyglot.proxy.ProxyExecutable) args -> result[0] = "rejected " + args[0]);
    context.eval("js", "0");
    return result[0];
  }
}
