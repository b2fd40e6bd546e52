package dev.islet.store;

import java.util.List;
import java.util.Objects;

/**
 * A page of {@link BlobStore#list}.
 *
 * @param objects the objects, in ascending key order
 * @param delimitedPrefixes the rolled-up prefixes (when a delimiter was given), in ascending order
 * @param cursor where the next page starts, or null when this is the last page
 */
public record BlobPage(List<BlobObject> objects, List<String> delimitedPrefixes, String cursor) {
  public BlobPage {
    objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
    delimitedPrefixes = List.copyOf(Objects.requireNonNull(delimitedPrefixes, "delimitedPrefixes"));
  }

  /** Whether more results follow. */
  public boolean truncated() {
    return cursor != null;
  }
}
