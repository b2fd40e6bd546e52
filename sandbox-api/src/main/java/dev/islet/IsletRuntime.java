package dev.islet;

import dev.islet.spi.IsletRuntimeProvider;
import dev.islet.spi.RuntimeConfig;
import dev.islet.store.BlobStore;
import dev.islet.store.KvStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The root object: owns the shared JavaScript engine, its threads and every namespace. Create one per
 * application and close it on shutdown.
 *
 * <pre>{@code
 * try (IsletRuntime runtime = IsletRuntime.newBuilder().build()) {
 *   Namespace ns = runtime.namespace("production");
 *   ns.deploy(WorkerScript.newBuilder("acme")
 *       .mainModule("worker.js", "export default { fetch() { return new Response('hi') } }")
 *       .build());
 *   Response r = ns.dispatcher().get("acme").fetch(Request.get("https://acme.example/")).join();
 * }
 * }</pre>
 *
 * <p>Thread-safe. After {@link #close()} every method throws {@link IsletException} with {@link
 * Outcome#REJECTED}, and pending invocations complete exceptionally.
 */
public interface IsletRuntime extends AutoCloseable {
  /** A builder; {@link Builder#build()} finds the engine with {@link ServiceLoader}. */
  static Builder newBuilder() {
    return new Builder();
  }

  /** The namespace of that name, created empty (with default options) on first use. Names follow
   * script-name rules. */
  Namespace namespace(String name);

  /**
   * The namespace of that name, created with {@code options} on first use.
   *
   * @throws IllegalArgumentException if it already exists with other options
   */
  Namespace namespace(String name, NamespaceOptions options);

  /** Whether guest code is JIT-compiled on this JVM (see the README's JIT recipe). */
  CompilationMode compilationMode();

  /** What the runtime holds now: spare contexts, cached workers, live instances, active invocations. */
  RuntimeStats stats();

  /**
   * Completes when the start-up warm-up ({@link Builder#warmUp}) is over, at once if there is none.
   * Never fails: a warm-up that went wrong is logged and ends early.
   */
  java.util.concurrent.CompletableFuture<Void> warmUpDone();

  /** Stops every instance and thread. Idempotent. */
  @Override
  void close();

  /**
   * The runtime-wide limits unless {@link Builder#defaultLimits} replaces them: 30 s CPU time, 1000
   * subrequests, 1000 KV and 1000 blob operations per invocation (Workers' defaults).
   */
  Limits DEFAULT_LIMITS = Limits.of(Limits.cpuTime(java.time.Duration.ofSeconds(30)), Limits.subRequests(1000),
      Limits.kvOperations(1000), Limits.blobOperations(1000));

  /** Configures an {@link IsletRuntime}. Not thread-safe. */
  final class Builder {
    private final List<InvocationListener> listeners = new ArrayList<>();
    private int maxInstancesPerWorker = 4;
    private long maxCachedInstances = 10_000;
    private long maxCachedMemory;
    private Duration instanceIdleTimeout = Duration.ofMinutes(5);
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private Limits defaultLimits = DEFAULT_LIMITS;
    private int spareContexts = 2;
    private int warmUpTenants;
    private KvStore kvStore;
    private BlobStore blobStore;
    private java.nio.file.Path dataDirectory = java.nio.file.Path.of("islet-data");

    private Builder() {}

    /**
     * The store behind every KV binding ({@link Binding#kv}). Each binding names a KV namespace, and
     * a worker reaches only the namespaces it is bound to. The runtime does not close a store it is
     * given. Without one, the runtime opens the embedded persistent default, an SQLite file {@code
     * kv.sqlite} in the {@link #dataDirectory} (when the first script with a KV binding is deployed),
     * and closes it on {@link IsletRuntime#close()}.
     */
    public Builder kvStore(KvStore store) {
      this.kvStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The store behind every blob (R2) binding ({@link Binding#blob}). Each binding names a bucket,
     * and a worker reaches only the buckets it is bound to. The runtime does not close a store it is
     * given. Without one, the runtime opens the embedded persistent default, one file per object
     * under {@code blobs/} in the {@link #dataDirectory} (when the first script with a blob binding
     * is deployed), and closes it on {@link IsletRuntime#close()}.
     */
    public Builder blobStore(BlobStore store) {
      this.blobStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Where the default stores keep their data when {@link #kvStore} or {@link #blobStore} is not
     * set; default {@code islet-data} in the working directory. Created when first needed. One
     * runtime at a time may use a directory: a second one's deploy of a script with a blob binding
     * fails while the first is open.
     *
     * <pre>{@code
     * IsletRuntime.newBuilder().dataDirectory(Path.of("/var/lib/islet")).build();
     * }</pre>
     */
    public Builder dataDirectory(java.nio.file.Path directory) {
      this.dataDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Adds a listener for invocation events (metrics, logs, tail consumers). */
    public Builder listener(InvocationListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** How many instances one worker version may have at once (concurrent requests); default 4. */
    public Builder maxInstancesPerWorker(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxInstancesPerWorker must be >= 1, was " + max);
      }
      this.maxInstancesPerWorker = max;
      return this;
    }

    /** How many worker versions keep live instances before the least recently used are evicted. */
    public Builder maxCachedWorkers(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxCachedWorkers must be >= 1, was " + max);
      }
      this.maxCachedInstances = max;
      return this;
    }

    /**
     * Bounds the memory of cached workers: when the estimated footprint of all cached workers'
     * instances passes {@code bytes}, some workers' instances are closed (their
     * scripts stay deployed; the next request loads them again), chosen as for
     * {@link #maxCachedWorkers} by recency and frequency of use. A worker's footprint is measured
     * when its first instance loads: the bytes allocated while its code was evaluated, plus the
     * measured cost of an idle context with the prelude (about 150 KiB). Allocation counts garbage
     * too, so the estimate errs high. Applies together with {@link #maxCachedWorkers}. Default: no
     * memory bound.
     *
     * <pre>{@code
     * IsletRuntime.newBuilder().maxCachedMemory(512L << 20).build(); // at most ~512 MiB of idle tenants
     * }</pre>
     */
    public Builder maxCachedMemory(long bytes) {
      if (bytes < 1 << 20) {
        throw new IllegalArgumentException("maxCachedMemory must be >= 1 MiB, was " + bytes);
      }
      this.maxCachedMemory = bytes;
      return this;
    }

    /** A worker's instances are closed after this long without requests; default 5 minutes. */
    public Builder instanceIdleTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("instanceIdleTimeout must be positive, was " + timeout);
      }
      this.instanceIdleTimeout = timeout;
      return this;
    }

    /** Threads that run guest code; default the number of processors (at least 2). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * How many contexts to keep ready (prelude evaluated, no tenant) so that a new tenant's first
     * request skips creating one; refilled in the background. Default 2; 0 turns it off. A spare is
     * never reused across tenants.
     */
    public Builder spareContexts(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("spareContexts must be >= 0, was " + count);
      }
      this.spareContexts = count;
      return this;
    }

    /**
     * Runs {@code tenants} synthetic new tenants (deploy, one request, delete, in a namespace of
     * their own) on a background thread after start, so that the first real tenants do not pay the
     * cold phase of the JIT and of the engine's caches (GraalJS needs ~1,500 new contexts before
     * cold-start times settle). Default 0 (off); {@link IsletRuntime#warmUpDone()} tells when it is
     * over. Costs CPU while it runs.
     */
    public Builder warmUp(int tenants) {
      if (tenants < 0) {
        throw new IllegalArgumentException("warmUp must be >= 0, was " + tenants);
      }
      this.warmUpTenants = tenants;
      return this;
    }

    /**
     * Replaces the limits applied to every invocation in every namespace (default {@link
     * #DEFAULT_LIMITS}: 30 s of CPU, as Workers allows by default). Namespaces, scripts and
     * dispatches can only tighten them. {@code defaultLimits(Limits.none())} removes them.
     */
    public Builder defaultLimits(Limits... limits) {
      this.defaultLimits = Limits.of(limits);
      return this;
    }

    /**
     * Starts the runtime.
     *
     * @throws IsletException with {@link Outcome#INTERNAL_ERROR} if no engine is on the class or
     *     module path (add {@code dev.islet:sandbox-graal})
     */
    public IsletRuntime build() {
      RuntimeConfig config =
          new RuntimeConfig(
              listeners, maxInstancesPerWorker, maxCachedInstances, maxCachedMemory, instanceIdleTimeout, threads,
              defaultLimits, spareContexts, kvStore, blobStore, dataDirectory, warmUpTenants);
      for (IsletRuntimeProvider provider : ServiceLoader.load(IsletRuntimeProvider.class,
          IsletRuntime.class.getClassLoader())) {
        return provider.create(config);
      }
      for (IsletRuntimeProvider provider : ServiceLoader.load(IsletRuntimeProvider.class)) {
        return provider.create(config);
      }
      throw new IsletException(
          Outcome.INTERNAL_ERROR,
          "no Islet engine found: add dev.islet:sandbox-graal to the class or module path");
    }
  }
}
