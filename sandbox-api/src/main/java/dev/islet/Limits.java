package dev.islet;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Resource limits for an invocation. Immutable; unset limits are inherited from the script, then the
 * namespace, then the runtime. Where several apply, the lowest wins ({@link #and}).
 *
 * <pre>{@code
 * DispatchOptions opts = DispatchOptions.limits(Limits.cpuMs(50), Limits.subRequests(20));
 * }</pre>
 *
 * <p>Thread-safe (immutable). Factories throw {@link IllegalArgumentException} for values that are
 * zero or negative.
 */
public final class Limits {
  /** The limit a {@link LimitExceededException} names. */
  public enum Kind {
    CPU_TIME,
    WALL_TIME,
    SUBREQUESTS,
    /** KV binding operations (each get, getWithMetadata, put, delete or list call). */
    KV_OPERATIONS,
    /** Blob (R2) binding operations (each head, get, put, delete, list or multipart call). */
    BLOB_OPERATIONS,
    MEMORY,
    STARTUP_CPU_TIME,
    SCRIPT_SIZE,
    ENV_SIZE
  }

  private static final Limits NONE = new Limits(-1, -1, -1, -1, -1, -1);

  private final long cpuNanos;
  private final long wallNanos;
  private final int subRequests;
  private final long memoryBytes;
  private final int kvOperations;
  private final int blobOperations;

  private Limits(long cpuNanos, long wallNanos, int subRequests, long memoryBytes, int kvOperations,
      int blobOperations) {
    this.cpuNanos = cpuNanos;
    this.wallNanos = wallNanos;
    this.subRequests = subRequests;
    this.memoryBytes = memoryBytes;
    this.kvOperations = kvOperations;
    this.blobOperations = blobOperations;
  }

  /** No limits set. */
  public static Limits none() {
    return NONE;
  }

  /** CPU time per invocation (time spent running guest code, not waiting on I/O). */
  public static Limits cpuMs(long millis) {
    return cpuTime(Duration.ofMillis(millis));
  }

  /** CPU time per invocation. */
  public static Limits cpuTime(Duration cpu) {
    return new Limits(positive(cpu, "cpuTime"), -1, -1, -1, -1, -1);
  }

  /** Wall-clock time per invocation, including time waiting on I/O and {@code waitUntil}. */
  public static Limits wallTime(Duration wall) {
    return new Limits(-1, positive(wall, "wallTime"), -1, -1, -1, -1);
  }

  /**
   * Subrequests per invocation: each {@code fetch()} (each hop of a followed redirect counts) and
   * each service-binding call. Zero forbids them. The request over the limit ends the invocation with
   * a {@link LimitExceededException} for {@link Kind#SUBREQUESTS}.
   */
  public static Limits subRequests(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("subRequests must be >= 0, was " + count);
    }
    return new Limits(-1, -1, count, -1, -1, -1);
  }

  /**
   * Bytes the guest may allocate for one invocation (garbage included: it is what can be measured
   * per thread without stopping the world). Live data is guarded separately by the runtime's heap
   * guard.
   */
  public static Limits memoryBytes(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("memoryBytes must be > 0, was " + bytes);
    }
    return new Limits(-1, -1, -1, bytes, -1, -1);
  }

  /**
   * KV operations per invocation, counted apart from subrequests (Workers allows 1000): each call of
   * a KV binding's {@code get} (a bulk get of many keys counts once), {@code getWithMetadata},
   * {@code put}, {@code delete} or {@code list}. Zero forbids them. The operation over the limit ends
   * the invocation with a {@link LimitExceededException} for {@link Kind#KV_OPERATIONS}.
   */
  public static Limits kvOperations(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("kvOperations must be >= 0, was " + count);
    }
    return new Limits(-1, -1, -1, -1, count, -1);
  }

  /**
   * Blob (R2) operations per invocation, counted apart from subrequests and KV operations: each call
   * of a blob binding's {@code head}, {@code get}, {@code put}, {@code delete} (a delete of many keys
   * counts once) or {@code list}. Zero forbids them. The operation over the limit ends the invocation
   * with a {@link LimitExceededException} for {@link Kind#BLOB_OPERATIONS}.
   */
  public static Limits blobOperations(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("blobOperations must be >= 0, was " + count);
    }
    return new Limits(-1, -1, -1, -1, -1, count);
  }

  /** Combines several limits; where two set the same one, the lower wins. */
  public static Limits of(Limits... parts) {
    Limits result = NONE;
    for (Limits part : parts) {
      result = result.and(Objects.requireNonNull(part, "limits"));
    }
    return result;
  }

  /** These limits tightened by {@code other}: each limit is the lower of the two that are set. */
  public Limits and(Limits other) {
    return new Limits(
        min(cpuNanos, other.cpuNanos),
        min(wallNanos, other.wallNanos),
        (int) min(subRequests, other.subRequests),
        min(memoryBytes, other.memoryBytes),
        (int) min(kvOperations, other.kvOperations),
        (int) min(blobOperations, other.blobOperations));
  }

  public java.util.Optional<Duration> cpuTime() {
    return cpuNanos < 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofNanos(cpuNanos));
  }

  public java.util.Optional<Duration> wallTime() {
    return wallNanos < 0 ? java.util.Optional.empty() : java.util.Optional.of(Duration.ofNanos(wallNanos));
  }

  public OptionalInt subRequests() {
    return subRequests < 0 ? OptionalInt.empty() : OptionalInt.of(subRequests);
  }

  public OptionalInt kvOperations() {
    return kvOperations < 0 ? OptionalInt.empty() : OptionalInt.of(kvOperations);
  }

  public OptionalInt blobOperations() {
    return blobOperations < 0 ? OptionalInt.empty() : OptionalInt.of(blobOperations);
  }

  public OptionalLong memoryBytes() {
    return memoryBytes < 0 ? OptionalLong.empty() : OptionalLong.of(memoryBytes);
  }

  private static long positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d.toNanos();
  }

  private static long min(long a, long b) {
    if (a < 0) {
      return b;
    }
    if (b < 0) {
      return a;
    }
    return Math.min(a, b);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Limits)) {
      return false;
    }
    Limits l = (Limits) o;
    return cpuNanos == l.cpuNanos
        && wallNanos == l.wallNanos
        && subRequests == l.subRequests
        && memoryBytes == l.memoryBytes
        && kvOperations == l.kvOperations
        && blobOperations == l.blobOperations;
  }

  @Override
  public int hashCode() {
    return Objects.hash(cpuNanos, wallNanos, subRequests, memoryBytes, kvOperations, blobOperations);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Limits{");
    cpuTime().ifPresent(d -> sb.append("cpu=").append(d.toMillis()).append("ms "));
    wallTime().ifPresent(d -> sb.append("wall=").append(d.toMillis()).append("ms "));
    subRequests().ifPresent(n -> sb.append("subRequests=").append(n).append(' '));
    memoryBytes().ifPresent(n -> sb.append("memory=").append(n).append("B "));
    kvOperations().ifPresent(n -> sb.append("kvOperations=").append(n).append(' '));
    blobOperations().ifPresent(n -> sb.append("blobOperations=").append(n).append(' '));
    return sb.toString().trim() + "}";
  }
}
