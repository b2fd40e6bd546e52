package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.store.KvEntry;
import dev.islet.store.KvKey;
import dev.islet.store.KvPage;
import dev.islet.store.KvStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link KvStore} contract, for every store: a subclass says how to make a fresh, empty store and
 * inherits the tests. Expiration is tested with times well in the past or future (the SPI reads the
 * wall clock in seconds), so nothing sleeps.
 */
abstract class KvStoreContract {
  /** A new, empty store; closed after each test. */
  protected abstract KvStore newStore() throws Exception;

  protected KvStore store;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static long now() {
    return System.currentTimeMillis() / 1000;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static KvEntry entry(String value) {
    return new KvEntry(bytes(value), 0, null);
  }

  Optional<KvEntry> get(String ns, String key) {
    return store.get(ns, key).join();
  }

  void put(String ns, String key, KvEntry e) {
    store.put(ns, key, e).join();
  }

  List<String> names(KvPage page) {
    List<String> out = new ArrayList<>();
    for (KvKey k : page.keys()) {
      out.add(k.name());
    }
    return out;
  }

  /** Every key under {@code prefix}, page by page. */
  List<String> listAll(String ns, String prefix, int limit) {
    List<String> out = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      KvPage page = store.list(ns, prefix, limit, cursor).join();
      assertTrue(page.keys().size() <= limit, "page larger than the limit");
      out.addAll(names(page));
      cursor = page.cursor();
      assertTrue(++pages < 10_000, "list does not end");
    } while (cursor != null);
    return out;
  }

  @Test
  @DisplayName("a value put can be read back, bytes for bytes")
  void putThenGet() {
    byte[] value = {0, 1, 2, (byte) 0xFF, 127, -128};
    put("ns", "k", new KvEntry(value, 0, null));
    KvEntry e = get("ns", "k").orElseThrow();
    assertArrayEquals(value, e.value());
    assertEquals(0, e.expiration());
    assertNull(e.metadata());
  }

  @Test
  @DisplayName("an absent key reads as empty")
  void absentKey() {
    assertTrue(get("ns", "nothing").isEmpty());
  }

  @Test
  @DisplayName("an empty value is a value")
  void emptyValue() {
    put("ns", "k", new KvEntry(new byte[0], 0, null));
    assertEquals(0, get("ns", "k").orElseThrow().value().length);
  }

  @Test
  @DisplayName("a put replaces the previous value, expiration and metadata")
  void overwrite() {
    put("ns", "k", new KvEntry(bytes("one"), now() + 3600, "{\"v\":1}"));
    put("ns", "k", entry("two"));
    KvEntry e = get("ns", "k").orElseThrow();
    assertArrayEquals(bytes("two"), e.value());
    assertEquals(0, e.expiration());
    assertNull(e.metadata());
  }

  @Test
  @DisplayName("metadata and a future expiration are kept and returned by get and list")
  void metadataAndExpiration() {
    long exp = now() + 3600;
    put("ns", "k", new KvEntry(bytes("v"), exp, "{\"owner\":\"ünï\"}"));
    assertEquals(new KvEntry(bytes("v"), exp, "{\"owner\":\"ünï\"}"), get("ns", "k").orElseThrow());
    KvPage page = store.list("ns", "", 10, null).join();
    assertEquals(List.of(new KvKey("k", exp, "{\"owner\":\"ünï\"}")), page.keys());
  }

  @Test
  @DisplayName("an entry whose expiration has passed is invisible to get")
  void expiredGet() {
    put("ns", "past", new KvEntry(bytes("v"), now() - 10, null));
    put("ns", "now", new KvEntry(bytes("v"), now(), null));
    put("ns", "future", new KvEntry(bytes("v"), now() + 3600, null));
    assertTrue(get("ns", "past").isEmpty());
    assertTrue(get("ns", "now").isEmpty());
    assertTrue(get("ns", "future").isPresent());
    assertTrue(get("ns", "past").isEmpty(), "still invisible on a second read");
  }

  @Test
  @DisplayName("an entry whose expiration has passed is invisible to list and does not fill a page")
  void expiredList() {
    put("ns", "a", entry("v"));
    put("ns", "b", new KvEntry(bytes("v"), now() - 10, null));
    put("ns", "c", new KvEntry(bytes("v"), now() - 10, null));
    put("ns", "d", entry("v"));
    KvPage page = store.list("ns", "", 2, null).join();
    assertEquals(List.of("a", "d"), names(page));
    assertEquals(List.of("a", "d"), listAll("ns", "", 1));
  }

  @Test
  @DisplayName("a put over an expired entry brings the key back")
  void putOverExpired() {
    put("ns", "k", new KvEntry(bytes("old"), now() - 10, null));
    assertTrue(get("ns", "k").isEmpty());
    put("ns", "k", entry("new"));
    assertArrayEquals(bytes("new"), get("ns", "k").orElseThrow().value());
  }

  @Test
  @DisplayName("a deleted key is gone from get and list")
  void delete() {
    put("ns", "a", entry("v"));
    put("ns", "b", entry("v"));
    store.delete("ns", "a").join();
    assertTrue(get("ns", "a").isEmpty());
    assertEquals(List.of("b"), listAll("ns", "", 10));
  }

  @Test
  @DisplayName("deleting an absent key succeeds")
  void deleteAbsent() {
    store.delete("ns", "never").join();
    assertTrue(get("ns", "never").isEmpty());
  }

  @Test
  @DisplayName("an empty namespace lists as one complete, empty page")
  void listEmpty() {
    KvPage page = store.list("ns", "", 10, null).join();
    assertTrue(page.keys().isEmpty());
    assertTrue(page.complete());
  }

  @Test
  @DisplayName("list returns only the keys that start with the prefix")
  void listPrefix() {
    for (String k : List.of("a", "user", "user:1", "user:2", "users", "usf", "v", "us")) {
      put("ns", k, entry("v"));
    }
    assertEquals(List.of("user", "user:1", "user:2", "users"), listAll("ns", "user", 10));
    assertEquals(List.of("user:1", "user:2"), listAll("ns", "user:", 1));
    assertEquals(List.of(), listAll("ns", "zzz", 10));
  }

  @Test
  @DisplayName("a prefix ending in the highest code point still bounds the listing")
  void listPrefixHighCodePoint() {
    String hi = new String(Character.toChars(Character.MAX_CODE_POINT));
    put("ns", "a" + hi, entry("v"));
    put("ns", "a" + hi + "x", entry("v"));
    put("ns", "b", entry("v"));
    assertEquals(List.of("a" + hi, "a" + hi + "x"), listAll("ns", "a" + hi, 10));
  }

  @Test
  @DisplayName("list pages through every key once, in order, with a cursor until the last page")
  void listPages() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      String k = String.format("key-%03d", i);
      expected.add(k);
      put("ns", k, entry("v" + i));
    }
    KvPage first = store.list("ns", "", 10, null).join();
    assertEquals(expected.subList(0, 10), names(first));
    assertNotNull(first.cursor());
    KvPage second = store.list("ns", "", 10, first.cursor()).join();
    assertEquals(expected.subList(10, 20), names(second));
    KvPage third = store.list("ns", "", 10, second.cursor()).join();
    assertEquals(expected.subList(20, 25), names(third));
    assertNull(third.cursor());
    assertEquals(expected, listAll("ns", "", 7));
    assertEquals(expected, listAll("ns", "key-", 1));
  }

  @Test
  @DisplayName("a page exactly as long as the rest ends the listing without an empty extra page")
  void listExactPage() {
    for (String k : List.of("a", "b", "c", "d")) {
      put("ns", k, entry("v"));
    }
    KvPage first = store.list("ns", "", 2, null).join();
    assertEquals(List.of("a", "b"), names(first));
    KvPage second = store.list("ns", "", 2, first.cursor()).join();
    assertEquals(List.of("c", "d"), names(second));
    assertTrue(second.complete());
  }

  @Test
  @DisplayName("a cursor stays valid when keys are added or deleted between pages")
  void cursorSurvivesWrites() {
    for (String k : List.of("a", "b", "c", "d")) {
      put("ns", k, entry("v"));
    }
    KvPage first = store.list("ns", "", 2, null).join();
    store.delete("ns", "b").join();
    put("ns", "bb", entry("v"));
    put("ns", "aa", entry("v"));
    assertEquals(List.of("bb", "c", "d"), names(store.list("ns", "", 10, first.cursor()).join()));
  }

  @Test
  @DisplayName("keys are listed in UTF-8 byte order, not UTF-16 order")
  void utf8Order() {
    // U+FF21 (fullwidth A) sorts before U+1F600 (an emoji, a surrogate pair) in UTF-8 and code point
    // order, but after it in UTF-16 order.
    String fullwidth = "\uFF21";
    String emoji = new String(Character.toChars(0x1F600));
    List<String> expected = List.of("A", "Z", "a", "é", "\u4E2D", fullwidth, emoji);
    for (String k : List.of(emoji, "a", fullwidth, "Z", "\u4E2D", "é", "A")) {
      put("ns", k, entry(k));
    }
    assertEquals(expected, listAll("ns", "", 100));
    assertEquals(expected, listAll("ns", "", 2));
    for (String k : expected) {
      assertArrayEquals(bytes(k), get("ns", k).orElseThrow().value());
    }
  }

  @Test
  @DisplayName("namespaces are isolated: same key, separate values, separate listings and deletes")
  void namespacesIsolated() {
    put("tenant-a", "k", entry("a"));
    put("tenant-b", "k", entry("b"));
    put("tenant-a", "only-a", entry("a"));
    assertArrayEquals(bytes("a"), get("tenant-a", "k").orElseThrow().value());
    assertArrayEquals(bytes("b"), get("tenant-b", "k").orElseThrow().value());
    assertTrue(get("tenant-b", "only-a").isEmpty());
    assertEquals(List.of("k"), listAll("tenant-b", "", 10));
    assertEquals(List.of("k", "only-a"), listAll("tenant-a", "", 10));
    store.delete("tenant-a", "k").join();
    assertTrue(get("tenant-a", "k").isEmpty());
    assertTrue(get("tenant-b", "k").isPresent());
    assertEquals(List.of(), listAll("tenant-c", "", 10));
  }

  @Test
  @DisplayName("a cursor this store did not make is refused with IllegalArgumentException")
  void badCursor() {
    Throwable t = assertThrows(Throwable.class, () -> store.list("ns", "", 10, "not a cursor!").join());
    if (t instanceof CompletionException) {
      t = t.getCause();
    }
    assertInstanceOf(IllegalArgumentException.class, t);
  }

  @Test
  @DisplayName("keys and values at the SPI's size limits are stored whole")
  void sizeLimits() {
    String longKey = "é".repeat(KvStore.MAX_KEY_BYTES / 2);
    byte[] big = new byte[1 << 20];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) i;
    }
    put("ns", longKey, new KvEntry(big, 0, "{\"m\":\"" + "x".repeat(KvStore.MAX_METADATA_BYTES - 10) + "\"}"));
    KvEntry e = get("ns", longKey).orElseThrow();
    assertArrayEquals(big, e.value());
    assertEquals(List.of(longKey), listAll("ns", "é", 10));
  }

  @Test
  @DisplayName("puts from several threads at once are all kept")
  void concurrentPuts() throws Exception {
    int threads = 8;
    int perThread = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        done.add(pool.submit(() -> {
          List<java.util.concurrent.CompletableFuture<Void>> puts = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            puts.add(store.put("ns", "t" + id + "-" + i, entry(id + ":" + i)));
            // Readers and listers interleave with the writers.
            store.get("ns", "t" + id + "-" + (i / 2)).join();
          }
          puts.forEach(java.util.concurrent.CompletableFuture::join);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * perThread, listAll("ns", "", 1000).size());
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        assertArrayEquals(bytes(t + ":" + i), get("ns", "t" + t + "-" + i).orElseThrow().value());
      }
    }
  }

  @Test
  @DisplayName("a returned entry does not change when the key is later overwritten")
  void snapshotReads() {
    put("ns", "k", entry("one"));
    KvEntry before = get("ns", "k").orElseThrow();
    put("ns", "k", entry("two"));
    assertArrayEquals(bytes("one"), before.value());
    assertFalse(get("ns", "k").orElseThrow().equals(before));
  }
}
