package dev.islet.store;

import java.util.List;
import java.util.Objects;

/**
 * A page of {@link KvStore#list}.
 *
 * @param keys the keys, in ascending UTF-8 byte order
 * @param cursor where the next page starts, or null when this is the last page
 */
public record KvPage(List<KvKey> keys, String cursor) {
  public KvPage {
    keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
  }

  /** Whether no page follows. */
  public boolean complete() {
    return cursor == null;
  }
}
