package dev.islet.graal.internal;

import dev.islet.IsletException;
import dev.islet.Outcome;
import dev.islet.bindings.LocalFiles;
import dev.islet.bindings.Sqlite;
import dev.islet.store.BlobStore;
import dev.islet.store.KvStore;
import java.nio.file.Path;

/**
 * The embedded persistent stores a runtime uses when it was given none: KV in an SQLite file, blobs
 * in a directory, both under the runtime's data directory. Each is opened on first use (a runtime
 * without KV or blob bindings touches no disk) and closed with the runtime.
 */
final class DefaultStores {
  private final Path directory;
  private KvStore kv;
  private BlobStore blobs;
  private boolean closed;

  DefaultStores(Path directory) {
    this.directory = directory;
  }

  synchronized KvStore kv() {
    if (kv == null) {
      kv = open("KV", () -> Sqlite.kv(directory.resolve("kv.sqlite")));
    }
    return kv;
  }

  synchronized BlobStore blobs() {
    if (blobs == null) {
      blobs = open("blob", () -> LocalFiles.blobs(directory.resolve("blobs")));
    }
    return blobs;
  }

  private <T> T open(String what, java.util.function.Supplier<T> opener) {
    if (closed) {
      throw new IsletException(Outcome.REJECTED, "the Islet runtime is closed");
    }
    try {
      return opener.get();
    } catch (RuntimeException e) {
      throw new IsletException(Outcome.INTERNAL_ERROR, "cannot open the default " + what + " store in "
          + directory.toAbsolutePath() + " (set IsletRuntime.Builder.dataDirectory, or give the runtime a store): "
          + e.getMessage(), e);
    }
  }

  synchronized void close() {
    closed = true;
    if (kv != null) {
      kv.close();
    }
    if (blobs != null) {
      blobs.close();
    }
  }
}
