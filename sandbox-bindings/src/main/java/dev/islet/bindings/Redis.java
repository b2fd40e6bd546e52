package dev.islet.bindings;

import dev.islet.store.KvStore;
import java.util.List;
import java.util.Objects;

/**
 * Stores kept in Redis, standalone or Redis Cluster: for several hosts that share one KV, or when
 * Redis is already at hand. Spoken to with Lettuce, asynchronously: no operation blocks its caller.
 * Lettuce is an optional dependency of this module: add {@code io.lettuce:lettuce-core} (7.x) to the
 * application to use this class.
 *
 * <pre>{@code
 * try (KvStore kv = Redis.kv("redis://127.0.0.1:6379/0")) {                 // or rediss://, user:password@
 *   IsletRuntime runtime = IsletRuntime.newBuilder().kvStore(kv).build();
 *   ...
 * }
 * KvStore shared = Redis.kvCluster(List.of("redis://10.0.0.1:7000", "redis://10.0.0.2:7000"), "staging:kv:");
 * }</pre>
 *
 * <p><b>Data layout.</b> Every Redis key of one KV namespace shares the hash tag {@code
 * {base64url(namespace)}}, so a namespace lives in one cluster slot (namespaces spread over the
 * nodes) and a put or delete changes the record and the index together in one Lua script:
 *
 * <ul>
 *   <li>{@code <prefix>{ns}:v:<key>}: a hash with fields {@code v} (the value's bytes), {@code e} (the
 *       expiration in seconds since the epoch, 0 = never) and {@code m} (the metadata, absent for
 *       none); given an {@code EXPIREAT} when it expires, so Redis drops it by itself;
 *   <li>{@code <prefix>{ns}:keys}: a sorted set of the namespace's keys, all at score 0, so that
 *       {@code ZRANGEBYLEX} lists them in UTF-8 byte order.
 * </ul>
 *
 * <p>The key prefix (default {@value #DEFAULT_PREFIX}) lets several runtimes or environments share one
 * Redis without seeing each other's keys. Expired entries are never returned, even in the moment
 * before Redis removes them; a list drops index members whose record has gone.
 *
 * <p><b>Thread-safety and failures.</b> A store is thread-safe and multiplexes every operation over
 * one connection (one per cluster node). Futures complete on Lettuce's I/O threads: dependent stages
 * must not block. A Redis or connection failure fails the future with Lettuce's exception (a {@code
 * io.lettuce.core.RedisException}); a command that gets no answer fails after the command timeout,
 * the URI's {@code timeout} parameter ({@code redis://host:6379?timeout=2s}), by default {@value
 * #DEFAULT_TIMEOUT_SECONDS} s. The factories do not connect: the first operation does, and an
 * operation after a failed connection attempt tries again. {@link KvStore#close()} closes the
 * connection and shuts the client down; later operations fail with {@link IllegalStateException}.
 */
public final class Redis {
  /** The key prefix when none is given. */
  public static final String DEFAULT_PREFIX = "islet:kv:";

  /** The command timeout when the URI gives none, in seconds (Lettuce's own default is 60). */
  public static final int DEFAULT_TIMEOUT_SECONDS = 10;

  private Redis() {}

  /**
   * A KV store in the standalone Redis at {@code uri}, under the key prefix {@value #DEFAULT_PREFIX}.
   *
   * @param uri a Lettuce {@code RedisURI}: {@code redis://[user:password@]host[:port][/database][?timeout=5s]},
   *     or {@code rediss://} for TLS
   * @throws IllegalArgumentException if the URI is malformed
   * @throws IllegalStateException if Lettuce ({@code io.lettuce:lettuce-core}, an optional dependency
   *     of this module) is not on the class or module path
   */
  public static KvStore kv(String uri) {
    return kv(uri, DEFAULT_PREFIX);
  }

  /**
   * A KV store in the standalone Redis at {@code uri}, with every Redis key starting with {@code
   * keyPrefix}.
   *
   * @throws IllegalArgumentException if the URI is malformed, or the prefix holds a brace (it would
   *     change the hash tag)
   */
  public static KvStore kv(String uri, String keyPrefix) {
    Objects.requireNonNull(uri, "uri");
    checkPrefix(keyPrefix);
    requireLettuce();
    return RedisKvStore.standalone(uri, keyPrefix);
  }

  /**
   * A KV store in the Redis Cluster reached through {@code seedUris} (any of its nodes; the client
   * discovers the rest and follows slot moves and failovers), under the key prefix {@value
   * #DEFAULT_PREFIX}.
   *
   * @throws IllegalArgumentException if the list is empty or a URI is malformed
   */
  public static KvStore kvCluster(List<String> seedUris) {
    return kvCluster(seedUris, DEFAULT_PREFIX);
  }

  /**
   * A KV store in the Redis Cluster reached through {@code seedUris}, with every Redis key starting
   * with {@code keyPrefix}.
   *
   * @throws IllegalArgumentException if the list is empty, a URI is malformed, or the prefix holds a
   *     brace
   */
  public static KvStore kvCluster(List<String> seedUris, String keyPrefix) {
    List<String> seeds = List.copyOf(Objects.requireNonNull(seedUris, "seedUris"));
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("seedUris is empty: name at least one node of the cluster");
    }
    checkPrefix(keyPrefix);
    requireLettuce();
    return RedisKvStore.cluster(seeds, keyPrefix);
  }

  /** Lettuce is an optional dependency of this module: say plainly what to add when it is missing. */
  private static void requireLettuce() {
    try {
      Class.forName("io.lettuce.core.RedisClient", false, Redis.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("the Redis store needs Lettuce: add io.lettuce:lettuce-core 7.x to the"
          + " application's dependencies (on the module path, also --add-modules lettuce.core)", e);
    }
  }

  private static String checkPrefix(String keyPrefix) {
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException(
          "keyPrefix must not contain '{' or '}' (it would change the cluster hash tag), was \"" + keyPrefix + "\"");
    }
    return keyPrefix;
  }
}
