package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The WHATWG URL Standard (js/lib/url.js): expected values worked out from the spec's algorithms. */
@DisplayName("URL Standard: URL parsing, hosts, IDNA, percent-encoding, setters, URLSearchParams")
class UrlTest extends WebPlatformFixture {

  @Test
  @DisplayName("Parsing special URLs: relative resolution against a base, dot segments, backslashes, default ports, case and whitespace")
  void specialParsing() {
    assertEquals("http://example.org/|https://example.com/a/c?x#y|https://other.test/p|http://h/a/up?q|http:"
        + "//h/a/b?only|http://h/a?q#frag|http://back/slash|http://h/dir/relative|http://h/a/b|ws://h"
        + "/|wss://h/|ftp://h/|http://h/|http://h:8080/|https://h/a/|http://h/b|http://user:pa%3Ass@h"
        + "/|http://a%40b@c/|http://h/%20sp%20ace/|http://h/keep?q",
        run("const cases = [\n"
            + "  ['http://example\\t.\\norg', 'http://example.org/foo/bar'], ['  https://EXAMPLE.com:443/a/./b/../c?x#y  ', undefined],\n"
            + "  ['//other.test/p', 'https://base.test/dir/file'], ['../up?q', 'http://h/a/b/c'], ['?only', 'http://h/a/b?old#f'],\n"
            + "  ['#frag', 'http://h/a?q'], ['\\\\\\\\back\\\\slash', 'http://h/'], ['http:relative', 'http://h/dir/x'],\n"
            + "  ['HTTP://H:80/%2e%2E/a/%2E/b', undefined], ['ws://h:80/', undefined], ['wss://h:443/', undefined], ['ftp://h:21/', undefined],\n"
            + "  ['http://h:0080/', undefined], ['http://h:8080', undefined], ['https://h/a/b/..', undefined], ['http://h/a/.%2E/b', undefined],\n"
            + "  ['http://user:pa:ss@h/', undefined], ['http://a@b@c/', undefined], ['http://h/ sp ace/', undefined], ['  ', 'http://h/keep?q'],\n"
            + "];\n"
            + "for (const [input, base] of cases) out.push(base === undefined ? new URL(input).href : new URL(input, base).href);"));
  }

  @Test
  @DisplayName("Parsing non-special URLs: opaque paths, empty hosts, no dot-segment magic on opaque paths, spaces before ? and #")
  void nonSpecialParsing() {
    assertEquals("mailto:Joe@Example.COM host= path=Joe@Example.COM|data:text/plain,a b host= path=text/plai"
        + "n,a b|sc://Host/x host=Host path=/x|sc:/b host= path=/b|sc://h host=h path=|sc:x y%20?q ho"
        + "st= path=x y%20|sc:x%20#f host= path=x%20|urn:isbn:123 host= path=isbn:123|javascript:aler"
        + "t(1) host= path=alert(1)|sc://%41/ host=%41 path=/|sc://ho%st/ host=ho%st path=/|web+demo:"
        + "/.//not-a-host/ host= path=//not-a-host/|sc:Opaque host= path=Opaque|sc://h/a/x|sc:opaque#"
        + "f",
        run("const cases = ['mailto:Joe@Example.COM', 'data:text/plain,a b', 'sc://Host/x', 'sc:/a/../b', 'sc://h', 'sc:x y ?q', 'sc:x #f', 'urn:isbn:123',\n"
            + "  'javascript:alert(1)', 'sc://%41/', 'sc://ho%st/', 'web+demo:/.//not-a-host/', 'SC:Opaque'];\n"
            + "for (const c of cases) { const u = new URL(c); out.push(u.href + ' host=' + u.host + ' path=' + u.pathname); }\n"
            + "out.push(new URL('x', 'sc://h/a/b').href, new URL('#f', 'sc:opaque').href);"));
  }

  @Test
  @DisplayName("Invalid input is a TypeError: missing base, bad ports, forbidden host code points, broken IPv4/IPv6, opaque base")
  void failures() {
    assertEquals("true|true|true|true|true|true|true|true|true|true|true|true|true|true|true|true|true|true|"
        + "true|true|true|false|null|true",
        run("const bad = [['relative', undefined], ['http://', undefined], ['http://h:65536/', undefined], ['http://h:8a/', undefined],\n"
            + "  ['http://a b/', undefined], ['http://a<b/', undefined], ['http://[::1/', undefined], ['http://[1:2:3:4:5:6:7:8:9]/', undefined],\n"
            + "  ['http://[::1::]/', undefined], ['http://[::1.2.3]/', undefined], ['http://1.2.3.256/', undefined], ['http://1.2.3.4.5/', undefined],\n"
            + "  ['http://0x100000000/', undefined], ['http://%zz%41/', undefined], ['http://user@/', undefined], ['x', 'sc:opaque'],\n"
            + "  ['http://h/', 'not a url'], ['sc://a b/', undefined], ['sc://@/', undefined], ['http://%00/', undefined], ['https://x/', '//no-scheme']];\n"
            + "for (const [input, base] of bad) {\n"
            + "  try { new URL(input, base); out.push('parsed ' + input); } catch (e) { out.push(e instanceof TypeError); }\n"
            + "}\n"
            + "out.push(URL.canParse('http://1.2.3.256/'), URL.parse('nope'), URL.canParse('a', 'https://b/'));"));
  }

  @Test
  @DisplayName("File URLs: localhost, Windows drive letters, base inheritance, .. never above the drive")
  void fileURLs() {
    assertEquals("file:///etc/x|file:///C:/y|file:///c:/dir/f.txt|file://host/share/f|file:///C:/z|file:///C"
        + ":/|d:/x|file:///p/q?r|file:///p/q?s|file:///C:/|file:///C:/x|file:///a|null|h",
        run("const cases = [['file://localhost/etc/x', undefined], ['file:///C|/x/../../y', undefined], ['file:c:\\\\dir\\\\f.txt', undefined],\n"
            + "  ['file://host/share/f', undefined], ['/z', 'file:///C:/a/b'], ['..', 'file:///C:/'], ['d:/x', 'file:///C:/a'],\n"
            + "  ['file:', 'file:///p/q?r'], ['?s', 'file:///p/q?r'], ['file:/C|/', undefined], ['file://C|/x', undefined], ['FILE:///tmp/%2e%2e/a', undefined]];\n"
            + "for (const [input, base] of cases) { const u = new URL(input, base); out.push(u.href); }\n"
            + "out.push(new URL('file:///x').origin, new URL('file://h/').host);"));
  }

  @Test
  @DisplayName("Hosts: IPv4 number forms and the ends-in-a-number rule, IPv6 compression and embedded IPv4, percent-decoded domains, opaque hosts")
  void hosts() {
    assertEquals("127.0.0.1|127.0.0.1|127.0.0.1|255.255.255.255|0.0.0.0|1.2.3.4|10.0.0.0|foo.09x|foo.0x1g|[:"
        + ":1]|[1:0:0:2::3]|[1::2:0:0:3:4]|[::ffff:c0a8:1]|[2001:db8::]|[::]|example.com|a..b|fail:1."
        + "2.3.09|fail:foo.1|fail:foo.0x10|EX%41mple.COM|1.2.3|[::1]|%C3%A9",
        run("const hosts = ['0x7f.1', '0177.0.0.1', '127.1', '4294967295', '0x', '1.2.3.4.', '10.0.0.09'.slice(0, -1), 'foo.09x', 'foo.0x1g',\n"
            + "  '[0:0:0:0:0:0:0:1]', '[1:0:0:2:0:0:0:3]', '[1:0:0:2:0:0:3:4]', '[::ffff:192.168.0.1]', '[2001:DB8::]', '[::]', 'EX%41MPLE.com', 'a..b'];\n"
            + "for (const h of hosts) { try { out.push(new URL('http://' + h + '/').host); } catch (e) { out.push('fail:' + h); } }\n"
            + "for (const h of ['1.2.3.09', 'foo.1', 'foo.0x10']) { try { out.push(new URL('http://' + h + '/').host); } catch (e) { out.push('fail:' + h); } }\n"
            + "out.push(new URL('sc://EX%41mple.COM/').host, new URL('sc://1.2.3/').host, new URL('sc://[::1]/').host, new URL('sc://\\u00e9/').host);"));
  }

  @Test
  @DisplayName("Domain to ASCII: UTS #46 mapping, deviations kept, punycode both ways, invalid punycode, joiners and bidi rule")
  void idna() {
    assertEquals("xn--bcher-kva.example|xn--fa-hia.de|go.com|www.foo.bar.com|ab|1.com|xn--bcher-kva.example|"
        + "xn--zca.de|TypeError|TypeError|TypeError|xn--mgba3gch31f060k|TypeError|TypeError|xn--4dbc."
        + "com|xn--ls8h.la|TypeError|TypeError|TypeError|TypeError|xn--mxa9a.gr|xn--zca.de|TypeError|"
        + "TypeError",
        run("const hosts = ['B\\u00fccher.example', 'fa\\u00df.de', '\\uff27\\uff4f.com', 'www.foo\\u3002bar.com', 'a\\u00adb', '\\u2460.com', 'xn--bcher-kva.example',\n"
            + "  'XN--ZCA.de', 'xn--a', 'xn--te\\u0161la', 'xn--zca\\u00e9', '\\u0646\\u0627\\u0645\\u0647\\u200c\\u0627\\u06cc', 'a\\u200db', '\\u05d0a', '\\u05d0\\u05d1.com',\n"
            + "  '\\ud83d\\udca9.la', '\\u2488com', '\\ufffd.com', 'xn--zn7c.com', '\\u0301a', '\\u03a3\\u03b1.gr', '\\u1e9e.de', 'xn--1ug.example', 'a.xn--.b'];\n"
            + "for (const h of hosts) { try { out.push(new URL('https://' + h + '/').hostname); } catch (e) { out.push(e.name); } }"));
  }

  @Test
  @DisplayName("Percent-encode sets: path, query vs special-query, fragment, userinfo; existing escapes are kept")
  void percentEncoding() {
    assertEquals("us%20er|p%40ss%3Aw|/p%20a%22th%3C%3E%60%7B%7D%5E|?q%20%22%3C%3E%27`{}|#f%20%22%3C%3E%60{}%"
        + "C3%A9%F0%9F%98%80|?q'x|#%zz|/%7e%zz%C3%BF|/%EF%BF%BD",
        run("const u = new URL('https://us er:p@ss:w@h/p a\"th<>`{}^?q \"<>\\'`{}#f \"<>`{}\\u00e9\\ud83d\\ude00');\n"
            + "out.push(u.username, u.password, u.pathname, u.search, u.hash);\n"
            + "const n = new URL('sc://h/p?q\\'x#%zz\\u0000');\n"
            + "out.push(n.search, n.hash, new URL('https://h/%7e%zz\\u00ff').pathname, new URL('https://h/\\ud800').pathname);"));
  }

  @Test
  @DisplayName("URL attributes and origins: every getter, blob origins, opaque origins for non-special schemes")
  void components() {
    assertEquals("https:|user|pass|sub.example.com:8443|sub.example.com|8443|/p/a/t/h|?query=string|#hash|ht"
        + "tps://sub.example.com:8443|https://a.example:444|null|null|null|ws://h:81|||http://h/?#",
        run("const u = new URL('https://user:pass@sub.example.com:8443/p/a/t/h?query=string#hash');\n"
            + "out.push(u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, u.origin);\n"
            + "out.push(new URL('blob:https://a.example:444/uuid').origin, new URL('blob:sc://x/y').origin, new URL('blob:ftp://h/').origin,\n"
            + "  new URL('sc://h/').origin, new URL('ws://H:81/').origin, new URL('http://h?').search, new URL('http://h#').hash, new URL('http://h?#').href);"));
  }

  @Test
  @DisplayName("Setters run the parser with a state override: protocol switches, host/port rules, pathname, search and hash, refusals")
  void setters() {
    assertEquals("https://h.example/p?q#f|https:|wss://h.example/p?q#f|wss://other.example:8080/p?q#f|||12|o"
        + "ther.example|other.example|new.example|wss://a%20b:c%40d@new.example/p?q#f|/z|?a=1%202|wss"
        + "://a%20b:c%40d@new.example/z?#f|#a%20b|wss://a%20b:c%40d@new.example/z?|file://srv/tmp|htt"
        + "p:|mailto:a@b|http:|TypeError|wss://a%20b:c%40d@new.example/z?|v",
        run("const u = new URL('http://h.example/p?q#f');\n"
            + "u.protocol = 'https:'; out.push(u.href); u.protocol = 'sc'; out.push(u.protocol); u.protocol = 'wss:x'; out.push(u.href);\n"
            + "u.host = 'other.example:8080'; out.push(u.href); u.port = '443'; out.push(u.port); u.port = '99999'; out.push(u.port); u.port = '12ab'; out.push(u.port);\n"
            + "u.port = ''; out.push(u.host); u.hostname = 'x:1'; out.push(u.host); u.hostname = 'new.example'; out.push(u.host);\n"
            + "u.username = 'a b'; u.password = 'c@d'; out.push(u.href);\n"
            + "u.pathname = '/x y/../z'; out.push(u.pathname); u.search = 'a=1 2'; out.push(u.search); u.search = '?'; out.push(u.href);\n"
            + "u.hash = '#a b'; out.push(u.hash); u.hash = ''; out.push(u.href);\n"
            + "const f = new URL('file:///tmp'); f.username = 'x'; f.port = '80'; f.host = 'srv'; out.push(f.href); f.protocol = 'http'; out.push(f.protocol);\n"
            + "const o = new URL('mailto:a@b'); o.pathname = 'c'; o.host = 'h'; out.push(o.href); const s = new URL('http://h/'); s.protocol = 'sc'; out.push(s.protocol);\n"
            + "try { u.href = 'not a url'; out.push('no error'); } catch (e) { out.push(e.name, u.href); }\n"
            + "u.href = 'https://fresh.example/?k=v'; out.push(u.searchParams.get('k'));"));
  }

  @Test
  @DisplayName("URLSearchParams: constructors (string, pairs, record), append/delete/get/getAll/has/set with values, sort, size, form encoding")
  void searchParams() {
    assertEquals("a=1&b=2&a=3&c=&=empty&%25zz=A+x|6|1|1,3||empty|A x|null|a=1&b=2&c=&=empty&%25zz=A+x&d=x+y%"
        + "26z%3D%C3%A9|true|false|true|a=1&b=B&=empty&%25zz=A+x&d=x+y%26z%3D%C3%A9&new=1|a,a,z,\ud83d\ude00,\ufb03|"
        + "2,1,1,3,4|x=1&y=two|k=v|b c d+|%21%27%28%29%7E*-._+=|TypeError|TypeError|a1truetrue,b2true"
        + "true|[object URLSearchParams Iterator]|{\"value\":[\"x\",\"1\"],\"done\":false}|{\"done\":true}",
        run("const p = new URLSearchParams('?a=1&b=2&a=3&c&=empty&%zz=%41+x&&');\n"
            + "out.push(p.toString(), p.size, p.get('a'), p.getAll('a').join(','), p.get('c'), p.get(''), p.get('%zz'), p.get('nope'));\n"
            + "p.append('d', 'x y&z=\\u00e9'); p.delete('a', '3'); out.push(p.toString(), p.has('a'), p.has('a', '3'), p.has('a', '1'));\n"
            + "p.set('b', 'B'); p.set('new', '1'); p.delete('c'); out.push(p.toString());\n"
            + "const s = new URLSearchParams([['z', '1'], ['a', '2'], ['\\ud83d\\ude00', '3'], ['\\ufb03', '4'], ['a', '1']]); s.sort(); out.push([...s.keys()].join(','), [...s.values()].join(','));\n"
            + "out.push(new URLSearchParams({ x: 1, y: 'two', [Symbol('s')]: 3 }).toString(), new URLSearchParams(new URLSearchParams('k=v')).toString());\n"
            + "out.push(new URLSearchParams('a=b+c%20d%2B').get('a'), new URLSearchParams(\"!'()~*-._ \").toString());\n"
            + "try { new URLSearchParams([['only-one']]); } catch (e) { out.push(e.name); }\n"
            + "try { new URLSearchParams([1]); } catch (e) { out.push(e.name); }\n"
            + "const seen = []; new URLSearchParams('a=1&b=2').forEach(function (v, k, o) { seen.push(k + v + (o instanceof URLSearchParams) + (this === seen)); }, seen); out.push(seen.join(','));\n"
            + "const it = new URLSearchParams('x=1')[Symbol.iterator](); out.push(Object.prototype.toString.call(it), JSON.stringify(it.next()), JSON.stringify(it.next()));"));
  }

  @Test
  @DisplayName("url.searchParams and url.search stay in sync both ways; an empty list removes the query")
  void searchParamsLink() {
    assertEquals("true|2|https://h/p?a=1&b=2&c=x+y#f|https://h/p#f|A|true|2|0|https://h/p#f|26|?z=26|sc:opaq"
        + "ue#h|?a=%7E+%27",
        run("const u = new URL('https://h/p?a=1&b=2#f');\n"
            + "const sp = u.searchParams; out.push(sp === u.searchParams, sp.get('b'));\n"
            + "sp.append('c', 'x y'); out.push(u.href); sp.delete('a'); sp.delete('b'); sp.delete('c'); out.push(u.href);\n"
            + "u.search = '?q=%41&r'; out.push(sp.get('q'), sp.has('r'), sp.size); u.search = ''; out.push(sp.size, u.href);\n"
            + "u.href = 'https://h/?z=26'; out.push(sp.get('z')); sp.sort(); out.push(u.search);\n"
            + "const o = new URL('sc:opaque?x=1#h'); o.searchParams.delete('x'); out.push(o.href);\n"
            + "const q = new URL('https://h/?a=b'); q.searchParams.set('a', '~ \\''); out.push(q.search);"));
  }

  @Test
  @DisplayName("WebIDL shape: lazy globals, lengths, toJSON/toString, statics, @@toStringTag, brand checks and argument counts")
  void webidl() {
    assertEquals("function|false|true|1|0|1|1|1|{\"u\":\"https://h/x\"}|https://h/x|[object URL]|[object URLSear"
        + "chParams]|true|true|https://b/p|true|TypeError|TypeError|TypeError|TypeError|TypeError|htt"
        + "ps://obj/|/%EF%BF%BD",
        run("const C = URL; const d = Object.getOwnPropertyDescriptor(globalThis, 'URL'); out.push(typeof d.value, d.enumerable, d.writable);\n"
            + "out.push(URL.length, URLSearchParams.length, URL.canParse.length, URL.parse.length, URLSearchParams.prototype.has.length);\n"
            + "const u = new URL('https://h/x'); out.push(JSON.stringify({ u }), String(u), Object.prototype.toString.call(u), Object.prototype.toString.call(u.searchParams));\n"
            + "out.push(Object.keys(URL.prototype).includes('href'), Object.getOwnPropertyDescriptor(URL.prototype, 'href').enumerable);\n"
            + "out.push(URL.parse('/p', 'https://b/').href, URL.parse('https://x') instanceof URL);\n"
            + "try { URL.prototype.href; } catch (e) { out.push(e.name); }\n"
            + "try { Object.getOwnPropertyDescriptor(URL.prototype, 'search').set.call({}, 'x'); } catch (e) { out.push(e.name); }\n"
            + "try { new URL(); } catch (e) { out.push(e.name); }\n"
            + "try { URL('https://h/'); } catch (e) { out.push(e.name); }\n"
            + "try { new URLSearchParams().append('a'); } catch (e) { out.push(e.name); }\n"
            + "out.push(new URL({ toString() { return 'https://obj/'; } }).href, new URL('https://h/\\ud800').pathname);"));
  }
}
