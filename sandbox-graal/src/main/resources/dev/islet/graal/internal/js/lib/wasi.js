// WASI workers: a wasm32-wasi (preview 1) command run as a CGI program, one fresh instance per
// request (WAGI semantics). `command(module, name, vars)` gives the fetch handler of the generated
// main module (see WorkerVersion.wasiMain). wasi_snapshot_preview1 is implemented here, in JS, on
// purpose: GraalWasm's built-in WASI would reach the host's stdio, environment and file system.
//
// What the program gets: argv = [module name]; an environment made from the request (CGI/WAGI
// variables) and the worker's text, secret and JSON bindings, nothing from the host; stdin = the
// request body; stdout = a CGI response; stderr lines go to console.error; no preopened
// directories, so no file system; realtime and monotonic clocks; random bytes. The rest answers
// ENOSYS, so every preview1 name links.
//
// Loaded on first use. A WASI worker has no JavaScript of its tenant, but a JS worker can reach
// command() through the symbol, so the built-ins used per call are captured when this loads.
(function (global, shared) {
  'use strict';
  const { utf8Encode, utf8DecodeAll, Response, fromHost } = shared;
  const host = shared.host;
  const ReflectApply = Reflect.apply;
  const { freeze } = Object;
  const U8 = Uint8Array;
  const DataViewCtor = DataView;
  const BigIntCtor = BigInt;
  const MathTrunc = Math.trunc;
  const MathMin = Math.min;
  const DateNow = Date.now;
  const StringCtor = String;
  const ErrorCtor = Error;
  const WA = global.WebAssembly;
  const Instance = WA.Instance;
  const NativeModule = WA.Module;
  const moduleImports = NativeModule.imports;
  const arrayPush = (a, v) => { a[a.length] = v; };
  const u8Set = Uint8Array.prototype.set;
  const u8Subarray = Uint8Array.prototype.subarray;
  const u8IndexOf = Uint8Array.prototype.indexOf;
  const subarray = (a, from, to) => ReflectApply(u8Subarray, a, [from, to]);
  const copyInto = (target, source, at) => ReflectApply(u8Set, target, [source, at]);
  const ToUpperCase = String.prototype.toUpperCase;
  const StringReplaceAll = String.prototype.replaceAll;
  const StringTrim = String.prototype.trim;
  const StringIndexOf = String.prototype.indexOf;
  const StringSlice = String.prototype.slice;
  const StringToLowerCase = String.prototype.toLowerCase;
  const JSONStringify = JSON.stringify;
  const dvGetU32 = DataView.prototype.getUint32;
  const dvSetU32 = DataView.prototype.setUint32;
  const dvSetU64 = DataView.prototype.setBigUint64;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;

  // ---- preview1 errno values ----------------------------------------------------------------
  const SUCCESS = 0, BADF = 8, FAULT = 21, FBIG = 22, INVAL = 28, NOSYS = 52, NOTDIR = 54, SPIPE = 70,
    NOTCAPABLE = 76;
  const FILETYPE_CHARACTER_DEVICE = 2;
  const RIGHT_FD_READ = 2n, RIGHT_FD_WRITE = 64n;
  /** Every function of wasi_snapshot_preview1, so any command links; what is not implemented is ENOSYS. */
  const PREVIEW1 = ['args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'clock_res_get',
    'clock_time_get', 'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get',
    'fd_fdstat_set_flags', 'fd_fdstat_set_rights', 'fd_filestat_get', 'fd_filestat_set_size',
    'fd_filestat_set_times', 'fd_pread', 'fd_prestat_get', 'fd_prestat_dir_name', 'fd_pwrite', 'fd_read',
    'fd_readdir', 'fd_renumber', 'fd_seek', 'fd_sync', 'fd_tell', 'fd_write', 'path_create_directory',
    'path_filestat_get', 'path_filestat_set_times', 'path_link', 'path_open', 'path_readlink',
    'path_remove_directory', 'path_rename', 'path_symlink', 'path_unlink_file', 'poll_oneoff',
    'proc_exit', 'proc_raise', 'sched_yield', 'random_get', 'sock_accept', 'sock_recv', 'sock_send',
    'sock_shutdown'];
  const KNOWN = { __proto__: null };
  for (let i = 0; i < PREVIEW1.length; i++) KNOWN[PREVIEW1[i]] = true;

  /** Most a program may write to stdout (it is held until the program ends); more is EFBIG. */
  const MAX_STDOUT = 8 << 20; // the engine's cap on one typed array
  /** A stderr line longer than this is logged in pieces. */
  const MAX_STDERR_LINE = 8192;
  const NULL_BODY_STATUS = { __proto__: null, 101: true, 204: true, 205: true, 304: true };

  /** Thrown by proc_exit through the program's frames; caught by the runner. */
  class Exit {
    constructor(code) { this.code = code; }
  }

  /** One run of the program: its arguments, environment, stdin and what it wrote. */
  class Process {
    constructor(args, env, stdin) {
      this.args = args; // arrays of NUL-terminated UTF-8 strings
      this.env = env;
      this.stdin = stdin;
      this.stdinAt = 0;
      this.stdout = [];
      this.stdoutSize = 0;
      this.stderr = []; // bytes of the current, unfinished stderr line
      this.memory = null;
    }

    // Views of just the bytes a call touches, made from memory.buffer afresh each time (memory.grow
    // replaces the buffer). Out of bounds, the constructors throw RangeError: the call answers EFAULT.
    view(ptr, size) {
      return new DataViewCtor(this.memory.buffer, ptr, size);
    }
    range(ptr, len) {
      return new U8(this.memory.buffer, ptr, len);
    }
    getU32(ptr) { return ReflectApply(dvGetU32, this.view(ptr, 4), [0, true]); }
    setU32(ptr, v) { ReflectApply(dvSetU32, this.view(ptr, 4), [0, v, true]); }
    setU64(ptr, v) { ReflectApply(dvSetU64, this.view(ptr, 8), [0, v, true]); }

    logStderr(final) {
      // Complete lines go to the log as they come; an unfinished last line when the program ends.
      let pending = this.concat(this.stderr);
      this.stderr = [];
      let at = 0;
      for (;;) {
        const nl = ReflectApply(u8IndexOf, pending, [10, at]);
        if (nl < 0) break;
        this.logLine(subarray(pending, at, nl));
        at = nl + 1;
      }
      pending = subarray(pending, at, pending.length);
      while (pending.length > MAX_STDERR_LINE) {
        this.logLine(subarray(pending, 0, MAX_STDERR_LINE));
        pending = subarray(pending, MAX_STDERR_LINE, pending.length);
      }
      if (pending.length > 0) {
        if (final) this.logLine(pending);
        else arrayPush(this.stderr, pending);
      }
    }

    logLine(bytes) {
      let end = bytes.length;
      if (end > 0 && bytes[end - 1] === 13) end--;
      host.log('error', utf8DecodeAll(subarray(bytes, 0, end)));
    }

    concat(chunks) {
      let n = 0;
      for (let i = 0; i < chunks.length; i++) n += chunks[i].length;
      if (chunks.length === 1) return chunks[0];
      const out = new U8(n);
      for (let i = 0, at = 0; i < chunks.length; i++) {
        copyInto(out, chunks[i], at);
        at += chunks[i].length;
      }
      return out;
    }
  }

  // ---- the imports --------------------------------------------------------------------------
  /** NUL-terminated strings: sizes, then pointers and bytes, as args_* and environ_* want them. */
  function sizesGet(p, strings, countPtr, sizePtr) {
    let size = 0;
    for (let i = 0; i < strings.length; i++) size += strings[i].length;
    p.setU32(countPtr, strings.length);
    p.setU32(sizePtr, size);
    return SUCCESS;
  }
  function stringsGet(p, strings, pointers, buffer) {
    let at = buffer;
    for (let i = 0; i < strings.length; i++) {
      const s = strings[i];
      copyInto(p.range(at, s.length), s, 0);
      p.setU32(pointers + 4 * i, at);
      at += s.length;
    }
    return SUCCESS;
  }

  /** Calls f(pointer, length) for each iovec; f returns bytes done, and fewer than asked stops. */
  function eachIovec(p, iovs, count, f) {
    let total = 0;
    for (let i = 0; i < count; i++) {
      const ptr = p.getU32(iovs + 8 * i);
      const len = p.getU32(iovs + 8 * i + 4);
      const done = f(p.range(ptr, len));
      if (done < 0) return done;
      total += done;
      if (done < len) break;
    }
    return total;
  }

  const isStdio = (fd) => fd === 0 || fd === 1 || fd === 2;
  /** For fd calls a character device cannot serve: not capable on stdio, no such descriptor otherwise. */
  const fdRefused = (fd) => (isStdio(fd) ? NOTCAPABLE : BADF);

  function imports(p) {
    const wasi = { __proto__: null };
    for (let i = 0; i < PREVIEW1.length; i++) wasi[PREVIEW1[i]] = () => NOSYS;
    const setTime = (ptr, ns) => p.setU64(ptr, BigIntCtor(MathTrunc(ns)));
    const impl = {
      args_sizes_get: (countPtr, sizePtr) => sizesGet(p, p.args, countPtr, sizePtr),
      args_get: (pointers, buffer) => stringsGet(p, p.args, pointers, buffer),
      environ_sizes_get: (countPtr, sizePtr) => sizesGet(p, p.env, countPtr, sizePtr),
      environ_get: (pointers, buffer) => stringsGet(p, p.env, pointers, buffer),
      fd_read(fd, iovs, count, nreadPtr) {
        if (fd !== 0) return BADF;
        const n = eachIovec(p, iovs, count, (target) => {
          const take = MathMin(target.length, p.stdin.length - p.stdinAt);
          copyInto(target, subarray(p.stdin, p.stdinAt, p.stdinAt + take), 0);
          p.stdinAt += take;
          return take;
        });
        p.setU32(nreadPtr, n);
        return SUCCESS;
      },
      fd_write(fd, iovs, count, nwrittenPtr) {
        if (fd !== 1 && fd !== 2) return BADF;
        const n = eachIovec(p, iovs, count, (source) => {
          const len = source.length;
          if (len === 0) return 0;
          if (fd === 1 && p.stdoutSize + len > MAX_STDOUT) return -1;
          const copy = new U8(len);
          copyInto(copy, source, 0);
          if (fd === 1) {
            p.stdoutSize += len;
            arrayPush(p.stdout, copy);
          } else {
            arrayPush(p.stderr, copy);
          }
          return len;
        });
        if (fd === 2) p.logStderr(false);
        if (n < 0) return FBIG;
        p.setU32(nwrittenPtr, n);
        return SUCCESS;
      },
      fd_close: (fd) => (isStdio(fd) ? SUCCESS : BADF),
      fd_fdstat_get(fd, ptr) {
        if (!isStdio(fd)) return BADF;
        const stat = p.range(ptr, 24); // filetype u8, flags u16, rights u64, inheriting rights u64
        for (let i = 0; i < 24; i++) stat[i] = 0;
        stat[0] = FILETYPE_CHARACTER_DEVICE;
        p.setU64(ptr + 8, fd === 0 ? RIGHT_FD_READ : RIGHT_FD_WRITE);
        return SUCCESS;
      },
      fd_filestat_get(fd, ptr) {
        if (!isStdio(fd)) return BADF;
        const stat = p.range(ptr, 64); // dev, ino, filetype at 16, nlink, size, three times: all 0
        for (let i = 0; i < 64; i++) stat[i] = 0;
        stat[16] = FILETYPE_CHARACTER_DEVICE;
        return SUCCESS;
      },
      fd_fdstat_set_flags: (fd) => fdRefused(fd),
      fd_fdstat_set_rights: (fd) => fdRefused(fd),
      fd_seek: (fd) => (isStdio(fd) ? SPIPE : BADF),
      fd_tell: (fd) => (isStdio(fd) ? SPIPE : BADF),
      fd_pread: (fd) => (isStdio(fd) ? SPIPE : BADF),
      fd_pwrite: (fd) => (isStdio(fd) ? SPIPE : BADF),
      fd_advise: (fd) => (isStdio(fd) ? SPIPE : BADF),
      fd_allocate: (fd) => fdRefused(fd),
      fd_datasync: (fd) => fdRefused(fd),
      fd_sync: (fd) => fdRefused(fd),
      fd_filestat_set_size: (fd) => fdRefused(fd),
      fd_filestat_set_times: (fd) => fdRefused(fd),
      fd_readdir: (fd) => (isStdio(fd) ? NOTDIR : BADF),
      fd_renumber: (fd) => fdRefused(fd),
      // No preopened directories: libc's scan for them ends at fd 3, and every path is refused.
      fd_prestat_get: () => BADF,
      fd_prestat_dir_name: () => BADF,
      proc_exit(code) {
        throw new Exit(code >>> 0);
      },
      clock_res_get(id, ptr) {
        if (id === 0) return setTime(ptr, 1e6), SUCCESS; // Date.now(): milliseconds
        if (id === 1) return setTime(ptr, 1e5), SUCCESS; // performance.now(): 100 µs
        return INVAL;
      },
      clock_time_get(id, precision, ptr) {
        if (id === 0) return setTime(ptr, DateNow() * 1e6), SUCCESS;
        if (id === 1) return setTime(ptr, MathTrunc(+host.now() * 10) * 1e5), SUCCESS;
        return INVAL;
      },
      random_get(ptr, len) {
        const target = p.range(ptr, len);
        for (let at = 0; at < len; at += 65536) { // as crypto.getRandomValues: 64 KiB at a time
          copyInto(target, fromHost(host.randomBytes(MathMin(65536, len - at))), at);
        }
        return SUCCESS;
      },
      sched_yield: () => SUCCESS,
    };
    const pathFunctions = ['path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link',
      'path_open', 'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink', 'path_unlink_file'];
    for (let i = 0; i < pathFunctions.length; i++) impl[pathFunctions[i]] = (fd) => (isStdio(fd) ? NOTDIR : BADF);
    for (const name in impl) {
      const f = impl[name];
      wasi[name] = function () {
        try {
          return ReflectApply(f, undefined, arguments);
        } catch (e) {
          if (e instanceof RangeErrorCtor) return FAULT; // a pointer or length outside the memory
          throw e;
        }
      };
    }
    return { wasi_snapshot_preview1: wasi };
  }

  // ---- the request as a CGI environment, and stdout as a CGI response -------------------------
  const encodeVar = (name, value) => utf8Encode(name + '=' + value + '\0');

  function environment(request, url, body, env, vars) {
    const seen = { __proto__: null };
    const out = [];
    const put = (name, value) => {
      if (seen[name] === true) return;
      seen[name] = true;
      arrayPush(out, encodeVar(name, value));
    };
    const secure = url.protocol === 'https:';
    put('REQUEST_METHOD', request.method);
    put('PATH_INFO', url.pathname);
    put('QUERY_STRING', ReflectApply(StringSlice, url.search, [1]));
    put('SERVER_NAME', url.hostname);
    put('SERVER_PORT', url.port !== '' ? url.port : secure ? '443' : '80');
    put('SERVER_PROTOCOL', 'HTTP/1.1');
    put('SCRIPT_NAME', '');
    put('X_FULL_URL', url.href);
    const type = request.headers.get('content-type');
    if (type !== null) put('CONTENT_TYPE', type);
    if (body.length > 0) put('CONTENT_LENGTH', StringCtor(body.length));
    for (const [name, value] of request.headers) {
      if (name === 'content-type' || name === 'content-length') continue;
      put('HTTP_' + ReflectApply(StringReplaceAll, ReflectApply(ToUpperCase, name, []), ['-', '_']), value);
    }
    for (let i = 0; i < vars.length; i++) {
      const name = vars[i][0];
      const value = env[name];
      put(name, vars[i][1] ? JSONStringify(value) : StringCtor(value));
    }
    return out;
  }

  const text = (status, message) => new Response(message + '\n', {
    status, headers: [['content-type', 'text/plain; charset=utf-8']] });
  const NOT_CGI = 'The WASI program\'s output was not a CGI response';

  /** The header block and body of CGI output, or null if there is no empty line ending the headers. */
  function splitCgi(out) {
    const lines = [];
    let at = 0;
    for (;;) {
      const nl = ReflectApply(u8IndexOf, out, [10, at]);
      if (nl < 0) return null;
      let end = nl;
      if (end > at && out[end - 1] === 13) end--;
      if (end === at) return { lines, body: subarray(out, nl + 1, out.length) };
      arrayPush(lines, utf8DecodeAll(subarray(out, at, end)));
      at = nl + 1;
    }
  }

  function cgiResponse(cgi) {
    let status = 0, statusText = '', location = false;
    const headers = [];
    for (let i = 0; i < cgi.lines.length; i++) {
      const line = cgi.lines[i];
      const colon = ReflectApply(StringIndexOf, line, [':']);
      if (colon <= 0) return text(502, NOT_CGI + ' (a header line has no name).');
      const name = ReflectApply(StringTrim, ReflectApply(StringSlice, line, [0, colon]), []);
      const value = ReflectApply(StringTrim, ReflectApply(StringSlice, line, [colon + 1]), []);
      const lower = ReflectApply(StringToLowerCase, name, []);
      if (lower === 'status') {
        const space = ReflectApply(StringIndexOf, value, [' ']);
        const code = space < 0 ? value : ReflectApply(StringSlice, value, [0, space]);
        status = +code;
        statusText = space < 0 ? '' : ReflectApply(StringTrim, ReflectApply(StringSlice, value, [space + 1]), []);
        if (!(status >= 200 && status <= 599 && MathTrunc(status) === status && code.length === 3)) {
          return text(502, NOT_CGI + ' (bad Status line).');
        }
        continue;
      }
      if (lower === 'location') location = true;
      arrayPush(headers, [name, value]);
    }
    if (status === 0) status = location ? 302 : 200;
    const body = NULL_BODY_STATUS[status] === true || cgi.body.length === 0 ? null : cgi.body;
    try {
      return new Response(body, { status, statusText, headers });
    } catch (e) {
      return text(502, NOT_CGI + ' (invalid header or status text).');
    }
  }

  // ---- the handler ------------------------------------------------------------------------
  const EMPTY = new U8(0);

  function command(module, name, vars) {
    if (!(module instanceof NativeModule)) throw new TypeErrorCtor('WASI: not a WebAssembly.Module');
    // Linking fails at deploy, not on the first request, if the program imports what preview1 lacks.
    const wanted = moduleImports(module);
    for (let i = 0; i < wanted.length; i++) {
      const w = wanted[i];
      if (w.module !== 'wasi_snapshot_preview1' || w.kind !== 'function' || KNOWN[w.name] !== true) {
        throw new ErrorCtor(`WASI: ${name} imports ${w.module}.${w.name} (${w.kind}), which is not a wasi_snapshot_preview1 function`);
      }
    }
    const args = [utf8Encode(StringCtor(name) + '\0')];
    vars = vars || [];
    async function fetch(request, env) {
      const url = new (shared.lib('url').URL)(request.url);
      const body = request.body === null ? EMPTY : new U8(await request.arrayBuffer());
      const p = new Process(args, environment(request, url, body, env, vars), body);
      // A fresh instance per request: a new process, with memory that starts from the module's data.
      const instance = new Instance(module, imports(p));
      p.memory = instance.exports.memory;
      let code = 0;
      try {
        instance.exports._start();
      } catch (e) {
        if (!(e instanceof Exit)) throw e;
        code = e.code;
      } finally {
        p.logStderr(true);
      }
      const cgi = splitCgi(p.concat(p.stdout));
      if (cgi === null) {
        return code === 0 ? text(502, NOT_CGI + ' (no empty line after the headers).')
          : text(500, 'WASI program exited with code ' + code);
      }
      return cgiResponse(cgi);
    }
    return freeze({ fetch });
  }

  return { command };
});
