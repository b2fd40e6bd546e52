package dev.islet.graal.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * Makes {@link Isolate}s: contexts on the shared engine, locked down (no host classes, no host
 * objects but explicit proxies and byte buffers, no I/O beyond the tenant's own modules, no
 * threads, processes, native code or environment), with the prelude evaluated.
 *
 * <p>Why not {@code SandboxPolicy.CONSTRAINED}: it validates most of this configuration for us (we
 * ran under it, and adopted what it asked: no mutable host mappings), but it refuses the caps on
 * single huge allocations ({@code js.string-length-limit}, {@code js.max-typed-array-length}). Without
 * them one {@code s + s} or {@code new Float64Array(n)} can take the host heap in a single step, which
 * no watchdog can interrupt (seen: a string-doubling bomb ended a 256 MiB test JVM with
 * OutOfMemoryError). Containment wins; the isolation tests check what the policy checked.
 *
 * <p>All contexts share one {@link HostAccess} and one set of options, as the engine requires for
 * code sharing.
 */
final class IsolateFactory {
  /**
   * Host objects a guest can ever hold are our proxies and the byte buffers we pass in (copied by
   * the prelude before tenant code sees them). No methods, fields or classes of the host.
   */
  private static final HostAccess HOST_ACCESS =
      HostAccess.newBuilder().allowBufferAccess(true).allowMutableTargetMappings().build();


  private static final Map<String, String> JS_OPTIONS =
      Map.ofEntries(
          Map.entry("js.esm-eval-returns-exports", "true"),
          // ES2026 features V8 (and so workerd) already ships: Uint8Array.fromBase64/toBase64,
          // Error.isError, Math.sumPrecise, RegExp.escape, Map.prototype.getOrInsert...
          Map.entry("js.ecmascript-version", "staging"),
          Map.entry("js.load", "false"),
          Map.entry("js.print", "false"),
          Map.entry("js.console", "false"),
          // The Graal builtin only for setUnhandledPromiseRejectionHandler: runtime.js takes it and
          // deletes the global before tenant code runs.
          Map.entry("js.graal-builtin", "true"),
          // the engine's UTF-8 codec, which the prelude's TextEncoder/TextDecoder call for whole
          // strings and buffers (its own globals are replaced by the prelude's classes)
          Map.entry("js.text-encoding", "true"),
          // The WebAssembly namespace, over GraalWasm. It needs JS to reach the wasm language
          // (WASM_ACCESS); the Polyglot global that would otherwise come with it stays off
          // (js.polyglot-builtin), and the prelude allows compiling only the script's own modules.
          Map.entry("js.webassembly", "true"),
          Map.entry("js.unhandled-rejections", "handler"),
          Map.entry("js.polyglot-builtin", "false"),
          Map.entry("js.java-package-globals", "false"),
          // One huge allocation cannot be stopped halfway by the watchdog: cap it up front.
          // 2^25 UTF-16 chars = 64 MiB; 2^23 elements = 64 MiB as a Float64Array.
          Map.entry("js.string-length-limit", Integer.toString(1 << 25)),
          Map.entry("js.max-typed-array-length", Integer.toString(1 << 23)));

  /** Just what GraalJS's WebAssembly API needs: JS evaluating wasm sources and both languages' bindings. */
  private static final PolyglotAccess WASM_ACCESS = PolyglotAccess.newBuilder()
      .allowEval("js", "wasm").allowBindingsAccess("js").allowBindingsAccess("wasm").build();

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Engine engine;
  /**
   * Context creation holds the read lock, closing the engine the write lock: GraalVM 25.0.2
   * deadlocks when the engine closes while another thread initializes a new context on it.
   */
  private final java.util.concurrent.locks.ReadWriteLock lifecycle =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  private boolean closed;
  private final Source fetchSource;
  private final Source runtimeSource;
  /** Platform libraries by name, compiled once per engine on first use (absent: null). */
  private final Map<String, Source> libraries = new java.util.concurrent.ConcurrentHashMap<>();

  IsolateFactory(Engine engine) {
    this.engine = engine;
    this.fetchSource = prelude("fetch.js");
    this.runtimeSource = prelude("runtime.js");
  }

  private static Source prelude(String name) {
    try (InputStream in = IsolateFactory.class.getResourceAsStream("js/" + name)) {
      if (in == null) {
        throw new IllegalStateException("prelude resource missing: js/" + name);
      }
      String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Source.newBuilder("js", code, "islet:" + name).internal(true).cached(true).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A new context with the prelude evaluated and no tenant yet. Untrusted contexts cannot generate
   * code from strings ({@code eval}, {@code new Function} throw {@code EvalError}, as in Workers).
   */
  Isolate create(boolean trusted) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the engine is closed");
      }
      return createOpen(trusted);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Runs {@code close} (which closes the engine) once no context is being created; none is after. */
  void closeEngine(Runnable close) {
    lifecycle.writeLock().lock();
    try {
      closed = true;
      close.run();
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  private Isolate createOpen(boolean trusted) {
    TenantFileSystem fs = new TenantFileSystem();
    Context context =
        Context.newBuilder("js", "wasm")
            .engine(engine)
            .allowHostAccess(HOST_ACCESS)
            .allowIO(IOAccess.newBuilder().fileSystem(fs).build())
            .allowCreateThread(false)
            .allowCreateProcess(false)
            .allowNativeAccess(false)
            .allowEnvironmentAccess(EnvironmentAccess.NONE)
            .allowPolyglotAccess(WASM_ACCESS)
            .allowExperimentalOptions(true)
            .options(JS_OPTIONS)
            .option("js.allow-eval", Boolean.toString(trusted))
            .in(new ByteArrayInputStream(new byte[0]))
            .out(OutputStream.nullOutputStream())
            .err(OutputStream.nullOutputStream())
            .build();
    try {
      Value global = context.eval("js", "globalThis");
      Value fetchApi = context.eval(fetchSource).execute(global, loader(context));
      Isolate[] self = new Isolate[1];
      Value internals = context.eval(runtimeSource).execute(global, bridge(self), fetchApi);
      self[0] = new Isolate(context, fs, internals);
      return self[0];
    } catch (RuntimeException e) {
      context.close(true);
      throw e;
    }
  }

  /**
   * The guest's way to load a platform library ({@code js/lib/<name>.js}) on first use: evaluates
   * its cached source in the calling context and returns the library's init function.
   */
  private ProxyExecutable loader(Context context) {
    return args -> {
      String name = args.length == 1 && args[0].isString() ? args[0].asString() : "";
      Source source;
      try {
        source = libraries.computeIfAbsent(name, IsolateFactory::library);
      } catch (RuntimeException e) {
        Log.LOGGER.log(System.Logger.Level.WARNING, "could not load platform library " + name, e);
        return null;
      }
      return source == null ? null : context.eval(source);
    };
  }

  private static Source library(String name) {
    if (!name.matches("[a-z][a-z0-9-]*")) {
      return null;
    }
    try (InputStream in = IsolateFactory.class.getResourceAsStream("js/lib/" + name + ".js")) {
      if (in == null) {
        return null;
      }
      String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Source.newBuilder("js", code, "islet:" + name + ".js").internal(true).cached(true).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The host object handed to runtime.js: forwards to whichever tenant owns the isolate. */
  private static ProxyObject bridge(Isolate[] self) {
    return ProxyObject.fromMap(
        Map.ofEntries(
            Map.entry("log", fn(a -> {
              self[0].host().log(a[0].asString(), a[1].asString());
              return null;
            })),
            Map.entry("setTimer", fn(a -> self[0].host().setTimer(a[0].asDouble(), a[1].asBoolean()))),
            Map.entry("clearTimer", fn(a -> {
              self[0].host().clearTimer(a[0].asInt());
              return null;
            })),
            Map.entry("waitUntilAdd", fn(a -> {
              self[0].host().waitUntilAdd();
              return null;
            })),
            Map.entry("waitUntilDone", fn(a -> {
              self[0].host().waitUntilDone();
              return null;
            })),
            Map.entry("reportError", fn(a -> {
              self[0].host().reportError(a[0].asString(), a[1].asString());
              return null;
            })),
            Map.entry("randomBytes", fn(a -> {
              byte[] bytes = new byte[a[0].asInt()];
              RANDOM.nextBytes(bytes);
              return ByteBuffer.wrap(bytes);
            })),
            // (compress, format): a processor for one CompressionStream / DecompressionStream
            Map.entry("compression", fn(a -> {
              Compression c = Compression.create(a[0].asBoolean(), a[1].asString());
              return c == null ? null : fn(c);
            })),
            Map.entry("randomUUID", fn(a -> UUID.randomUUID().toString())),
            // streamed bodies: request body reads, response body writes and its end
            Map.entry("bodyRead", fn(a -> self[0].host().bodyRead(a[0].asInt()))),
            Map.entry("bodyCancel", fn(a -> {
              self[0].host().bodyCancel(a[0].asInt());
              return null;
            })),
            Map.entry("bodyOpen", fn(a -> self[0].host().bodyOpen())),
            Map.entry("bodyWrite", fn(a -> self[0].host().bodyWrite(a[0].asInt(), bytes(a[1])))),
            Map.entry("bodyEnd", fn(a -> {
              self[0].host().bodyEnd(a[0].asInt(), optString(a[1]));
              return null;
            })),
            Map.entry("now", fn(a -> MonotonicClock.millis())),
            Map.entry("wasmModule", fn(a -> self[0].host().wasmModule(a[0].asInt()))),
            Map.entry("wasmMemoryCap", fn(a -> self[0].host().wasmMemoryCap())),
            // (target guest ArrayBuffer, source host buffer): the prelude's fromHost. Eight bytes per
            // interop write: Value has no bulk write, and a guest reading a host buffer pays a call per byte.
            Map.entry("fill", fn(a -> {
              Value target = a[0];
              byte[] src = bytes(a[1]);
              java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(src).order(java.nio.ByteOrder.LITTLE_ENDIAN);
              int n = src.length;
              int i = 0;
              for (; i + 8 <= n; i += 8) {
                target.writeBufferLong(java.nio.ByteOrder.LITTLE_ENDIAN, i, bb.getLong(i));
              }
              for (; i < n; i++) {
                target.writeBufferByte(i, src[i]);
              }
              return null;
            })),
            // crypto.subtle's primitives: (op, args...); stateless (keys come with each call)
            Map.entry("subtle", fn(SubtleCryptoHost::call)),
            Map.entry("fetch", fn(a -> self[0].host().fetch(a[0].isNull() ? null : a[0].asString(), a[1].asString(),
                  a[2].asString(), strings(a[3]), bytes(a[4]), a[5].asString(), pipe(a, 6)))),
            // (binding, worker, cpuMs, subRequests, outbound JSON, method, url, headers, body)
            Map.entry("dispatch", fn(a -> self[0].host().dispatch(a[0].asString(), a[1].asString(),
                  optDouble(a[2]), optDouble(a[3]), optString(a[4]), a[5].asString(), a[6].asString(),
                  strings(a[7]), bytes(a[8]), pipe(a, 9)))),
            // (binding, op, key, keys, value, expiration, expirationTtl, metadata, limit, cursor)
            Map.entry("kv", fn(a -> self[0].host().kv(a[0].asString(), new KvBinding.Call(a[1].asString(),
                optString(a[2]), a[3].isNull() ? null : strings(a[3], KvBinding.MAX_BULK_KEYS + 1), bytes(a[4]),
                optDouble(a[5]), optDouble(a[6]), optString(a[7]), optDouble(a[8]), optString(a[9]))))),
            // (binding, op, [name, value, ...], keys | null, value | null)
            Map.entry("blob", fn(a -> {
              Map<String, String> args = new java.util.LinkedHashMap<>();
              for (long i = 0, n = a[2].getArraySize(); i + 1 < n; i += 2) {
                args.put(a[2].getArrayElement(i).asString(), a[2].getArrayElement(i + 1).asString());
              }
              String[] keys = a[3].isNull() ? null : strings(a[3], 1001);
              return self[0].host().blob(a[0].asString(), new BlobBinding.Call(a[1].asString(), args, keys, bytes(a[4])));
            }))));
  }

  private static String[] strings(Value array) {
    return strings(array, Integer.MAX_VALUE);
  }

  /** The first {@code max} elements of a guest array of strings (enough to tell it is too long). */
  private static String[] strings(Value array, int max) {
    String[] out = new String[Math.toIntExact(Math.min(array.getArraySize(), max))];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.getArrayElement(i).asString();
    }
    return out;
  }

  /** The bytes of a guest ArrayBuffer (copied), or null. */
  private static byte[] bytes(Value buffer) {
    if (buffer.isNull()) {
      return null;
    }
    byte[] out = new byte[Math.toIntExact(buffer.getBufferSize())];
    buffer.readBuffer(0, out, 0, out.length);
    return out;
  }

  /** The body pipe id at {@code i} (absent or null: 0, no pipe). */
  private static int pipe(Value[] a, int i) {
    return a.length > i && a[i].isNumber() ? a[i].asInt() : 0;
  }

  private static String optString(Value v) {
    return v.isNull() ? null : v.asString();
  }

  private static Double optDouble(Value v) {
    return v.isNull() ? null : v.asDouble();
  }

  /**
   * A host function that never lets a Java exception reach the guest (its text could leak host
   * details); failures are logged and the guest gets {@code undefined}.
   */
  private static ProxyExecutable fn(ProxyExecutable body) {
    return args -> {
      try {
        return body.execute(args);
      } catch (PolyglotException e) {
        if (e.isCancelled() || e.isInterrupted() || e.isResourceExhausted()) {
          throw e; // the context is being stopped: let it unwind
        }
        Log.LOGGER.log(System.Logger.Level.WARNING, "host function failed", e);
        return null;
      } catch (RuntimeException e) {
        Log.LOGGER.log(System.Logger.Level.WARNING, "host function failed", e);
        return null;
      }
    };
  }
}
