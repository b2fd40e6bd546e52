// URLPattern, following the WHATWG URL Pattern Standard (https://urlpattern.spec.whatwg.org/):
// the tokenizer, the pattern parser, the constructor string parser, regular expression and pattern
// string generation, URLPatternInit processing and the canonicalization (encoding) callbacks.
//
// The spec defines canonicalization and input parsing with the URL Standard's basic URL parser
// (with state overrides on a dummy URL); we express them through the URL API of the `url` platform
// library (setters on a dummy URL do exactly those state-override parses).
(function (global, shared) {
  'use strict';

  // ---- Captured intrinsics -----------------------------------------------------------------------
  const { defineProperty, getOwnPropertyDescriptor, freeze } = Object;
  const { uncurryThis, isObject, illegal } = shared;
  const TypeErrorCtor = TypeError, RegExpCtor = RegExp, encodeComponent = encodeURIComponent;
  const fromCharCode = String.fromCharCode;
  const StringCharCodeAt = uncurryThis(String.prototype.charCodeAt);
  const StringSlice = uncurryThis(String.prototype.slice);
  const StringIndexOf = uncurryThis(String.prototype.indexOf);
  const StringLastIndexOf = uncurryThis(String.prototype.lastIndexOf);
  const StringToLowerCase = uncurryThis(String.prototype.toLowerCase);
  const StringReplace = uncurryThis(String.prototype.replace);
  const StringToWellFormed = String.prototype.toWellFormed === undefined ? null
    : uncurryThis(String.prototype.toWellFormed);
  const RegExpExec = uncurryThis(RegExp.prototype.exec);
  const ArrayPush = uncurryThis(Array.prototype.push);
  const ArraySlice = uncurryThis(Array.prototype.slice);
  const ArrayJoin = uncurryThis(Array.prototype.join);
  const MapCtor = Map;
  const MapGet = uncurryThis(Map.prototype.get), MapSet = uncurryThis(Map.prototype.set);
  const MapSize = uncurryThis(getOwnPropertyDescriptor(Map.prototype, 'size').get);

  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
  /** WebIDL USVString conversion (a Symbol throws a TypeError). */
  function usv(v) {
    const s = `${v}`;
    return StringToWellFormed !== null ? StringToWellFormed(s) : StringReplace(s, LONE_SURROGATE, '\uFFFD');
  }
  const fail = (what) => new TypeErrorCtor(`Failed to construct 'URLPattern': ${what}`);

  /** The string as a list of code points (each a string of one or two code units). */
  function codePoints(s) {
    const out = [];
    for (let i = 0; i < s.length; i++) {
      const c = StringCharCodeAt(s, i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
        const d = StringCharCodeAt(s, i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) {
          ArrayPush(out, fromCharCode(c, d));
          i++;
          continue;
        }
      }
      ArrayPush(out, fromCharCode(c));
    }
    return out;
  }

  const SPECIAL_SCHEMES = freeze(['ftp', 'file', 'http', 'https', 'ws', 'wss']);
  const DEFAULT_PORTS = freeze({ __proto__: null, ftp: '21', http: '80', https: '443', ws: '80', wss: '443' });
  const isSpecialScheme = (s) => s === 'ftp' || s === 'file' || s === 'http' || s === 'https' || s === 'ws'
    || s === 'wss';

  // ---- Tokenizing (spec 2.1.2) ---------------------------------------------------------------------
  const ID_START = /^[$_\p{ID_Start}]$/u;
  const ID_PART = /^[$\u200C\u200D\p{ID_Continue}]$/u;
  /** Whether a code point may appear in a group name (IdentifierStart first, IdentifierPart after). */
  const isValidNameCodePoint = (cp, first) => RegExpExec(first ? ID_START : ID_PART, cp) !== null;
  const isAscii = (cp) => cp.length === 1 && StringCharCodeAt(cp, 0) <= 0x7F;

  /** Tokenizes a pattern string; a strict policy throws on invalid input, a lenient one makes invalid-char tokens. */
  function tokenize(input, strict) {
    const cps = codePoints(input);
    const length = cps.length;
    const tokens = [];
    let index = 0, next = 0, cp = '';
    const getNext = () => { cp = cps[next]; next++; };
    const seek = (i) => { next = i; getNext(); };
    const add = (type, nextPosition, valuePosition, valueLength) => {
      ArrayPush(tokens, { type, index, value: ArrayJoin(ArraySlice(cps, valuePosition, valuePosition + valueLength), '') });
      index = nextPosition;
    };
    const addDefaultLength = (type, nextPosition, valuePosition) =>
      add(type, nextPosition, valuePosition, nextPosition - valuePosition);
    const addDefault = (type) => addDefaultLength(type, next, index);
    const error = (nextPosition, valuePosition, why) => {
      if (strict) throw new TypeErrorCtor(`Invalid pattern '${input}': ${why} at index ${valuePosition}`);
      addDefaultLength('invalid-char', nextPosition, valuePosition);
    };
    while (index < length) {
      seek(index);
      if (cp === '*') { addDefault('asterisk'); continue; }
      if (cp === '+' || cp === '?') { addDefault('other-modifier'); continue; }
      if (cp === '\\') {
        if (index === length - 1) { error(next, index, 'trailing backslash'); continue; }
        const escapedIndex = next;
        getNext();
        addDefaultLength('escaped-char', next, escapedIndex);
        continue;
      }
      if (cp === '{') { addDefault('open'); continue; }
      if (cp === '}') { addDefault('close'); continue; }
      if (cp === ':') {
        let namePosition = next;
        const nameStart = namePosition;
        while (namePosition < length) {
          seek(namePosition);
          if (!isValidNameCodePoint(cp, namePosition === nameStart)) break;
          namePosition = next;
        }
        if (namePosition <= nameStart) { error(nameStart, index, 'missing group name'); continue; }
        addDefaultLength('name', namePosition, nameStart);
        continue;
      }
      if (cp === '(') {
        let depth = 1;
        let regexpPosition = next;
        const regexpStart = regexpPosition;
        let failed = null;
        while (regexpPosition < length) {
          seek(regexpPosition);
          if (!isAscii(cp)) { failed = 'non-ASCII character in a regexp group'; break; }
          if (regexpPosition === regexpStart && cp === '?') { failed = 'regexp group starting with ?'; break; }
          if (cp === '\\') {
            if (regexpPosition === length - 1) { failed = 'trailing backslash in a regexp group'; break; }
            getNext();
            if (!isAscii(cp)) { failed = 'non-ASCII character in a regexp group'; break; }
            regexpPosition = next;
            continue;
          }
          if (cp === ')') {
            depth--;
            if (depth === 0) { regexpPosition = next; break; }
          } else if (cp === '(') {
            depth++;
            if (regexpPosition === length - 1) { failed = 'unbalanced regexp group'; break; }
            const temporaryPosition = next;
            getNext();
            if (cp !== '?') { failed = 'capturing group inside a regexp group'; break; }
            next = temporaryPosition;
          }
          regexpPosition = next;
        }
        if (failed !== null) { error(regexpStart, index, failed); continue; }
        if (depth !== 0) { error(regexpStart, index, 'unbalanced regexp group'); continue; }
        const regexpLength = regexpPosition - regexpStart - 1;
        if (regexpLength === 0) { error(regexpStart, index, 'empty regexp group'); continue; }
        add('regexp', regexpPosition, regexpStart, regexpLength);
        continue;
      }
      addDefault('char');
    }
    addDefaultLength('end', index, index);
    return tokens;
  }

  // ---- Parsing pattern strings (spec 2.1.3-2.1.4) ------------------------------------------------
  const FULL_WILDCARD = '.*';
  const DEFAULT_OPTIONS = freeze({ delimiter: '', prefix: '', ignoreCase: false });
  const HOSTNAME_OPTIONS = freeze({ delimiter: '.', prefix: '', ignoreCase: false });
  const PATHNAME_OPTIONS = freeze({ delimiter: '/', prefix: '/', ignoreCase: false });

  function escapeWith(input, specials) {
    let result = '';
    for (let i = 0; i < input.length; i++) {
      const c = input[i];
      if (StringIndexOf(specials, c) >= 0) result += '\\';
      result += c;
    }
    return result;
  }
  const escapeRegexpString = (s) => escapeWith(s, '.+*?^${}()[]|/\\');
  const escapePatternString = (s) => escapeWith(s, '+*?:{}()\\');
  const segmentWildcardRegexp = (options) => `[^${escapeRegexpString(options.delimiter)}]+?`;
  const modifierString = (m) => (m === 'zero-or-more' ? '*' : m === 'optional' ? '?' : m === 'one-or-more' ? '+' : '');

  /** Parses a pattern string into a part list; `encode` canonicalizes fixed text (and may throw). */
  function parsePatternString(input, options, encode) {
    const tokens = tokenize(input, true);
    const segmentWildcard = segmentWildcardRegexp(options);
    const parts = [];
    let pending = '';
    let index = 0;
    let nextNumericName = 0;
    const tryConsume = (type) => {
      const token = tokens[index];
      if (token.type !== type) return null;
      index++;
      return token;
    };
    const tryConsumeModifier = () => {
      const token = tryConsume('other-modifier');
      return token !== null ? token : tryConsume('asterisk');
    };
    const tryConsumeRegexpOrWildcard = (nameToken) => {
      const token = tryConsume('regexp');
      return nameToken === null && token === null ? tryConsume('asterisk') : token;
    };
    const consumeRequired = (type) => {
      const token = tryConsume(type);
      if (token === null) {
        const at = tokens[index];
        throw new TypeErrorCtor(`Invalid pattern '${input}': unexpected ${at.type === 'end' ? 'end' : `'${at.value}'`}`
          + ` at index ${at.index}`);
      }
      return token;
    };
    const consumeText = () => {
      let result = '';
      for (;;) {
        let token = tryConsume('char');
        if (token === null) token = tryConsume('escaped-char');
        if (token === null) return result;
        result += token.value;
      }
    };
    const maybeAddPendingFixedValue = () => {
      if (pending === '') return;
      const encoded = encode(pending);
      pending = '';
      ArrayPush(parts, { type: 'fixed-text', value: encoded, modifier: 'none', name: '', prefix: '', suffix: '' });
    };
    const addPart = (prefix, nameToken, regexpOrWildcardToken, suffix, modifierToken) => {
      let modifier = 'none';
      if (modifierToken !== null) {
        const v = modifierToken.value;
        modifier = v === '?' ? 'optional' : v === '*' ? 'zero-or-more' : v === '+' ? 'one-or-more' : 'none';
      }
      if (nameToken === null && regexpOrWildcardToken === null && modifier === 'none') {
        pending += prefix;
        return;
      }
      maybeAddPendingFixedValue();
      if (nameToken === null && regexpOrWildcardToken === null) {
        if (prefix === '') return;
        ArrayPush(parts, { type: 'fixed-text', value: encode(prefix), modifier, name: '', prefix: '', suffix: '' });
        return;
      }
      let regexpValue;
      if (regexpOrWildcardToken === null) regexpValue = segmentWildcard;
      else if (regexpOrWildcardToken.type === 'asterisk') regexpValue = FULL_WILDCARD;
      else regexpValue = regexpOrWildcardToken.value;
      let type = 'regexp';
      if (regexpValue === segmentWildcard) {
        type = 'segment-wildcard';
        regexpValue = '';
      } else if (regexpValue === FULL_WILDCARD) {
        type = 'full-wildcard';
        regexpValue = '';
      }
      let name = '';
      if (nameToken !== null) name = nameToken.value;
      else if (regexpOrWildcardToken !== null) name = `${nextNumericName++}`;
      for (let i = 0; i < parts.length; i++) {
        if (parts[i].name === name) throw new TypeErrorCtor(`Invalid pattern '${input}': duplicate group name '${name}'`);
      }
      const encodedPrefix = encode(prefix);
      const encodedSuffix = encode(suffix);
      ArrayPush(parts, { type, value: regexpValue, modifier, name, prefix: encodedPrefix, suffix: encodedSuffix });
    };

    while (index < tokens.length) {
      const charToken = tryConsume('char');
      let nameToken = tryConsume('name');
      let regexpOrWildcardToken = tryConsumeRegexpOrWildcard(nameToken);
      if (nameToken !== null || regexpOrWildcardToken !== null) {
        let prefix = charToken !== null ? charToken.value : '';
        if (prefix !== '' && prefix !== options.prefix) {
          pending += prefix;
          prefix = '';
        }
        maybeAddPendingFixedValue();
        const modifierToken = tryConsumeModifier();
        addPart(prefix, nameToken, regexpOrWildcardToken, '', modifierToken);
        continue;
      }
      let fixedToken = charToken;
      if (fixedToken === null) fixedToken = tryConsume('escaped-char');
      if (fixedToken !== null) {
        pending += fixedToken.value;
        continue;
      }
      const openToken = tryConsume('open');
      if (openToken !== null) {
        const prefix = consumeText();
        nameToken = tryConsume('name');
        regexpOrWildcardToken = tryConsumeRegexpOrWildcard(nameToken);
        const suffix = consumeText();
        consumeRequired('close');
        const modifierToken = tryConsumeModifier();
        addPart(prefix, nameToken, regexpOrWildcardToken, suffix, modifierToken);
        continue;
      }
      maybeAddPendingFixedValue();
      consumeRequired('end');
    }
    return parts;
  }

  // ---- Regular expression and pattern string generation (spec 2.2) -------------------------------
  function generateRegexp(parts, options) {
    let result = '^';
    const names = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      const modifier = modifierString(part.modifier);
      if (part.type === 'fixed-text') {
        if (part.modifier === 'none') result += escapeRegexpString(part.value);
        else result += `(?:${escapeRegexpString(part.value)})${modifier}`;
        continue;
      }
      ArrayPush(names, part.name);
      let regexpValue = part.value;
      // (an empty delimiter gives "[^]+?"; "[\s\S]" is the same set, spelled so that engines whose
      // "v" mode mishandles an empty negated class still match)
      if (part.type === 'segment-wildcard') regexpValue = options.delimiter === '' ? '[\\s\\S]+?' : segmentWildcardRegexp(options);
      else if (part.type === 'full-wildcard') regexpValue = FULL_WILDCARD;
      if (part.prefix === '' && part.suffix === '') {
        if (part.modifier === 'none' || part.modifier === 'optional') result += `(${regexpValue})${modifier}`;
        else result += `((?:${regexpValue})${modifier})`;
        continue;
      }
      const prefix = escapeRegexpString(part.prefix);
      const suffix = escapeRegexpString(part.suffix);
      if (part.modifier === 'none' || part.modifier === 'optional') {
        result += `(?:${prefix}(${regexpValue})${suffix})${modifier}`;
        continue;
      }
      result += `(?:${prefix}((?:${regexpValue})(?:${suffix}${prefix}(?:${regexpValue}))*)${suffix})`;
      if (part.modifier === 'zero-or-more') result += '?';
    }
    return { source: result + '$', names };
  }

  const isAsciiDigit = (c) => c !== undefined && c >= '0' && c <= '9';
  const firstCodePoint = (s) => codePoints(StringSlice(s, 0, 2))[0];

  function generatePatternString(parts, options) {
    let result = '';
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index];
      const previous = index > 0 ? parts[index - 1] : null;
      const next = index < parts.length - 1 ? parts[index + 1] : null;
      if (part.type === 'fixed-text') {
        if (part.modifier === 'none') {
          result += escapePatternString(part.value);
          continue;
        }
        result += `{${escapePatternString(part.value)}}${modifierString(part.modifier)}`;
        continue;
      }
      const customName = !isAsciiDigit(part.name[0]);
      let needsGrouping = part.suffix !== '' || (part.prefix !== '' && part.prefix !== options.prefix);
      if (!needsGrouping && customName && part.type === 'segment-wildcard' && part.modifier === 'none'
          && next !== null && next.prefix === '' && next.suffix === '') {
        if (next.type === 'fixed-text') {
          needsGrouping = next.value !== '' && isValidNameCodePoint(firstCodePoint(next.value), false);
        } else {
          needsGrouping = isAsciiDigit(next.name[0]);
        }
      }
      if (!needsGrouping && part.prefix === '' && previous !== null && previous.type === 'fixed-text'
          && previous.value !== '' && previous.value[previous.value.length - 1] === options.prefix) {
        needsGrouping = true;
      }
      if (needsGrouping) result += '{';
      result += escapePatternString(part.prefix);
      if (customName) result += `:${part.name}`;
      if (part.type === 'regexp') {
        result += `(${part.value})`;
      } else if (part.type === 'segment-wildcard' && !customName) {
        result += `(${segmentWildcardRegexp(options)})`;
      } else if (part.type === 'full-wildcard') {
        if (!customName && (previous === null || previous.type === 'fixed-text' || previous.modifier !== 'none'
            || needsGrouping || part.prefix !== '')) {
          result += '*';
        } else {
          result += `(${FULL_WILDCARD})`;
        }
      }
      if (part.type === 'segment-wildcard' && customName && part.suffix !== ''
          && isValidNameCodePoint(firstCodePoint(part.suffix), false)) {
        result += '\\';
      }
      result += escapePatternString(part.suffix);
      if (needsGrouping) result += '}';
      result += modifierString(part.modifier);
    }
    return result;
  }

  // ---- Components (spec 1.3-1.4) -------------------------------------------------------------------
  // Compiled regular expressions by flags and source, shared by the patterns of this realm (they
  // are never exposed, and exec without the g or y flag leaves them unchanged): compiling is the
  // costly step, and most components are the same few sources ("*" above all).
  let regexps = new MapCtor();
  /** Compiles a component: { pattern, regexp, names, hasRegExpGroups }. */
  function compileComponent(input, encode, options) {
    const parts = parsePatternString(input, options, encode);
    const { source, names } = generateRegexp(parts, options);
    const flags = options.ignoreCase ? 'vi' : 'v';
    const key = `${flags}/${source}`;
    let regexp = MapGet(regexps, key);
    if (regexp === undefined) {
      try {
        regexp = new RegExpCtor(source, flags);
      } catch (e) {
        throw new TypeErrorCtor(`Invalid pattern '${input}': not a valid regular expression`);
      }
      if (MapSize(regexps) >= 256) regexps = new MapCtor();
      MapSet(regexps, key, regexp);
    }
    let hasRegExpGroups = false;
    for (let i = 0; i < parts.length; i++) if (parts[i].type === 'regexp') hasRegExpGroups = true;
    return { pattern: generatePatternString(parts, options), regexp, names, hasRegExpGroups };
  }

  function matchesSpecialScheme(protocolComponent) {
    for (let i = 0; i < SPECIAL_SCHEMES.length; i++) {
      if (RegExpExec(protocolComponent.regexp, SPECIAL_SCHEMES[i]) !== null) return true;
    }
    return false;
  }

  function hostnamePatternIsIPv6(input) {
    const cps = codePoints(input);
    if (cps.length < 2) return false;
    return cps[0] === '[' || ((cps[0] === '{' || cps[0] === '\\') && cps[1] === '[');
  }

  // ---- URL parsing and canonicalization through the URL API ---------------------------------------
  // Each operation returns the spec's result or throws a TypeError (the spec's "failure").
  let urlOps;
  function ops() {
    if (urlOps === undefined) {
      urlOps = urlApiOps(shared.lib('url').URL);
    }
    return urlOps;
  }

  /**
   * The operations on the URL API: the spec's state-override parses on a dummy URL are what the
   * URL setters run. Setters ignore failures, so hostname and port detect them with two dummy URLs
   * whose preset values no input could produce both of.
   */
  function urlApiOps(URLClass) {
    const P = URLClass.prototype;
    const get = (key) => uncurryThis(getOwnPropertyDescriptor(P, key).get);
    const set = (key) => uncurryThis(getOwnPropertyDescriptor(P, key).set);
    const getHref = get('href'), getProtocol = get('protocol'), getUsername = get('username');
    const getPassword = get('password'), getHostname = get('hostname'), getPort = get('port');
    const getPathname = get('pathname'), getSearch = get('search'), getHash = get('hash');
    const setUsername = set('username'), setPassword = set('password'), setHostname = set('hostname');
    const setPort = set('port'), setPathname = set('pathname'), setSearch = set('search'), setHash = set('hash');
    const construct = (input, base) => (base === undefined ? new URLClass(input) : new URLClass(input, base));
    // Dummy URLs are reused: each setter below replaces its component wholesale, and the hostname
    // and port dummies get their preset back after a successful set.
    let plain = null;
    const dummy = () => (plain === null ? (plain = construct('https://dummy.invalid/')) : plain);
    const hostDummies = [];
    const portDummies = { __proto__: null };
    /** Sets a component on a dummy holding `preset`: the new value, or null if the setter failed. */
    const trySet = (u, setter, getter, preset, value) => {
      setter(u, value);
      const result = getter(u);
      if (result === preset) return null;
      setter(u, preset);
      return result;
    };
    const record = (u) => {
      const protocol = getProtocol(u);
      const pathname = getPathname(u);
      const afterScheme = StringSlice(getHref(u), protocol.length, protocol.length + 2);
      return {
        scheme: StringSlice(protocol, 0, -1), username: getUsername(u), password: getPassword(u),
        host: getHostname(u), port: getPort(u), path: pathname,
        query: StringSlice(getSearch(u), 1), fragment: StringSlice(getHash(u), 1),
        opaquePath: pathname[0] !== '/' && afterScheme !== '//',
      };
    };
    return {
      parse(input, base) {
        let u;
        try { u = construct(input, base); } catch (e) { return null; }
        return record(u);
      },
      protocol(value) {
        let u;
        try { u = construct(`${value}://dummy.invalid/`); } catch (e) { throw new TypeErrorCtor(`Invalid protocol '${value}'`); }
        return StringSlice(getProtocol(u), 0, -1);
      },
      username(value) { const u = dummy(); setUsername(u, value); return getUsername(u); },
      password(value) { const u = dummy(); setPassword(u, value); return getPassword(u); },
      hostname(value) {
        // A failed set leaves the preset; no value canonicalizes to both presets.
        if (hostDummies.length === 0) {
          ArrayPush(hostDummies, construct('https://dummy.invalid/'), construct('https://dummy2.invalid/'));
        }
        let result = trySet(hostDummies[0], setHostname, getHostname, 'dummy.invalid', value);
        if (result === null) result = trySet(hostDummies[1], setHostname, getHostname, 'dummy2.invalid', value);
        if (result === null) throw new TypeErrorCtor(`Invalid hostname '${value}'`);
        return result;
      },
      port(value, protocol) {
        // The scheme only matters for its default port (and file URLs cannot have a port set).
        let scheme = 'https';
        if (protocol !== undefined) scheme = isSpecialScheme(protocol) && protocol !== 'file' ? protocol : 'x-dummy';
        let pair = portDummies[scheme];
        if (pair === undefined) {
          pair = portDummies[scheme] = [construct(`${scheme}://dummy.invalid:1/`), construct(`${scheme}://dummy.invalid:2/`)];
        }
        let result = trySet(pair[0], setPort, getPort, '1', value);
        if (result === null) result = trySet(pair[1], setPort, getPort, '2', value);
        if (result === null) throw new TypeErrorCtor(`Invalid port '${value}'`);
        return result;
      },
      pathname(value) {
        const u = dummy();
        setPathname(u, value);
        return getPathname(u);
      },
      opaquePathname(value) {
        // An opaque path cannot be set through the API: parse it after a scheme and a sentinel
        // code point (so the path stays opaque), and a trailing one (so no trailing space is trimmed).
        const ends = StringIndexOf(value, '?') >= 0 || StringIndexOf(value, '#') >= 0;
        let u;
        try { u = construct(`x-dummy:-${value}${ends ? '' : '-'}`); } catch (e) { throw new TypeErrorCtor(`Invalid pathname '${value}'`); }
        const path = getPathname(u);
        return StringSlice(path, 1, ends ? path.length : path.length - 1);
      },
      search(value) { const u = dummy(); setSearch(u, `?${value}`); return StringSlice(getSearch(u), 1); },
      hash(value) { const u = dummy(); setHash(u, `#${value}`); return StringSlice(getHash(u), 1); },
    };
  }

  /**
   * An encoding callback (spec 3.1) on URL operation `key`: the empty string is returned as is, and
   * results are remembered (a bounded memo: patterns repeat the same protocols, hosts and paths).
   */
  function callback(key) {
    let memo = new MapCtor();
    return (value) => {
      if (value === '') return value;
      let result = MapGet(memo, value);
      if (result === undefined) {
        result = ops()[key](value);
        if (MapSize(memo) >= 256) memo = new MapCtor();
        MapSet(memo, value, result);
      }
      return result;
    };
  }
  const canonicalizeProtocol = callback('protocol');
  const canonicalizeUsername = callback('username');
  const canonicalizePassword = callback('password');
  const canonicalizeHostname = callback('hostname');
  function canonicalizeIPv6Hostname(value) {
    let result = '';
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c === '[' || c === ']'
          || c === ':')) {
        throw new TypeErrorCtor(`Invalid IPv6 hostname '${value}'`);
      }
      result += StringToLowerCase(c);
    }
    return result;
  }
  const canonicalizePort = (v, protocol) => (v === '' ? v : ops().port(v, protocol));
  const pathnameCallback = callback('pathname');
  function canonicalizePathname(value) {
    if (value === '') return value;
    const leadingSlash = value[0] === '/';
    const result = pathnameCallback(leadingSlash ? value : `/-${value}`);
    return leadingSlash ? result : StringSlice(result, 2);
  }
  const canonicalizeOpaquePathname = callback('opaquePathname');
  const canonicalizeSearch = callback('search');
  const canonicalizeHash = callback('hash');

  // ---- URLPatternInit processing (spec 3.2) ---------------------------------------------------------
  const INIT_KEYS = freeze(['baseURL', 'hash', 'hostname', 'password', 'pathname', 'port', 'protocol', 'search',
    'username']);
  /** WebIDL conversion of a URLPatternInit dictionary: the present members, as strings. */
  function toInit(v) {
    const init = { __proto__: null };
    if (v === undefined || v === null) return init;
    for (let i = 0; i < INIT_KEYS.length; i++) {
      const value = v[INIT_KEYS[i]];
      if (value !== undefined) init[INIT_KEYS[i]] = usv(value);
    }
    return init;
  }
  /** WebIDL conversion of a URLPatternInput: a string or a converted URLPatternInit. */
  const toInput = (v) => (v === undefined || v === null || isObject(v) ? toInit(v) : usv(v));
  const has = (o, key) => o[key] !== undefined;

  const processBaseURLString = (input, type) => (type !== 'pattern' ? input : escapePatternString(input));
  function isAbsolutePathname(input, type) {
    if (input === '') return false;
    if (input[0] === '/') return true;
    if (type === 'url') return false;
    if (input.length < 2) return false;
    return (input[0] === '\\' || input[0] === '{') && input[1] === '/';
  }

  /** Process a URLPatternInit: `type` is 'pattern' or 'url'; `defaults` is null or the initial values. */
  function processInit(init, type, defaults) {
    const result = { __proto__: null };
    if (defaults !== null) {
      result.protocol = defaults; result.username = defaults; result.password = defaults;
      result.hostname = defaults; result.port = defaults; result.pathname = defaults;
      result.search = defaults; result.hash = defaults;
    }
    let baseURL = null;
    if (has(init, 'baseURL')) {
      baseURL = ops().parse(init.baseURL, undefined);
      if (baseURL === null) throw new TypeErrorCtor(`Invalid baseURL '${init.baseURL}'`);
      const p = has(init, 'protocol'), h = p || has(init, 'hostname'), port = h || has(init, 'port');
      if (!p) result.protocol = processBaseURLString(baseURL.scheme, type);
      if (type !== 'pattern' && !port && !has(init, 'username')) {
        result.username = processBaseURLString(baseURL.username, type);
      }
      if (type !== 'pattern' && !port && !has(init, 'username') && !has(init, 'password')) {
        result.password = processBaseURLString(baseURL.password, type);
      }
      if (!h) result.hostname = processBaseURLString(baseURL.host, type);
      if (!port) result.port = baseURL.port;
      const path = port || has(init, 'pathname');
      if (!path) result.pathname = processBaseURLString(baseURL.path, type);
      const search = path || has(init, 'search');
      if (!search) result.search = processBaseURLString(baseURL.query, type);
      if (!search && !has(init, 'hash')) result.hash = processBaseURLString(baseURL.fragment, type);
    }
    const pattern = type === 'pattern';
    if (has(init, 'protocol')) {
      let v = init.protocol;
      if (v[v.length - 1] === ':') v = StringSlice(v, 0, -1);
      result.protocol = pattern ? v : canonicalizeProtocol(v);
    }
    if (has(init, 'username')) result.username = pattern ? init.username : canonicalizeUsername(init.username);
    if (has(init, 'password')) result.password = pattern ? init.password : canonicalizePassword(init.password);
    if (has(init, 'hostname')) result.hostname = pattern ? init.hostname : canonicalizeHostname(init.hostname);
    const protocol = result.protocol !== undefined ? result.protocol : '';
    if (has(init, 'port')) result.port = pattern ? init.port : canonicalizePort(init.port, protocol);
    if (has(init, 'pathname')) {
      let pathname = init.pathname;
      if (baseURL !== null && !baseURL.opaquePath && !isAbsolutePathname(pathname, type)) {
        const baseURLPath = processBaseURLString(baseURL.path, type);
        const slash = StringLastIndexOf(baseURLPath, '/');
        if (slash >= 0) pathname = StringSlice(baseURLPath, 0, slash + 1) + pathname;
      }
      if (!pattern) {
        pathname = protocol === '' || isSpecialScheme(protocol) ? canonicalizePathname(pathname)
          : canonicalizeOpaquePathname(pathname);
      }
      result.pathname = pathname;
    }
    if (has(init, 'search')) {
      let v = init.search;
      if (v[0] === '?') v = StringSlice(v, 1);
      result.search = pattern ? v : canonicalizeSearch(v);
    }
    if (has(init, 'hash')) {
      let v = init.hash;
      if (v[0] === '#') v = StringSlice(v, 1);
      result.hash = pattern ? v : canonicalizeHash(v);
    }
    return result;
  }

  // ---- Constructor string parsing (spec 1.5) --------------------------------------------------------
  function parseConstructorString(input) {
    const tokens = tokenize(input, false);
    const cps = codePoints(input);
    const result = { __proto__: null };
    let componentStart = 0, tokenIndex = 0, tokenIncrement = 1, groupDepth = 0, ipv6Depth = 0;
    let protocolMatchesSpecial = false;
    let state = 'init';

    const safeToken = (i) => (i < tokens.length ? tokens[i] : tokens[tokens.length - 1]);
    const isNonSpecialPatternChar = (i, value) => {
      const token = safeToken(i);
      return token.value === value
        && (token.type === 'char' || token.type === 'escaped-char' || token.type === 'invalid-char');
    };
    const isProtocolSuffix = () => isNonSpecialPatternChar(tokenIndex, ':');
    const nextIsAuthoritySlashes = () => isNonSpecialPatternChar(tokenIndex + 1, '/')
      && isNonSpecialPatternChar(tokenIndex + 2, '/');
    const isIdentityTerminator = () => isNonSpecialPatternChar(tokenIndex, '@');
    const isPasswordPrefix = () => isNonSpecialPatternChar(tokenIndex, ':');
    const isPortPrefix = () => isNonSpecialPatternChar(tokenIndex, ':');
    const isPathnameStart = () => isNonSpecialPatternChar(tokenIndex, '/');
    const isSearchPrefix = () => {
      if (isNonSpecialPatternChar(tokenIndex, '?')) return true;
      if (tokens[tokenIndex].value !== '?') return false;
      if (tokenIndex - 1 < 0) return true;
      const type = safeToken(tokenIndex - 1).type;
      return !(type === 'name' || type === 'regexp' || type === 'close' || type === 'asterisk');
    };
    const isHashPrefix = () => isNonSpecialPatternChar(tokenIndex, '#');
    const isIPv6Open = () => isNonSpecialPatternChar(tokenIndex, '[');
    const isIPv6Close = () => isNonSpecialPatternChar(tokenIndex, ']');
    const makeComponentString = () => {
      const start = safeToken(componentStart).index;
      return ArrayJoin(ArraySlice(cps, start, tokens[tokenIndex].index), '');
    };
    const changeState = (newState, skip) => {
      if (state !== 'init' && state !== 'authority' && state !== 'done') result[state] = makeComponentString();
      if (state !== 'init' && newState !== 'done') {
        const early = state === 'protocol' || state === 'authority' || state === 'username' || state === 'password';
        if (early && (newState === 'port' || newState === 'pathname' || newState === 'search' || newState === 'hash')
            && result.hostname === undefined) {
          result.hostname = '';
        }
        const beforePath = early || state === 'hostname' || state === 'port';
        if (beforePath && (newState === 'search' || newState === 'hash') && result.pathname === undefined) {
          result.pathname = protocolMatchesSpecial ? '/' : '';
        }
        if ((beforePath || state === 'pathname') && newState === 'hash' && result.search === undefined) {
          result.search = '';
        }
      }
      state = newState;
      tokenIndex += skip;
      componentStart = tokenIndex;
      tokenIncrement = 0;
    };
    const rewind = () => {
      tokenIndex = componentStart;
      tokenIncrement = 0;
    };
    const rewindAndSetState = (newState) => {
      rewind();
      state = newState;
    };

    while (tokenIndex < tokens.length) {
      tokenIncrement = 1;
      if (tokens[tokenIndex].type === 'end') {
        if (state === 'init') {
          rewind();
          if (isHashPrefix()) changeState('hash', 1);
          else if (isSearchPrefix()) changeState('search', 1);
          else changeState('pathname', 0);
          tokenIndex += tokenIncrement;
          continue;
        }
        if (state === 'authority') {
          rewindAndSetState('hostname');
          tokenIndex += tokenIncrement;
          continue;
        }
        changeState('done', 0);
        break;
      }
      if (tokens[tokenIndex].type === 'open') {
        groupDepth++;
        tokenIndex += tokenIncrement;
        continue;
      }
      if (groupDepth > 0) {
        if (tokens[tokenIndex].type === 'close') {
          groupDepth--;
        } else {
          tokenIndex += tokenIncrement;
          continue;
        }
      }
      switch (state) {
        case 'init':
          if (isProtocolSuffix()) rewindAndSetState('protocol');
          break;
        case 'protocol':
          if (isProtocolSuffix()) {
            const protocolComponent = compileComponent(makeComponentString(), canonicalizeProtocol, DEFAULT_OPTIONS);
            if (matchesSpecialScheme(protocolComponent)) protocolMatchesSpecial = true;
            let nextState = 'pathname', skip = 1;
            if (nextIsAuthoritySlashes()) {
              nextState = 'authority';
              skip = 3;
            } else if (protocolMatchesSpecial) {
              nextState = 'authority';
            }
            changeState(nextState, skip);
          }
          break;
        case 'authority':
          if (isIdentityTerminator()) rewindAndSetState('username');
          else if (isPathnameStart() || isSearchPrefix() || isHashPrefix()) rewindAndSetState('hostname');
          break;
        case 'username':
          if (isPasswordPrefix()) changeState('password', 1);
          else if (isIdentityTerminator()) changeState('hostname', 1);
          break;
        case 'password':
          if (isIdentityTerminator()) changeState('hostname', 1);
          break;
        case 'hostname':
          if (isIPv6Open()) ipv6Depth++;
          else if (isIPv6Close()) ipv6Depth--;
          else if (isPortPrefix() && ipv6Depth === 0) changeState('port', 1);
          else if (isPathnameStart()) changeState('pathname', 0);
          else if (isSearchPrefix()) changeState('search', 1);
          else if (isHashPrefix()) changeState('hash', 1);
          break;
        case 'port':
          if (isPathnameStart()) changeState('pathname', 0);
          else if (isSearchPrefix()) changeState('search', 1);
          else if (isHashPrefix()) changeState('hash', 1);
          break;
        case 'pathname':
          if (isSearchPrefix()) changeState('search', 1);
          else if (isHashPrefix()) changeState('hash', 1);
          break;
        case 'search':
          if (isHashPrefix()) changeState('hash', 1);
          break;
        default:
          break;
      }
      tokenIndex += tokenIncrement;
    }
    if (result.hostname !== undefined && result.port === undefined) result.port = '';
    return result;
  }

  // ---- URLPattern (spec 1.1-1.4) ------------------------------------------------------------------
  const COMPONENTS = freeze(['protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash']);

  /** Create a URL pattern: the eight compiled components. */
  function create(input, baseURL, ignoreCase) {
    let init;
    if (typeof input === 'string') {
      init = parseConstructorString(input);
      if (baseURL === null && init.protocol === undefined) {
        throw fail('a relative pattern string needs a baseURL');
      }
      if (baseURL !== null) init.baseURL = baseURL;
    } else {
      if (baseURL !== null) throw fail('a baseURL is not allowed with a URLPatternInit');
      init = input;
    }
    const processed = processInit(init, 'pattern', null);
    for (let i = 0; i < COMPONENTS.length; i++) {
      if (processed[COMPONENTS[i]] === undefined) processed[COMPONENTS[i]] = '*';
    }
    if (isSpecialScheme(processed.protocol) && processed.port === DEFAULT_PORTS[processed.protocol]) processed.port = '';
    const c = { __proto__: null };
    c.protocol = compileComponent(processed.protocol, canonicalizeProtocol, DEFAULT_OPTIONS);
    c.username = compileComponent(processed.username, canonicalizeUsername, DEFAULT_OPTIONS);
    c.password = compileComponent(processed.password, canonicalizePassword, DEFAULT_OPTIONS);
    c.hostname = hostnamePatternIsIPv6(processed.hostname)
      ? compileComponent(processed.hostname, canonicalizeIPv6Hostname, HOSTNAME_OPTIONS)
      : compileComponent(processed.hostname, canonicalizeHostname, HOSTNAME_OPTIONS);
    c.port = compileComponent(processed.port, (v) => canonicalizePort(v, undefined), DEFAULT_OPTIONS);
    const compileOptions = { delimiter: '', prefix: '', ignoreCase };
    if (matchesSpecialScheme(c.protocol)) {
      c.pathname = compileComponent(processed.pathname, canonicalizePathname,
        { delimiter: '/', prefix: '/', ignoreCase });
    } else {
      c.pathname = compileComponent(processed.pathname, canonicalizeOpaquePathname, compileOptions);
    }
    c.search = compileComponent(processed.search, canonicalizeSearch, compileOptions);
    c.hash = compileComponent(processed.hash, canonicalizeHash, compileOptions);
    return c;
  }

  /** The input as passed back in a result's `inputs` (a converted URLPatternInit becomes a new object). */
  function inputValue(input) {
    if (typeof input === 'string') return input;
    const o = {};
    for (let i = 0; i < INIT_KEYS.length; i++) {
      if (input[INIT_KEYS[i]] !== undefined) o[INIT_KEYS[i]] = input[INIT_KEYS[i]];
    }
    return o;
  }

  /** Match (spec 1.4): null, or the URLPatternResult. `baseURL` is undefined when not given. */
  function match(components, input, baseURL) {
    const values = { __proto__: null };
    const inputs = [inputValue(input)];
    if (typeof input !== 'string') {
      if (baseURL !== undefined) throw new TypeErrorCtor('URLPattern: a baseURL is not allowed with a URLPatternInit input');
      let applied;
      try {
        applied = processInit(input, 'url', '');
      } catch (e) {
        return null;
      }
      for (let i = 0; i < COMPONENTS.length; i++) values[COMPONENTS[i]] = applied[COMPONENTS[i]];
    } else {
      if (baseURL !== undefined) {
        if (ops().parse(baseURL, undefined) === null) return null;
        ArrayPush(inputs, baseURL);
      }
      const url = ops().parse(input, baseURL);
      if (url === null) return null;
      values.protocol = url.scheme; values.username = url.username; values.password = url.password;
      values.hostname = url.host; values.port = url.port; values.pathname = url.path;
      values.search = url.query; values.hash = url.fragment;
    }
    const execs = { __proto__: null };
    for (let i = 0; i < COMPONENTS.length; i++) {
      const key = COMPONENTS[i];
      const r = RegExpExec(components[key].regexp, values[key]);
      if (r === null) return null;
      execs[key] = r;
    }
    const componentResult = (key) => {
      const groups = {};
      const names = components[key].names;
      for (let i = 0; i < names.length; i++) {
        defineProperty(groups, names[i], { value: execs[key][i + 1], writable: true, enumerable: true, configurable: true });
      }
      return { groups, input: values[key] };
    };
    return {
      hash: componentResult('hash'), hostname: componentResult('hostname'), inputs,
      password: componentResult('password'), pathname: componentResult('pathname'), port: componentResult('port'),
      protocol: componentResult('protocol'), search: componentResult('search'), username: componentResult('username'),
    };
  }

  let hasBrand;
  const isURLPattern = (v) => isObject(v) && hasBrand(v);

  class URLPattern {
    #c;

    static { hasBrand = (v) => #c in v; }

    constructor(input = undefined, baseURL = undefined, options = undefined) {
      // Overload resolution: (input, baseURL, options) with 3 arguments, or with 2 when the second is
      // neither undefined, null nor an object; otherwise (input, options).
      const n = arguments.length;
      let base = null;
      let opts = options;
      const second = n >= 3 || (n === 2 && baseURL !== undefined && baseURL !== null && !isObject(baseURL));
      if (!second) opts = baseURL;
      const convertedInput = toInput(input);
      if (second) base = usv(baseURL);
      if (opts !== undefined && opts !== null && !isObject(opts)) {
        throw fail('the options must be an object');
      }
      const ignoreCase = opts === undefined || opts === null ? false : !!opts.ignoreCase;
      this.#c = create(convertedInput, base, ignoreCase);
    }

    test(input = undefined, baseURL = undefined) {
      if (!isURLPattern(this)) throw illegal();
      const converted = toInput(input);
      return match(this.#c, converted, baseURL === undefined ? undefined : usv(baseURL)) !== null;
    }

    exec(input = undefined, baseURL = undefined) {
      if (!isURLPattern(this)) throw illegal();
      const converted = toInput(input);
      return match(this.#c, converted, baseURL === undefined ? undefined : usv(baseURL));
    }

    get protocol() { if (!isURLPattern(this)) throw illegal(); return this.#c.protocol.pattern; }
    get username() { if (!isURLPattern(this)) throw illegal(); return this.#c.username.pattern; }
    get password() { if (!isURLPattern(this)) throw illegal(); return this.#c.password.pattern; }
    get hostname() { if (!isURLPattern(this)) throw illegal(); return this.#c.hostname.pattern; }
    get port() { if (!isURLPattern(this)) throw illegal(); return this.#c.port.pattern; }
    get pathname() { if (!isURLPattern(this)) throw illegal(); return this.#c.pathname.pattern; }
    get search() { if (!isURLPattern(this)) throw illegal(); return this.#c.search.pattern; }
    get hash() { if (!isURLPattern(this)) throw illegal(); return this.#c.hash.pattern; }

    get hasRegExpGroups() {
      if (!isURLPattern(this)) throw illegal();
      const c = this.#c;
      for (let i = 0; i < COMPONENTS.length; i++) if (c[COMPONENTS[i]].hasRegExpGroups) return true;
      return false;
    }
  }
  shared.webidl(URLPattern, 'URLPattern', false);
  return { URLPattern };
})
