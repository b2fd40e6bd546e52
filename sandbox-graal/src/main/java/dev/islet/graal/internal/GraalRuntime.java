package dev.islet.graal.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import dev.islet.CompilationMode;
import dev.islet.InvocationEvent;
import dev.islet.InvocationListener;
import dev.islet.IsletException;
import dev.islet.IsletRuntime;
import dev.islet.Limits;
import dev.islet.Namespace;
import dev.islet.NamespaceOptions;
import dev.islet.Outcome;
import dev.islet.ScriptInfo;
import dev.islet.WorkerScript;
import dev.islet.spi.RuntimeConfig;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.graalvm.polyglot.Engine;

/**
 * The GraalVM-backed {@link IsletRuntime}: one shared {@link Engine} (parsed code and JIT output are
 * shared by every context), the guest threads that run event loops, a timer thread, the instance
 * cache and the namespaces.
 */
final class GraalRuntime implements IsletRuntime {
  private final RuntimeConfig config;
  private final DefaultStores defaultStores;
  private final Engine engine;
  private final CompilationMode mode;
  private final IsolateFactory isolates;
  private final SpareContextPool spares;
  private final ThreadPoolExecutor guestThreads;
  private final ScheduledThreadPoolExecutor timers;
  private final Watchdog watchdog = new Watchdog();
  // Closing a context waits for guest code to stop: done here, never on the watchdog or timer thread.
  private final ExecutorService reaper = Executors.newCachedThreadPool(daemonThreads("islet-reaper-"));
  private final Cache<WorkerVersion, InstancePool> pools;
  /** Estimated bytes held by the cached workers' instances (see {@link InstancePool#footprint}). */
  private final java.util.concurrent.atomic.AtomicLong cachedBytes = new java.util.concurrent.atomic.AtomicLong();
  private final Map<String, GraalNamespace> namespaces = new ConcurrentHashMap<>();
  /** Invocations whose future is not complete yet: failed on close so no caller waits forever. */
  private final Set<Invocation> inFlight = ConcurrentHashMap.newKeySet();
  /** Blocking outbound work (DNS, stream bodies) and the HTTP client's own tasks. */
  // Bounded: a subrequest flood must not turn into a thread per request (work beyond it queues).
  private final ExecutorService io = boundedPool(32, "islet-io-");
  private final Egress egress = new Egress(this, io);
  private final java.util.concurrent.CompletableFuture<Void> warmUpDone = new java.util.concurrent.CompletableFuture<>();
  private volatile boolean closed;

  /** The warm-up's namespace: not a valid user name, so it never clashes; its events are not reported. */
  static final String WARM_UP_NAMESPACE = "~warm-up";

  GraalRuntime(RuntimeConfig config) {
    this.config = config;
    this.defaultStores = new DefaultStores(config.dataDirectory());
    this.engine =
        Engine.newBuilder("js", "wasm")
            // Where no compiler is installed we say so once, through compilationMode() and the log.
            .option("engine.WarnInterpreterOnly", "false")
            .out(OutputStream.nullOutputStream())
            .err(OutputStream.nullOutputStream())
            .build();
    this.mode =
        engine.getImplementationName().toLowerCase(java.util.Locale.ROOT).contains("interpreted")
            ? CompilationMode.INTERPRETED
            : CompilationMode.JIT;
    if (mode == CompilationMode.INTERPRETED) {
      Log.LOGGER.log(
          System.Logger.Level.INFO,
          "Islet runs guest code interpreted (no Graal compiler on this JVM); see the README's JIT"
              + " recipe for 5-40x faster guests");
    }
    this.isolates = new IsolateFactory(engine);
    this.spares = new SpareContextPool(isolates, config.spareContexts());
    this.guestThreads =
        new ThreadPoolExecutor(
            config.threads(), config.threads(), 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            daemonThreads("islet-guest-"));
    this.timers = new ScheduledThreadPoolExecutor(1, daemonThreads("islet-timer-"));
    timers.setRemoveOnCancelPolicy(true);
    this.pools =
        Caffeine.newBuilder()
            .expireAfterAccess(config.instanceIdleTimeout())
            .maximumSize(config.maxCachedWorkers())
            .scheduler(Scheduler.systemScheduler())
            .executor(Runnable::run)
            .<WorkerVersion, InstancePool>removalListener((version, pool, cause) -> {
              if (pool != null) {
                cachedBytes.addAndGet(-pool.footprint);
                pool.close();
              }
            })
            .build();
    if (config.warmUpTenants() > 0) {
      Thread t = new Thread(() -> warmUp(config.warmUpTenants()), "islet-warm-up");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      t.start();
    } else {
      warmUpDone.complete(null);
    }
  }

  /**
   * Synthetic new tenants through the public path (deploy, one request, delete), half with shared
   * and half with unique code, in a namespace of their own whose events listeners never see.
   */
  private void warmUp(int tenants) {
    GraalNamespace ns = new GraalNamespace(this, WARM_UP_NAMESPACE, dev.islet.NamespaceOptions.defaults());
    try {
      for (int i = 0; i < tenants && !closed; i++) {
        String name = "w" + i;
        String code = (i % 2 == 0 ? "" : "// " + i + "\n")
            + "export default { async fetch(request, env, ctx) {\n"
            + "  const url = request.url, q = url.indexOf('?');\n"
            + "  const h = new Headers({ 'content-type': 'application/json' });\n"
            + "  h.set('x-agent', request.headers.get('user-agent') || '');\n"
            + "  if (request.method === 'POST') return new Response(await request.text(), { headers: h });\n"
            + "  return Response.json({ url, path: url.substring(url.indexOf('/', 8), q < 0 ? url.length : q) }, { headers: h });\n"
            + "} };\n";
        ns.deploy(dev.islet.WorkerScript.newBuilder(name).mainModule("worker.js", code).build());
        dev.islet.Request request = i % 3 == 0
            ? dev.islet.Request.newBuilder("https://warm-up.invalid/items").method("POST").body("warm").build()
            : dev.islet.Request.newBuilder("https://warm-up.invalid/items/" + i + "?q=1").header("user-agent", "islet").build();
        ns.dispatcher().get(name).fetch(request).get(30, TimeUnit.SECONDS).body().text();
        ns.delete(name);
      }
    } catch (Exception e) {
      if (!closed) {
        Log.LOGGER.log(System.Logger.Level.WARNING, "start-up warm-up stopped early", e);
      }
    } finally {
      warmUpDone.complete(null);
    }
  }

  @Override
  public java.util.concurrent.CompletableFuture<Void> warmUpDone() {
    return warmUpDone.copy();
  }

  @Override
  public dev.islet.RuntimeStats stats() {
    int live = 0;
    for (InstancePool pool : pools.asMap().values()) {
      live += pool.liveCount();
    }
    return new dev.islet.RuntimeStats(spares.ready(false) + spares.ready(true), config.spareContexts(),
        pools.estimatedSize(), live, inFlight.size(), !warmUpDone.isDone());
  }

  private static ExecutorService boundedPool(int threads, String prefix) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads(prefix));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public Namespace namespace(String name) {
    Objects.requireNonNull(name, "name");
    GraalNamespace existing = namespaces.get(name);
    return existing != null ? existing : namespace(name, NamespaceOptions.defaults());
  }

  @Override
  public Namespace namespace(String name, NamespaceOptions options) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(options, "options");
    checkOpen();
    // Namespace names follow script-name rules; reuse that validation.
    WorkerScript.newBuilder(name);
    GraalNamespace ns = namespaces.computeIfAbsent(name, n -> new GraalNamespace(this, n, options));
    if (!ns.options().equals(options)) {
      throw new IllegalArgumentException(
          "namespace \"" + name + "\" already exists with other options: " + ns.options());
    }
    return ns;
  }

  @Override
  public CompilationMode compilationMode() {
    return mode;
  }

  // ---- for the engine's own classes ----------------------------------------------------------

  SpareContextPool spares() {
    return spares;
  }

  /** Bounded pool for blocking I/O on behalf of guests (network, streamed bodies). */
  ExecutorService io() {
    return io;
  }

  ExecutorService guestThreads() {
    return guestThreads;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  Watchdog watchdog() {
    return watchdog;
  }

  ExecutorService reaper() {
    return reaper;
  }

  /**
   * The store behind KV bindings: the configured one, or the embedded default in the data
   * directory, opened on first use.
   *
   * @throws IsletException if the default store cannot be opened
   */
  dev.islet.store.KvStore kvStore() {
    dev.islet.store.KvStore given = config.kvStore();
    return given != null ? given : defaultStores.kv();
  }

  /** The store behind blob (R2) bindings, as {@link #kvStore()} for blobs. */
  dev.islet.store.BlobStore blobStore() {
    dev.islet.store.BlobStore given = config.blobStore();
    return given != null ? given : defaultStores.blobs();
  }

  Egress egress() {
    return egress;
  }

  /** The namespace of that name, or null. */
  GraalNamespace namespaceOf(String name) {
    return namespaces.get(name);
  }

  Limits defaultLimits() {
    return config.defaultLimits();
  }

  /**
   * Loads {@code version} on the calling thread when the watchdog can measure it, else (a virtual
   * thread, say) on a guest thread: a top level that never ends must still meet its startup limit.
   */
  WorkerInstance loadWatched(WorkerVersion version) {
    if (Watchdog.canWatchCurrentThread()) {
      return WorkerInstance.load(this, version);
    }
    try {
      return guestThreads.submit(() -> WorkerInstance.load(this, version)).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw GuestErrors.internal(e.getCause(), version);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IsletException(Outcome.CANCELED, "interrupted while deploying " + version, e);
    }
  }

  /** Registers a new invocation so that {@link #close()} can fail it if it is still running. */
  void track(Invocation inv) {
    inFlight.add(inv);
    inv.future.whenComplete((r, e) -> inFlight.remove(inv));
  }

  /** The pool of a version, created on first use; touching it counts as activity. */
  InstancePool pool(WorkerVersion version) {
    InstancePool pool = pools.getIfPresent(version);
    if (pool != null) {
      return pool;
    }
    boolean[] created = new boolean[1];
    pool = pools.get(version, v -> {
      InstancePool p = new InstancePool(this, v, config.maxInstancesPerWorker());
      p.footprint = CONTEXT_BYTES + v.footprint;
      cachedBytes.addAndGet(p.footprint);
      created[0] = true;
      return p;
    });
    if (created[0] && config.maxCachedMemory() > 0 && cachedBytes.get() > config.maxCachedMemory()) {
      trimToMemory(version);
    }
    return pool;
  }

  /** Live heap of an idle context with the prelude and no tenant (benchmarks/README.md, Density). */
  static final long CONTEXT_BYTES = 150 << 10;

  /**
   * Closes the coldest workers' instances (in the cache's eviction order) until the estimated
   * footprint of the cached ones fits the memory bound again; never {@code keep}, the one that
   * was just loaded.
   */
  private void trimToMemory(WorkerVersion keep) {
    pools.policy().eviction().ifPresent(eviction -> {
      while (cachedBytes.get() > config.maxCachedMemory()) {
        boolean evicted = false;
        for (WorkerVersion v : eviction.coldest(64).keySet()) {
          if (v != keep) {
            pools.invalidate(v);
            evicted = true;
            if (cachedBytes.get() <= config.maxCachedMemory()) {
              return;
            }
          }
        }
        if (!evicted) {
          return; // only the newest is left: it may exceed the bound alone
        }
      }
    });
  }
  /** An update or delete replaced {@code version}: no new requests, instances closed. */
  void retire(WorkerVersion version) {
    version.retired = true;
    pools.invalidate(version);
  }

  /** Completes {@code inv} with {@code error} before it ever ran, and reports it. */
  void failed(Invocation inv, IsletException error) {
    if (inv.tryEnd()) {
      fire(inv.event(error.outcome(), error));
      inv.future.completeExceptionally(error);
    }
  }

  void cancel(Invocation inv) {
    InstancePool pool = inv.pool;
    if (pool != null && pool.removeWaiting(inv)) {
      if (inv.tryEnd()) {
        fire(inv.event(Outcome.CANCELED, null));
      }
      return;
    }
    WorkerInstance instance = inv.instance;
    if (instance != null) {
      instance.cancel(inv);
    }
  }

  void fire(InvocationEvent event) {
    if (!event.namespace().equals(WARM_UP_NAMESPACE)) {
      notifyListeners(l -> l.onInvocation(event));
    }
  }

  void deployed(String namespace, ScriptInfo info) {
    if (!namespace.equals(WARM_UP_NAMESPACE)) {
      notifyListeners(l -> l.onDeploy(namespace, info));
    }
  }

  void deleted(String namespace, String script) {
    if (!namespace.equals(WARM_UP_NAMESPACE)) {
      notifyListeners(l -> l.onDelete(namespace, script));
    }
  }

  private void notifyListeners(Consumer<InvocationListener> call) {
    for (InvocationListener l : config.listeners()) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        Log.LOGGER.log(System.Logger.Level.WARNING, "invocation listener failed: " + l, e);
      }
    }
  }

  boolean isClosed() {
    return closed;
  }

  void checkOpen() {
    if (closed) {
      throw closedError();
    }
  }

  static IsletException closedError() {
    return new IsletException(Outcome.REJECTED, "the Islet runtime is closed");
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    IsletException reason = closedError();
    pools.asMap().values().forEach(pool -> pool.abort(reason));
    for (Invocation inv : inFlight) {
      if (inv.tryEnd()) {
        fire(inv.event(Outcome.REJECTED, reason));
      }
      inv.future.completeExceptionally(reason);
    }
    pools.invalidateAll();
    pools.cleanUp();
    spares.close();
    timers.shutdownNow();
    guestThreads.shutdownNow();
    // Cancels guest code still running, e.g. a loop with no limit; waits for contexts being made.
    isolates.closeEngine(() -> {
      try {
        engine.close(true);
      } catch (RuntimeException e) {
        Log.LOGGER.log(System.Logger.Level.DEBUG, "engine close", e);
      }
    });
    try {
      guestThreads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watchdog.close();
    reaper.shutdown();
    io.shutdownNow();
    defaultStores.close();
  }

  @Override
  public String toString() {
    return "IsletRuntime{" + mode + ", namespaces=" + namespaces.keySet() + "}";
  }
}
