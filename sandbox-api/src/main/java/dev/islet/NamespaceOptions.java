package dev.islet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Namespace} treats its workers: trust, default limits, deploy-time caps and where their
 * outbound {@code fetch()} goes (egress interceptors, then a {@link Network}).
 *
 * <pre>{@code
 * Namespace ns = runtime.namespace("customers", NamespaceOptions.newBuilder()
 *     .limits(Limits.cpuMs(50), Limits.memoryBytes(64 << 20))
 *     .maxScriptSize(1 << 20)
 *     .build());
 * }</pre>
 *
 * <p>Untrusted (the default), as in Workers for Platforms: {@code eval} and {@code new Function} throw
 * {@code EvalError}, and requests carry no host metadata. A trusted namespace allows code generation
 * from strings and passes {@link Request#cf()} to workers as {@code request.cf}. Unless {@link
 * Builder#network} says otherwise, an untrusted namespace has no network ({@link Network#none()}) and a
 * trusted one reaches any public host ({@link Network#internet()}).
 *
 * <p>Immutable and thread-safe; builder methods throw {@link IllegalArgumentException} for values that
 * are zero or negative.
 */
public final class NamespaceOptions {
  /** Workers' paid-plan script size cap. */
  public static final long DEFAULT_MAX_SCRIPT_SIZE = 10L << 20;
  /** Total size of a script's bindings (names and values). */
  public static final long DEFAULT_MAX_ENV_SIZE = 1L << 20;
  /** CPU a script's top level may use when an instance starts (Workers: 400 ms; we allow more interpreted). */
  public static final Duration DEFAULT_STARTUP_CPU = Duration.ofSeconds(1);
  /** How long {@code ctx.waitUntil} work may run after the response (Workers: 30 s). */
  public static final Duration DEFAULT_WAIT_UNTIL_TIMEOUT = Duration.ofSeconds(30);

  private static final NamespaceOptions DEFAULTS = newBuilder().build();

  private final boolean trusted;
  private final Limits limits;
  private final long maxScriptSize;
  private final long maxEnvSize;
  private final Duration startupCpuTime;
  private final Duration waitUntilTimeout;
  private final List<EgressInterceptor> egress;
  private final Network network;
  private final WorkerRef outboundWorker;

  private NamespaceOptions(Builder b) {
    this.trusted = b.trusted;
    this.limits = b.limits;
    this.maxScriptSize = b.maxScriptSize;
    this.maxEnvSize = b.maxEnvSize;
    this.startupCpuTime = b.startupCpuTime;
    this.waitUntilTimeout = b.waitUntilTimeout;
    this.egress = List.copyOf(b.egress);
    this.network = b.network != null ? b.network : trusted ? Network.internet() : Network.none();
    this.outboundWorker = b.outboundWorker;
  }

  /** Untrusted, no limits beyond the runtime's, default caps. */
  public static NamespaceOptions defaults() {
    return DEFAULTS;
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.trusted = trusted;
    b.limits = limits;
    b.maxScriptSize = maxScriptSize;
    b.maxEnvSize = maxEnvSize;
    b.startupCpuTime = startupCpuTime;
    b.waitUntilTimeout = waitUntilTimeout;
    b.egress.addAll(egress);
    b.network = network;
    b.outboundWorker = outboundWorker;
    return b;
  }

  public boolean trusted() {
    return trusted;
  }

  /** Default limits for every invocation in the namespace (scripts and dispatches can only tighten). */
  public Limits limits() {
    return limits;
  }

  /** Largest total module size a script may have, in bytes. */
  public long maxScriptSize() {
    return maxScriptSize;
  }

  /** Largest total size of a script's bindings (names and values, UTF-8), in bytes. */
  public long maxEnvSize() {
    return maxEnvSize;
  }

  /** CPU time a script's top-level evaluation may use, at deploy and at each cold start. */
  public Duration startupCpuTime() {
    return startupCpuTime;
  }

  /** How long {@code ctx.waitUntil} work may go on after the response before it is cancelled. */
  public Duration waitUntilTimeout() {
    return waitUntilTimeout;
  }

  /** The egress interceptors every worker {@code fetch()} passes through, in order. */
  public List<EgressInterceptor> egress() {
    return egress;
  }

  /** Where requests go once the interceptors pass them on (unless there is an outbound worker). */
  public Network network() {
    return network;
  }

  /** The outbound worker requests go to after the interceptors, if one is set. */
  public java.util.Optional<WorkerRef> outboundWorker() {
    return java.util.Optional.ofNullable(outboundWorker);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NamespaceOptions)) {
      return false;
    }
    NamespaceOptions n = (NamespaceOptions) o;
    return trusted == n.trusted && limits.equals(n.limits) && maxScriptSize == n.maxScriptSize
        && maxEnvSize == n.maxEnvSize && startupCpuTime.equals(n.startupCpuTime)
        && waitUntilTimeout.equals(n.waitUntilTimeout) && egress.equals(n.egress)
        && network.equals(n.network) && Objects.equals(outboundWorker, n.outboundWorker);
  }

  @Override
  public int hashCode() {
    return Objects.hash(trusted, limits, maxScriptSize, maxEnvSize, startupCpuTime, waitUntilTimeout,
        egress, network, outboundWorker);
  }

  @Override
  public String toString() {
    return "NamespaceOptions{" + (trusted ? "trusted" : "untrusted") + ", " + limits
        + ", maxScriptSize=" + maxScriptSize + ", maxEnvSize=" + maxEnvSize
        + ", startupCpu=" + startupCpuTime.toMillis() + "ms, waitUntil=" + waitUntilTimeout.toMillis() + "ms, egress=" + egress.size()
        + " interceptors, " + network + "}";
  }

  /** Builds {@link NamespaceOptions}. Not thread-safe. */
  public static final class Builder {
    private boolean trusted;
    private Limits limits = Limits.none();
    private long maxScriptSize = DEFAULT_MAX_SCRIPT_SIZE;
    private long maxEnvSize = DEFAULT_MAX_ENV_SIZE;
    private Duration startupCpuTime = DEFAULT_STARTUP_CPU;
    private Duration waitUntilTimeout = DEFAULT_WAIT_UNTIL_TIMEOUT;
    private final List<EgressInterceptor> egress = new ArrayList<>();
    private Network network;
    private WorkerRef outboundWorker;

    private Builder() {}

    /** Trusted workers may generate code from strings and see {@code request.cf}. Default false. */
    public Builder trusted(boolean trusted) {
      this.trusted = trusted;
      return this;
    }

    /** Adds default limits; several calls combine, the lowest value of each wins. */
    public Builder limits(Limits... parts) {
      this.limits = limits.and(Limits.of(parts));
      return this;
    }

    public Builder maxScriptSize(long bytes) {
      this.maxScriptSize = positive(bytes, "maxScriptSize");
      return this;
    }

    public Builder maxEnvSize(long bytes) {
      this.maxEnvSize = positive(bytes, "maxEnvSize");
      return this;
    }

    public Builder startupCpuTime(Duration cpu) {
      this.startupCpuTime = positive(cpu, "startupCpuTime");
      return this;
    }

    /**
     * How long an invocation may go on after its response was delivered: {@code ctx.waitUntil()}
     * work, and the rest of a response body the worker streams (a body not complete by then is cut
     * off: the reader's next read throws an {@link java.io.IOException}). Default 30 seconds.
     */
    public Builder waitUntilTimeout(Duration timeout) {
      this.waitUntilTimeout = positive(timeout, "waitUntilTimeout");
      return this;
    }

    /** Appends egress interceptors; requests pass through them in the order added. */
    public Builder egress(EgressInterceptor... interceptors) {
      for (EgressInterceptor i : interceptors) {
        egress.add(Objects.requireNonNull(i, "interceptor"));
      }
      return this;
    }

    /** Where requests go after the interceptors; default by trust (see the class comment). */
    public Builder network(Network network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    /**
     * Sends every {@code fetch()} of the namespace's workers (after the interceptors) to a JS
     * <em>outbound worker</em> instead of the network, as Workers for Platforms does: worker {@code
     * script} of namespace {@code namespace} (usually the platform's own, trusted namespace) gets the
     * request, with the dispatch's outbound parameters ({@link DispatchOptions#outbound()}) as
     * properties of its {@code env}; it may answer, block, rewrite, or {@code fetch()} it onwards
     * — its own fetches go to its own namespace's {@link Network}. Each call counts as a subrequest
     * of the tenant. If the worker is not deployed, tenant fetches fail with a TypeError.
     */
    public Builder outboundWorker(String namespace, String script) {
      this.outboundWorker = new WorkerRef(namespace, script);
      return this;
    }

    public NamespaceOptions build() {
      return new NamespaceOptions(this);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }

    private static long positive(long v, String what) {
      if (v <= 0) {
        throw new IllegalArgumentException(what + " must be > 0, was " + v);
      }
      return v;
    }
  }
}
