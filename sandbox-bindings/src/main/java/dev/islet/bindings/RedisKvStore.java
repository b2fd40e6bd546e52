package dev.islet.bindings;

import dev.islet.bindings.internal.Keys;
import dev.islet.store.KvEntry;
import dev.islet.store.KvKey;
import dev.islet.store.KvPage;
import dev.islet.store.KvStore;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Redis#kv} and {@link Redis#kvCluster}: one implementation for both, written against the
 * command interface that standalone and cluster connections share. The layout is described on
 * {@link Redis}; every key of a namespace carries the namespace's hash tag, so the multi-key Lua
 * scripts below stay within one slot and are legal on a cluster.
 */
final class RedisKvStore implements KvStore {
  /** Replaces the record (dropping any old TTL) and indexes it, unless it is already expired. */
  private static final Script PUT = new Script(ScriptOutputType.INTEGER, """
      redis.call('DEL', KEYS[1])
      if ARGV[4] == '1' then
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 'e', ARGV[3], 'm', ARGV[5])
      else
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 'e', ARGV[3])
      end
      if ARGV[3] ~= '0' then
        redis.call('EXPIREAT', KEYS[1], ARGV[3])
      end
      if redis.call('EXISTS', KEYS[1]) == 1 then
        redis.call('ZADD', KEYS[2], 0, ARGV[1])
      else
        redis.call('ZREM', KEYS[2], ARGV[1])
      end
      return 1
      """);

  private static final Script DELETE = new Script(ScriptOutputType.INTEGER, """
      redis.call('DEL', KEYS[1])
      redis.call('ZREM', KEYS[2], ARGV[1])
      return 1
      """);

  /**
   * For index members ARGV[2..] (records KEYS[2..]): {e, m} when live, {false, false} otherwise.
   * Drops the index member of a record that has gone, and an expired record that Redis has not yet
   * removed with its member; atomic, so a concurrent put of the same key is never undone.
   */
  private static final Script FETCH = new Script(ScriptOutputType.MULTI, """
      local now = tonumber(ARGV[1])
      local out = {}
      for i = 2, #KEYS do
        local f = redis.call('HMGET', KEYS[i], 'e', 'm')
        local e = f[1]
        if e and (e == '0' or tonumber(e) > now) then
          out[#out + 1] = e
          out[#out + 1] = f[2]
        else
          if e then
            redis.call('DEL', KEYS[i])
          end
          redis.call('ZREM', KEYS[1], ARGV[i])
          out[#out + 1] = false
          out[#out + 1] = false
        end
      end
      return out
      """);

  private static final byte[] V = bytes("v");
  private static final byte[] E = bytes("e");
  private static final byte[] M = bytes("m");
  private static final byte[] ZERO = bytes("0");
  private static final byte[] ONE = bytes("1");
  private static final byte[] EMPTY = new byte[0];

  private final AbstractRedisClient client;
  private final Supplier<CompletableFuture<Connected>> connector;
  private final String keyPrefix;
  private final Object lock = new Object();
  private CompletableFuture<Connected> connection; // guarded by lock
  private boolean closed; // guarded by lock

  private RedisKvStore(
      AbstractRedisClient client,
      Supplier<CompletableFuture<Connected>> connector,
      String keyPrefix) {
    this.client = client;
    this.connector = connector;
    this.keyPrefix = keyPrefix;
  }

  static RedisKvStore standalone(String uri, String keyPrefix) {
    RedisURI redisUri = parse(uri);
    RedisClient client = RedisClient.create(redisUri);
    client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled()).build());
    return new RedisKvStore(
        client,
        () -> client.connectAsync(ByteArrayCodec.INSTANCE, redisUri).toCompletableFuture()
            .thenApply(c -> new Connected(c, c.async())),
        keyPrefix);
  }

  static RedisKvStore cluster(List<String> seedUris, String keyPrefix) {
    List<RedisURI> seeds = new ArrayList<>();
    for (String uri : seedUris) {
      seeds.add(parse(Objects.requireNonNull(uri, "seed URI")));
    }
    RedisClusterClient client = RedisClusterClient.create(seeds);
    client.setOptions(ClusterClientOptions.builder()
        .timeoutOptions(TimeoutOptions.enabled())
        // Follow MOVED redirections, failovers and lost nodes by refreshing the slot map when they happen.
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enableAllAdaptiveRefreshTriggers().build())
        .build());
    return new RedisKvStore(
        client,
        // connectAsync needs the slot map first; loading it asynchronously keeps the caller unblocked.
        () -> client.refreshPartitionsAsync().toCompletableFuture()
            .thenCompose(loaded -> client.connectAsync(ByteArrayCodec.INSTANCE))
            .thenApply(c -> new Connected(c, c.async())),
        keyPrefix);
  }

  /** Parses a Lettuce URI, putting in our default command timeout unless the URI sets one. */
  private static RedisURI parse(String uri) {
    RedisURI parsed;
    try {
      parsed = RedisURI.create(uri);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a Redis URI: \"" + uri + "\": " + e.getMessage(), e);
    }
    int query = uri.indexOf('?');
    if (query < 0 || !uri.substring(query + 1).contains(RedisURI.PARAMETER_NAME_TIMEOUT + "=")) {
      parsed.setTimeout(Duration.ofSeconds(Redis.DEFAULT_TIMEOUT_SECONDS));
    }
    return parsed;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  /** The commands of the (possibly still connecting) connection; a failed attempt is retried next time. */
  private CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> commands() {
    CompletableFuture<Connected> c;
    synchronized (lock) {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("the Redis KV store is closed"));
      }
      c = connection;
      if (c == null || c.isCompletedExceptionally()) {
        try {
          c = connector.get();
        } catch (RuntimeException e) {
          c = CompletableFuture.failedFuture(e);
        }
        connection = c;
      }
    }
    return c.thenApply(Connected::commands);
  }

  /** A connection and its commands: both standalone and cluster commands are cluster commands. */
  private record Connected(StatefulConnection<byte[], byte[]> connection, RedisClusterAsyncCommands<byte[], byte[]> commands) {}

  // Keys: <prefix>{base64url(namespace)}:v:<key> and <prefix>{base64url(namespace)}:keys

  private String tag(String namespace) {
    return keyPrefix + "{" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(namespace)) + "}";
  }

  private byte[] indexKey(String namespace) {
    return bytes(tag(namespace) + ":keys");
  }

  private static byte[] recordKey(byte[] recordPrefix, byte[] key) {
    byte[] k = Arrays.copyOf(recordPrefix, recordPrefix.length + key.length);
    System.arraycopy(key, 0, k, recordPrefix.length, key.length);
    return k;
  }

  private byte[] recordPrefix(String namespace) {
    return bytes(tag(namespace) + ":v:");
  }

  @Override
  public CompletableFuture<Optional<KvEntry>> get(String namespace, String key) {
    byte[] record = recordKey(recordPrefix(Objects.requireNonNull(namespace, "namespace")),
        bytes(Objects.requireNonNull(key, "key")));
    return commands()
        .thenCompose(c -> c.hmget(record, V, E, M))
        .thenApply(fields -> {
          byte[] v = value(fields, 0);
          byte[] e = value(fields, 1);
          if (v == null || e == null) {
            return Optional.<KvEntry>empty();
          }
          long expiration = Long.parseLong(new String(e, StandardCharsets.US_ASCII));
          KvEntry entry = new KvEntry(v, expiration, string(value(fields, 2)));
          // Redis drops expired records lazily or on its own schedule; the SPI wants them gone now.
          return entry.expiredAt(now()) ? Optional.<KvEntry>empty() : Optional.of(entry);
        });
  }

  private static byte[] value(List<KeyValue<byte[], byte[]>> fields, int i) {
    KeyValue<byte[], byte[]> kv = fields.get(i);
    return kv.hasValue() ? kv.getValue() : null;
  }

  private static String string(byte[] utf8) {
    return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public CompletableFuture<Void> put(String namespace, String key, KvEntry entry) {
    Objects.requireNonNull(namespace, "namespace");
    byte[] k = bytes(Objects.requireNonNull(key, "key"));
    Objects.requireNonNull(entry, "entry");
    byte[][] keys = {recordKey(recordPrefix(namespace), k), indexKey(namespace)};
    byte[][] args = {
      k,
      entry.value(),
      bytes(Long.toString(entry.expiration())),
      entry.metadata() == null ? ZERO : ONE,
      entry.metadata() == null ? EMPTY : bytes(entry.metadata())
    };
    return commands().thenCompose(c -> PUT.run(c, keys, args)).thenApply(r -> null);
  }

  @Override
  public CompletableFuture<Void> delete(String namespace, String key) {
    Objects.requireNonNull(namespace, "namespace");
    byte[] k = bytes(Objects.requireNonNull(key, "key"));
    byte[][] keys = {recordKey(recordPrefix(namespace), k), indexKey(namespace)};
    return commands().thenCompose(c -> DELETE.run(c, keys, new byte[][] {k})).thenApply(r -> null);
  }

  @Override
  public CompletableFuture<KvPage> list(String namespace, String prefix, int limit, String cursor) {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(prefix, "prefix");
    String after;
    try {
      after = cursor == null ? null : Keys.keyOf(cursor);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    byte[] p = bytes(prefix);
    byte[] successor = Keys.successor(p);
    Range.Boundary<byte[]> lower = after != null && Keys.UTF8_ORDER.compare(after, prefix) >= 0
        ? Range.Boundary.excluding(bytes(after))
        : Range.Boundary.including(p);
    Range.Boundary<byte[]> upper = successor == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(successor);
    Listing listing = new Listing(indexKey(namespace), recordPrefix(namespace), upper, limit);
    return commands().thenCompose(c -> listing.next(c, lower));
  }

  /** One list call: index ranges are read until {@code limit} + 1 live keys or the end are seen. */
  private static final class Listing {
    private final byte[] index;
    private final byte[] recordPrefix;
    private final Range.Boundary<byte[]> upper;
    private final int limit;
    private final long now = now();
    private final List<KvKey> live = new ArrayList<>();

    Listing(byte[] index, byte[] recordPrefix, Range.Boundary<byte[]> upper, int limit) {
      this.index = index;
      this.recordPrefix = recordPrefix;
      this.upper = upper;
      this.limit = limit;
    }

    CompletableFuture<KvPage> next(RedisClusterAsyncCommands<byte[], byte[]> c, Range.Boundary<byte[]> lower) {
      int wanted = limit + 1 - live.size();
      return c.zrangebylex(index, Range.from(lower, upper), Limit.create(0, wanted))
          .toCompletableFuture()
          .thenCompose(members -> {
            if (members.isEmpty()) {
              return CompletableFuture.completedFuture(page(false));
            }
            byte[][] keys = new byte[members.size() + 1][];
            byte[][] args = new byte[members.size() + 1][];
            keys[0] = index;
            args[0] = bytes(Long.toString(now));
            for (int i = 0; i < members.size(); i++) {
              keys[i + 1] = recordKey(recordPrefix, members.get(i));
              args[i + 1] = members.get(i);
            }
            return FETCH.<List<Object>>run(c, keys, args).thenCompose(fields -> {
              for (int i = 0; i < members.size(); i++) {
                byte[] e = (byte[]) fields.get(2 * i);
                if (e != null) {
                  live.add(new KvKey(string(members.get(i)), Long.parseLong(string(e)), string((byte[]) fields.get(2 * i + 1))));
                }
              }
              if (live.size() > limit) {
                return CompletableFuture.completedFuture(page(true));
              }
              if (members.size() < wanted) {
                return CompletableFuture.completedFuture(page(false));
              }
              return next(c, Range.Boundary.excluding(members.get(members.size() - 1)));
            });
          });
    }

    private KvPage page(boolean more) {
      List<KvKey> keys = live.size() > limit ? live.subList(0, limit) : live;
      String next = more && !keys.isEmpty() ? Keys.cursorAfter(keys.get(keys.size() - 1).name()) : null;
      return new KvPage(keys, next);
    }
  }

  @Override
  public void close() {
    CompletableFuture<Connected> c;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      c = connection;
    }
    if (c != null && c.isDone() && !c.isCompletedExceptionally()) {
      c.join().connection().close();
    }
    // Closes any connection still being made and stops the client's threads; no quiet period.
    client.shutdown(0, 2, TimeUnit.SECONDS);
  }

  /** A Lua script run by EVALSHA, falling back to EVAL when the node has not cached it yet. */
  private static final class Script {
    private final ScriptOutputType type;
    private final String source;
    private final String sha1;

    Script(ScriptOutputType type, String source) {
      this.type = type;
      this.source = source;
      try {
        this.sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes(source)));
      } catch (NoSuchAlgorithmException e) {
        throw new AssertionError("every JDK has SHA-1", e);
      }
    }

    <T> CompletableFuture<T> run(RedisClusterAsyncCommands<byte[], byte[]> c, byte[][] keys, byte[][] args) {
      CompletableFuture<T> first = c.<T>evalsha(sha1, type, keys, args).toCompletableFuture();
      return first.handle((result, failure) -> {
        if (failure == null) {
          return CompletableFuture.completedFuture(result);
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RedisNoScriptException) {
          return c.<T>eval(source, type, keys, args).toCompletableFuture();
        }
        return CompletableFuture.<T>failedFuture(cause);
      }).thenCompose(Function.identity());
    }
  }
}
