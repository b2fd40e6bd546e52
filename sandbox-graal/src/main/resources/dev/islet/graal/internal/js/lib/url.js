// The WHATWG URL Standard: URL and URLSearchParams, the basic URL parser and serializers, host
// parsing (domains with UTS #46 domain-to-ASCII, IPv4, IPv6, opaque hosts), percent-encoding and
// application/x-www-form-urlencoded. A platform library: evaluated on first use of URL or
// URLSearchParams.
//
// IDNA without tables: hosts that are plain ASCII without an xn-- label are just lowercased (as the
// spec allows). Other hosts build, once per context, a few Unicode property regular expressions:
// the UTS #46 mapping is NFKC + case folding + Default_Ignorable removal checked against
// Changes_When_NFKC_Casefolded, with the table's known exceptions (deviations, label separators,
// disallowed format and dotted characters). Bidi classes (RFC 5893), Joining_Type (CONTEXTJ) and
// the virama list are approximated from scripts and categories. Code points newer than the engine's
// Unicode version are unassigned to it, hence rejected.
(function (global, shared) {
  'use strict';

  const { isObject, illegal, enter, argc, webidl, uncurryThis } = shared;
  const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, setPrototypeOf, freeze } = Object;
  const ReflectOwnKeys = Reflect.ownKeys, ReflectApply = Reflect.apply;
  const TypeErrorCtor = TypeError;
  const fromCharCode = String.fromCharCode, fromCodePoint = String.fromCodePoint;
  const StringCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringCodePointAt = uncurryThis(String.prototype.codePointAt);
  const StringSlice = uncurryThis(String.prototype.slice);
  const StringIndexOf = uncurryThis(String.prototype.indexOf);
  const StringToLowerCase = uncurryThis(String.prototype.toLowerCase);
  const StringToUpperCase = uncurryThis(String.prototype.toUpperCase);
  const StringNormalize = uncurryThis(String.prototype.normalize);
  const StringToWellFormed = uncurryThis(String.prototype.toWellFormed);
  const StringSplit = uncurryThis(String.prototype.split);
  const RegExpExec = uncurryThis(RegExp.prototype.exec);
  const ArrayPush = uncurryThis(Array.prototype.push);
  const ArrayJoin = uncurryThis(Array.prototype.join);
  const ArraySort = uncurryThis(Array.prototype.sort);
  const ArraySplice = uncurryThis(Array.prototype.splice);
  const NumberToString = uncurryThis(Number.prototype.toString);
  const SymbolIterator = Symbol.iterator;
  const test = (re, s) => RegExpExec(re, s) !== null;
  const EOF = -1;

  /** WebIDL USVString: lone surrogates become U+FFFD. */
  const usv = (v) => StringToWellFormed(`${v}`);

  // ---- Percent-encoding --------------------------------------------------------------------------
  // One bit per percent-encode set for each ASCII code point; every non-ASCII code point is in all.
  const C0_SET = 1, FRAGMENT_SET = 2, QUERY_SET = 4, SPECIAL_QUERY_SET = 8, PATH_SET = 16, USERINFO_SET = 32,
    COMPONENT_SET = 64, FORM_SET = 128;
  const SETS = new Uint8Array(128);
  {
    const add = (bits, chars) => { for (let i = 0; i < chars.length; i++) SETS[StringCharCodeAt(chars, i)] |= bits; };
    for (let c = 0; c < 0x20; c++) SETS[c] = 0xFF;
    SETS[0x7F] = 0xFF;
    add(FRAGMENT_SET | QUERY_SET | SPECIAL_QUERY_SET | PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET, ' "<>');
    add(FRAGMENT_SET | PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET, '`');
    add(QUERY_SET | SPECIAL_QUERY_SET | PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET, '#');
    add(SPECIAL_QUERY_SET, "'");
    add(PATH_SET | USERINFO_SET | COMPONENT_SET | FORM_SET, '?^{}');
    add(USERINFO_SET | COMPONENT_SET | FORM_SET, '/:;=@[\\]|');
    add(COMPONENT_SET | FORM_SET, '$%&+,');
    add(FORM_SET, "!'()~");
  }
  const HEX = '0123456789ABCDEF';
  const pctByte = (b) => '%' + HEX[b >> 4] + HEX[b & 15];
  /** The UTF-8 percent-encoding of code point c (which is in the set). */
  function pctCodePoint(c) {
    if (c < 0x80) return pctByte(c);
    if (c < 0x800) return pctByte(0xC0 | (c >> 6)) + pctByte(0x80 | (c & 63));
    if (c < 0x10000) return pctByte(0xE0 | (c >> 12)) + pctByte(0x80 | ((c >> 6) & 63)) + pctByte(0x80 | (c & 63));
    return pctByte(0xF0 | (c >> 18)) + pctByte(0x80 | ((c >> 12) & 63)) + pctByte(0x80 | ((c >> 6) & 63)) +
      pctByte(0x80 | (c & 63));
  }
  /** UTF-8 percent-encodes code point c with the given set. */
  const encodeCodePoint = (c, set) => (c > 0x7E || (SETS[c] & set) !== 0 ? pctCodePoint(c) : fromCharCode(c));
  /** UTF-8 percent-encodes a (well-formed) string with the given set; spaceAsPlus for forms. */
  function encodeString(s, set, spaceAsPlus) {
    let out = '', start = 0;
    const len = s.length;
    for (let i = 0; i < len; i++) {
      let c = StringCharCodeAt(s, i);
      if (c < 0x7F && (SETS[c] & set) === 0) continue;
      if (i > start) out += StringSlice(s, start, i);
      if (c === 0x20 && spaceAsPlus) out += '+';
      else {
        if (c >= 0xD800 && c <= 0xDBFF) { c = StringCodePointAt(s, i); if (c > 0xFFFF) i++; }
        out += pctCodePoint(c >= 0xD800 && c <= 0xDFFF ? 0xFFFD : c);
      }
      start = i + 1;
    }
    return start === 0 ? s : out + StringSlice(s, start);
  }
  const hexValue = (c) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37
    : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);
  /** Percent-decodes s (whose code units above 0x7F stand for their UTF-8 bytes) to a byte list. */
  function percentDecodeBytes(s) {
    const bytes = [];
    const len = s.length;
    for (let i = 0; i < len; i++) {
      let c = StringCharCodeAt(s, i);
      if (c === 0x25 && i + 2 < len) {
        const h = hexValue(StringCharCodeAt(s, i + 1)), l = hexValue(StringCharCodeAt(s, i + 2));
        if (h >= 0 && l >= 0) { ArrayPush(bytes, h * 16 + l); i += 2; continue; }
      }
      if (c < 0x80) { ArrayPush(bytes, c); continue; }
      if (c >= 0xD800 && c <= 0xDBFF) { c = StringCodePointAt(s, i); if (c > 0xFFFF) i++; }
      if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
      if (c < 0x800) ArrayPush(bytes, 0xC0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) ArrayPush(bytes, 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else ArrayPush(bytes, 0xF0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return bytes;
  }
  /** UTF-8 decode without BOM (WHATWG Encoding), errors replaced by U+FFFD. */
  function utf8Decode(bytes) {
    let out = '', needed = 0, seen = 0, cp = 0, lower = 0x80, upper = 0xBF;
    const n = bytes.length;
    for (let i = 0; i < n; i++) {
      const b = bytes[i];
      if (needed === 0) {
        if (b < 0x80) out += fromCharCode(b);
        else if (b >= 0xC2 && b <= 0xDF) { needed = 1; cp = b & 0x1F; }
        else if (b >= 0xE0 && b <= 0xEF) {
          if (b === 0xE0) lower = 0xA0; else if (b === 0xED) upper = 0x9F;
          needed = 2; cp = b & 0xF;
        } else if (b >= 0xF0 && b <= 0xF4) {
          if (b === 0xF0) lower = 0x90; else if (b === 0xF4) upper = 0x8F;
          needed = 3; cp = b & 7;
        } else out += '\uFFFD';
        continue;
      }
      if (b < lower || b > upper) {
        needed = seen = cp = 0; lower = 0x80; upper = 0xBF;
        out += '\uFFFD';
        i--; // reprocess this byte
        continue;
      }
      lower = 0x80; upper = 0xBF;
      cp = (cp << 6) | (b & 0x3F);
      if (++seen === needed) { out += fromCodePoint(cp); needed = seen = cp = 0; }
    }
    if (needed !== 0) out += '\uFFFD';
    return out;
  }
  const PERCENT_OR_PLUS = /[%+]/;
  const PERCENT = /%/;
  /** Percent-decode then UTF-8 decode without BOM; for forms, '+' is a space first. */
  function decodeComponent(s, plus) {
    if (!test(plus ? PERCENT_OR_PLUS : PERCENT, s)) return s;
    if (plus) s = ArrayJoin(StringSplit(s, '+'), ' ');
    return utf8Decode(percentDecodeBytes(s));
  }

  // ---- application/x-www-form-urlencoded ---------------------------------------------------------
  /** Parses a (well-formed) string into a flat list [name, value, name, value, ...]. */
  function formParse(input) {
    const list = [];
    if (input === '') return list;
    const sequences = StringSplit(input, '&');
    for (let i = 0; i < sequences.length; i++) {
      const bytes = sequences[i];
      if (bytes === '') continue;
      const eq = StringIndexOf(bytes, '=');
      const name = eq < 0 ? bytes : StringSlice(bytes, 0, eq);
      const value = eq < 0 ? '' : StringSlice(bytes, eq + 1);
      ArrayPush(list, decodeComponent(name, true), decodeComponent(value, true));
    }
    return list;
  }
  function formSerialize(list) {
    let out = '';
    for (let i = 0; i < list.length; i += 2) {
      if (i > 0) out += '&';
      out += encodeString(list[i], FORM_SET, true) + '=' + encodeString(list[i + 1], FORM_SET, true);
    }
    return out;
  }

  // ---- URL records -------------------------------------------------------------------------------
  // { scheme, username, password, host: null | serialized host string ('' is the empty host),
  //   port: null | number, path: array of segments | string (an opaque path), query, fragment }
  const SPECIAL = freeze({ __proto__: null, 'ftp': 21, 'file': -1, 'http': 80, 'https': 443, 'ws': 80, 'wss': 443 });
  const isSpecialScheme = (s) => SPECIAL[s] !== undefined;
  const defaultPort = (s) => { const p = SPECIAL[s]; return p === undefined || p < 0 ? null : p; };
  const newRecord = () => ({
    __proto__: null, scheme: '', username: '', password: '', host: null, port: null, path: [], query: null,
    fragment: null,
  });
  const hasOpaquePath = (u) => typeof u.path === 'string';
  const includesCredentials = (u) => u.username !== '' || u.password !== '';
  const cannotHaveUserinfoOrPort = (u) => u.host === null || u.host === '' || u.scheme === 'file';

  const isAlpha = (c) => (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A);
  const isDigit = (c) => c >= 0x30 && c <= 0x39;
  /** Whether cps[i], cps[i + 1] is a Windows drive letter (normalized: second is ':' only). */
  const isDriveLetterAt = (cps, i, normalizedOnly) => i + 1 < cps.length && isAlpha(cps[i]) &&
    (cps[i + 1] === 0x3A || (!normalizedOnly && cps[i + 1] === 0x7C));
  function isDriveLetter(s, normalizedOnly) {
    if (s.length !== 2) return false;
    const c = StringCharCodeAt(s, 1);
    return isAlpha(StringCharCodeAt(s, 0)) && (c === 0x3A || (!normalizedOnly && c === 0x7C));
  }
  /** "starts with a Windows drive letter": two code points that are one, then nothing or / \ ? #. */
  function startsWithDriveLetter(cps, i) {
    if (!isDriveLetterAt(cps, i, false)) return false;
    if (i + 2 === cps.length) return true;
    const c = cps[i + 2];
    return c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23;
  }
  function shortenPath(u) {
    const path = u.path;
    if (u.scheme === 'file' && path.length === 1 && isDriveLetter(path[0], true)) return;
    if (path.length > 0) path.length--;
  }
  const SINGLE_DOT = /^(?:\.|%2e)$/i;
  const DOUBLE_DOT = /^(?:\.|%2e)(?:\.|%2e)$/i;

  // States of the basic URL parser.
  const SCHEME_START = 1, SCHEME = 2, NO_SCHEME = 3, SPECIAL_RELATIVE_OR_AUTHORITY = 4, PATH_OR_AUTHORITY = 5,
    RELATIVE = 6, RELATIVE_SLASH = 7, SPECIAL_AUTHORITY_SLASHES = 8, SPECIAL_AUTHORITY_IGNORE_SLASHES = 9,
    AUTHORITY = 10, HOST = 11, HOSTNAME = 12, PORT = 13, FILE = 14, FILE_SLASH = 15, FILE_HOST = 16,
    PATH_START = 17, PATH = 18, OPAQUE_PATH = 19, QUERY_STATE = 20, FRAGMENT_STATE = 21;
  const FAILURE = null;

  /** The code points of s (already a USVString). */
  function codePoints(s, trim) {
    let a = 0, b = s.length;
    if (trim) {
      while (a < b && StringCharCodeAt(s, a) <= 0x20) a++;
      while (b > a && StringCharCodeAt(s, b - 1) <= 0x20) b--;
    }
    const cps = [];
    for (let i = a; i < b; i++) {
      let c = StringCharCodeAt(s, i);
      if (c === 0x09 || c === 0x0A || c === 0x0D) continue;
      if (c >= 0xD800 && c <= 0xDBFF) { c = StringCodePointAt(s, i); if (c > 0xFFFF) i++; }
      ArrayPush(cps, c);
    }
    return cps;
  }
  const cpString = (c) => (c < 0x10000 ? fromCharCode(c) : fromCodePoint(c));

  /**
   * The basic URL parser. Without a state override it returns a new URL record or FAILURE; with one
   * it modifies url in place and returns FAILURE or url.
   */
  function basicParse(input, base, url, override) {
    if (url === undefined) {
      const fast = fastParse(input);
      if (fast !== null) return fast;
    }
    const cps = codePoints(input, url === undefined);
    if (url === undefined) url = newRecord();
    let state = override || SCHEME_START;
    let buffer = '', atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
    const len = cps.length;
    for (let pointer = 0; ; pointer++) {
      const c = pointer < len ? cps[pointer] : EOF;
      switch (state) {
        case SCHEME_START:
          if (isAlpha(c)) { buffer += fromCharCode(c | 0x20); state = SCHEME; }
          else if (!override) { state = NO_SCHEME; pointer--; }
          else return FAILURE;
          break;
        case SCHEME:
          if (isAlpha(c) || isDigit(c) || c === 0x2B || c === 0x2D || c === 0x2E) {
            buffer += fromCharCode(isAlpha(c) ? c | 0x20 : c);
          } else if (c === 0x3A) {
            if (override) {
              if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
              if ((includesCredentials(url) || url.port !== null) && buffer === 'file') return url;
              if (url.scheme === 'file' && url.host === '') return url;
            }
            url.scheme = buffer;
            if (override) {
              if (url.port === defaultPort(url.scheme)) url.port = null;
              return url;
            }
            buffer = '';
            if (url.scheme === 'file') state = FILE;
            else if (isSpecialScheme(url.scheme)) {
              state = base !== null && base.scheme === url.scheme ? SPECIAL_RELATIVE_OR_AUTHORITY
                : SPECIAL_AUTHORITY_SLASHES;
            } else if (pointer + 1 < len && cps[pointer + 1] === 0x2F) { state = PATH_OR_AUTHORITY; pointer++; }
            else { url.path = ''; state = OPAQUE_PATH; }
          } else if (!override) { buffer = ''; state = NO_SCHEME; pointer = -1; }
          else return FAILURE;
          break;
        case NO_SCHEME:
          if (base === null || (hasOpaquePath(base) && c !== 0x23)) return FAILURE;
          if (hasOpaquePath(base)) {
            url.scheme = base.scheme; url.path = base.path; url.query = base.query; url.fragment = '';
            state = FRAGMENT_STATE;
          } else {
            state = base.scheme !== 'file' ? RELATIVE : FILE;
            pointer--;
          }
          break;
        case SPECIAL_RELATIVE_OR_AUTHORITY:
          if (c === 0x2F && pointer + 1 < len && cps[pointer + 1] === 0x2F) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES; pointer++;
          } else { state = RELATIVE; pointer--; }
          break;
        case PATH_OR_AUTHORITY:
          if (c === 0x2F) state = AUTHORITY;
          else { state = PATH; pointer--; }
          break;
        case RELATIVE:
          url.scheme = base.scheme;
          if (c === 0x2F || (c === 0x5C && isSpecialScheme(url.scheme))) state = RELATIVE_SLASH;
          else {
            url.username = base.username; url.password = base.password; url.host = base.host;
            url.port = base.port; url.path = [...base.path]; url.query = base.query;
            if (c === 0x3F) { url.query = ''; state = QUERY_STATE; }
            else if (c === 0x23) { url.fragment = ''; state = FRAGMENT_STATE; }
            else if (c !== EOF) { url.query = null; shortenPath(url); state = PATH; pointer--; }
          }
          break;
        case RELATIVE_SLASH:
          if (isSpecialScheme(url.scheme) && (c === 0x2F || c === 0x5C)) state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          else if (c === 0x2F) state = AUTHORITY;
          else {
            url.username = base.username; url.password = base.password; url.host = base.host;
            url.port = base.port; state = PATH; pointer--;
          }
          break;
        case SPECIAL_AUTHORITY_SLASHES:
          if (c === 0x2F && pointer + 1 < len && cps[pointer + 1] === 0x2F) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES; pointer++;
          } else { state = SPECIAL_AUTHORITY_IGNORE_SLASHES; pointer--; }
          break;
        case SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c !== 0x2F && c !== 0x5C) { state = AUTHORITY; pointer--; }
          break;
        case AUTHORITY:
          if (c === 0x40) {
            if (atSignSeen) buffer = '%40' + buffer;
            atSignSeen = true;
            const bcps = codePoints(buffer, false);
            for (let i = 0; i < bcps.length; i++) {
              const b = bcps[i];
              if (b === 0x3A && !passwordTokenSeen) { passwordTokenSeen = true; continue; }
              if (passwordTokenSeen) url.password += encodeCodePoint(b, USERINFO_SET);
              else url.username += encodeCodePoint(b, USERINFO_SET);
            }
            buffer = '';
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (c === 0x5C && isSpecialScheme(url.scheme))) {
            if (atSignSeen && buffer === '') return FAILURE;
            pointer -= codePoints(buffer, false).length + 1;
            buffer = '';
            state = HOST;
          } else buffer += cpString(c);
          break;
        case HOST:
        case HOSTNAME:
          if (override && url.scheme === 'file') { pointer--; state = FILE_HOST; }
          else if (c === 0x3A && !insideBrackets) {
            if (buffer === '') return FAILURE;
            if (override === HOSTNAME) return FAILURE;
            const host = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (host === FAILURE) return FAILURE;
            url.host = host; buffer = ''; state = PORT;
          } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (c === 0x5C && isSpecialScheme(url.scheme))) {
            pointer--;
            if (isSpecialScheme(url.scheme) && buffer === '') return FAILURE;
            if (override && buffer === '' && (includesCredentials(url) || url.port !== null)) return FAILURE;
            const host = parseHost(buffer, !isSpecialScheme(url.scheme));
            if (host === FAILURE) return FAILURE;
            url.host = host; buffer = ''; state = PATH_START;
            if (override) return url;
          } else {
            if (c === 0x5B) insideBrackets = true;
            if (c === 0x5D) insideBrackets = false;
            buffer += cpString(c);
          }
          break;
        case PORT:
          if (isDigit(c)) buffer += fromCharCode(c);
          else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 || (c === 0x5C && isSpecialScheme(url.scheme)) ||
              override) {
            if (buffer !== '') {
              let port = 0;
              for (let i = 0; i < buffer.length; i++) {
                port = port * 10 + (StringCharCodeAt(buffer, i) - 0x30);
                if (port > 65535) return FAILURE;
              }
              url.port = port === defaultPort(url.scheme) ? null : port;
              buffer = '';
              if (override) return url;
            }
            if (override) return FAILURE;
            state = PATH_START; pointer--;
          } else return FAILURE;
          break;
        case FILE:
          url.scheme = 'file';
          url.host = '';
          if (c === 0x2F || c === 0x5C) state = FILE_SLASH;
          else if (base !== null && base.scheme === 'file') {
            url.host = base.host; url.path = [...base.path]; url.query = base.query;
            if (c === 0x3F) { url.query = ''; state = QUERY_STATE; }
            else if (c === 0x23) { url.fragment = ''; state = FRAGMENT_STATE; }
            else if (c !== EOF) {
              url.query = null;
              if (!startsWithDriveLetter(cps, pointer)) shortenPath(url);
              else url.path = [];
              state = PATH; pointer--;
            }
          } else { state = PATH; pointer--; }
          break;
        case FILE_SLASH:
          if (c === 0x2F || c === 0x5C) state = FILE_HOST;
          else {
            if (base !== null && base.scheme === 'file') {
              url.host = base.host;
              if (!startsWithDriveLetter(cps, pointer) && base.path.length > 0 && isDriveLetter(base.path[0], true)) {
                ArrayPush(url.path, base.path[0]);
              }
            }
            state = PATH; pointer--;
          }
          break;
        case FILE_HOST:
          if (c === EOF || c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23) {
            pointer--;
            if (!override && isDriveLetter(buffer, false)) state = PATH;
            else if (buffer === '') {
              url.host = '';
              if (override) return url;
              state = PATH_START;
            } else {
              let host = parseHost(buffer, false);
              if (host === FAILURE) return FAILURE;
              if (host === 'localhost') host = '';
              url.host = host;
              if (override) return url;
              buffer = ''; state = PATH_START;
            }
          } else buffer += cpString(c);
          break;
        case PATH_START:
          if (isSpecialScheme(url.scheme)) {
            state = PATH;
            if (c !== 0x2F && c !== 0x5C) pointer--;
          } else if (!override && c === 0x3F) { url.query = ''; state = QUERY_STATE; }
          else if (!override && c === 0x23) { url.fragment = ''; state = FRAGMENT_STATE; }
          else if (c !== EOF) { state = PATH; if (c !== 0x2F) pointer--; }
          else if (override && url.host === null) ArrayPush(url.path, '');
          break;
        case PATH: {
          const slash = c === 0x2F || (c === 0x5C && isSpecialScheme(url.scheme));
          if (c === EOF || slash || (!override && (c === 0x3F || c === 0x23))) {
            if (test(DOUBLE_DOT, buffer)) {
              shortenPath(url);
              if (!slash) ArrayPush(url.path, '');
            } else if (test(SINGLE_DOT, buffer)) {
              if (!slash) ArrayPush(url.path, '');
            } else {
              if (url.scheme === 'file' && url.path.length === 0 && isDriveLetter(buffer, false)) {
                buffer = StringSlice(buffer, 0, 1) + ':';
              }
              ArrayPush(url.path, buffer);
            }
            buffer = '';
            if (c === 0x3F) { url.query = ''; state = QUERY_STATE; }
            else if (c === 0x23) { url.fragment = ''; state = FRAGMENT_STATE; }
          } else buffer += encodeCodePoint(c, PATH_SET);
          break;
        }
        case OPAQUE_PATH:
          if (c === 0x3F) { url.query = ''; state = QUERY_STATE; }
          else if (c === 0x23) { url.fragment = ''; state = FRAGMENT_STATE; }
          else if (c === 0x20) {
            const next = pointer + 1 < len ? cps[pointer + 1] : EOF;
            url.path += next === 0x3F || next === 0x23 ? '%20' : ' ';
          } else if (c !== EOF) url.path += encodeCodePoint(c, C0_SET);
          break;
        case QUERY_STATE:
          if ((!override && c === 0x23) || c === EOF) {
            url.query += encodeString(buffer, isSpecialScheme(url.scheme) ? SPECIAL_QUERY_SET : QUERY_SET, false);
            buffer = '';
            if (c === 0x23) { url.fragment = ''; state = FRAGMENT_STATE; }
          } else if (c !== EOF) buffer += cpString(c);
          break;
        case FRAGMENT_STATE:
          if (c !== EOF) url.fragment += encodeCodePoint(c, FRAGMENT_SET);
          break;
      }
      if (pointer >= len) break;
    }
    return url;
  }

  // The common case, an absolute http(s)/ws(s)/ftp URL in canonical form (lowercase scheme, ASCII
  // host that is no number and no xn-- label, no userinfo, no dot segments, nothing to
  // percent-encode), parsed with one regular expression; everything else takes the state machine.
  const FAST = /^(https?|wss?|ftp):\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?)(?::([0-9]{1,5}))?(\/[!$%&'()*+,\-./0-9:;=@A-Z[\]_a-z|~]*)?(\?[!$%&()*+,\-./0-9:;=?@A-Z[\\\]^_`a-z{|}~]*)?(#[!#$%&'()*+,\-./0-9:;=?@A-Z[\\\]^_a-z{|}~]*)?$/;
  const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e)(?:\.|%2e)?(?:\/|$)/i;
  function fastParse(input) {
    const m = RegExpExec(FAST, input);
    if (m === null) return null;
    const host = StringToLowerCase(m[2]);
    if (test(XN_LABEL, host) || endsInANumber(host)) return null;
    const path = m[4];
    if (path !== undefined && test(DOT_SEGMENT, path)) return null;
    const u = newRecord();
    u.scheme = m[1];
    u.host = host;
    if (m[3] !== undefined) {
      let port = 0;
      for (let i = 0; i < m[3].length; i++) port = port * 10 + (StringCharCodeAt(m[3], i) - 0x30);
      if (port > 65535) return null;
      u.port = port === SPECIAL[u.scheme] ? null : port;
    }
    u.path = path === undefined ? [''] : StringSplit(StringSlice(path, 1), '/');
    if (m[5] !== undefined) u.query = StringSlice(m[5], 1);
    if (m[6] !== undefined) u.fragment = StringSlice(m[6], 1);
    return u;
  }

  function serializePath(u) {
    const path = u.path;
    if (typeof path === 'string') return path;
    let out = '';
    for (let i = 0; i < path.length; i++) out += '/' + path[i];
    return out;
  }
  function serializeURL(u, excludeFragment) {
    let out = u.scheme + ':';
    if (u.host !== null) {
      out += '//';
      if (includesCredentials(u)) {
        out += u.username;
        if (u.password !== '') out += ':' + u.password;
        out += '@';
      }
      out += u.host;
      if (u.port !== null) out += ':' + u.port;
    } else if (typeof u.path !== 'string' && u.path.length > 1 && u.path[0] === '') out += '/.';
    out += serializePath(u);
    if (u.query !== null) out += '?' + u.query;
    if (!excludeFragment && u.fragment !== null) out += '#' + u.fragment;
    return out;
  }
  function serializeOrigin(u) {
    const scheme = u.scheme;
    if (scheme === 'blob') {
      const inner = basicParse(serializePath(u), null);
      return inner !== FAILURE && (inner.scheme === 'http' || inner.scheme === 'https') ? serializeOrigin(inner) : 'null';
    }
    if (scheme === 'ftp' || scheme === 'http' || scheme === 'https' || scheme === 'ws' || scheme === 'wss') {
      return scheme + '://' + u.host + (u.port !== null ? ':' + u.port : '');
    }
    return 'null';
  }

  // ---- Hosts -------------------------------------------------------------------------------------
  const FORBIDDEN_HOST = /[\0\t\n\r #/:<>?@[\\\]^|]/;
  const FORBIDDEN_DOMAIN = /[\0-\x20#%/:<>?@[\\\]^|\x7F]/;
  const NON_ASCII = /[^\0-\x7F]/;
  const XN_LABEL = /(?:^|\.)xn--/i;

  /** The host parser; returns the serialized host or FAILURE. */
  function parseHost(input, isOpaque) {
    if (StringCharCodeAt(input, 0) === 0x5B) {
      if (StringCharCodeAt(input, input.length - 1) !== 0x5D) return FAILURE;
      const pieces = parseIPv6(codePoints(StringSlice(input, 1, input.length - 1), false));
      return pieces === FAILURE ? FAILURE : '[' + serializeIPv6(pieces) + ']';
    }
    if (isOpaque) {
      if (test(FORBIDDEN_HOST, input)) return FAILURE;
      return encodeString(input, C0_SET, false);
    }
    const domain = decodeComponent(input, false);
    const ascii = domainToASCII(domain);
    if (ascii === FAILURE || test(FORBIDDEN_DOMAIN, ascii)) return FAILURE;
    if (endsInANumber(ascii)) return parseIPv4(ascii);
    return ascii;
  }

  function domainToASCII(domain) {
    if (!test(NON_ASCII, domain) && !test(XN_LABEL, domain)) return StringToLowerCase(domain);
    const result = uts46ToASCII(domain);
    return result === '' ? FAILURE : result;
  }

  function endsInANumber(s) {
    const parts = StringSplit(s, '.');
    let last = parts[parts.length - 1];
    if (last === '') {
      if (parts.length === 1) return false;
      last = parts[parts.length - 2];
    }
    if (last !== '' && test(/^[0-9]+$/, last)) return true;
    return parseIPv4Number(last) >= 0;
  }
  /** The IPv4 number parser: the value, or -1 for failure. */
  function parseIPv4Number(s) {
    if (s === '') return -1;
    let radix = 10, i = 0;
    if (s.length >= 2 && StringCharCodeAt(s, 0) === 0x30 && (StringCharCodeAt(s, 1) | 0x20) === 0x78) {
      radix = 16; i = 2;
    } else if (s.length >= 2 && StringCharCodeAt(s, 0) === 0x30) { radix = 8; i = 1; }
    let n = 0;
    for (; i < s.length; i++) {
      const d = hexValue(StringCharCodeAt(s, i));
      if (d < 0 || d >= radix) return -1;
      n = n * radix + d;
    }
    return n;
  }
  function parseIPv4(s) {
    const parts = StringSplit(s, '.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.length--;
    if (parts.length > 4) return FAILURE;
    const numbers = [];
    for (let i = 0; i < parts.length; i++) {
      const n = parseIPv4Number(parts[i]);
      if (n < 0) return FAILURE;
      ArrayPush(numbers, n);
    }
    for (let i = 0; i < numbers.length - 1; i++) if (numbers[i] > 255) return FAILURE;
    let ipv4 = numbers[numbers.length - 1];
    if (ipv4 >= 256 ** (5 - numbers.length)) return FAILURE;
    for (let i = 0; i < numbers.length - 1; i++) ipv4 += numbers[i] * 256 ** (3 - i);
    let out = '';
    for (let i = 3; i >= 0; i--) {
      out += NumberToString(Math.floor(ipv4 / 256 ** i) % 256, 10);
      if (i > 0) out += '.';
    }
    return out;
  }

  /** The IPv6 parser over code points: eight pieces, or FAILURE. */
  function parseIPv6(cps) {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let pieceIndex = 0, compress = -1, p = 0;
    const len = cps.length;
    const at = (i) => (i < len ? cps[i] : EOF);
    if (at(p) === 0x3A) {
      if (at(p + 1) !== 0x3A) return FAILURE;
      p += 2;
      compress = ++pieceIndex;
    }
    while (at(p) !== EOF) {
      if (pieceIndex === 8) return FAILURE;
      if (at(p) === 0x3A) {
        if (compress !== -1) return FAILURE;
        p++;
        compress = ++pieceIndex;
        continue;
      }
      let value = 0, length = 0;
      while (length < 4 && hexValue(at(p)) >= 0) { value = value * 16 + hexValue(at(p)); p++; length++; }
      if (at(p) === 0x2E) {
        if (length === 0) return FAILURE;
        p -= length;
        if (pieceIndex > 6) return FAILURE;
        let numbersSeen = 0;
        while (at(p) !== EOF) {
          let ipv4Piece = -1;
          if (numbersSeen > 0) {
            if (at(p) === 0x2E && numbersSeen < 4) p++;
            else return FAILURE;
          }
          if (!isDigit(at(p))) return FAILURE;
          while (isDigit(at(p))) {
            const number = at(p) - 0x30;
            if (ipv4Piece === -1) ipv4Piece = number;
            else if (ipv4Piece === 0) return FAILURE;
            else ipv4Piece = ipv4Piece * 10 + number;
            if (ipv4Piece > 255) return FAILURE;
            p++;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
        }
        if (numbersSeen !== 4) return FAILURE;
        break;
      } else if (at(p) === 0x3A) {
        p++;
        if (at(p) === EOF) return FAILURE;
      } else if (at(p) !== EOF) return FAILURE;
      address[pieceIndex] = value;
      pieceIndex++;
    }
    if (compress !== -1) {
      let swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex !== 0 && swaps > 0) {
        const t = address[pieceIndex];
        address[pieceIndex] = address[compress + swaps - 1];
        address[compress + swaps - 1] = t;
        pieceIndex--; swaps--;
      }
    } else if (pieceIndex !== 8) return FAILURE;
    return address;
  }
  function serializeIPv6(address) {
    let compress = -1, bestLen = 1;
    for (let i = 0; i < 8;) {
      if (address[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && address[j] === 0) j++;
      if (j - i > bestLen) { bestLen = j - i; compress = i; }
      i = j;
    }
    let out = '', ignore0 = false;
    for (let i = 0; i < 8; i++) {
      if (ignore0 && address[i] === 0) continue;
      ignore0 = false;
      if (compress === i) {
        out += i === 0 ? '::' : ':';
        ignore0 = true;
        continue;
      }
      out += NumberToString(address[i], 16);
      if (i !== 7) out += ':';
    }
    return out;
  }

  // ---- UTS #46 (IDNA) ToASCII with the URL Standard's options ------------------------------------
  // CheckHyphens=false, CheckBidi=true, CheckJoiners=true, UseSTD3ASCIIRules=false,
  // Transitional_Processing=false, VerifyDnsLength=false, IgnoreInvalidPunycode=false.
  // Built on first use (only hosts that are not plain ASCII get here).
  let idna = null;
  function idnaData() {
    if (idna !== null) return idna;
    idna = {
      __proto__: null,
      // Code points UTS #46 disallows: unassigned, private use, surrogates, controls, noncharacters,
      // bidi controls, line/paragraph separators, and the format characters that are not ignored.
      disallowed: /[\p{Cn}\p{Co}\p{Cs}\p{Cc}\p{Noncharacter_Code_Point}\p{Bidi_Control}\p{Zl}\p{Zp}\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u180E\u206A-\u206F\u2FF0-\u2FFF\uFFF9-\uFFFD\u{110BD}\u{110CD}\u{13430}-\u{1343F}\u{E0001}\u{E0020}-\u{E007F}]/u,
      ignored: /\p{Default_Ignorable_Code_Point}/u,
      format: /\p{Cf}/u,
      changes: /\p{Changes_When_NFKC_Casefolded}/u,
      mark: /^\p{M}/u,
      // Approximate bidi classes (RFC 5893) from scripts and categories.
      rtl: /[\p{Script=Hebrew}\p{Script=Samaritan}\p{Script=Nko}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Phoenician}\p{Script=Kharoshthi}\p{Script=Cypriot}\p{Script=Imperial_Aramaic}\p{Script=Old_South_Arabian}\p{Script=Old_North_Arabian}\p{Script=Avestan}\p{Script=Inscriptional_Parthian}\p{Script=Inscriptional_Pahlavi}\p{Script=Psalter_Pahlavi}\p{Script=Old_Turkic}\p{Script=Lydian}\p{Script=Meroitic_Cursive}\p{Script=Meroitic_Hieroglyphs}\p{Script=Mende_Kikakui}\p{Script=Nabataean}\p{Script=Palmyrene}\p{Script=Hatran}\p{Script=Old_Hungarian}\p{Script=Manichaean}\p{Script=Elymaic}\p{Script=Chorasmian}\p{Script=Yezidi}\p{Script=Old_Sogdian}\p{Script=Sogdian}\p{Script=Old_Uyghur}\p{Script=Phoenician}\u{1E800}-\u{1EFFF}\u{10800}-\u{10FFF}\u05BE\u05C0\u05C3\u05C6\u07F4\u07F5\u07FA\u200F\uFB1D-\uFB4F]/u,
      arabic: /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Hanifi_Rohingya}\u0608\u060B\u060D\u061B-\u064A\u066D-\u066F\u0671-\u06D5\u06E5\u06E6\u06EE\u06EF\u06FA-\u070D\u0710-\u074F\u08A0-\u08C9]/u,
      arabicNumber: /[\u0600-\u0605\u0660-\u0669\u066B\u066C\u06DD\u0890\u0891\u08E2\u{10D30}-\u{10D39}\u{10E60}-\u{10E7E}]/u,
      europeanNumber: /[0-9\u00B2\u00B3\u00B9\u06F0-\u06F9\u2070\u2074-\u2079\u2080-\u2089\u2488-\u249B\uFF10-\uFF19\u{102E1}-\u{102FB}\u{1D7CE}-\u{1D7FF}\u{1F100}-\u{1F10A}\u{1FBF0}-\u{1FBF9}]/u,
      separator: /[+\-\u207A\u207B\u208A\u208B\u2212\uFB29\uFE62\uFE63\uFF0B\uFF0D]/u,
      terminator: /[#$%\u00A2-\u00A5\u00B0\u00B1\u0609\u060A\u066A\u09F2\u09F3\u09FB\u0AF1\u0BF9\u0E3F\u17DB\u2030-\u2034\u20A0-\u20CF\u212E\u2213\uA838\uA839\uFE5F\uFE69\uFE6A\uFF03-\uFF05\uFFE0\uFFE1\uFFE5\uFFE6\u{11FDD}-\u{11FE0}\u{1E2FF}]/u,
      commonSeparator: /[,./:\u00A0\u060C\u202F\u2044\uFE50\uFE52\uFE55\uFF0C\uFF0E\uFF0F\uFF1A]/u,
      nonspacing: /[\p{Mn}\p{Me}]/u,
      boundary: /[\p{Cc}\p{Cf}]/u,
      neutral: /[\p{P}\p{S}\p{Z}]/u,
      symbol: /\p{S}/u,
      // Approximate Joining_Type (RFC 5892 CONTEXTJ): joining scripts' letters are dual-joining
      // except the right-joining ones listed.
      joining: /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Mandaic}\p{Script=Manichaean}\p{Script=Psalter_Pahlavi}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Sogdian}\p{Script=Old_Uyghur}\p{Script=Phags_Pa}\u0640\u07FA\u180A\u200D]/u,
      rightJoining: /[\u0622-\u0625\u0627\u0629\u062F-\u0632\u0648\u0671-\u0673\u0675-\u0677\u0688-\u0699\u06C0\u06C3-\u06CB\u06CD\u06CF\u06D2\u06D3\u06D5\u06EE\u06EF\u0710\u0715-\u0719\u071E\u0728\u072A\u072C\u072F\u074D\u0759-\u075B\u076B\u076C\u0771\u0773\u0774\u0778\u0779\u0870-\u0882\u088E\u08AA-\u08AC\u08AE\u08B1\u08B2\u08B9]/u,
      nonJoining: /[\u0621\u0674\u06D4\u06DD\u0600-\u0605\u0660-\u0669\u066B\u066C\u06F0-\u06F9\p{P}\p{S}\p{N}]/u,
      letter: /[\p{L}\p{M}]/u,
      transparent: /[\p{Mn}\p{Me}\p{Cf}]/u,
      // Canonical_Combining_Class=Virama.
      virama: /[\u094D\u09CD\u0A4D\u0ACD\u0B4D\u0BCD\u0C4D\u0CCD\u0D3B\u0D3C\u0D4D\u0DCA\u0E3A\u0EBA\u0F84\u1039\u103A\u1714\u1715\u1734\u17D2\u1A60\u1B44\u1BAA\u1BAB\u1BF2\u1BF3\u2D7F\uA806\uA82C\uA8C4\uA953\uA9C0\uAAF6\uABED\u{10A3F}\u{11046}\u{11070}\u{1107F}\u{110B9}\u{11133}\u{11134}\u{111C0}\u{11235}\u{112EA}\u{1134D}\u{113CE}-\u{113D0}\u{11442}\u{114C2}\u{115BF}\u{1163F}\u{116B6}\u{1172B}\u{11839}\u{1193D}\u{1193E}\u{119E0}\u{11A34}\u{11A47}\u{11A99}\u{11C3F}\u{11D44}\u{11D45}\u{11D97}\u{11F41}\u{11F42}\u{1612F}]/u,
    };
    return idna;
  }
  const isDeviation = (c) => c === 0xDF || c === 0x3C2 || c === 0x200C || c === 0x200D;

  /** The UTS #46 mapping of one code point: a string, or null if it is disallowed. */
  function mapCodePoint(c, d) {
    if (c < 0x80) return fromCharCode(c >= 0x41 && c <= 0x5A ? c + 0x20 : c);
    if (isDeviation(c)) return fromCharCode(c);
    if (c === 0x3002 || c === 0xFF61) return '.';
    const s = fromCodePoint(c);
    if (test(d.disallowed, s)) return null;
    if (test(d.ignored, s)) return '';
    if (test(d.format, s)) return null;
    if (!test(d.changes, s)) return s;
    if (c === 0x1E9E) return '\xDF';
    if ((c >= 0xAB70 && c <= 0xABBF) || (c >= 0x13F8 && c <= 0x13FD)) return fromCharCode(c >= 0xAB70 ? c - 0x97D0 : c - 8);
    // NFKC_Casefold: compatibility decomposition, case folding (upper, then lower), recomposition.
    const k = StringNormalize(s, 'NFKC');
    let out = '';
    for (let i = 0; i < k.length; i++) {
      const u = StringCodePointAt(k, i);
      if (u > 0xFFFF) i++;
      if (u < 0x80 || isDeviation(u)) { out += fromCharCode(u < 0x80 && u >= 0x41 && u <= 0x5A ? u + 0x20 : u); continue; }
      if (u === 0x3002) { out += '.'; continue; }
      const ch = fromCodePoint(u);
      if ((u >= 0x13A0 && u <= 0x13F5)) { out += ch; continue; }
      out += StringToLowerCase(StringToUpperCase(ch));
    }
    out = StringNormalize(out, 'NFKC');
    // A mapping that would introduce a label separator is disallowed (e.g. U+2488, U+FE12).
    return c !== 0xFF0E && StringIndexOf(out, '.') >= 0 ? null : out;
  }
  /** Whether c may appear in a label as is (status valid or deviation). */
  function isValidCodePoint(c, d) {
    if (c < 0x80) return !(c >= 0x41 && c <= 0x5A);
    if (isDeviation(c)) return true;
    const m = mapCodePoint(c, d);
    return m !== null && m === fromCodePoint(c);
  }

  function uts46ToASCII(domain) {
    const d = idnaData();
    // 1. Map.
    let mapped = '';
    for (let i = 0; i < domain.length; i++) {
      const c = StringCodePointAt(domain, i);
      if (c > 0xFFFF) i++;
      const m = mapCodePoint(c, d);
      if (m === null) return FAILURE;
      mapped += m;
    }
    // 2. Normalize, 3. break into labels, 4. convert/validate.
    const labels = StringSplit(StringNormalize(mapped, 'NFC'), '.');
    const unicodeLabels = [];
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i];
      if (StringToLowerCase(StringSlice(label, 0, 4)) === 'xn--') {
        if (test(NON_ASCII, label)) return FAILURE;
        const decoded = punycodeDecode(StringSlice(label, 4));
        if (decoded === FAILURE || decoded === '' || !test(NON_ASCII, decoded)) return FAILURE;
        if (!validLabel(decoded, d, true)) return FAILURE;
        ArrayPush(unicodeLabels, decoded);
      } else {
        if (!validLabel(label, d, false)) return FAILURE;
        ArrayPush(unicodeLabels, label);
      }
    }
    if (!checkBidi(unicodeLabels, d)) return FAILURE;
    // ToASCII: Punycode the labels that are not ASCII.
    for (let i = 0; i < labels.length; i++) {
      if (test(NON_ASCII, labels[i])) labels[i] = 'xn--' + punycodeEncode(labels[i]);
    }
    return ArrayJoin(labels, '.');
  }

  function validLabel(label, d, decoded) {
    if (label === '') return true;
    if (decoded) {
      if (StringNormalize(label, 'NFC') !== label) return false;
      if (StringToLowerCase(StringSlice(label, 0, 4)) === 'xn--') return false;
      if (StringIndexOf(label, '.') >= 0) return false;
    }
    if (test(d.mark, label)) return false;
    const cps = codePoints(label, false);
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (decoded && !isValidCodePoint(c, d)) return false;
      if (c === 0x200C || c === 0x200D) {
        if (i > 0 && test(d.virama, cpString(cps[i - 1]))) continue;
        if (c === 0x200D) return false;
        // (Joining_Type:{L,D})(Joining_Type:T)* ZWNJ (Joining_Type:T)*(Joining_Type:{R,D})
        let j = i - 1;
        while (j >= 0 && test(d.transparent, cpString(cps[j])) && cps[j] !== 0x200C) j--;
        if (j < 0 || !joinsLeft(cps[j], d)) return false;
        let k = i + 1;
        while (k < cps.length && test(d.transparent, cpString(cps[k])) && cps[k] !== 0x200C) k++;
        if (k >= cps.length || !joinsRight(cps[k], d)) return false;
      }
    }
    return true;
  }
  /** Joining_Type L or D. */
  function joinsLeft(c, d) {
    const s = cpString(c);
    return test(d.joining, s) && test(d.letter, s) && !test(d.rightJoining, s) && !test(d.nonJoining, s);
  }
  /** Joining_Type R or D. */
  function joinsRight(c, d) {
    const s = cpString(c);
    return test(d.joining, s) && test(d.letter, s) && !test(d.nonJoining, s);
  }

  // Bidi classes used by RFC 5893.
  const L = 1, R = 2, AL = 3, AN = 4, EN = 5, ES = 6, CS = 7, ET = 8, ON = 9, BN = 10, NSM = 11;
  function bidiClass(c, d) {
    if (c < 0x80) {
      if (isAlpha(c)) return L;
      if (isDigit(c)) return EN;
      if (c === 0x2B || c === 0x2D) return ES;
      if (c === 0x2C || c === 0x2E || c === 0x2F || c === 0x3A) return CS;
      if (c === 0x23 || c === 0x24 || c === 0x25) return ET;
      if (c < 0x20 || c === 0x7F) return BN;
      return ON;
    }
    const s = cpString(c);
    if (test(d.nonspacing, s)) return NSM;
    if (test(d.arabicNumber, s)) return AN;
    if (test(d.europeanNumber, s)) return EN;
    if (c === 0x060C) return CS;
    if (test(d.arabic, s)) return test(d.symbol, s) && c !== 0x0608 && c !== 0x060B && c !== 0xFDFC ? ON : AL;
    if (test(d.rtl, s)) return test(d.symbol, s) || (c >= 0x07F6 && c <= 0x07F9) ? ON : R;
    if (c >= 0x02B9 && c <= 0x02FF && !(c <= 0x02C1 && c >= 0x02BB) && c !== 0x02D0 && c !== 0x02D1 &&
        !(c >= 0x02E0 && c <= 0x02E4) && c !== 0x02EE) return ON;
    if (test(d.separator, s)) return ES;
    if (test(d.commonSeparator, s)) return CS;
    if (test(d.terminator, s)) return ET;
    if (test(d.boundary, s)) return BN;
    if (test(d.neutral, s)) return ON;
    return L;
  }
  function checkBidi(labels, d) {
    const classes = [];
    let bidiDomain = false;
    for (let i = 0; i < labels.length; i++) {
      const cps = codePoints(labels[i], false), cls = [];
      for (let j = 0; j < cps.length; j++) {
        const b = bidiClass(cps[j], d);
        if (b === R || b === AL || b === AN) bidiDomain = true;
        ArrayPush(cls, b);
      }
      ArrayPush(classes, cls);
    }
    if (!bidiDomain) return true;
    for (let i = 0; i < classes.length; i++) {
      const cls = classes[i];
      if (cls.length === 0) continue;
      const first = cls[0];
      if (first !== L && first !== R && first !== AL) return false;
      let end = cls.length - 1;
      while (end > 0 && cls[end] === NSM) end--;
      const last = cls[end];
      if (first === L) {
        for (let j = 0; j < cls.length; j++) {
          const b = cls[j];
          if (b !== L && b !== EN && b !== ES && b !== CS && b !== ET && b !== ON && b !== BN && b !== NSM) return false;
        }
        if (last !== L && last !== EN) return false;
      } else {
        let en = false, an = false;
        for (let j = 0; j < cls.length; j++) {
          const b = cls[j];
          if (b === L) return false;
          if (b === EN) en = true;
          if (b === AN) an = true;
        }
        if (en && an) return false;
        if (last !== R && last !== AL && last !== EN && last !== AN) return false;
      }
    }
    return true;
  }

  // ---- Punycode (RFC 3492) -----------------------------------------------------------------------
  const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;
  function adapt(delta, numPoints, firstTime) {
    delta = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    let k = 0;
    while (delta > ((BASE - TMIN) * TMAX) >> 1) { delta = Math.floor(delta / (BASE - TMIN)); k += BASE; }
    return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
  }
  const digitChar = (d) => fromCharCode(d < 26 ? d + 0x61 : d + 22);
  function punycodeEncode(input) {
    const cps = codePoints(input, false);
    let output = '';
    for (let i = 0; i < cps.length; i++) if (cps[i] < 0x80) output += fromCharCode(cps[i]);
    const b = output.length;
    let h = b;
    if (b > 0) output += '-';
    let n = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
    while (h < cps.length) {
      let m = 0x10FFFF + 1;
      for (let i = 0; i < cps.length; i++) if (cps[i] >= n && cps[i] < m) m = cps[i];
      delta += (m - n) * (h + 1);
      n = m;
      for (let i = 0; i < cps.length; i++) {
        const c = cps[i];
        if (c < n) delta++;
        if (c === n) {
          let q = delta;
          for (let k = BASE; ; k += BASE) {
            const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
            if (q < t) break;
            output += digitChar(t + ((q - t) % (BASE - t)));
            q = Math.floor((q - t) / (BASE - t));
          }
          output += digitChar(q);
          bias = adapt(delta, h + 1, h === b);
          delta = 0;
          h++;
        }
      }
      delta++; n++;
    }
    return output;
  }
  function punycodeDecode(input) {
    const output = [];
    let basic = input.lastIndexOf('-');
    if (basic < 0) basic = 0;
    for (let j = 0; j < basic; j++) {
      const c = StringCharCodeAt(input, j);
      if (c >= 0x80) return FAILURE;
      ArrayPush(output, c);
    }
    let n = INITIAL_N, bias = INITIAL_BIAS, i = 0;
    for (let in_ = basic > 0 ? basic + 1 : 0; in_ < input.length;) {
      const oldi = i;
      let w = 1;
      for (let k = BASE; ; k += BASE) {
        if (in_ >= input.length) return FAILURE;
        const c = StringCharCodeAt(input, in_++);
        const digit = c >= 0x30 && c <= 0x39 ? c - 22 : c >= 0x41 && c <= 0x5A ? c - 0x41
          : c >= 0x61 && c <= 0x7A ? c - 0x61 : -1;
        if (digit < 0) return FAILURE;
        i += digit * w;
        if (i > 0x7FFFFFFF) return FAILURE;
        const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (digit < t) break;
        w *= BASE - t;
        if (w > 0x7FFFFFFF) return FAILURE;
      }
      const out = output.length + 1;
      bias = adapt(i - oldi, out, oldi === 0);
      n += Math.floor(i / out);
      if (n > 0x10FFFF) return FAILURE;
      i %= out;
      if (n >= 0xD800 && n <= 0xDFFF) return FAILURE;
      ArraySplice(output, i, 0, n);
      i++;
    }
    let s = '';
    for (let j = 0; j < output.length; j++) s += cpString(output[j]);
    return s;
  }

  // ---- URLSearchParams ---------------------------------------------------------------------------
  let searchParamsOf, setSearchParamsList, newSearchParams, urlRecordOf;
  let isURLSearchParams;

  /** The URLSearchParams update steps: the linked URL's query follows the list. */
  function updateURL(urlObject, list) {
    if (urlObject === null) return;
    const serialized = formSerialize(list);
    urlRecordOf(urlObject).query = serialized === '' ? null : serialized;
  }

  class URLSearchParams {
    #list; #url = null;
    constructor(init = '') {
      const list = [];
      if (isObject(init)) {
        const method = init[SymbolIterator];
        if (method !== undefined && method !== null) {
          if (typeof method !== 'function') throw new TypeErrorCtor("Failed to construct 'URLSearchParams': The object's @@iterator is not callable");
          for (const pair of { [SymbolIterator]: () => ReflectApply(method, init, []) }) {
            if (!isObject(pair)) throw new TypeErrorCtor("Failed to construct 'URLSearchParams': Each query pair must be an iterable [name, value] tuple");
            const items = [];
            for (const item of pair) ArrayPush(items, usv(item));
            if (items.length !== 2) throw new TypeErrorCtor("Failed to construct 'URLSearchParams': Each query pair must be an iterable [name, value] tuple");
            ArrayPush(list, items[0], items[1]);
          }
        } else {
          const keys = ReflectOwnKeys(init);
          for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            if (typeof key !== 'string') continue;
            const desc = getOwnPropertyDescriptor(init, key);
            if (desc === undefined || !desc.enumerable) continue;
            const name = usv(key), value = usv(init[key]);
            let found = false;
            for (let j = 0; j < list.length; j += 2) {
              if (list[j] === name) { list[j + 1] = value; found = true; break; }
            }
            if (!found) ArrayPush(list, name, value);
          }
        }
      } else {
        let s = usv(init);
        if (StringCharCodeAt(s, 0) === 0x3F) s = StringSlice(s, 1);
        const parsed = formParse(s);
        for (let i = 0; i < parsed.length; i++) ArrayPush(list, parsed[i]);
      }
      this.#list = list;
    }
    get size() {
      if (!isURLSearchParams(this)) throw illegal();
      return this.#list.length / 2;
    }
    append(name, value) {
      enter(isURLSearchParams(this), arguments.length, 2, "Failed to execute 'append' on 'URLSearchParams'");
      ArrayPush(this.#list, usv(name), usv(value));
      updateURL(this.#url, this.#list);
    }
    delete(name, value = undefined) {
      enter(isURLSearchParams(this), arguments.length, 1, "Failed to execute 'delete' on 'URLSearchParams'");
      name = usv(name);
      if (value !== undefined) value = usv(value);
      const list = this.#list, kept = [];
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === name && (value === undefined || list[i + 1] === value)) continue;
        ArrayPush(kept, list[i], list[i + 1]);
      }
      this.#list = kept;
      updateURL(this.#url, kept);
    }
    get(name) {
      enter(isURLSearchParams(this), arguments.length, 1, "Failed to execute 'get' on 'URLSearchParams'");
      name = usv(name);
      const list = this.#list;
      for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
      return null;
    }
    getAll(name) {
      enter(isURLSearchParams(this), arguments.length, 1, "Failed to execute 'getAll' on 'URLSearchParams'");
      name = usv(name);
      const list = this.#list, out = [];
      for (let i = 0; i < list.length; i += 2) if (list[i] === name) ArrayPush(out, list[i + 1]);
      return out;
    }
    has(name, value = undefined) {
      enter(isURLSearchParams(this), arguments.length, 1, "Failed to execute 'has' on 'URLSearchParams'");
      name = usv(name);
      if (value !== undefined) value = usv(value);
      const list = this.#list;
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
      }
      return false;
    }
    set(name, value) {
      enter(isURLSearchParams(this), arguments.length, 2, "Failed to execute 'set' on 'URLSearchParams'");
      name = usv(name); value = usv(value);
      const list = this.#list, out = [];
      let found = false;
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] !== name) ArrayPush(out, list[i], list[i + 1]);
        else if (!found) { found = true; ArrayPush(out, name, value); }
      }
      if (!found) ArrayPush(out, name, value);
      this.#list = out;
      updateURL(this.#url, out);
    }
    sort() {
      if (!isURLSearchParams(this)) throw illegal();
      const list = this.#list, pairs = [];
      for (let i = 0; i < list.length; i += 2) ArrayPush(pairs, [list[i], list[i + 1]]);
      // Array.prototype.sort is stable; < compares code units.
      ArraySort(pairs, (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const out = [];
      for (let i = 0; i < pairs.length; i++) ArrayPush(out, pairs[i][0], pairs[i][1]);
      this.#list = out;
      updateURL(this.#url, out);
    }
    entries() {
      if (!isURLSearchParams(this)) throw illegal();
      return new SearchParamsIterator(this, 2);
    }
    keys() {
      if (!isURLSearchParams(this)) throw illegal();
      return new SearchParamsIterator(this, 0);
    }
    values() {
      if (!isURLSearchParams(this)) throw illegal();
      return new SearchParamsIterator(this, 1);
    }
    forEach(callback, thisArg = undefined) {
      enter(isURLSearchParams(this), arguments.length, 1, "Failed to execute 'forEach' on 'URLSearchParams'");
      if (typeof callback !== 'function') {
        throw new TypeErrorCtor("Failed to execute 'forEach' on 'URLSearchParams': The callback provided as parameter 1 is not a function.");
      }
      for (let i = 0; i < this.#list.length; i += 2) {
        ReflectApply(callback, thisArg, [this.#list[i + 1], this.#list[i], this]);
      }
    }
    toString() {
      if (!isURLSearchParams(this)) throw illegal();
      return formSerialize(this.#list);
    }
    static {
      isURLSearchParams = (o) => isObject(o) && #list in o;
      searchParamsOf = (o) => o.#list;
      setSearchParamsList = (o, list) => { o.#list = list; };
      newSearchParams = (urlObject, query) => {
        const p = new URLSearchParams();
        p.#url = urlObject;
        if (query !== null) p.#list = formParse(query);
        return p;
      };
    }
  }
  webidl(URLSearchParams, 'URLSearchParams', false);
  defineProperty(URLSearchParams.prototype, SymbolIterator, {
    value: URLSearchParams.prototype.entries, writable: true, configurable: true,
  });

  const SearchParamsIterator = shared.pairIterator('URLSearchParams Iterator', (p) => searchParamsOf(p));

  // ---- URL ---------------------------------------------------------------------------------------
  const INTERNAL = freeze({ __proto__: null });
  let isURL;
  /** Parses url against an optional base (both USVStrings already); a record or FAILURE. */
  function parseWithBase(url, base) {
    let parsedBase = null;
    if (base !== undefined) {
      parsedBase = basicParse(base, null);
      if (parsedBase === FAILURE) return FAILURE;
    }
    return basicParse(url, parsedBase);
  }

  class URL {
    #url; #query;
    constructor(url, base = undefined) {
      if (url === INTERNAL) {
        this.#url = base;
      } else {
        argc(arguments.length, 1, "Failed to construct 'URL'");
        url = usv(url);
        if (base !== undefined) base = usv(base);
        const record = parseWithBase(url, base);
        if (record === FAILURE) {
          throw new TypeErrorCtor(`Failed to construct 'URL': Invalid URL${base !== undefined ? ' or base URL' : ''}`);
        }
        this.#url = record;
      }
      this.#query = newSearchParams(this, this.#url.query);
    }
    static canParse(url, base = undefined) {
      argc(arguments.length, 1, "Failed to execute 'canParse' on 'URL'");
      url = usv(url);
      if (base !== undefined) base = usv(base);
      return parseWithBase(url, base) !== FAILURE;
    }
    static parse(url, base = undefined) {
      argc(arguments.length, 1, "Failed to execute 'parse' on 'URL'");
      url = usv(url);
      if (base !== undefined) base = usv(base);
      const record = parseWithBase(url, base);
      return record === FAILURE ? null : new URL(INTERNAL, record);
    }
    get href() {
      if (!isURL(this)) throw illegal();
      return serializeURL(this.#url, false);
    }
    set href(value) {
      if (!isURL(this)) throw illegal();
      const record = basicParse(usv(value), null);
      if (record === FAILURE) throw new TypeErrorCtor("Failed to set the 'href' property on 'URL': Invalid URL");
      this.#url = record;
      setSearchParamsList(this.#query, record.query === null ? [] : formParse(record.query));
    }
    get origin() {
      if (!isURL(this)) throw illegal();
      return serializeOrigin(this.#url);
    }
    get protocol() {
      if (!isURL(this)) throw illegal();
      return this.#url.scheme + ':';
    }
    set protocol(value) {
      if (!isURL(this)) throw illegal();
      this.#edit(usv(value) + ':', SCHEME_START);
    }
    get username() {
      if (!isURL(this)) throw illegal();
      return this.#url.username;
    }
    set username(value) {
      if (!isURL(this)) throw illegal();
      value = usv(value);
      if (cannotHaveUserinfoOrPort(this.#url)) return;
      this.#url.username = encodeString(value, USERINFO_SET, false);
    }
    get password() {
      if (!isURL(this)) throw illegal();
      return this.#url.password;
    }
    set password(value) {
      if (!isURL(this)) throw illegal();
      value = usv(value);
      if (cannotHaveUserinfoOrPort(this.#url)) return;
      this.#url.password = encodeString(value, USERINFO_SET, false);
    }
    get host() {
      if (!isURL(this)) throw illegal();
      const u = this.#url;
      if (u.host === null) return '';
      return u.port === null ? u.host : u.host + ':' + u.port;
    }
    set host(value) {
      if (!isURL(this)) throw illegal();
      value = usv(value);
      if (hasOpaquePath(this.#url)) return;
      this.#edit(value, HOST);
    }
    get hostname() {
      if (!isURL(this)) throw illegal();
      const h = this.#url.host;
      return h === null ? '' : h;
    }
    set hostname(value) {
      if (!isURL(this)) throw illegal();
      value = usv(value);
      if (hasOpaquePath(this.#url)) return;
      this.#edit(value, HOSTNAME);
    }
    get port() {
      if (!isURL(this)) throw illegal();
      const p = this.#url.port;
      return p === null ? '' : NumberToString(p, 10);
    }
    set port(value) {
      if (!isURL(this)) throw illegal();
      value = usv(value);
      if (cannotHaveUserinfoOrPort(this.#url)) return;
      if (value === '') this.#url.port = null;
      else this.#edit(value, PORT);
    }
    get pathname() {
      if (!isURL(this)) throw illegal();
      return serializePath(this.#url);
    }
    set pathname(value) {
      if (!isURL(this)) throw illegal();
      value = usv(value);
      if (hasOpaquePath(this.#url)) return;
      this.#url.path = [];
      basicParse(value, null, this.#url, PATH_START);
    }
    get search() {
      if (!isURL(this)) throw illegal();
      const q = this.#url.query;
      return q === null || q === '' ? '' : '?' + q;
    }
    set search(value) {
      if (!isURL(this)) throw illegal();
      value = usv(value);
      if (value === '') {
        this.#url.query = null;
        setSearchParamsList(this.#query, []);
        return;
      }
      const input = StringCharCodeAt(value, 0) === 0x3F ? StringSlice(value, 1) : value;
      this.#url.query = '';
      basicParse(input, null, this.#url, QUERY_STATE);
      setSearchParamsList(this.#query, formParse(input));
    }
    get searchParams() {
      if (!isURL(this)) throw illegal();
      return this.#query;
    }
    get hash() {
      if (!isURL(this)) throw illegal();
      const f = this.#url.fragment;
      return f === null || f === '' ? '' : '#' + f;
    }
    set hash(value) {
      if (!isURL(this)) throw illegal();
      value = usv(value);
      if (value === '') {
        this.#url.fragment = null;
        return;
      }
      const input = StringCharCodeAt(value, 0) === 0x23 ? StringSlice(value, 1) : value;
      this.#url.fragment = '';
      basicParse(input, null, this.#url, FRAGMENT_STATE);
    }
    toJSON() {
      if (!isURL(this)) throw illegal();
      return serializeURL(this.#url, false);
    }
    toString() {
      if (!isURL(this)) throw illegal();
      return serializeURL(this.#url, false);
    }
    /** Runs the basic URL parser on this URL with a state override (a failure may leave parts set). */
    #edit(input, override) {
      basicParse(input, null, this.#url, override);
    }
    static {
      isURL = (o) => isObject(o) && #url in o;
      urlRecordOf = (o) => o.#url;
    }
  }
  webidl(URL, 'URL', false);

  return { URL, URLSearchParams, isURLSearchParams };
})
