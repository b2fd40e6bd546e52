package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.store.KvEntry;
import dev.islet.store.KvPage;
import dev.islet.store.KvStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Redis.kv(uri) keeps the KvStore contract on a standalone redis-server")
class RedisKvStoreTest extends KvStoreContract {
  @TempDir static Path dir;
  static RedisServers redis;
  static RedisClient rawClient;
  static StatefulRedisConnection<byte[], byte[]> rawConnection;
  static RedisCommands<byte[], byte[]> raw;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServers.standalone(dir);
    rawClient = RedisClient.create(redis.uri(0));
    rawConnection = rawClient.connect(ByteArrayCodec.INSTANCE);
    raw = rawConnection.sync();
  }

  @AfterAll
  static void stopRedis() {
    if (rawClient != null) {
      rawConnection.close();
      rawClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Override
  protected KvStore newStore() {
    raw.flushall();
    return Redis.kv(redis.uri(0));
  }

  static byte[] key(String prefix, String namespace, String rest) {
    String tag = "{" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(namespace)) + "}";
    return bytes(prefix + tag + rest);
  }

  static String str(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("the data layout: a hash per key with v, e, m and a native expiry, and a sorted-set index")
  void layout() {
    long exp = now() + 3600;
    put("ns", "k", new KvEntry(bytes("v"), exp, "{\"a\":1}"));
    put("ns", "forever", entry("w"));
    byte[] record = key("islet:kv:", "ns", ":v:k");
    Map<byte[], byte[]> fields = raw.hgetall(record);
    assertEquals(3, fields.size());
    assertArrayEquals(bytes("v"), raw.hget(record, bytes("v")));
    assertEquals(Long.toString(exp), str(raw.hget(record, bytes("e"))));
    assertEquals("{\"a\":1}", str(raw.hget(record, bytes("m"))));
    assertEquals(exp, raw.expiretime(record));
    byte[] forever = key("islet:kv:", "ns", ":v:forever");
    assertEquals(-1, raw.ttl(forever), "no expiry when expiration is 0");
    assertEquals(2, raw.hlen(forever), "no m field without metadata");
    List<String> index = new ArrayList<>();
    raw.zrange(key("islet:kv:", "ns", ":keys"), 0, -1).forEach(m -> index.add(str(m)));
    assertEquals(List.of("forever", "k"), index);

    put("ns", "k", entry("again"));
    assertEquals(-1, raw.ttl(record), "a put without expiration removes the old expiry");
  }

  @Test
  @DisplayName("an expired entry Redis still holds is invisible to get and list, and list removes it")
  void expiredButStillInRedis() {
    put("ns", "a", entry("v"));
    put("ns", "b", new KvEntry(bytes("v"), now() + 3600, null));
    put("ns", "c", entry("v"));
    // As if Redis had not yet dropped it: the record says it expired, and Redis holds it without a TTL.
    byte[] record = key("islet:kv:", "ns", ":v:b");
    raw.hset(record, bytes("e"), bytes(Long.toString(now() - 10)));
    raw.persist(record);
    assertTrue(get("ns", "b").isEmpty());
    assertEquals(List.of("a", "c"), names(store.list("ns", "", 2, null).join()));
    assertEquals(0, raw.exists(record), "the expired record is deleted by list");
    assertEquals(null, raw.zscore(key("islet:kv:", "ns", ":keys"), bytes("b")), "and its index member too");
  }

  @Test
  @DisplayName("an entry put with a past expiration is not stored at all")
  void pastExpirationNotStored() {
    put("ns", "k", new KvEntry(bytes("v"), now() - 10, null));
    assertEquals(0, raw.exists(key("islet:kv:", "ns", ":v:k")));
    assertEquals(0, raw.zcard(key("islet:kv:", "ns", ":keys")));
  }

  @Test
  @DisplayName("index members whose record has gone are skipped and removed by list")
  void staleIndexMembers() {
    for (String k : List.of("a", "b", "c", "d", "e")) {
      put("ns", k, entry("v"));
    }
    raw.del(key("islet:kv:", "ns", ":v:b"), key("islet:kv:", "ns", ":v:c"));
    KvPage page = store.list("ns", "", 2, null).join();
    assertEquals(List.of("a", "d"), names(page));
    assertTrue(page.cursor() != null, "e follows");
    assertEquals(List.of("a", "d", "e"), listAll("ns", "", 1));
    List<String> index = new ArrayList<>();
    raw.zrange(key("islet:kv:", "ns", ":keys"), 0, -1).forEach(m -> index.add(str(m)));
    assertEquals(List.of("a", "d", "e"), index);
  }

  @Test
  @DisplayName("two key prefixes keep two stores apart on one server")
  void prefixesSeparate() {
    try (KvStore other = Redis.kv(redis.uri(0), "staging:kv:")) {
      put("ns", "k", entry("default"));
      other.put("ns", "k", entry("staging")).join();
      other.put("ns", "only-staging", entry("s")).join();
      assertArrayEquals(bytes("default"), get("ns", "k").orElseThrow().value());
      assertArrayEquals(bytes("staging"), other.get("ns", "k").join().orElseThrow().value());
      assertEquals(List.of("k"), listAll("ns", "", 10));
      assertEquals(2, other.list("ns", "", 10, null).join().keys().size());
      other.delete("ns", "k").join();
      assertTrue(get("ns", "k").isPresent());
      for (byte[] k : raw.keys("*")) {
        String s = str(k);
        assertTrue(s.startsWith("islet:kv:{") || s.startsWith("staging:kv:{"), s);
      }
    }
  }

  @Test
  @DisplayName("a key prefix with a brace is refused: it would change the cluster hash tag")
  void braceInPrefix() {
    assertThrows(IllegalArgumentException.class, () -> Redis.kv(redis.uri(0), "a{b}:"));
    assertThrows(IllegalArgumentException.class, () -> Redis.kv("not a uri"));
  }

  @Test
  @DisplayName("with no server listening, operations fail quickly with Lettuce's connection exception")
  void noServer() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (KvStore dead = Redis.kv("redis://127.0.0.1:" + port)) {
      assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
        CompletionException e = assertThrows(CompletionException.class, () -> dead.get("ns", "k").join());
        assertInstanceOf(RedisConnectionException.class, e.getCause());
        e = assertThrows(CompletionException.class, () -> dead.put("ns", "k", entry("v")).join());
        assertInstanceOf(RedisConnectionException.class, e.getCause(), "a failed connection is tried again");
      });
    }
  }

  @Test
  @DisplayName("when the server goes away, operations fail after the command timeout instead of hanging")
  void serverGone() throws Exception {
    RedisServers doomed = RedisServers.standalone(dir.resolve("doomed"));
    try (KvStore kv = Redis.kv(doomed.uri(0) + "?timeout=300ms")) {
      kv.put("ns", "k", entry("v")).join();
      doomed.kill(0);
      assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
        CompletionException e = assertThrows(CompletionException.class, () -> kv.get("ns", "k").join());
        assertInstanceOf(RedisException.class, e.getCause());
      });
    } finally {
      doomed.close();
    }
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
