package dev.islet.store;

import java.util.Objects;

/**
 * One key of a {@link KvPage}.
 *
 * @param name the key
 * @param expiration seconds since the epoch; 0 for never
 * @param metadata a JSON text, or null
 */
public record KvKey(String name, long expiration, String metadata) {
  public KvKey {
    Objects.requireNonNull(name, "name");
  }
}
