package dev.islet.graal.internal;

import dev.islet.store.KvEntry;
import dev.islet.store.KvKey;
import dev.islet.store.KvPage;
import dev.islet.store.KvStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * The host half of a KV binding: checks a call as Workers KV does (key, value and metadata sizes,
 * expirations, list limits), then runs it on the {@link KvStore}. Results are shaped for the
 * prelude: a get is {@code [bytes | null, metadata JSON | null]}, a bulk get a list of those, a list
 * a JSON text. Failures the guest may read are {@link GuestFacingException}s with Workers' wording.
 */
final class KvBinding {
  /** Most keys one bulk get may ask for (Workers: 100). */
  static final int MAX_BULK_KEYS = 100;
  /** Shortest expiration TTL, and how far ahead an absolute expiration must be (Workers: 60 s). */
  static final long MIN_TTL_SECONDS = 60;

  /** One call from the guest. Unused or unset fields are null. */
  static final class Call {
    final String op;
    final String key;
    final String[] keys;
    final byte[] value;
    final Double expiration;
    final Double expirationTtl;
    final String metadata;
    final Double limit;
    final String cursor;

    Call(String op, String key, String[] keys, byte[] value, Double expiration, Double expirationTtl,
        String metadata, Double limit, String cursor) {
      this.op = op;
      this.key = key;
      this.keys = keys;
      this.value = value;
      this.expiration = expiration;
      this.expirationTtl = expirationTtl;
      this.metadata = metadata;
      this.limit = limit;
      this.cursor = cursor;
    }
  }

  private KvBinding() {}

  /** Runs {@code call} against {@code namespace} of {@code store}. Never throws: failures are in the future. */
  static CompletableFuture<Object> run(KvStore store, String namespace, Call call) {
    try {
      switch (call.op) {
        case "get":
          checkKey(call.key, "GET");
          return store.get(namespace, call.key).thenApply(KvBinding::entryForGuest);
        case "getBulk":
          return getBulk(store, namespace, call.keys);
        case "put":
          return put(store, namespace, call);
        case "delete":
          checkKey(call.key, "DELETE");
          return store.delete(namespace, call.key).thenApply(v -> null);
        case "list":
          return list(store, namespace, call);
        default:
          throw GuestFacingException.typeError("unknown KV operation " + call.op);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static Object entryForGuest(Optional<KvEntry> entry) {
    if (entry.isEmpty()) {
      return ProxyArray.fromArray(null, null);
    }
    KvEntry e = entry.get();
    return ProxyArray.fromArray(ByteBuffer.wrap(e.value()), e.metadata());
  }

  private static CompletableFuture<Object> getBulk(KvStore store, String namespace, String[] keys) {
    if (keys.length == 0) {
      throw GuestFacingException.typeError("KV GET_BULK failed: 400 You must request at least one key");
    }
    if (keys.length > MAX_BULK_KEYS) {
      throw GuestFacingException.typeError(
          "KV GET_BULK failed: 400 You can request a maximum of " + MAX_BULK_KEYS + " keys");
    }
    List<CompletableFuture<Optional<KvEntry>>> gets = new ArrayList<>();
    for (String k : keys) {
      checkKey(k, "GET_BULK");
      gets.add(store.get(namespace, k));
    }
    return CompletableFuture.allOf(gets.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
      Object[] out = new Object[gets.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = entryForGuest(gets.get(i).join());
      }
      return ProxyArray.fromArray(out);
    });
  }

  private static CompletableFuture<Object> put(KvStore store, String namespace, Call call) {
    checkKey(call.key, "PUT");
    if (call.value.length > KvStore.MAX_VALUE_BYTES) {
      throw GuestFacingException.typeError("KV PUT failed: 413 Value length of " + call.value.length
          + " exceeds limit of " + KvStore.MAX_VALUE_BYTES + ".");
    }
    if (call.metadata != null) {
      int size = call.metadata.getBytes(StandardCharsets.UTF_8).length;
      if (size > KvStore.MAX_METADATA_BYTES) {
        throw GuestFacingException.typeError("KV PUT failed: 413 Metadata length of " + size
            + " exceeds limit of " + KvStore.MAX_METADATA_BYTES + ".");
      }
    }
    long now = System.currentTimeMillis() / 1000;
    long expiration = 0;
    if (call.expiration != null) {
      double e = shown(call.expiration);
      if (e <= now) {
        throw GuestFacingException.typeError("KV PUT failed: 400 Invalid expiration of " + number(e)
            + ". Please specify integer greater than the current number of seconds since the UNIX epoch.");
      }
      if (e < now + MIN_TTL_SECONDS) {
        throw GuestFacingException.typeError("KV PUT failed: 400 Invalid expiration of " + number(e)
            + ". Expiration times must be at least " + MIN_TTL_SECONDS + " seconds in the future.");
      }
      expiration = (long) Math.min(e, Long.MAX_VALUE / 2);
    }
    if (call.expirationTtl != null) {
      double ttl = shown(call.expirationTtl);
      if (ttl <= 0) {
        throw GuestFacingException.typeError("KV PUT failed: 400 Invalid expiration_ttl of " + number(ttl)
            + ". Please specify integer greater than 0.");
      }
      if (ttl < MIN_TTL_SECONDS) {
        throw GuestFacingException.typeError("KV PUT failed: 400 Invalid expiration_ttl of " + number(ttl)
            + ". Expiration TTL must be at least " + MIN_TTL_SECONDS + ".");
      }
      expiration = now + (long) Math.min(ttl, Long.MAX_VALUE / 4);
    }
    return store.put(namespace, call.key, new KvEntry(call.value, expiration, call.metadata)).thenApply(v -> null);
  }

  private static CompletableFuture<Object> list(KvStore store, String namespace, Call call) {
    // As Workers: a limit that is not positive means the default; one above the maximum is refused.
    double requested = call.limit == null || Double.isNaN(call.limit) ? 0 : Math.floor(call.limit);
    if (requested > KvStore.MAX_LIST_LIMIT) {
      throw GuestFacingException.typeError("KV GET failed: 400 Invalid key_count_limit of " + number(requested)
          + ". Please specify an integer less than " + KvStore.MAX_LIST_LIMIT + ".");
    }
    double limit = requested < 1 ? KvStore.MAX_LIST_LIMIT : requested;
    String prefix = call.key == null ? "" : call.key;
    String cursor = call.cursor == null || call.cursor.isEmpty() ? null : call.cursor;
    return store.list(namespace, prefix, (int) limit, cursor)
        .exceptionally(e -> {
          Throwable c = GuestErrors.unwrap(e);
          if (c instanceof IllegalArgumentException) {
            throw GuestFacingException.typeError("KV LIST failed: 400 Invalid cursor");
          }
          throw e instanceof RuntimeException ? (RuntimeException) e : new java.util.concurrent.CompletionException(e);
        })
        .thenApply(KvBinding::pageJson);
  }

  private static String pageJson(KvPage page) {
    StringBuilder sb = new StringBuilder("{\"keys\":[");
    boolean first = true;
    for (KvKey k : page.keys()) {
      sb.append(first ? "" : ",").append("{\"name\":").append(WorkerVersion.jsonString(k.name()));
      if (k.expiration() != 0) {
        sb.append(",\"expiration\":").append(k.expiration());
      }
      if (k.metadata() != null) {
        sb.append(",\"metadata\":").append(k.metadata());
      }
      sb.append('}');
      first = false;
    }
    sb.append("],\"list_complete\":").append(page.complete());
    if (!page.complete()) {
      sb.append(",\"cursor\":").append(WorkerVersion.jsonString(page.cursor()));
    }
    return sb.append(",\"cacheStatus\":null}").toString();
  }

  private static void checkKey(String key, String op) {
    if (key == null || key.isEmpty()) {
      throw GuestFacingException.typeError("KV " + op + " failed: 400 Key names must not be empty.");
    }
    if (key.equals(".") || key.equals("..")) {
      throw GuestFacingException.typeError("KV " + op + " failed: 400 Illegal key name \"" + key
          + "\". Please use a different name.");
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > KvStore.MAX_KEY_BYTES) {
      throw GuestFacingException.typeError("KV " + op + " failed: 414 UTF-8 encoded length of " + bytes
          + " exceeds key length limit of " + KvStore.MAX_KEY_BYTES + ".");
    }
  }

  /** A number as Workers shows it in an error: NaN (a value that is not a number) as 0. */
  private static double shown(double d) {
    return Double.isNaN(d) ? 0 : d;
  }

  private static String number(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
