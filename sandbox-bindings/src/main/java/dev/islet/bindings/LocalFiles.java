package dev.islet.bindings;

import dev.islet.store.BlobStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Stores kept as plain files in a local directory: the persistent blob store for a single host,
 * with nothing to run beside the JVM.
 *
 * <pre>{@code
 * try (BlobStore blobs = LocalFiles.blobs(Path.of("/var/lib/islet/blobs"))) {
 *   IsletRuntime runtime = IsletRuntime.newBuilder().blobStore(blobs).build();
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Layout.</b> Each object is one file, {@code objects/<bucket hash>/<2 hex>/<key hash>} (the
 * hashes are the SHA-256 of the bucket name and of the key, so no key, however odd, is ever used as
 * a path), holding a small binary header (bucket, key, version, etag, upload time, size, metadata)
 * followed by the bytes: an object's data and its description cannot disagree. A multipart upload
 * in progress is a directory {@code uploads/<upload id>/} with an {@code upload} file (bucket, key,
 * metadata) and one {@code part-<n>} file per part. {@code .lock} marks the directory as open.
 *
 * <p><b>Durability.</b> Every file is written to a temporary file beside it, forced to disk, renamed
 * over its final name, and the directory is forced too, all before the future completes: an
 * acknowledged put, delete, part or completed upload survives a crash of the process or the
 * machine, and a crash never leaves a torn object (only temporary files, removed at the next open).
 * Uploads in progress survive a restart.
 *
 * <p><b>Memory.</b> Each object's description (not its bytes) is kept in a sorted index per bucket,
 * built when the directory is opened by reading every object's header; {@code head} and {@code list}
 * are answered from it. {@code get} reads only the requested range from the file.
 *
 * <p><b>Threads.</b> The store is thread-safe; writes to one key are applied in order. File I/O runs
 * on a few daemon threads of the store's own, so callers never block on the disk. {@link
 * BlobStore#close()} finishes the operations already submitted, then releases the directory; after
 * that, operations fail with {@link IllegalStateException}. One store (in one process) may have a
 * directory open at a time; the lock file enforces this.
 *
 * <p><b>Errors.</b> A failed file operation fails its future with the {@link java.io.IOException}.
 */
public final class LocalFiles {
  private LocalFiles() {}

  /**
   * A blob store in {@code directory}, created (with its parents) if absent, with every object and
   * upload in progress stored there before.
   *
   * @throws IllegalStateException if another store, in this process or another, has the directory open
   * @throws UncheckedIOException if the directory cannot be created, locked or read
   */
  public static BlobStore blobs(Path directory) {
    return DirectoryBlobStore.open(Objects.requireNonNull(directory, "directory"));
  }
}
