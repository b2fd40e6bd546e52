package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * URLPattern (js/lib/urlpattern.js) against the WHATWG URL Pattern Standard. Inputs are ASCII so
 * that the expectations hold with the URL library and with its temporary stand-in alike.
 */
@DisplayName("URLPattern: constructor strings, init dictionaries, groups and modifiers, pattern strings, matching, errors")
class UrlPatternTest extends WebPlatformFixture {

  @Test
  @DisplayName("Constructor strings: components, userinfo (':pass' is a named group), default port, relative strings against a baseURL, non-special schemes, 'data:text' read as a named group")
  void constructorString() {
    assertEquals("https,*,*,example.com,,/books/:id,*,*|https,*,*,*,*,*,*,*|https,user:pass,*,example.com,8080,/a,q=:x,frag|https,*,*,example.com,8080,/foo/:bar?,*,*|https,*,*,example.com,,/a/b,q=1,*|https,*,*,example.com,,/a/b,x=1,top|data,*,*,,,foo*,*,*|foo,*,*,host,,/a,b,*|foo,*,*,,,/a/:b,*,*|data:text is relative: TypeError",
        run("const c = (p) => [p.protocol, p.username, p.password, p.hostname, p.port, p.pathname, p.search, p.hash].join(',');\n"
            + "out.push(c(new URLPattern('https://example.com/books/:id')));\n"
            + "out.push(c(new URLPattern('https://*:*')));\n"
            + "out.push(c(new URLPattern('https://user:pass@example.com:8080/a?q=:x#frag')));\n"
            + "out.push(c(new URLPattern('/foo/:bar?', 'https://example.com:8080')));\n"
            + "out.push(c(new URLPattern('?q=1', 'https://example.com/a/b')));\n"
            + "out.push(c(new URLPattern('#top', 'https://example.com/a/b?x=1')));\n"
            + "out.push(c(new URLPattern('data\\\\:foo*')));\n"
            + "out.push(c(new URLPattern('foo://host/a?b')), c(new URLPattern('foo:/a/:b')));\n"
            + "try { new URLPattern('data:text/*'); } catch (e) { out.push('data:text is relative: ' + e.name); }"));
  }

  @Test
  @DisplayName("URLPatternInit: separators stripped, baseURL inheritance of less specific components only (never username/password), relative pathnames, default ports, wildcards for the rest")
  void initDictionaries() {
    assertEquals("https,*,*,{sub.}?example.com,,/*,*,*|https,*,*,example.com,,/foo,bar,*|https,*,*,example.com,,/api/*,*,*|https,*,*,example.com,81,/a/b,q,*|https,*,*,example.com,,/a/c,*,*|https,*,*,example.org,*,*,*,*|http,*,*,*,*,*,a=1,h|*,*,*,*,*,*,*,*|*,*,*,*,*,*,*,*|https,*,*,*,,*,*,*|http,*,*,*,8080,*,*,*",
        run("const c = (p) => [p.protocol, p.username, p.password, p.hostname, p.port, p.pathname, p.search, p.hash].join(',');\n"
            + "out.push(c(new URLPattern('https://{sub.}?example.com/*')));\n"
            + "out.push(c(new URLPattern('https://example.com/foo?bar')));\n"
            + "out.push(c(new URLPattern({ pathname: '/api/*', baseURL: 'https://example.com/x?y#z' })));\n"
            + "out.push(c(new URLPattern({ search: 'q', baseURL: 'https://u:p@example.com:81/a/b?x#y' })));\n"
            + "out.push(c(new URLPattern({ pathname: 'c', baseURL: 'https://example.com/a/b' })));\n"
            + "out.push(c(new URLPattern({ hostname: 'example.org', baseURL: 'https://example.com/a/b' })));\n"
            + "out.push(c(new URLPattern({ protocol: 'http:', search: '?a=1', hash: '#h' })));\n"
            + "out.push(c(new URLPattern({})), c(new URLPattern()));\n"
            + "out.push(c(new URLPattern({ protocol: 'https', port: '443' })), c(new URLPattern({ protocol: 'http', port: '8080' })));"));
  }

  @Test
  @DisplayName("Named groups, regexp groups, wildcards, modifiers ? + *, {...} groups, escapes, Unicode names and the hostname delimiter")
  void groupsAndModifiers() {
    assertEquals("{\"bar\":\"baz\"}|null|{\"bar\":\"undef\"}|null|{\"bar\":\"a/b\"}|null|{\"bar\":\"undef\"}|{\"0\":\"x/y\"}|{\"0\":\"42\"}|null|{\"0\":\"a/b\",\"id\":\"7\"}|{}|{}|null|{}|{\"a\":\"x\",\"b\":\"y\"}|{\"a\":\"x\",\"b\":\"y\"}|{\"lang\":\"undef\"}|{\"lang\":\"en\"}|{\"0\":\"a/b\",\"ext\":\"png\"}|{\"x\":\"a/b/a\"}|{\"caf\u00e9\":\"x\"}|{\"sub\":\"api\"}|false|{\"sub\":\"undef\"}|{\"0\":\"a.b\"}|false",
        run("const g = (pattern, path) => { const r = new URLPattern({ pathname: pattern }).exec({ pathname: path }); return r === null ? 'null' : JSON.stringify(r.pathname.groups, (k, v) => v === undefined ? 'undef' : v); };\n"
            + "out.push(g('/foo/:bar', '/foo/baz'), g('/foo/:bar', '/foo/baz/'), g('/foo/:bar?', '/foo'), g('/foo/:bar?', '/foo/'));\n"
            + "out.push(g('/foo/:bar+', '/foo/a/b'), g('/foo/:bar+', '/foo'), g('/foo/:bar*', '/foo'), g('/foo/*', '/foo/x/y'));\n"
            + "out.push(g('/(\\\\d+)', '/42'), g('/:id(\\\\d+)', '/abc'), g('/:id(\\\\d+)/*', '/7/a/b'), g('/book{s}?', '/book'), g('/book{s}?', '/books'), g('/book{s}?', '/bookss'));\n"
            + "out.push(g('/a\\\\:b', '/a:b'), g('/:a.:b', '/x.y'), g('/:a-:b', '/x-y'), g('{/:lang}?/docs', '/docs'), g('{/:lang}?/docs', '/en/docs'));\n"
            + "out.push(g('/*.:ext', '/a/b.png'), g('/:x(a|b)+', '/a/b/a'), g('/:caf\u00e9', '/x'));\n"
            + "const p = new URLPattern({ hostname: '{:sub.}?example.com' });\n"
            + "out.push(JSON.stringify(p.exec({ hostname: 'api.example.com' }).hostname.groups), p.test({ hostname: 'a.b.example.com' }), JSON.stringify(p.exec({ hostname: 'example.com' }).hostname.groups, (k, v) => v === undefined ? 'undef' : v));\n"
            + "const q = new URLPattern({ hostname: '*.example.com' });\n"
            + "out.push(JSON.stringify(q.exec({ hostname: 'a.b.example.com' }).hostname.groups), q.test({ hostname: 'example.com' }));"));
  }

  @Test
  @DisplayName("Pattern string generation (normalized groups, needed braces and escapes) and canonicalization of each component by its encoding callback")
  void patternStrings() {
    assertEquals("/foo/*|/:name|/foo|/:foo(baz)(.*)|{/bar}?|{/:a}b|/{:a}b|/bar|/a%20b|/(foo)|/*?|/foo/{:bar}?|/a\\*b|/:id(\\d+)?|example.com|{:sub.}?example.com|https|80|a%20b|a%20b%3C|a%40b|||a b|[\\:\\:1]",
        run("const pn = (s) => new URLPattern({ pathname: s }).pathname;\n"
            + "out.push(pn('/foo/(.*)'), pn('/:name([^\\\\/]+?)'), pn('{/foo}'), pn('/:foo(baz)(.*)'), pn('{/bar}?'), pn('/:a\\\\b'), pn('/{:a}b'));\n"
            + "out.push(pn('/foo/../bar'), pn('/a b'), pn('/(foo)'), pn('/*?'), pn('/foo/{:bar}?'), pn('/a\\\\*b'), pn('/:id(\\\\d+)?'));\n"
            + "out.push(new URLPattern({ hostname: 'EXAMPLE.com' }).hostname, new URLPattern({ hostname: '{:sub.}?example.com' }).hostname);\n"
            + "out.push(new URLPattern({ protocol: 'HTTPS' }).protocol, new URLPattern({ port: '0080' }).port, new URLPattern({ search: 'a b' }).search, new URLPattern({ hash: 'a b<' }).hash);\n"
            + "out.push(new URLPattern({ username: 'a@b' }).username, new URLPattern('https://example.com:443/').port, new URLPattern({ protocol: 'http', port: '80' }).port);\n"
            + "out.push(new URLPattern({ protocol: 'foo', pathname: 'a b' }).pathname, new URLPattern({ hostname: '[\\\\:\\\\:1]' }).hostname);"));
  }

  @Test
  @DisplayName("test() and exec(): the URLPatternResult shape, inputs, baseURL handling, URLPatternInit inputs canonicalized, unparsable inputs null, a baseURL with a dictionary a TypeError")
  void execResults() {
    assertEquals("hash,hostname,inputs,password,pathname,port,protocol,search,username|[\"/books/7?x=1#h\",\"https://example.com/base/\"]|groups,input|{\"groups\":{\"id\":\"7\"},\"input\":\"/books/7\"}|{\"groups\":{},\"input\":\"https\"}|{\"groups\":{\"0\":\"x=1\"},\"input\":\"x=1\"}|{\"groups\":{},\"input\":\"\"}|true|null|false|false|null|false|true|false|[{\"baseURL\":\"https://example.com\",\"pathname\":\"/books/9\"}]|example.com|9|http|ex.com||/a/x|s|f|x|TypeError|TypeError|false|null|{\"groups\":{\"0\":\"\"},\"input\":\"\"}",
        run("const p = new URLPattern('/books/:id', 'https://example.com');\n"
            + "const r = p.exec('/books/7?x=1#h', 'https://example.com/base/');\n"
            + "out.push(Object.keys(r).join(','), JSON.stringify(r.inputs), Object.keys(r.pathname).join(','));\n"
            + "out.push(JSON.stringify(r.pathname), JSON.stringify(r.protocol), JSON.stringify(r.search), JSON.stringify(r.port));\n"
            + "out.push(p.test('https://example.com/books/7'), p.exec('https://example.com/books/'), p.test('https://other.com/books/7'), p.test('https://example.com:444/books/7'));\n"
            + "out.push(p.exec('not a url'), p.test('/books/1'), p.test('/books/1', 'https://example.com'), p.test('/books/1', 'not a base'));\n"
            + "const r2 = p.exec({ pathname: '/books/9', baseURL: 'https://example.com' });\n"
            + "out.push(JSON.stringify(r2.inputs), r2.hostname.input, r2.pathname.groups.id);\n"
            + "const r3 = new URLPattern({ pathname: '/a/:b' }).exec({ protocol: 'HTTP:', hostname: 'EX.com', port: '80', pathname: '/a/../a/x', search: '?s', hash: '#f' });\n"
            + "out.push(r3.protocol.input, r3.hostname.input, r3.port.input, r3.pathname.input, r3.search.input, r3.hash.input, r3.pathname.groups.b);\n"
            + "let e; try { p.test({ pathname: '/books/1' }, 'https://example.com'); } catch (x) { e = x; } out.push(e && e.name);\n"
            + "try { e = null; p.exec({ pathname: '/books/1' }, 'https://example.com'); } catch (x) { e = x; } out.push(e && e.name);\n"
            + "out.push(new URLPattern({ pathname: '/a' }).test({ port: 'x' }), new URLPattern({ pathname: '/a' }).exec({ protocol: 'a b' }));\n"
            + "out.push(JSON.stringify(new URLPattern({ pathname: '/x' }).exec('https://example.com/x').hash));"));
  }

  @Test
  @DisplayName("Errors: TypeError for relative strings without baseURL, baseURL with a dictionary, bad tokens, capturing or empty regexp groups, duplicate names, invalid regexps and invalid components")
  void errors() {
    assertEquals("TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|TypeError|ok|TypeError|TypeError|TypeError|ok|TypeError|TypeError|ok|TypeError|TypeError|ok|ok",
        run("const err = (f) => { try { f(); return 'ok'; } catch (e) { return e.constructor.name; } };\n"
            + "out.push(err(() => new URLPattern('/foo')), err(() => new URLPattern({ pathname: '/foo' }, 'https://example.com')));\n"
            + "out.push(err(() => new URLPattern({ pathname: '/(foo' })), err(() => new URLPattern({ pathname: '/:a/:a' })), err(() => new URLPattern({ pathname: '/(?x)' })));\n"
            + "out.push(err(() => new URLPattern({ pathname: '/([)' })), err(() => new URLPattern({ pathname: '/:' })), err(() => new URLPattern({ pathname: '/{foo' })), err(() => new URLPattern({ pathname: '/foo\\\\' })));\n"
            + "out.push(err(() => new URLPattern({ protocol: 'a b' })), err(() => new URLPattern({ port: 'abc' })), err(() => new URLPattern({ port: '65536' })), err(() => new URLPattern({ hostname: 'bad host' })));\n"
            + "out.push(err(() => new URLPattern({ pathname: '/(a(b))' })), err(() => new URLPattern({ pathname: '/(a(?:b))' })), err(() => new URLPattern({ pathname: '/(\u00e9)' })), err(() => new URLPattern({ pathname: '/()' })));\n"
            + "out.push(err(() => new URLPattern({ hostname: '[::g]' })), err(() => new URLPattern({ pathname: '/foo' }, { ignoreCase: true })), err(() => URLPattern('https://x')), err(() => new URLPattern({ baseURL: 'nope', pathname: '/a' })));\n"
            + "out.push(err(() => new URLPattern('https://example.com', undefined)), err(() => new URLPattern('/x', null)), err(() => new URLPattern({ pathname: '/x' }, 'https://a', {})));\n"
            + "out.push(err(() => new URLPattern({ hostname: '{[\\\\:\\\\::num\\\\:1]}' })), err(() => new URLPattern('https://[\\\\:\\\\:1]:8080/')));"));
  }

  @Test
  @DisplayName("options.ignoreCase: pathname, search and hash match case-insensitively in both constructor forms; username does not")
  void ignoreCase() {
    assertEquals("true|true|Bar|false|true|true|false|false",
        run("const ci = new URLPattern({ pathname: '/FOO/:x', search: 'Q=*', hash: 'H' }, { ignoreCase: true });\n"
            + "out.push(ci.test({ pathname: '/foo/Bar', search: 'q=1', hash: 'h' }), ci.exec({ pathname: '/foo/Bar' }) === null, ci.exec({ pathname: '/fOo/Bar', search: 'Q=1', hash: 'H' }).pathname.groups.x);\n"
            + "out.push(new URLPattern({ pathname: '/FOO' }).test({ pathname: '/foo' }), new URLPattern('https://example.com/FOO', { ignoreCase: true }).test('https://EXAMPLE.com/foo'));\n"
            + "out.push(new URLPattern('/FOO', 'https://x.test', { ignoreCase: true }).test('https://x.test/foo'), new URLPattern({ pathname: '/FOO' }, { ignoreCase: 0 }).test({ pathname: '/foo' }));\n"
            + "out.push(new URLPattern({ username: 'Bob' }, { ignoreCase: true }).test({ username: 'bob' }));"));
  }

  @Test
  @DisplayName("WebIDL shape: lazy global, lengths, @@toStringTag, enumerable accessors, brand checks, hasRegExpGroups, dictionary and USVString conversions")
  void webidl() {
    assertEquals("function|false|true|true|0|URLPattern|[object URLPattern]|0|0|test,exec,protocol,username,password,hostname,port,pathname,search,hash,hasRegExpGroups|function|undefined|true|TypeError|TypeError|TypeError|TypeError|false|false|true|true|a|1|TypeError|TypeError",
        run("const proto = URLPattern.prototype;\n"
            + "const d = Object.getOwnPropertyDescriptor(globalThis, 'URLPattern');\n"
            + "out.push(typeof URLPattern, d.enumerable, d.writable, d.configurable, URLPattern.length, URLPattern.name);\n"
            + "out.push(Object.prototype.toString.call(new URLPattern()), proto.test.length, proto.exec.length);\n"
            + "out.push(Object.keys(proto).join(','));\n"
            + "const getter = Object.getOwnPropertyDescriptor(proto, 'pathname');\n"
            + "out.push(typeof getter.get, getter.set, getter.enumerable);\n"
            + "const err = (f) => { try { f(); return 'ok'; } catch (e) { return e.constructor.name; } };\n"
            + "out.push(err(() => URLPattern()), err(() => getter.get.call({})), err(() => proto.test.call({}, 'https://x')), err(() => proto.hasRegExpGroups));\n"
            + "out.push(new URLPattern({}).hasRegExpGroups, new URLPattern({ pathname: '/:a/*' }).hasRegExpGroups, new URLPattern({ pathname: '/:id(\\\\d+)' }).hasRegExpGroups, new URLPattern({ protocol: '(https?)' }).hasRegExpGroups);\n"
            + "const asUrl = { protocol: 'https:', hostname: 'example.com', pathname: '/docs/a', search: '?q=1', hash: '#top', get port() { return ''; } };\n"
            + "out.push(new URLPattern({ pathname: '/docs/:slug', search: 'q=1' }).exec(asUrl).pathname.groups.slug);\n"
            + "out.push(String(new URLPattern({ pathname: 1 }).pathname), err(() => new URLPattern({ pathname: Symbol() })), err(() => new URLPattern(Symbol())));"));
  }
}
