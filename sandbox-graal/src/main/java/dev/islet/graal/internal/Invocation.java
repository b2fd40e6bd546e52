package dev.islet.graal.internal;

import dev.islet.DispatchOptions;
import dev.islet.InvocationEvent;
import dev.islet.IsletException;
import dev.islet.Limits;
import dev.islet.LogEntry;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One request to one worker, from dispatch until its response is delivered and its {@code
 * waitUntil} work is done. Its mutable state is touched only on the owning instance's event loop,
 * except {@link #future} (thread-safe) and the cancel flag.
 */
final class Invocation {
  static final int MAX_LOG_LINES = 256;
  static final int MAX_LOG_CHARS = 64 * 1024;

  final String namespace;
  final String script;
  final Request request;
  final DispatchOptions options;
  final CompletableFuture<Response> future = new CompletableFuture<>();
  final long startNanos = System.nanoTime();

  /** Where it waits or runs; set by the pool, read by cancellation. */
  volatile InstancePool pool;
  volatile WorkerInstance instance;

  java.util.concurrent.ScheduledFuture<?> wallTimer;
  java.util.concurrent.ScheduledFuture<?> waitUntilTimer;

  long version;
  boolean coldStart;
  /** 0 for a host dispatch; service-binding calls are one deeper than their caller. */
  int depth;
  /** Set for a call to an outbound worker: these parameters join its env, and its own fetches skip it. */
  java.util.Map<String, Object> outboundWorkerParams;
  /** Subrequests made so far (fetch hops and service-binding calls); counted on any thread. */
  final java.util.concurrent.atomic.AtomicInteger subRequests = new java.util.concurrent.atomic.AtomicInteger();
  /** KV operations made so far. */
  final java.util.concurrent.atomic.AtomicInteger kvOperations = new java.util.concurrent.atomic.AtomicInteger();
  /** Blob operations made so far. */
  final java.util.concurrent.atomic.AtomicInteger blobOperations = new java.util.concurrent.atomic.AtomicInteger();
  /** Guest fetches and binding calls whose result has not been delivered yet. */
  int pendingFetches;
  /** The fetch counter of the instance when this invocation started (to tell whether it made any). */
  int fetchSequenceAtStart;
  /** Network exchanges in flight, and those waiting for one of the {@link Egress#MAX_CONNECTIONS} slots. */
  int openConnections;
  final java.util.ArrayDeque<Runnable> waitingConnections = new java.util.ArrayDeque<>();
  /** Completed when the invocation ends: outbound work still running for it cancels itself. */
  final CompletableFuture<Void> over = new CompletableFuture<>();
  /** Runtime ∧ namespace ∧ script ∧ dispatch limits; set when it starts on an instance. */
  Limits limits = Limits.none();
  long cpuNanos;
  /** The instance's timer counter when this invocation started (to tell whether it set any). */
  int timerSequenceAtStart;
  long allocatedBytes;
  boolean responded;
  /**
   * Body streams the guest reads on demand, by id: 0 is the request's own body (when it is a
   * stream), others are subrequest responses. Closed when the invocation ends.
   */
  final java.util.Map<Integer, java.io.InputStream> streams = new java.util.HashMap<>();
  /** The response body the guest is still streaming to the host, else null. */
  BodyPipe responsePipe;
  /** Request bodies the guest streams into its subrequests, by id (from 1). */
  final java.util.Map<Integer, BodyPipe> pipes = new java.util.HashMap<>();
  Response response;
  private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
  int waitUntilPending;
  int status;

  private final List<LogEntry> logs = new ArrayList<>();
  private int logChars;
  private boolean logsTruncated;
  private final List<String> exceptions = new ArrayList<>();

  Invocation(String namespace, String script, Request request, DispatchOptions options) {
    this.namespace = namespace;
    this.script = script;
    this.request = request;
    this.options = options;
  }

  /** Claims the right to end this invocation; true for exactly one caller. Any thread. */
  boolean tryEnd() {
    return ended.compareAndSet(false, true);
  }

  boolean finished() {
    return ended.get();
  }

  void log(String level, String message) {
    if (logs.size() >= MAX_LOG_LINES || logChars + message.length() > MAX_LOG_CHARS) {
      logsTruncated = true;
      return;
    }
    logChars += message.length();
    logs.add(new LogEntry(level, message, System.currentTimeMillis()));
  }

  void exception(String message, String stack) {
    if (exceptions.size() < MAX_LOG_LINES) {
      exceptions.add(stack.isEmpty() ? message : stack.startsWith(message) ? stack : message + "\n" + stack);
    }
  }

  /** The event for listeners; call once, when the invocation is over. */
  InvocationEvent event(Outcome outcome, IsletException error) {
    return new InvocationEvent(
        namespace,
        script,
        version,
        outcome,
        status,
        Duration.ofNanos(cpuNanos),
        allocatedBytes,
        Duration.ofNanos(System.nanoTime() - startNanos),
        coldStart,
        logs,
        logsTruncated,
        exceptions,
        Optional.ofNullable(error));
  }
}
