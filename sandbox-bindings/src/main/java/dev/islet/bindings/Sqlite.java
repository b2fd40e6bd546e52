package dev.islet.bindings;

import dev.islet.store.KvStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Stores kept in an embedded SQLite database file: the persistent default for a single host. Nothing
 * to run beside the JVM; the driver (sqlite-jdbc) bundles the native library for the common platforms.
 *
 * <pre>{@code
 * try (KvStore kv = Sqlite.kv(Path.of("/var/lib/islet/kv.db"))) {
 *   IsletRuntime runtime = IsletRuntime.newBuilder().kvStore(kv).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>The database runs in WAL mode with {@code synchronous=FULL}: a write whose future has completed
 * survives a crash of the process or the machine. Expired entries are never returned and are removed
 * lazily (when a read meets them, and when the file is opened).
 *
 * <p>One process should open a file at a time; within it the store is thread-safe. Operations run on
 * one thread of the store's own, in order, so callers never block on the disk; {@link KvStore#close()}
 * finishes the operations already submitted, then closes the file. After that, operations fail with
 * {@link IllegalStateException}. A failed SQLite operation fails its future with the {@link
 * java.sql.SQLException}.
 */
public final class Sqlite {
  private Sqlite() {}

  /**
   * A KV store in the SQLite database {@code file}, created (with its parent directories) if absent.
   *
   * @throws UncheckedIOException if the file cannot be created or opened as a SQLite database
   */
  public static KvStore kv(Path file) {
    return SqliteKvStore.open(Objects.requireNonNull(file, "file"));
  }
}
