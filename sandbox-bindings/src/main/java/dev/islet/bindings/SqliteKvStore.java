package dev.islet.bindings;

import dev.islet.bindings.internal.Keys;
import dev.islet.store.KvEntry;
import dev.islet.store.KvKey;
import dev.islet.store.KvPage;
import dev.islet.store.KvStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@link Sqlite#kv}: one table, one connection, owned by one thread that runs every operation in
 * order. Keys are stored as their UTF-8 bytes in a BLOB column, so SQLite's memcmp order is the SPI's
 * UTF-8 byte order and a prefix is a byte range.
 */
final class SqliteKvStore implements KvStore {
  private static final String SCHEMA = "CREATE TABLE IF NOT EXISTS kv ("
      + "namespace TEXT NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL, metadata TEXT, "
      + "expiration INTEGER NOT NULL, PRIMARY KEY (namespace, key)) WITHOUT ROWID";

  private final Connection connection;
  private final ExecutorService executor;

  private SqliteKvStore(Connection connection, ExecutorService executor) {
    this.connection = connection;
    this.executor = executor;
  }

  static SqliteKvStore open(Path file) {
    Connection c = null;
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file.toAbsolutePath(), new Properties());
      if (c == null) {
        throw new SQLException("sqlite-jdbc refused the URL for " + file);
      }
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute(SCHEMA);
        s.execute("DELETE FROM kv WHERE expiration != 0 AND expiration <= " + now());
      }
    } catch (IOException e) {
      closeQuietly(c);
      throw new UncheckedIOException("cannot create the directory of " + file, e);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new UncheckedIOException(new IOException("cannot open SQLite database " + file, e));
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "islet-sqlite-kv " + file.getFileName());
      t.setDaemon(true);
      return t;
    });
    return new SqliteKvStore(c, executor);
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already failing
      }
    }
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface Op<T> {
    T run() throws SQLException;
  }

  private <T> CompletableFuture<T> submit(Op<T> op) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          f.complete(op.run());
        } catch (Throwable t) {
          f.completeExceptionally(t);
        }
      });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new IllegalStateException("the SQLite KV store is closed"));
    }
    return f;
  }

  @Override
  public CompletableFuture<Optional<KvEntry>> get(String namespace, String key) {
    Objects.requireNonNull(namespace, "namespace");
    byte[] k = utf8(Objects.requireNonNull(key, "key"));
    return submit(() -> {
      KvEntry e = null;
      try (PreparedStatement s = connection.prepareStatement(
          "SELECT value, expiration, metadata FROM kv WHERE namespace = ? AND key = ?")) {
        s.setString(1, namespace);
        s.setBytes(2, k);
        try (ResultSet r = s.executeQuery()) {
          if (r.next()) {
            e = new KvEntry(r.getBytes(1), r.getLong(2), r.getString(3));
          }
        }
      }
      if (e != null && e.expiredAt(now())) {
        try (PreparedStatement s = connection.prepareStatement(
            "DELETE FROM kv WHERE namespace = ? AND key = ? AND expiration = ?")) {
          s.setString(1, namespace);
          s.setBytes(2, k);
          s.setLong(3, e.expiration());
          s.executeUpdate();
        }
        e = null;
      }
      return Optional.ofNullable(e);
    });
  }

  @Override
  public CompletableFuture<Void> put(String namespace, String key, KvEntry entry) {
    Objects.requireNonNull(namespace, "namespace");
    byte[] k = utf8(Objects.requireNonNull(key, "key"));
    Objects.requireNonNull(entry, "entry");
    return submit(() -> {
      try (PreparedStatement s = connection.prepareStatement(
          "INSERT OR REPLACE INTO kv (namespace, key, value, metadata, expiration) VALUES (?, ?, ?, ?, ?)")) {
        s.setString(1, namespace);
        s.setBytes(2, k);
        s.setBytes(3, entry.value());
        s.setString(4, entry.metadata());
        s.setLong(5, entry.expiration());
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> delete(String namespace, String key) {
    Objects.requireNonNull(namespace, "namespace");
    byte[] k = utf8(Objects.requireNonNull(key, "key"));
    return submit(() -> {
      try (PreparedStatement s = connection.prepareStatement("DELETE FROM kv WHERE namespace = ? AND key = ?")) {
        s.setString(1, namespace);
        s.setBytes(2, k);
        s.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public CompletableFuture<KvPage> list(String namespace, String prefix, int limit, String cursor) {
    Objects.requireNonNull(namespace, "namespace");
    byte[] p = utf8(Objects.requireNonNull(prefix, "prefix"));
    byte[] after;
    try {
      after = cursor == null ? null : utf8(Keys.keyOf(cursor));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    byte[] upper = Keys.successor(p);
    StringBuilder sql = new StringBuilder(
        "SELECT key, expiration, metadata FROM kv WHERE namespace = ? AND key >= ?");
    if (upper != null) {
      sql.append(" AND key < ?");
    }
    if (after != null) {
      sql.append(" AND key > ?");
    }
    sql.append(" AND (expiration = 0 OR expiration > ?) ORDER BY key LIMIT ?");
    return submit(() -> {
      List<KvKey> keys = new ArrayList<>();
      boolean more = false;
      try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
        int i = 1;
        s.setString(i++, namespace);
        s.setBytes(i++, p);
        if (upper != null) {
          s.setBytes(i++, upper);
        }
        if (after != null) {
          s.setBytes(i++, after);
        }
        s.setLong(i++, now());
        s.setLong(i, (long) limit + 1);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            if (keys.size() == limit) {
              more = true;
              break;
            }
            keys.add(new KvKey(new String(r.getBytes(1), StandardCharsets.UTF_8), r.getLong(2), r.getString(3)));
          }
        }
      }
      String next = more && !keys.isEmpty() ? Keys.cursorAfter(keys.get(keys.size() - 1).name()) : null;
      return new KvPage(keys, next);
    });
  }

  @Override
  public void close() {
    if (executor.isShutdown()) {
      return;
    }
    try {
      executor.execute(() -> closeQuietly(connection));
    } catch (RejectedExecutionException e) {
      return;
    }
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
