package dev.islet.store;

import java.util.Objects;

/**
 * An object with the bytes of the requested range.
 *
 * @param object the whole object's description
 * @param data the bytes (the whole object, or the range); not copied
 * @param offset where {@code data} starts in the object
 */
public record BlobContent(BlobObject object, byte[] data, long offset) {
  public BlobContent {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(data, "data");
  }
}
