package dev.islet.graal.internal;

import dev.islet.GuestException;
import dev.islet.Headers;
import dev.islet.IsletException;
import dev.islet.LimitExceededException;
import dev.islet.Limits;
import dev.islet.Module;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.ScriptException;
import dev.islet.WorkerScript;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A worker version loaded into one {@link Isolate}, with its own {@link EventLoop}. Serves one
 * invocation at a time (its pool hands out idle instances), so everything an invocation does —
 * timers, logs, CPU time — is attributed without ambiguity.
 *
 * <p>All fields but {@link #broken} are confined to the event loop.
 */
final class WorkerInstance implements GuestHost {
  /** Pending timers one invocation may have (a timer flood is refused, not queued). */
  static final int MAX_TIMERS = 10_000;

  private final GraalRuntime runtime;
  private final WorkerVersion version;
  private final Isolate isolate;
  private final EventLoop loop;
  private InstancePool pool;

  private Value handler; // module syntax: the default export
  private Value env;
  private Invocation current;
  private final Map<Integer, ScheduledFuture<?>> timers = new HashMap<>();
  private int timerSequence;
  private int fetchSequence;
  private volatile boolean broken;

  private WorkerInstance(GraalRuntime runtime, WorkerVersion version, Isolate isolate) {
    this.runtime = runtime;
    this.version = version;
    this.isolate = isolate;
    this.loop = new EventLoop(runtime.guestThreads(), this::afterTask);
  }

  /**
   * Loads {@code version} into a fresh isolate: mounts its modules, builds {@code env}, evaluates the
   * main module and checks it has a fetch handler. Runs on the calling thread.
   *
   * @throws ScriptException if the script is invalid
   */
  static WorkerInstance load(GraalRuntime runtime, WorkerVersion version) {
    Isolate isolate = runtime.spares().take(version.options.trusted());
    WorkerInstance instance = new WorkerInstance(runtime, version, isolate);
    Limits.Kind[] breach = new Limits.Kind[1];
    Watchdog.Watch watch = runtime.watchdog().start(
        version.options.startupCpuTime().toNanos(),
        version.limits.memoryBytes().orElse(Watchdog.UNLIMITED),
        kind -> {
          breach[0] = kind;
          runtime.reaper().execute(isolate::close);
        });
    try {
      long allocated = Watchdog.allocatedBytes();
      instance.evaluate();
      if (version.footprint == 0) {
        version.footprint = Math.max(1, Watchdog.allocatedBytes() - allocated);
      }
      return instance;
    } catch (RuntimeException e) {
      isolate.close();
      if (breach[0] != null) {
        throw breach[0] == Limits.Kind.CPU_TIME
            ? new LimitExceededException(Limits.Kind.STARTUP_CPU_TIME,
                "script startup exceeded its CPU time limit of "
                    + version.options.startupCpuTime().toMillis() + " ms")
            : new LimitExceededException(Limits.Kind.MEMORY, "script startup exceeded its memory "
                + (version.limits.memoryBytes().isPresent() ? "limit" : "share (host heap under pressure)"));
      }
      throw e;
    } finally {
      runtime.watchdog().stop(watch);
    }
  }

  private void evaluate() {
    WorkerScript script = version.script;
    Value internals = isolate.internals;
    if (!version.validated) {
      checkJson(script, internals);
    }
    isolate.fileSystem.mount(version.files);
    isolate.attach(this);
    try {
      env = internals.invokeMember("makeEnv", version.bindingsJson);
      String problem;
      if (script.format() != WorkerScript.Format.SERVICE_WORKER) {
        Value exports = isolate.context.eval(version.mainSource);
        problem = internals.invokeMember("checkModuleHandler", exports).asString();
        handler = exports.getMember("default");
      } else {
        internals.invokeMember("installGlobals", env);
        isolate.context.eval(version.mainSource);
        problem = internals.invokeMember("checkServiceWorker").asString();
      }
      if (!problem.isEmpty()) {
        throw new ScriptException(script.mainModule(), 0, 0, problem);
      }
    } catch (PolyglotException e) {
      throw GuestErrors.toScriptException(e, script.mainModule());
    }
    version.validated = true;
  }

  /** JSON modules and bindings must parse; checked once per version, when it is deployed. */
  private static void checkJson(WorkerScript script, Value internals) {
    for (Module m : script.modules().values()) {
      if (m.type() == Module.Type.JSON) {
        String problem = internals.invokeMember("checkJson", m.text()).asString();
        if (!problem.isEmpty()) {
          throw new ScriptException(m.name(), 0, 0, "invalid JSON: " + problem);
        }
      }
    }
    script.bindings().forEach((name, b) -> {
      if (b.type() == dev.islet.Binding.Type.JSON) {
        String problem = internals.invokeMember("checkJson", b.value()).asString();
        if (!problem.isEmpty()) {
          throw new ScriptException(null, 0, 0, "binding " + name + " is not valid JSON: " + problem);
        }
      }
    });
  }

  void setPool(InstancePool pool) {
    this.pool = pool;
  }

  boolean isBroken() {
    return broken;
  }

  /** Runs {@code inv} on this instance (which its pool has reserved for it). */
  void start(Invocation inv) {
    inv.version = version.info.version();
    inv.instance = this;
    inv.limits = version.limits.and(inv.options.limits());
    post(inv, () -> run(inv));
  }

  private void run(Invocation inv) {
    if (inv.future.isDone()) { // cancelled while queued
      finish(inv, Outcome.CANCELED, null);
      return;
    }
    current = inv;
    inv.timerSequenceAtStart = timerSequence;
    inv.fetchSequenceAtStart = fetchSequence;
    inv.limits.wallTime().ifPresent(wall -> inv.wallTimer = runtime.timers().schedule(
        () -> breach(inv, Limits.Kind.WALL_TIME), wall.toNanos(), TimeUnit.NANOSECONDS));
    Request request = inv.request;
    Headers h = request.headers();
    Object[] flat = new Object[h.size() * 2];
    for (int i = 0; i < h.size(); i++) {
      flat[2 * i] = h.name(i);
      flat[2 * i + 1] = h.value(i);
    }
    // A stream body is read by the guest on demand (bodyRead); bytes are handed over at once.
    boolean streamed = request.body().isStream();
    byte[] body = streamed || request.body().isEmpty() ? null : request.body().bytes();
    if (streamed) {
      inv.streams.put(0, request.body().stream());
    }
    ProxyExecutable onResponse = args -> {
      onResponse(inv, args);
      return null;
    };
    ProxyExecutable onError = args -> {
      onError(inv, args[0].asString(), args[1].asString());
      return null;
    };
    Object bodyArg = body == null ? null : ByteBuffer.wrap(body);
    // request.cf: host metadata, for trusted namespaces only.
    String cf = version.options.trusted() && !request.cf().isEmpty() ? Json.write(request.cf()) : null;
    if (version.script.format() != WorkerScript.Format.SERVICE_WORKER) {
      // An outbound worker sees the dispatch's outbound parameters in its env (its bindings win).
      Value invocationEnv = inv.outboundWorkerParams == null || inv.outboundWorkerParams.isEmpty() ? env
          : isolate.internals.invokeMember("envWith", env, Json.write(inv.outboundWorkerParams));
      isolate.invokeModule.execute(handler, request.method(), request.url(),
          ProxyArray.fromArray(flat), bodyArg, cf, invocationEnv, onResponse, onError, streamed);
    } else {
      isolate.invokeServiceWorker.execute(request.method(), request.url(),
          ProxyArray.fromArray(flat), bodyArg, cf, onResponse, onError, streamed);
    }
  }

  private void onResponse(Invocation inv, Value[] args) {
    if (inv.finished() || inv.responded) {
      return;
    }
    try {
      Response.Builder b = Response.newBuilder(args[0].asInt()).statusText(args[1].asString());
      Value headers = args[2];
      Headers.Builder hb = Headers.newBuilder();
      for (long i = 0, n = headers.getArraySize(); i + 1 < n; i += 2) {
        hb.add(headers.getArrayElement(i).asString(), headers.getArrayElement(i + 1).asString());
      }
      b.headers(hb.build());
      Value body = args[3];
      boolean streamed = args.length > 4 && args[4].isBoolean() && args[4].asBoolean();
      if (streamed) {
        inv.responsePipe = new BodyPipe();
        b.body(inv.responsePipe);
      } else if (!body.isNull()) {
        byte[] bytes = new byte[Math.toIntExact(body.getBufferSize())];
        body.readBuffer(0, bytes, 0, bytes.length);
        b.body(bytes);
      }
      Response response = b.build();
      inv.responded = true;
      inv.status = response.status();
      inv.response = response;
      if (inv.waitUntilPending > 0 || streamed) {
        // Deliver now; the invocation goes on with its waitUntil work, for a bounded time. Otherwise
        // finish() delivers it after the instance is back in its pool, so the caller's next request
        // finds it idle.
        inv.future.complete(response);
        inv.waitUntilTimer = runtime.timers().schedule(
            () -> post(inv, () -> waitUntilExpired(inv)),
            version.options.waitUntilTimeout().toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (RuntimeException e) {
      fail(inv, GuestErrors.internal(e, inv));
    }
  }

  /** waitUntil work outlived its allowance after the response: cancel it, as Workers does. */
  private void waitUntilExpired(Invocation inv) {
    inv.log("warn", "waitUntil() tasks did not complete within "
        + version.options.waitUntilTimeout().toMillis() + " ms after the response and were cancelled.");
    finish(inv, Outcome.OK, null);
  }

  private void onError(Invocation inv, String message, String stack) {
    if (inv.finished()) {
      return;
    }
    inv.exception(message, stack);
    finish(inv, Outcome.EXCEPTION, new GuestException(message, stack));
  }

  private void fail(Invocation inv, IsletException error) {
    if (!inv.finished()) {
      finish(inv, error.outcome(), error);
    }
  }

  /**
   * Runs a macrotask of {@code inv} on the loop: charges its CPU time and allocations to {@code inv},
   * under the watchdog's budgets, and contains failures.
   */
  private void post(Invocation inv, Runnable task) {
    loop.execute(() -> {
      if (inv.finished()) {
        return; // a late timer or a task queued before the end
      }
      Watchdog.Watch watch = runtime.watchdog().start(
          remaining(inv.limits.cpuTime().map(d -> d.toNanos()).orElse(Watchdog.UNLIMITED), inv.cpuNanos),
          remaining(inv.limits.memoryBytes().orElse(Watchdog.UNLIMITED), inv.allocatedBytes),
          kind -> breach(inv, kind));
      try {
        task.run();
      } catch (RuntimeException e) {
        // The context failed or was closed under us (limit, cancel, runtime close): it is gone.
        broken = true;
        if (!inv.finished()) {
          if (inv.future.isCancelled()) {
            finish(inv, Outcome.CANCELED, null);
          } else {
            fail(inv, GuestErrors.internal(e, inv));
          }
        }
      } finally {
        runtime.watchdog().stop(watch);
        inv.cpuNanos += watch.cpuUsed;
        inv.allocatedBytes += watch.allocUsed;
      }
    });
  }

  private static long remaining(long budget, long used) {
    return budget == Watchdog.UNLIMITED ? budget : Math.max(0, budget - used);
  }

  /** A limit was broken (called from the watchdog or timer thread): stop {@code inv} off-thread. */
  private void breach(Invocation inv, Limits.Kind kind) {
    LimitExceededException error = new LimitExceededException(kind, describe(kind, inv.limits));
    runtime.reaper().execute(() -> abort(inv, error));
  }

  private static String describe(Limits.Kind kind, Limits limits) {
    switch (kind) {
      case CPU_TIME:
        return "CPU time limit exceeded (" + limits.cpuTime().orElseThrow().toMillis() + " ms)";
      case WALL_TIME:
        return "wall time limit exceeded (" + limits.wallTime().orElseThrow().toMillis() + " ms)";
      case SUBREQUESTS:
        return "Too many subrequests (limit " + limits.subRequests().orElse(0) + ")";
      case KV_OPERATIONS:
        return "Too many KV operations (limit " + limits.kvOperations().orElse(0) + ")";
      case BLOB_OPERATIONS:
        return "Too many blob operations (limit " + limits.blobOperations().orElse(0) + ")";
      case MEMORY:
        return limits.memoryBytes().isPresent()
            ? "memory limit exceeded (" + limits.memoryBytes().getAsLong() + " bytes)"
            : "memory limit exceeded (host heap under pressure)";
      default:
        return kind + " limit exceeded";
    }
  }

  private void afterTask(boolean queueEmpty) {
    Invocation inv = current;
    if (inv == null || inv.finished()) {
      return;
    }
    if (inv.responded && inv.waitUntilPending == 0
        && (inv.responsePipe == null || inv.responsePipe.writerDone())) {
      finish(inv, Outcome.OK, null);
    } else if (queueEmpty && timers.isEmpty() && inv.pendingFetches == 0) {
      // Nothing left that could make progress: no task queued, no timer pending.
      if (inv.responded) {
        finish(inv, Outcome.OK, null); // waitUntil promises that can never settle
      } else {
        onError(inv, "Error: The script will never generate a response.", "");
      }
    }
  }

  private void finish(Invocation inv, Outcome outcome, IsletException error) {
    if (inv.tryEnd()) {
      end(inv, outcome, error);
    }
  }

  /** Ends {@code inv} (whose end this thread claimed): timers, listeners, pool, then the caller. */
  private void end(Invocation inv, Outcome outcome, IsletException error) {
    for (BodyPipe pipe : inv.pipes.values()) {
      pipe.finish(new java.io.IOException("the worker's request body was not complete when its invocation ended"));
    }
    inv.pipes.clear();
    if (inv.responsePipe != null) { // the reader learns the body is cut short
      inv.responsePipe.finish(new java.io.IOException("the worker's response body was not complete when its"
          + " invocation ended (" + outcome.name().toLowerCase(java.util.Locale.ROOT) + ")"));
    }
    for (java.io.InputStream in : inv.streams.values()) {
      Egress.closeQuietly(in);
    }
    inv.streams.clear();
    if (inv.wallTimer != null) {
      inv.wallTimer.cancel(false);
    }
    if (inv.waitUntilTimer != null) {
      inv.waitUntilTimer.cancel(false);
    }
    if (current == inv) {
      current = null;
    }
    for (ScheduledFuture<?> f : timers.values()) {
      f.cancel(false);
    }
    timers.clear();
    inv.over.complete(null); // cancels subrequests nobody will read, service-binding callees too
    // Timer callbacks and fetch promises live in the prelude until settled: drop those of this
    // invocation, only if it made any (most requests do not, and this is the per-request path).
    if (!broken && (timerSequence != inv.timerSequenceAtStart || fetchSequence != inv.fetchSequenceAtStart)) {
      try {
        isolate.dropTimers.execute();
      } catch (PolyglotException | IllegalStateException e) {
        broken = true;
      }
    }
    runtime.fire(inv.event(outcome, error));
    pool.release(this);
    if (error != null) {
      inv.future.completeExceptionally(error);
    } else if (inv.response != null) {
      inv.future.complete(inv.response);
    }
  }

  /** Cancels {@code inv} if it is running here: the context is closed, the instance discarded. */
  void cancel(Invocation inv) {
    abort(inv, null);
  }

  /**
   * Stops {@code inv} from any thread: closes the context (stopping guest code wherever it is) and
   * ends the invocation with {@code error}, or as cancelled when null. The instance is discarded:
   * its state may be half-updated.
   */
  void abort(Invocation inv, IsletException error) {
    if (!inv.tryEnd()) {
      return; // it ended on its own; this instance may already serve someone else
    }
    broken = true;
    isolate.close();
    loop.execute(() -> end(inv, error == null ? Outcome.CANCELED : error.outcome(), error));
  }

  void close() {
    broken = true;
    isolate.close();
  }

  // ---- GuestHost: called from the prelude, on this instance's loop ----------------------------

  /** Largest piece of a streamed request body handed to the guest at once. */
  private static final int BODY_PIECE = 64 << 10;

  /** Ids of subrequest body streams (the request's own body is 0). */
  private int streamSequence;

  @Override
  public void bodyCancel(int stream) {
    Invocation inv = current;
    java.io.InputStream in = inv == null ? null : inv.streams.remove(stream);
    if (in != null) {
      runtime.io().execute(() -> Egress.closeQuietly(in)); // closing may block (a network connection)
    }
  }

  @Override
  public int bodyRead(int stream) {
    Invocation inv = current;
    java.io.InputStream in = inv == null ? null : inv.streams.get(stream);
    if (in == null || runtime.isClosed()) {
      return -1;
    }
    int id = ++fetchSequence;
    inv.pendingFetches++;
    java.util.concurrent.CompletableFuture<ByteBuffer> f;
    try {
      f = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          byte[] piece = new byte[BODY_PIECE];
          int n = in.read(piece);
          return n < 0 ? null : ByteBuffer.wrap(java.util.Arrays.copyOf(piece, n));
        } catch (Egress.TooLarge e) {
          throw GuestFacingException.typeError(e.getMessage());
        } catch (java.io.IOException e) {
          Log.LOGGER.log(System.Logger.Level.DEBUG, "reading a body stream failed", e);
          throw GuestFacingException.typeError("Network connection lost.");
        }
      }, runtime.io());
    } catch (java.util.concurrent.RejectedExecutionException e) {
      f = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    f.whenComplete((piece, error) -> post(inv, () -> {
      inv.pendingFetches--;
      if (error == null) {
        isolate.callDone.execute(id, piece);
      } else {
        deliverFailure(inv, id, error, "reading the request body failed");
      }
    }));
    return id;
  }

  @Override
  public int bodyOpen() {
    Invocation inv = current;
    if (inv == null || runtime.isClosed()) {
      return -1;
    }
    int id = ++streamSequence;
    inv.pipes.put(id, new BodyPipe());
    return id;
  }

  @Override
  public int bodyWrite(int pipeId, byte[] chunk) {
    Invocation inv = current;
    BodyPipe pipe = inv == null ? null : pipeId == 0 ? inv.responsePipe : inv.pipes.get(pipeId);
    java.util.concurrent.CompletableFuture<Void> ready = pipe == null ? null : pipe.write(chunk);
    if (ready == null) {
      return -2;
    }
    if (ready.isDone()) {
      return 0;
    }
    int id = ++fetchSequence;
    inv.pendingFetches++;
    ready.whenComplete((v, error) -> post(inv, () -> {
      inv.pendingFetches--;
      isolate.callDone.execute(id, null);
    }));
    return id;
  }

  @Override
  public void bodyEnd(int pipeId, String error) {
    Invocation inv = current;
    BodyPipe pipe = inv == null ? null : pipeId == 0 ? inv.responsePipe : inv.pipes.remove(pipeId);
    if (pipe != null) {
      pipe.finish(error == null ? null : new java.io.IOException("the worker's body stream failed: " + error));
    }
  }

  @Override
  public void log(String level, String message) {
    Invocation inv = current;
    if (inv != null) {
      inv.log(level, message);
    } else {
      Log.LOGGER.log(System.Logger.Level.DEBUG, "{0} [{1}] {2}", version, level, message);
    }
  }

  @Override
  public int setTimer(double delayMillis, boolean repeat) {
    Invocation inv = current;
    if (inv == null || runtime.isClosed()) {
      return -1;
    }
    if (timers.size() >= MAX_TIMERS) {
      return -2;
    }
    int id = ++timerSequence;
    long delayMicros = (long) Math.min(delayMillis * 1000, TimeUnit.DAYS.toMicros(1));
    Runnable fire = () -> post(inv, () -> fireTimer(inv, id, repeat));
    ScheduledFuture<?> f = repeat
        ? runtime.timers().scheduleAtFixedRate(fire, Math.max(delayMicros, 1000), Math.max(delayMicros, 1000), TimeUnit.MICROSECONDS)
        : runtime.timers().schedule(fire, delayMicros, TimeUnit.MICROSECONDS);
    timers.put(id, f);
    return id;
  }

  private void fireTimer(Invocation inv, int id, boolean repeat) {
    if (current != inv || !timers.containsKey(id)) {
      return; // cleared, or the invocation is over
    }
    if (!repeat) {
      timers.remove(id);
    }
    isolate.fireTimer.execute(id);
  }

  @Override
  public void clearTimer(int id) {
    ScheduledFuture<?> f = timers.remove(id);
    if (f != null) {
      f.cancel(false);
    }
  }

  @Override
  public void waitUntilAdd() {
    if (current != null) {
      current.waitUntilPending++;
    }
  }

  @Override
  public void waitUntilDone() {
    if (current != null) {
      current.waitUntilPending--;
    }
  }

  @Override
  public int fetch(String binding, String method, String url, String[] headers, byte[] body,
      String redirect, int pipe) {
    return subrequest(inv -> {
      BodyPipe p = takePipe(inv, pipe);
      Request request = outboundRequest(method, url, headers, body, p);
      if (binding == null) {
        return closeOnFailure(runtime.egress().fetch(version, inv, request, redirect, () -> countSubrequest(inv)), p);
      }
      dev.islet.Binding b = binding(binding, dev.islet.Binding.Type.SERVICE);
      return closeOnFailure(runtime.egress().service(version, inv, b.value(), request, () -> countSubrequest(inv)), p);
    });
  }

  /**
   * Starts a subrequest of the current invocation and settles the guest's promise with its result
   * on the loop; returns the promise's id, or -1 outside an invocation.
   */
  private int subrequest(
      java.util.function.Function<Invocation, java.util.concurrent.CompletableFuture<Egress.Result>> start) {
    Invocation inv = current;
    if (inv == null || runtime.isClosed()) {
      return -1;
    }
    int id = ++fetchSequence;
    inv.pendingFetches++;
    java.util.concurrent.CompletableFuture<Egress.Result> f;
    try {
      f = start.apply(inv);
    } catch (RuntimeException e) {
      f = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    f.whenComplete((result, error) -> {
      if (result != null && result.stream != null) { // closed when the invocation ends, read or not
        inv.over.thenRun(() -> Egress.closeQuietly(result.stream));
      }
      post(inv, () -> deliver(inv, id, result, error));
    });
    return id;
  }

  /** This version's binding {@code name}, which must be of {@code type}. */
  private dev.islet.Binding binding(String name, dev.islet.Binding.Type type) {
    dev.islet.Binding b = version.script.bindings().get(name);
    if (b == null || b.type() != type) {
      throw GuestFacingException.typeError(
          name + " is not a " + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " binding");
    }
    return b;
  }

  @Override
  public int dispatch(String binding, String worker, Double cpuMs, Double subRequests, String outboundJson,
      String method, String url, String[] headers, byte[] body, int pipe) {
    return subrequest(inv -> {
      dev.islet.Binding b = binding(binding, dev.islet.Binding.Type.DISPATCH_NAMESPACE);
      dev.islet.DispatchOptions options = dispatchOptions(cpuMs, subRequests, outboundJson);
      BodyPipe p = takePipe(inv, pipe);
      Request request = outboundRequest(method, url, headers, body, p);
      return closeOnFailure(runtime.egress().dispatch(inv, b.value(), worker, options, request,
          () -> countSubrequest(inv)), p);
    });
  }

  /** {@code {limits: {cpuMs, subRequests}, outbound}} from a JS dispatcher, checked. */
  private static dev.islet.DispatchOptions dispatchOptions(Double cpuMs, Double subRequests, String outboundJson) {
    dev.islet.DispatchOptions.Builder b = dev.islet.DispatchOptions.newBuilder();
    try {
      if (cpuMs != null) {
        if (!(cpuMs >= 1) || cpuMs.isInfinite()) {
          throw new IllegalArgumentException("limits.cpuMs must be a positive number, was " + cpuMs);
        }
        b.limits(Limits.cpuMs(cpuMs.longValue()));
      }
      if (subRequests != null) {
        if (!(subRequests >= 0) || subRequests.isInfinite()) {
          throw new IllegalArgumentException("limits.subRequests must be a number >= 0, was " + subRequests);
        }
        b.limits(Limits.subRequests((int) Math.min(Integer.MAX_VALUE, subRequests.longValue())));
      }
      if (outboundJson != null) {
        Object outbound = Json.read(outboundJson);
        if (!(outbound instanceof Map)) {
          throw new IllegalArgumentException("outbound must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) outbound;
        b.outbound(params);
      }
    } catch (IllegalArgumentException e) {
      throw GuestFacingException.typeError("DISPATCHER.get(): " + e.getMessage());
    }
    return b.build();
  }

  /** A failed subrequest reads no more of its streamed body: the guest's pump is told to stop. */
  private static java.util.concurrent.CompletableFuture<Egress.Result> closeOnFailure(
      java.util.concurrent.CompletableFuture<Egress.Result> f, BodyPipe pipe) {
    if (pipe != null) {
      f.whenComplete((r, e) -> {
        if (e != null) {
          pipe.close();
        }
      });
    }
    return f;
  }

  /** The pipe {@code id} of {@code inv} for a subrequest's streamed body, or null for none. */
  private static BodyPipe takePipe(Invocation inv, int id) {
    return id <= 0 ? null : inv.pipes.get(id);
  }

  private static Request outboundRequest(String method, String url, String[] headers, byte[] body, BodyPipe pipe) {
    try {
      Request.Builder b = Request.newBuilder(url).method(method);
      for (int i = 0; i + 1 < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      if (pipe != null) {
        b.body(dev.islet.Body.of(pipe));
      } else if (body != null) {
        b.body(body);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw GuestFacingException.typeError("fetch failed: " + e.getMessage());
    }
  }

  /** Counts one subrequest of {@code inv}; over its limit, ends it. Any thread. */
  private boolean countSubrequest(Invocation inv) {
    return count(inv, inv.subRequests, inv.limits.subRequests(), Limits.Kind.SUBREQUESTS);
  }

  private boolean count(Invocation inv, java.util.concurrent.atomic.AtomicInteger counter,
      java.util.OptionalInt limit, Limits.Kind kind) {
    int n = counter.incrementAndGet();
    if (limit.isPresent() && n > limit.getAsInt()) {
      if (n == limit.getAsInt() + 1) {
        // Claim the end now, before the guest can turn the refused promise into a response.
        LimitExceededException error = new LimitExceededException(kind, describe(kind, inv.limits));
        if (inv.tryEnd()) {
          broken = true;
          runtime.reaper().execute(() -> {
            isolate.close();
            loop.execute(() -> end(inv, error.outcome(), error));
          });
        }
      }
      return false;
    }
    return true;
  }

  /** Settles the guest's promise for subrequest {@code id}; on the loop, charged to {@code inv}. */
  private void deliver(Invocation inv, int id, Egress.Result result, Throwable error) {
    inv.pendingFetches--;
    if (error == null) {
      Response r = result.response;
      Headers h = r.headers();
      Object[] flat = new Object[h.size() * 2];
      for (int i = 0; i < h.size(); i++) {
        flat[2 * i] = h.name(i);
        flat[2 * i + 1] = h.value(i);
      }
      int stream = 0;
      if (result.stream != null) {
        stream = ++streamSequence;
        inv.streams.put(stream, result.stream);
      }
      isolate.fetchDone.execute(id, r.status(), r.statusText(), ProxyArray.fromArray(flat),
          result.body == null ? null : ByteBuffer.wrap(result.body), result.url, result.redirected, stream);
      return;
    }
    deliverFailure(inv, id, error, "fetch failed");
  }

  /** Rejects the guest's promise {@code id}; {@code what} prefixes an internal error's reference. */
  private void deliverFailure(Invocation inv, int id, Throwable error, String what) {
    Throwable cause = GuestErrors.unwrap(error);
    if (cause instanceof java.util.concurrent.CancellationException) {
      return;
    }
    if (cause instanceof GuestFacingException) {
      GuestFacingException g = (GuestFacingException) cause;
      isolate.fetchFailed.execute(id, g.jsType, g.getMessage());
    } else {
      IsletException internal = GuestErrors.internal(cause, inv.namespace + "/" + inv.script + " subrequest");
      isolate.fetchFailed.execute(id, "TypeError", what + ": " + internal.getMessage());
    }
  }

  @Override
  public java.nio.ByteBuffer wasmModule(int index) {
    return index >= 0 && index < version.wasmModules.size()
        ? java.nio.ByteBuffer.wrap(version.wasmModules.get(index)).asReadOnlyBuffer() : null;
  }

  @Override
  public double wasmMemoryCap() {
    return WasmLimits.memoryCap(version.limits);
  }

  @Override
  public int kv(String binding, KvBinding.Call call) {
    dev.islet.store.KvStore store = storeOrNull(runtime::kvStore);
    return bindingCall(binding, dev.islet.Binding.Type.KV, store == null, Limits.Kind.KV_OPERATIONS,
        "KV " + call.op + " failed", b -> KvBinding.run(store, b.value(), call));
  }

  @Override
  public int blob(String binding, BlobBinding.Call call) {
    dev.islet.store.BlobStore store = storeOrNull(runtime::blobStore);
    return bindingCall(binding, dev.islet.Binding.Type.BLOB, store == null, Limits.Kind.BLOB_OPERATIONS,
        call.op + " failed", b -> BlobBinding.run(store, b.value(), call));
  }

  /** The runtime's store, or null if it cannot be had (a default store that failed to open, a closed runtime). */
  private static <T> T storeOrNull(java.util.function.Supplier<T> store) {
    try {
      return store.get();
    } catch (RuntimeException e) {
      Log.LOGGER.log(System.Logger.Level.WARNING, "store unavailable", e);
      return null;
    }
  }

  /**
   * A storage binding call: checks the binding, counts the operation against its limit, runs it, and
   * settles the guest's promise on the loop with the result (or the failure).
   */
  private int bindingCall(String binding, dev.islet.Binding.Type type, boolean noStore, Limits.Kind kind,
      String what, java.util.function.Function<dev.islet.Binding, java.util.concurrent.CompletableFuture<Object>> run) {
    Invocation inv = current;
    if (inv == null || runtime.isClosed()) {
      return -1;
    }
    int id = ++fetchSequence;
    inv.pendingFetches++;
    java.util.concurrent.CompletableFuture<Object> f;
    java.util.concurrent.atomic.AtomicInteger counter =
        kind == Limits.Kind.KV_OPERATIONS ? inv.kvOperations : inv.blobOperations;
    java.util.OptionalInt limit =
        kind == Limits.Kind.KV_OPERATIONS ? inv.limits.kvOperations() : inv.limits.blobOperations();
    try {
      dev.islet.Binding b = binding(binding, type);
      if (noStore) {
        throw GuestFacingException.typeError(binding + " has no store");
      }
      f = count(inv, counter, limit, kind) ? run.apply(b) : java.util.concurrent.CompletableFuture.failedFuture(
          GuestFacingException.error("Too many API requests by single worker invocation."));
    } catch (RuntimeException e) {
      f = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    f.whenComplete((result, error) -> post(inv, () -> {
      inv.pendingFetches--;
      if (error == null) {
        isolate.callDone.execute(id, result);
      } else {
        deliverFailure(inv, id, error, what);
      }
    }));
    return id;
  }

  @Override
  public void reportError(String message, String stack) {
    Invocation inv = current;
    if (inv != null) {
      inv.exception(message, stack);
    } else {
      Log.LOGGER.log(System.Logger.Level.DEBUG, "{0} uncaught: {1}", version, message);
    }
  }
}
