package dev.islet.store;

import java.util.Objects;

/**
 * A stored KV value with its expiration and metadata.
 *
 * @param value the bytes (not copied: callers must not change the array afterwards)
 * @param expiration seconds since the epoch when the entry expires; 0 for never
 * @param metadata a JSON text, or null for none
 */
public record KvEntry(byte[] value, long expiration, String metadata) {
  public KvEntry {
    Objects.requireNonNull(value, "value");
    if (expiration < 0) {
      throw new IllegalArgumentException("expiration must be >= 0, was " + expiration);
    }
  }

  /** Whether the entry has expired at {@code epochSeconds}. */
  public boolean expiredAt(long epochSeconds) {
    return expiration != 0 && expiration <= epochSeconds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KvEntry e && java.util.Arrays.equals(value, e.value) && expiration == e.expiration
        && Objects.equals(metadata, e.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(java.util.Arrays.hashCode(value), expiration, metadata);
  }

  @Override
  public String toString() {
    return "KvEntry{" + value.length + " bytes, expiration=" + expiration + ", metadata=" + metadata + "}";
  }
}
