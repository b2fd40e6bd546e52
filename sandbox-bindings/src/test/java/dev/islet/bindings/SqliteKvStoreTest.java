package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.store.KvEntry;
import dev.islet.store.KvStore;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Sqlite.kv(file) keeps the KvStore contract")
class SqliteKvStoreTest extends KvStoreContract {
  @TempDir Path dir;

  @Override
  protected KvStore newStore() {
    return Sqlite.kv(dir.resolve("kv.db"));
  }

  @Test
  @DisplayName("entries survive closing and reopening the file")
  void persistence() {
    long exp = now() + 3600;
    put("ns", "k", new KvEntry(bytes("v"), exp, "{\"a\":1}"));
    put("other", "k2", entry("w"));
    put("ns", "gone", new KvEntry(bytes("x"), now() - 5, null));
    store.close();
    store = Sqlite.kv(dir.resolve("kv.db"));
    assertEquals(new KvEntry(bytes("v"), exp, "{\"a\":1}"), get("ns", "k").orElseThrow());
    assertArrayEquals(bytes("w"), get("other", "k2").orElseThrow().value());
    assertTrue(get("ns", "gone").isEmpty());
    assertEquals(List.of("k"), listAll("ns", "", 10));
  }

  @Test
  @DisplayName("the database runs in WAL mode: writes go to a write-ahead log beside the file")
  void walMode() {
    put("ns", "k", entry("v"));
    assertTrue(Files.exists(dir.resolve("kv.db-wal")), "no kv.db-wal");
  }

  @Test
  @DisplayName("missing parent directories are created")
  void createsDirectories() {
    KvStore nested = Sqlite.kv(dir.resolve("a/b/kv.db"));
    try {
      nested.put("ns", "k", entry("v")).join();
    } finally {
      nested.close();
    }
    assertTrue(Files.exists(dir.resolve("a/b/kv.db")));
  }

  @Test
  @DisplayName("a file that is not a database is refused with UncheckedIOException")
  void notADatabase() throws Exception {
    Path junk = dir.resolve("junk.db");
    Files.writeString(junk, "this is not a SQLite database, not even close to one. ".repeat(100));
    assertThrows(UncheckedIOException.class, () -> Sqlite.kv(junk));
  }

  @Test
  @DisplayName("after close, operations fail with IllegalStateException and close again is harmless")
  void afterClose() {
    store.close();
    CompletionException e = assertThrows(CompletionException.class, () -> store.get("ns", "k").join());
    assertInstanceOf(IllegalStateException.class, e.getCause());
    store.close();
  }
}
