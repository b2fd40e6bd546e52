package dev.islet.graal.internal;

import dev.islet.store.BlobContent;
import dev.islet.store.BlobMetadata;
import dev.islet.store.BlobObject;
import dev.islet.store.BlobPage;
import dev.islet.store.BlobPart;
import dev.islet.store.BlobRange;
import dev.islet.store.BlobStore;
import dev.islet.store.MultipartException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.graalvm.polyglot.proxy.ProxyArray;

/**
 * The host half of a blob (R2) binding: checks a call as R2 does (key size, list limits, checksums,
 * conditional requests), runs it on the {@link BlobStore} and shapes the result for the prelude: an
 * object is a JSON text ({@code key, version, size, etag, uploaded (ms), httpMetadata,
 * customMetadata, checksums, range}); a get is {@code [object JSON | null, bytes | null]}.
 *
 * <p>Conditional puts are checked against the object as it was just before the write; two workers
 * racing on the same key can both pass (the store SPI has no compare-and-set).
 */
final class BlobBinding {
  static final Set<String> HTTP_FIELDS = Set.of("contentType", "contentLanguage", "contentDisposition",
      "contentEncoding", "cacheControl", "cacheExpiry");
  private static final Map<String, String> DIGESTS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256",
      "sha384", "SHA-384", "sha512", "SHA-512");

  /** One call: the operation, its named arguments (in order), keys for a delete, bytes for a put. */
  static final class Call {
    final String op;
    final Map<String, String> args;
    final String[] keys;
    final byte[] value;

    Call(String op, Map<String, String> args, String[] keys, byte[] value) {
      this.op = op;
      this.args = args;
      this.keys = keys;
      this.value = value;
    }

    String arg(String name) {
      return args.get(name);
    }
  }

  private BlobBinding() {}

  /** Runs {@code call} against {@code bucket}. Never throws: failures are in the future. */
  static CompletableFuture<Object> run(BlobStore store, String bucket, Call call) {
    try {
      switch (call.op) {
        case "head":
          checkKey(call.arg("key"), "head");
          return store.head(bucket, call.arg("key")).thenApply(o -> o.map(BlobBinding::objectJson).orElse(null));
        case "get":
          return get(store, bucket, call);
        case "put":
          return put(store, bucket, call);
        case "delete":
          for (String k : call.keys) {
            checkKey(k, "delete");
          }
          if (call.keys.length > 1000) {
            throw GuestFacingException.error("delete: You can delete at most 1000 keys at once. (10037)");
          }
          return store.delete(bucket, List.of(call.keys)).thenApply(v -> null);
        case "list":
          return list(store, bucket, call);
        case "createMultipartUpload":
        case "uploadPart":
        case "completeMultipartUpload":
        case "abortMultipartUpload":
          return multipart(store, bucket, call).exceptionally(e -> {
            throw refusal(call.op, GuestErrors.unwrap(e), e);
          });
        default:
          throw GuestFacingException.typeError("unknown blob operation " + call.op);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static CompletableFuture<Object> get(BlobStore store, String bucket, Call call) {
    String key = call.arg("key");
    checkKey(key, "get");
    BlobRange range = range(call);
    boolean conditional = call.args.keySet().stream().anyMatch(k -> k.startsWith("if."));
    CompletableFuture<Optional<BlobObject>> before = conditional
        ? store.head(bucket, key) : CompletableFuture.completedFuture(Optional.empty());
    return before.thenCompose(current -> {
      if (conditional && current.isPresent() && !preconditionsHold(call, current.get())) {
        // R2: a failed precondition returns the object without its body.
        return CompletableFuture.completedFuture((Object) ProxyArray.fromArray(objectJson(current.get()), null));
      }
      if (conditional && current.isEmpty()) {
        return CompletableFuture.completedFuture((Object) ProxyArray.fromArray(null, null));
      }
      return store.get(bucket, key, range).thenApply(content -> {
        if (content.isEmpty()) {
          return ProxyArray.fromArray(null, null);
        }
        BlobContent c = content.get();
        String json = range == null ? objectJson(c.object())
            : objectJson(c.object(), c.offset(), c.data().length);
        return (Object) ProxyArray.fromArray(json, ByteBuffer.wrap(c.data()));
      });
    });
  }

  private static BlobRange range(Call call) {
    String offset = call.arg("range.offset");
    String length = call.arg("range.length");
    String suffix = call.arg("range.suffix");
    if (offset == null && length == null && suffix == null) {
      return null;
    }
    try {
      if (suffix != null) {
        long s = wholeNumber(suffix);
        return new BlobRange(0, -1, s);
      }
      long o = offset == null ? 0 : wholeNumber(offset);
      long l = length == null ? -1 : wholeNumber(length);
      return new BlobRange(o, l, -1);
    } catch (IllegalArgumentException e) {
      throw GuestFacingException.error("get: The requested range is not satisfiable. (10039)");
    }
  }

  private static long wholeNumber(String s) {
    double d = Double.parseDouble(s);
    if (d < 0 || d != Math.rint(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException(s);
    }
    return (long) d;
  }

  private static CompletableFuture<Object> put(BlobStore store, String bucket, Call call) {
    String key = call.arg("key");
    checkKey(key, "put");
    Map<String, String> http = httpMetadata(call);
    Map<String, String> custom = customMetadata(call);
    Map<String, String> checksums = new LinkedHashMap<>();
    String provided = null;
    for (Map.Entry<String, String> a : call.args.entrySet()) {
      String name = a.getKey();
      if (name.startsWith("checksum.")) {
        String algorithm = name.substring(9);
        if (!DIGESTS.containsKey(algorithm)) {
          throw GuestFacingException.typeError("put: unknown checksum algorithm " + algorithm);
        }
        if (provided != null) {
          throw GuestFacingException.typeError("put: You cannot specify multiple hashing algorithms.");
        }
        provided = algorithm;
        String hex = a.getValue().toLowerCase(Locale.ROOT);
        String actual = hex(call.value, DIGESTS.get(algorithm));
        if (!actual.equals(hex)) {
          throw GuestFacingException.error("put: The " + algorithm.toUpperCase(Locale.ROOT)
              + " checksum you specified did not match what we received. (10037)");
        }
        checksums.put(algorithm, actual);
      }
    }
    checksums.putIfAbsent("md5", hex(call.value, "MD5"));
    BlobMetadata metadata = new BlobMetadata(http, custom, checksums);
    boolean conditional = call.args.keySet().stream().anyMatch(k -> k.startsWith("if."));
    CompletableFuture<Boolean> allowed = !conditional ? CompletableFuture.completedFuture(true)
        : store.head(bucket, key).thenApply(current -> current.isPresent()
            ? preconditionsHold(call, current.get())
            : call.arg("if.etagMatches") == null && call.arg("if.uploadedBefore") == null);
    return allowed.thenCompose(ok -> ok
        ? store.put(bucket, key, call.value, metadata).thenApply(BlobBinding::objectJson)
        : CompletableFuture.completedFuture(null));
  }

  private static CompletableFuture<Object> multipart(BlobStore store, String bucket, Call call) {
    String key = call.arg("key");
    checkKey(key, call.op);
    if (call.op.equals("createMultipartUpload")) {
      BlobMetadata metadata = new BlobMetadata(httpMetadata(call), customMetadata(call), Map.of());
      return store.createMultipartUpload(bucket, key, metadata).thenApply(id -> id);
    }
    String uploadId = call.arg("uploadId");
    if (uploadId == null || uploadId.isEmpty()) {
      throw GuestFacingException.error(call.op + ": The specified multipart upload does not exist. (10024)");
    }
    switch (call.op) {
      case "uploadPart": {
        double n = call.arg("partNumber") == null ? Double.NaN : Double.parseDouble(call.arg("partNumber"));
        if (!(n >= 1 && n <= BlobStore.MAX_PARTS && n == Math.rint(n))) {
          throw GuestFacingException.typeError("uploadPart: partNumber must be an integer from 1 to "
              + BlobStore.MAX_PARTS);
        }
        return store.uploadPart(bucket, key, uploadId, (int) n, call.value)
            .thenApply(p -> Json.write(Map.of("partNumber", p.partNumber(), "etag", p.etag())));
      }
      case "completeMultipartUpload": {
        List<BlobPart> parts = new ArrayList<>();
        for (String p : call.keys) {
          int colon = p.indexOf(':');
          parts.add(new BlobPart(Integer.parseInt(p.substring(0, colon)), p.substring(colon + 1)));
        }
        return store.completeMultipartUpload(bucket, key, uploadId, parts).thenApply(BlobBinding::objectJson);
      }
      default:
        return store.abortMultipartUpload(bucket, key, uploadId).thenApply(v -> null);
    }
  }

  /** R2's wording for a store's refusal of a multipart call; other failures pass through. */
  private static RuntimeException refusal(String op, Throwable cause, Throwable original) {
    if (cause instanceof MultipartException) {
      switch (((MultipartException) cause).reason()) {
        case NO_SUCH_UPLOAD:
          return GuestFacingException.error(op + ": The specified multipart upload does not exist. (10024)");
        case INVALID_PART:
          return GuestFacingException.error(op + ": One or more of the specified parts could not be found. (10025)");
        case PART_TOO_SMALL:
          return GuestFacingException.error(
              op + ": Your proposed upload is smaller than the minimum allowed object size. (10011)");
        default:
          return GuestFacingException.error(op + ": There was a problem with the multipart upload. (10048)");
      }
    }
    if (cause instanceof UnsupportedOperationException) {
      return GuestFacingException.error(op + ": This bucket does not support multipart uploads.");
    }
    return original instanceof RuntimeException ? (RuntimeException) original : new CompletionException(original);
  }

  private static Map<String, String> httpMetadata(Call call) {
    Map<String, String> http = new LinkedHashMap<>();
    for (Map.Entry<String, String> a : call.args.entrySet()) {
      if (a.getKey().startsWith("http.")) {
        String field = a.getKey().substring(5);
        if (!HTTP_FIELDS.contains(field)) {
          throw GuestFacingException.typeError(call.op + ": unknown httpMetadata field " + field);
        }
        http.put(field, a.getValue());
      }
    }
    return http;
  }

  private static Map<String, String> customMetadata(Call call) {
    Map<String, String> custom = new LinkedHashMap<>();
    int bytes = 0;
    for (Map.Entry<String, String> a : call.args.entrySet()) {
      if (a.getKey().startsWith("custom.")) {
        String name = a.getKey().substring(7);
        custom.put(name, a.getValue());
        bytes += name.getBytes(StandardCharsets.UTF_8).length + a.getValue().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    if (bytes > 2048) {
      throw GuestFacingException.error(call.op
          + ": Your metadata headers exceed the maximum allowed metadata size. (10012)");
    }
    return custom;
  }

  private static CompletableFuture<Object> list(BlobStore store, String bucket, Call call) {
    String limitText = call.arg("list.limit");
    int limit = BlobStore.MAX_LIST_LIMIT;
    if (limitText != null) {
      double l = Double.parseDouble(limitText);
      if (!(l >= 1 && l <= BlobStore.MAX_LIST_LIMIT)) {
        throw GuestFacingException.error("list: MaxKeys params must be positive integer <= 1000. (10022)");
      }
      limit = (int) l;
    }
    String prefix = call.arg("list.prefix") == null ? "" : call.arg("list.prefix");
    String include = call.arg("list.include") == null ? "" : call.arg("list.include");
    boolean withHttp = Arrays.asList(include.split(",")).contains("httpMetadata");
    boolean withCustom = Arrays.asList(include.split(",")).contains("customMetadata");
    return store.list(bucket, prefix, call.arg("list.delimiter"), call.arg("list.startAfter"),
            emptyToNull(call.arg("list.cursor")), limit)
        .exceptionally(e -> {
          Throwable c = GuestErrors.unwrap(e);
          if (c instanceof IllegalArgumentException) {
            throw GuestFacingException.error("list: The specified cursor is not valid. (10020)");
          }
          throw e instanceof RuntimeException ? (RuntimeException) e : new CompletionException(e);
        })
        .thenApply(page -> pageJson(page, withHttp, withCustom));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** R2's conditional semantics against the current object. */
  static boolean preconditionsHold(Call call, BlobObject current) {
    String matches = call.arg("if.etagMatches");
    if (matches != null && !etagIn(current.etag(), matches)) {
      return false;
    }
    String notMatches = call.arg("if.etagDoesNotMatch");
    if (notMatches != null && etagIn(current.etag(), notMatches)) {
      return false;
    }
    boolean seconds = "true".equals(call.arg("if.secondsGranularity"));
    long uploaded = current.uploaded().toEpochMilli();
    if (seconds) {
      uploaded = uploaded / 1000 * 1000;
    }
    String before = call.arg("if.uploadedBefore");
    if (before != null && !(uploaded < truncate((long) Double.parseDouble(before), seconds))) {
      return false;
    }
    String after = call.arg("if.uploadedAfter");
    return after == null || uploaded > truncate((long) Double.parseDouble(after), seconds);
  }

  private static long truncate(long millis, boolean seconds) {
    return seconds ? millis / 1000 * 1000 : millis;
  }

  /** Whether {@code etag} is in the comma-separated list (quotes and W/ ignored, * matches any). */
  private static boolean etagIn(String etag, String list) {
    for (String candidate : list.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1);
      }
      if (c.equals("*") || c.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static String objectJson(BlobObject o) {
    return objectJson(o, -1, -1);
  }

  private static String objectJson(BlobObject o, long rangeOffset, long rangeLength) {
    return objectJson(o, rangeOffset, rangeLength, true, true);
  }

  private static String objectJson(BlobObject o, long rangeOffset, long rangeLength, boolean http, boolean custom) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", o.key());
    m.put("version", o.version());
    m.put("size", o.size());
    m.put("etag", o.etag());
    m.put("uploaded", o.uploaded().toEpochMilli());
    m.put("httpMetadata", http ? o.metadata().http() : Map.of());
    m.put("customMetadata", custom ? o.metadata().custom() : Map.of());
    m.put("checksums", o.metadata().checksums());
    if (rangeOffset >= 0) {
      m.put("range", Map.of("offset", rangeOffset, "length", rangeLength));
    }
    return Json.write(m);
  }

  private static String pageJson(BlobPage page, boolean http, boolean custom) {
    List<String> objects = new ArrayList<>();
    for (BlobObject o : page.objects()) {
      objects.add(objectJson(o, -1, -1, http, custom));
    }
    StringBuilder sb = new StringBuilder("{\"objects\":[").append(String.join(",", objects)).append("],");
    sb.append("\"truncated\":").append(page.truncated());
    if (page.truncated()) {
      sb.append(",\"cursor\":").append(WorkerVersion.jsonString(page.cursor()));
    }
    sb.append(",\"delimitedPrefixes\":").append(Json.write(page.delimitedPrefixes()));
    return sb.append('}').toString();
  }

  private static void checkKey(String key, String op) {
    if (key == null || key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > BlobStore.MAX_KEY_BYTES) {
      throw GuestFacingException.error(op + ": The specified object name is not valid. (10020)");
    }
  }

  private static String hex(byte[] data, String algorithm) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
