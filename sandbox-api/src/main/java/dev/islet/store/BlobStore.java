package dev.islet.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Storage for the Workers R2 API. A worker reaches a bucket only through a {@code
 * Binding.blob(bucket)} in its {@code env}; the store keeps buckets apart, so a tenant sees nothing
 * outside the buckets it was bound to.
 *
 * <p>Keys are non-empty strings of at most {@link #MAX_KEY_BYTES} UTF-8 bytes (checked by the runtime
 * before a store is called). A store makes each object's version (unique per write) and etag (the
 * hex MD5 of its bytes for a single-part write), and records the upload time.
 *
 * <p>Implementations must be thread-safe and should not block the calling thread. A failed future
 * reaches the worker as an error with an opaque reference; the cause is logged for the host.
 */
public interface BlobStore extends AutoCloseable {
  /** R2's key size limit, in UTF-8 bytes. */
  int MAX_KEY_BYTES = 1024;
  /** Most objects (and delimited prefixes) one {@link #list} returns. */
  int MAX_LIST_LIMIT = 1000;

  /** The object's description, without its bytes; empty if absent. */
  CompletableFuture<Optional<BlobObject>> head(String bucket, String key);

  /**
   * The object and the bytes of {@code range} (null: all of them); empty if absent. A range past the
   * end is clipped to the object's size.
   */
  CompletableFuture<Optional<BlobContent>> get(String bucket, String key, BlobRange range);

  /** Stores {@code data} under {@code key}, replacing any previous object; returns what was stored. */
  CompletableFuture<BlobObject> put(String bucket, String key, byte[] data, BlobMetadata metadata);

  /** Removes the keys; absent keys are ignored. */
  CompletableFuture<Void> delete(String bucket, List<String> keys);

  /**
   * Objects whose key starts with {@code prefix}, in ascending UTF-8 byte order, after {@code
   * startAfter} and after the position of {@code cursor} (both may be null). With a {@code
   * delimiter}, keys that contain it after the prefix are rolled up into {@link
   * BlobPage#delimitedPrefixes()} (each counts once toward {@code limit}).
   *
   * @throws IllegalArgumentException (or a future failed with it) for a cursor this store did not make
   */
  CompletableFuture<BlobPage> list(String bucket, String prefix, String delimiter, String startAfter,
      String cursor, int limit);

  /** Releases connections or files; the default does nothing. */
  @Override
  default void close() {}
}
