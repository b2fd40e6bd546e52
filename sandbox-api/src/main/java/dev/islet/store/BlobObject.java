package dev.islet.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored object's description.
 *
 * @param key its key
 * @param version unique per write
 * @param size length in bytes
 * @param etag the entity tag, without quotes
 * @param uploaded when it was written
 * @param metadata HTTP and custom metadata, checksums
 */
public record BlobObject(String key, String version, long size, String etag, Instant uploaded, BlobMetadata metadata) {
  public BlobObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(uploaded, "uploaded");
    Objects.requireNonNull(metadata, "metadata");
  }
}
