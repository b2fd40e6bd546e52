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
  /** The smallest a multipart upload's part may be, except the last (R2 and S3: 5 MiB). */
  int MIN_PART_BYTES = 5 << 20;
  /** The highest part number of a multipart upload. */
  int MAX_PARTS = 10_000;

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

  /**
   * Starts a multipart upload of {@code key}; the object appears only when {@link
   * #completeMultipartUpload} succeeds. Returns the upload's id, unique in the bucket. Stores that
   * do not support multipart uploads keep this default, which fails with {@link
   * UnsupportedOperationException}.
   */
  default CompletableFuture<String> createMultipartUpload(String bucket, String key, BlobMetadata metadata) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("multipart uploads"));
  }

  /**
   * Stores part {@code partNumber} (1 to {@link #MAX_PARTS}) of an upload, replacing an earlier
   * part with that number (whose etag then no longer completes the upload).
   *
   * @throws MultipartException (in the future) {@link MultipartException.Reason#NO_SUCH_UPLOAD} if
   *     {@code uploadId} is not an upload of {@code key} in progress
   */
  default CompletableFuture<BlobPart> uploadPart(String bucket, String key, String uploadId, int partNumber,
      byte[] data) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("multipart uploads"));
  }

  /**
   * Makes the object from {@code parts} in ascending part-number order (parts uploaded but not
   * named are dropped), replacing any object under {@code key}, and ends the upload. The object's
   * etag is the hex MD5 of the parts' binary MD5s, a dash and the number of parts; its metadata is
   * what {@link #createMultipartUpload} was given, without checksums. R2's rules hold: every part
   * but the last is at least {@link #MIN_PART_BYTES}, all of them the same size, the last no larger.
   *
   * @throws MultipartException (in the future) for an unknown upload, a part that was not uploaded,
   *     or parts that break the rules above
   */
  default CompletableFuture<BlobObject> completeMultipartUpload(String bucket, String key, String uploadId,
      List<BlobPart> parts) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("multipart uploads"));
  }

  /**
   * Ends an upload without making an object and drops its parts. Idempotent: aborting an upload
   * that already ended (completed or aborted), or that never was, succeeds.
   */
  default CompletableFuture<Void> abortMultipartUpload(String bucket, String key, String uploadId) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("multipart uploads"));
  }

  /** Releases connections or files; the default does nothing. */
  @Override
  default void close() {}
}
