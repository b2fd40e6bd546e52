package dev.islet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a namespace's outbound {@code fetch()} ends after its {@link EgressInterceptor}s: nowhere
 * ({@link #none()}), or a real HTTP client restricted to an allow-list of hosts.
 *
 * <pre>{@code
 * Network api = Network.newBuilder()
 *     .allowHosts("api.example.com", "*.stripe.com")   // empty list: any public host
 *     .timeout(Duration.ofSeconds(10))
 *     .maxResponseBytes(16 << 20)
 *     .build();
 * }</pre>
 *
 * <p>The HTTP client refuses, unless {@link Builder#allowPrivateAddresses(boolean)} is set, hosts
 * that resolve to loopback, link-local, private (RFC 1918, IPv6 unique-local), carrier-grade NAT,
 * multicast or unspecified addresses, so a tenant cannot reach the host's own services or its cloud
 * metadata endpoint. The check is made on the addresses the name resolves to just before the
 * connection; a DNS server that answers differently a moment later (rebinding) is not defended
 * against. Only {@code http} and {@code https} URLs are fetched; there are no raw sockets.
 *
 * <p>A refused request rejects the worker's {@code fetch} with a {@code TypeError} that says why.
 * Immutable and thread-safe.
 */
public final class Network {
  /** Default {@link Builder#timeout}: 30 s for the whole exchange. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@link Builder#maxResponseBytes}: 32 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L << 20;
  private static final Pattern HOST_PATTERN =
      Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\\[[0-9a-f:.]+\\]");

  private static final Network NONE = new Network(false, List.of(), false, DEFAULT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES);

  private final boolean enabled;
  private final List<String> allowHosts;
  private final boolean allowPrivateAddresses;
  private final Duration timeout;
  private final long maxResponseBytes;

  private Network(boolean enabled, List<String> allowHosts, boolean allowPrivateAddresses,
      Duration timeout, long maxResponseBytes) {
    this.enabled = enabled;
    this.allowHosts = allowHosts;
    this.allowPrivateAddresses = allowPrivateAddresses;
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** No network: every request that gets past the interceptors is refused. */
  public static Network none() {
    return NONE;
  }

  /** An HTTP client to any public host, with the default timeout and size cap. */
  public static Network internet() {
    return newBuilder().build();
  }

  public static Builder newBuilder() {
    return new Builder();
  }

  /** False for {@link #none()}. */
  public boolean enabled() {
    return enabled;
  }

  /** Host patterns ({@code example.com}, {@code *.example.com}); empty means any host. */
  public List<String> allowHosts() {
    return allowHosts;
  }

  public boolean allowPrivateAddresses() {
    return allowPrivateAddresses;
  }

  public Duration timeout() {
    return timeout;
  }

  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Whether {@code host} matches the allow-list: an exact name, or {@code *.suffix} for any name
   * below {@code suffix} (not {@code suffix} itself). Case-insensitive.
   */
  public boolean allowsHost(String host) {
    if (!enabled) {
      return false;
    }
    if (allowHosts.isEmpty()) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    for (String p : allowHosts) {
      if (p.startsWith("*.") ? h.endsWith(p.substring(1)) && h.length() > p.length() - 1 : h.equals(p)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Network)) {
      return false;
    }
    Network n = (Network) o;
    return enabled == n.enabled && allowHosts.equals(n.allowHosts)
        && allowPrivateAddresses == n.allowPrivateAddresses && timeout.equals(n.timeout)
        && maxResponseBytes == n.maxResponseBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, allowHosts, allowPrivateAddresses, timeout, maxResponseBytes);
  }

  @Override
  public String toString() {
    if (!enabled) {
      return "Network{none}";
    }
    return "Network{hosts=" + (allowHosts.isEmpty() ? "*" : allowHosts)
        + (allowPrivateAddresses ? ", private allowed" : "") + ", timeout=" + timeout.toMillis()
        + "ms, maxResponse=" + maxResponseBytes + "B}";
  }

  /** Builds an enabled {@link Network}. Not thread-safe. */
  public static final class Builder {
    private final List<String> allowHosts = new ArrayList<>();
    private boolean allowPrivateAddresses;
    private Duration timeout = DEFAULT_TIMEOUT;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

    private Builder() {}

    /**
     * Adds hosts workers may reach: {@code api.example.com}, {@code *.example.com} (subdomains
     * only), an IPv4 literal or a bracketed IPv6 literal. With none added, any host is allowed.
     *
     * @throws IllegalArgumentException for a malformed pattern
     */
    public Builder allowHosts(String... patterns) {
      for (String p : patterns) {
        String lower = Objects.requireNonNull(p, "host pattern").toLowerCase(Locale.ROOT);
        if (!HOST_PATTERN.matcher(lower).matches()) {
          throw new IllegalArgumentException("not a host pattern: \"" + p + "\"");
        }
        allowHosts.add(lower);
      }
      return this;
    }

    /**
     * Lets workers reach loopback, link-local and private addresses (for example a service on
     * 127.0.0.1 in tests). Default false.
     */
    public Builder allowPrivateAddresses(boolean allow) {
      this.allowPrivateAddresses = allow;
      return this;
    }

    /** Time for one exchange, from connecting to the last byte of the response. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Largest response body accepted; a larger one fails the worker's fetch. */
    public Builder maxResponseBytes(long bytes) {
      if (bytes <= 0 || bytes > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("maxResponseBytes must be in 1.." + (Integer.MAX_VALUE - 8) + ", was " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    public Network build() {
      return new Network(true, List.copyOf(allowHosts), allowPrivateAddresses, timeout, maxResponseBytes);
    }
  }
}
