package dev.islet.bindings;

import dev.islet.bindings.internal.Keys;
import dev.islet.bindings.internal.Multipart;
import dev.islet.store.BlobContent;
import dev.islet.store.BlobMetadata;
import dev.islet.store.BlobObject;
import dev.islet.store.BlobPage;
import dev.islet.store.BlobPart;
import dev.islet.store.BlobRange;
import dev.islet.store.BlobStore;
import dev.islet.store.MultipartException;
import dev.islet.store.MultipartException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link S3#blobs}: the SDK's synchronous client, called on the store's own threads. See {@link S3}
 * for the layout; this class maps each SPI operation onto S3 calls.
 */
final class S3BlobStore implements BlobStore {
  private static final int DELETE_BATCH = 1000;

  private final S3Client s3;
  private final boolean ownsClient;
  private final String bucket;
  private final S3Layout layout;
  private final ExecutorService executor;
  private final Duration closeWait;

  private S3BlobStore(S3Client s3, boolean ownsClient, S3.Config config) {
    this.s3 = s3;
    this.ownsClient = ownsClient;
    this.bucket = config.bucket;
    this.layout = new S3Layout(config.keyPrefix);
    this.closeWait = config.apiCallTimeout;
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(config.threads, r -> {
      Thread t = new Thread(r, "islet-s3-blobs-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  static S3BlobStore open(S3.Config config) {
    if (config.client != null) {
      return new S3BlobStore(config.client, false, config);
    }
    S3Client client = S3Client.builder()
        .endpointOverride(config.endpoint)
        .region(Region.of(config.region))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(config.accessKeyId, config.secretAccessKey)))
        // The JDK's HttpURLConnection: no Netty or Apache HttpClient for embedders to carry.
        .httpClient(UrlConnectionHttpClient.builder()
            .connectionTimeout(config.apiCallTimeout)
            .socketTimeout(config.apiCallTimeout)
            .build())
        .forcePathStyle(config.pathStyle)
        // Checksums only where S3 requires them (DeleteObjects): S3-compatible services (R2, MinIO,
        // S3Proxy) differ in their support for the newer flexible checksums; Content-MD5 covers puts.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.apiCallTimeout(config.apiCallTimeout))
        .build();
    return new S3BlobStore(client, true, config);
  }

  /** Runs {@code call} on the store's threads. */
  private <T> CompletableFuture<T> run(Supplier<T> call) {
    try {
      return CompletableFuture.supplyAsync(call, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new IllegalStateException("S3 blob store is closed"));
    }
  }

  private String s3Key(String bucketName, String key) {
    return layout.base(bucketName) + key;
  }

  // ---- single objects ------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Optional<BlobObject>> head(String bucketName, String key) {
    return run(() -> headObject(key, s3Key(bucketName, key)));
  }

  private Optional<BlobObject> headObject(String key, String s3Key) {
    try {
      HeadObjectResponse r = s3.headObject(b -> b.bucket(bucket).key(s3Key));
      return Optional.of(object(key, r.contentLength(), r.eTag(), r.versionId(), r.lastModified(), r.metadata(),
          http(r.contentType(), r.contentLanguage(), r.contentDisposition(), r.contentEncoding(), r.cacheControl(),
              r.expiresString())));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public CompletableFuture<Optional<BlobContent>> get(String bucketName, String key, BlobRange range) {
    String s3Key = s3Key(bucketName, key);
    return run(() -> {
      String header = range == null ? null : rangeHeader(range);
      if (range != null && header == null) {
        return emptyRange(key, s3Key, range); // nothing to read: S3 cannot express an empty range
      }
      ResponseBytes<GetObjectResponse> bytes;
      try {
        bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(s3Key).range(header));
      } catch (S3Exception e) {
        if (e.statusCode() == 404) {
          return Optional.empty();
        }
        if (e.statusCode() == 416) {
          return emptyRange(key, s3Key, range); // past the end, or any range of an empty object
        }
        throw e;
      }
      GetObjectResponse r = bytes.response();
      byte[] data = bytes.asByteArrayUnsafe();
      long offset = 0;
      long size = data.length;
      long[] contentRange = contentRange(r.contentRange());
      if (contentRange != null) {
        offset = contentRange[0];
        size = contentRange[1];
      } else if (range != null) {
        // A whole object where a range was asked for (a service that ignores Range): cut it here.
        long[] within = range.resolve(size);
        data = Arrays.copyOfRange(data, (int) within[0], (int) within[1]);
        offset = within[0];
      }
      BlobObject object = object(key, size, r.eTag(), r.versionId(), r.lastModified(), r.metadata(),
          http(r.contentType(), r.contentLanguage(), r.contentDisposition(), r.contentEncoding(), r.cacheControl(),
              r.expiresString()));
      return Optional.of(new BlobContent(object, data, offset));
    });
  }

  /** The Range header for {@code range}, or null for one that selects no bytes. */
  private static String rangeHeader(BlobRange range) {
    if (range.suffix() != -1) {
      return range.suffix() == 0 ? null : "bytes=-" + range.suffix();
    }
    if (range.length() == -1) {
      return "bytes=" + range.offset() + "-";
    }
    return range.length() == 0 ? null : "bytes=" + range.offset() + "-" + (range.offset() + range.length() - 1);
  }

  /** {start, size} from {@code bytes start-end/size}, or null. */
  private static long[] contentRange(String header) {
    if (header == null || !header.startsWith("bytes ")) {
      return null;
    }
    try {
      int dash = header.indexOf('-');
      int slash = header.indexOf('/');
      if (dash < 0 || slash < 0 || header.endsWith("*")) {
        return null;
      }
      return new long[] {Long.parseLong(header.substring(6, dash).trim()), Long.parseLong(header.substring(slash + 1))};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Optional<BlobContent> emptyRange(String key, String s3Key, BlobRange range) {
    return headObject(key, s3Key).map(o -> new BlobContent(o, new byte[0], range.resolve(o.size())[0]));
  }

  @Override
  public CompletableFuture<BlobObject> put(String bucketName, String key, byte[] data, BlobMetadata metadata) {
    byte[] copy = data.clone(); // the caller may reuse its array before the store's thread sends it
    String s3Key = s3Key(bucketName, key);
    return run(() -> {
      String version = Multipart.randomId();
      long millis = System.currentTimeMillis();
      byte[] md5 = Multipart.md5().digest(copy);
      PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket).key(s3Key)
          .contentLength((long) copy.length)
          .contentMD5(Base64.getEncoder().encodeToString(md5))
          .metadata(Map.of(S3Layout.ENTRY, S3Layout.encode(version, millis, metadata, true)));
      applyHttp(metadata, b::contentType, b::contentLanguage, b::contentDisposition, b::contentEncoding,
          b::cacheControl, b::expires);
      s3.putObject(b.build(), RequestBody.fromBytes(copy));
      return new BlobObject(key, version, copy.length, HexFormat.of().formatHex(md5), Instant.ofEpochMilli(millis),
          metadata);
    });
  }

  @Override
  public CompletableFuture<Void> delete(String bucketName, List<String> keys) {
    List<String> unique = new ArrayList<>(new LinkedHashSet<>(keys));
    String base = layout.base(bucketName);
    return run(() -> {
      List<String> batchable = new ArrayList<>();
      for (String k : unique) {
        if (xmlSafe(k)) {
          batchable.add(k);
        } else {
          // DeleteObjects names keys in an XML body, which cannot carry most control characters.
          s3.deleteObject(d -> d.bucket(bucket).key(base + k));
        }
      }
      for (int from = 0; from < batchable.size(); from += DELETE_BATCH) {
        List<ObjectIdentifier> ids = new ArrayList<>();
        for (String k : batchable.subList(from, Math.min(batchable.size(), from + DELETE_BATCH))) {
          ids.add(ObjectIdentifier.builder().key(base + k).build());
        }
        DeleteObjectsResponse r = s3.deleteObjects(d -> d.bucket(bucket)
            .delete(Delete.builder().objects(ids).quiet(true).build()));
        if (r.hasErrors() && !r.errors().isEmpty()) {
          var e = r.errors().get(0);
          throw new IllegalStateException("S3 refused to delete " + r.errors().size() + " of " + ids.size()
              + " objects, e.g. " + e.key() + ": " + e.code() + " " + e.message());
        }
      }
      return null;
    });
  }

  /** Whether XML 1.0 can carry {@code key} as text. */
  private static boolean xmlSafe(String key) {
    return key.codePoints().allMatch(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000);
  }

  // ---- list -----------------------------------------------------------------------------------------

  /** One listed entry: a key, or a rolled-up prefix. */
  private record Listed(String name, boolean prefix) {}

  @Override
  public CompletableFuture<BlobPage> list(String bucketName, String prefix, String delimiter, String startAfter,
      String cursor, int limit) {
    String cursorKey;
    try {
      cursorKey = cursor == null ? null : Keys.keyOf(cursor);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    String after = startAfter != null && (cursorKey == null || Keys.UTF8_ORDER.compare(startAfter, cursorKey) > 0)
        ? startAfter : cursorKey;
    String base = layout.base(bucketName);
    String delim = delimiter == null || delimiter.isEmpty() ? null : delimiter;
    int want = Math.max(1, Math.min(limit, MAX_LIST_LIMIT));
    return run(() -> listNames(base, prefix, delim, after, want)).thenCompose(page -> {
      List<String> keys = new ArrayList<>();
      page.names().forEach(l -> {
        if (!l.prefix()) {
          keys.add(l.name());
        }
      });
      // S3's listing carries no user metadata (version, upload time, custom): one HEAD per object.
      List<CompletableFuture<Optional<BlobObject>>> heads = new ArrayList<>();
      for (String k : keys) {
        heads.add(run(() -> headObject(k, base + k)));
      }
      return CompletableFuture.allOf(heads.toArray(CompletableFuture[]::new)).thenApply(v -> {
        List<BlobObject> objects = new ArrayList<>();
        heads.forEach(h -> h.join().ifPresent(objects::add)); // an object deleted meanwhile is left out
        List<String> prefixes = new ArrayList<>();
        page.names().forEach(l -> {
          if (l.prefix()) {
            prefixes.add(l.name());
          }
        });
        return new BlobPage(objects, prefixes, page.cursor());
      });
    });
  }

  private record Names(List<Listed> names, String cursor) {}

  /**
   * Up to {@code want} keys and rolled-up prefixes after {@code after}, merged in UTF-8 order, and the
   * cursor after the last of them if more follow. A prefix the previous page ended inside (the cursor
   * names a key, or a prefix, within it) is not listed again.
   */
  private Names listNames(String base, String prefix, String delimiter, String after, int want) {
    List<Listed> out = new ArrayList<>();
    String token = null;
    while (true) {
      ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).prefix(base + prefix)
          .delimiter(delimiter).maxKeys(Math.min(MAX_LIST_LIMIT, want - out.size() + 1));
      if (token != null) {
        req.continuationToken(token);
      } else if (after != null && Keys.UTF8_ORDER.compare(after, prefix) >= 0) {
        req.startAfter(base + after);
      }
      ListObjectsV2Response r = s3.listObjectsV2(req.build());
      List<Listed> merged = new ArrayList<>();
      for (S3Object o : r.contents()) {
        merged.add(new Listed(o.key().substring(base.length()), false));
      }
      for (CommonPrefix p : r.commonPrefixes()) {
        merged.add(new Listed(p.prefix().substring(base.length()), true));
      }
      merged.sort((x, y) -> Keys.UTF8_ORDER.compare(x.name(), y.name()));
      for (Listed l : merged) {
        if (l.prefix() && after != null && after.startsWith(l.name())) {
          continue; // the previous page ended inside this prefix
        }
        if (out.size() == want) {
          return new Names(out, Keys.cursorAfter(out.get(out.size() - 1).name()));
        }
        out.add(l);
      }
      if (!Boolean.TRUE.equals(r.isTruncated()) || r.nextContinuationToken() == null) {
        return new Names(out, null);
      }
      if (out.size() == want) {
        // S3 has more; those entries are new (a listing never repeats a prefix), so another page exists.
        return new Names(out, Keys.cursorAfter(out.get(out.size() - 1).name()));
      }
      token = r.nextContinuationToken();
    }
  }

  // ---- multipart ------------------------------------------------------------------------------------

  /**
   * An Islet upload id: a tag of the S3 key, a dot, S3's upload id. The tag scopes the id to its
   * bucket and key even on S3-compatible services that look uploads up by id alone.
   */
  private static String uploadId(String s3Key, String s3UploadId) {
    return tag(s3Key) + "." + s3UploadId;
  }

  /** S3's upload id inside {@code uploadId}, if it was made for {@code s3Key}; otherwise null. */
  private static String s3UploadId(String s3Key, String uploadId) {
    int dot = uploadId.indexOf('.');
    if (dot < 0 || !uploadId.substring(0, dot).equals(tag(s3Key)) || dot == uploadId.length() - 1) {
      return null;
    }
    return uploadId.substring(dot + 1);
  }

  private static String tag(String s3Key) {
    byte[] d = Multipart.md5().digest(s3Key.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 8);
  }

  private static MultipartException noSuchUpload(String key, String uploadId) {
    return new MultipartException(Reason.NO_SUCH_UPLOAD, "no upload " + uploadId + " of " + key);
  }

  /** S3's refusals of multipart calls, as the SPI names them; other failures unchanged. */
  private static RuntimeException multipartFailure(S3Exception e, String key, String uploadId) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    if ("NoSuchUpload".equals(code) || (code == null && e.statusCode() == 404)) {
      MultipartException m = noSuchUpload(key, uploadId);
      m.initCause(e); // for the host's log: which call S3 refused, and how
      return m;
    }
    if ("InvalidPart".equals(code)) {
      return new MultipartException(Reason.INVALID_PART, "S3: " + e.getMessage());
    }
    if ("EntityTooSmall".equals(code)) {
      return new MultipartException(Reason.PART_TOO_SMALL, "S3: " + e.getMessage());
    }
    if ("InvalidPartOrder".equals(code)) {
      return new MultipartException(Reason.BAD_UPLOAD, "S3: " + e.getMessage());
    }
    return e;
  }

  @Override
  public CompletableFuture<String> createMultipartUpload(String bucketName, String key, BlobMetadata metadata) {
    String s3Key = s3Key(bucketName, key);
    return run(() -> {
      CreateMultipartUploadRequest.Builder b = CreateMultipartUploadRequest.builder().bucket(bucket).key(s3Key)
          .metadata(Map.of(S3Layout.ENTRY, S3Layout.encode(Multipart.randomId(), System.currentTimeMillis(),
              metadata, false)));
      applyHttp(metadata, b::contentType, b::contentLanguage, b::contentDisposition, b::contentEncoding,
          b::cacheControl, b::expires);
      return uploadId(s3Key, s3.createMultipartUpload(b.build()).uploadId());
    });
  }

  @Override
  public CompletableFuture<BlobPart> uploadPart(String bucketName, String key, String uploadId, int partNumber,
      byte[] data) {
    try {
      Multipart.checkPartNumber(partNumber);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    String s3Key = s3Key(bucketName, key);
    String s3Upload = s3UploadId(s3Key, uploadId);
    if (s3Upload == null) {
      return CompletableFuture.failedFuture(noSuchUpload(key, uploadId));
    }
    byte[] copy = data.clone();
    return run(() -> {
      byte[] md5 = Multipart.md5().digest(copy);
      String etag;
      try {
        etag = s3.uploadPart(b -> b.bucket(bucket).key(s3Key).uploadId(s3Upload).partNumber(partNumber)
            .contentLength((long) copy.length).contentMD5(Base64.getEncoder().encodeToString(md5)),
            RequestBody.fromBytes(copy)).eTag();
      } catch (S3Exception e) {
        throw multipartFailure(e, key, uploadId);
      }
      // S3's etag, which ListParts reports back at completion (the MD5 on AWS; not on every service).
      return new BlobPart(partNumber, etag == null || etag.isEmpty() ? HexFormat.of().formatHex(md5) : unquote(etag));
    });
  }

  @Override
  public CompletableFuture<BlobObject> completeMultipartUpload(String bucketName, String key, String uploadId,
      List<BlobPart> parts) {
    String s3Key = s3Key(bucketName, key);
    String s3Upload = s3UploadId(s3Key, uploadId);
    if (s3Upload == null) {
      return CompletableFuture.failedFuture(noSuchUpload(key, uploadId));
    }
    List<BlobPart> named = List.copyOf(parts);
    return run(() -> {
      try {
        List<Multipart.Uploaded> chosen = Multipart.select(named, uploadedParts(s3Key, s3Upload));
        List<CompletedPart> completed = new ArrayList<>();
        if (chosen.isEmpty()) {
          // S3 refuses to complete with no parts; one empty part makes the empty object R2 would,
          // with the metadata the upload was created with.
          String etag = unquote(s3.uploadPart(b -> b.bucket(bucket).key(s3Key).uploadId(s3Upload).partNumber(1)
              .contentLength(0L), RequestBody.empty()).eTag());
          completed.add(CompletedPart.builder().partNumber(1).eTag(etag).build());
        }
        for (Multipart.Uploaded u : chosen) {
          completed.add(CompletedPart.builder().partNumber(u.partNumber()).eTag(u.etag()).build());
        }
        CompleteMultipartUploadResponse r = s3.completeMultipartUpload(b -> b.bucket(bucket).key(s3Key)
            .uploadId(s3Upload).multipartUpload(m -> m.parts(completed)));
        // The version and upload time were stored at creation: read them back with the object.
        BlobObject o = headObject(key, s3Key).orElseThrow(() -> new IllegalStateException(
            "S3 completed upload " + uploadId + " of " + key + " but the object is absent"));
        String etag = r.eTag() == null ? o.etag() : unquote(r.eTag());
        return new BlobObject(key, o.version(), o.size(), etag, o.uploaded(), o.metadata());
      } catch (S3Exception e) {
        throw multipartFailure(e, key, uploadId);
      }
    });
  }

  /** The parts S3 holds for an upload, by number, with their sizes and MD5s (their etags). */
  private Map<Integer, Multipart.Uploaded> uploadedParts(String s3Key, String s3Upload) {
    Map<Integer, Multipart.Uploaded> out = new HashMap<>();
    Integer marker = null;
    while (true) {
      Integer from = marker;
      ListPartsResponse r = s3.listParts(b -> b.bucket(bucket).key(s3Key).uploadId(s3Upload).partNumberMarker(from));
      for (Part p : r.parts()) {
        String etag = unquote(p.eTag());
        byte[] md5;
        try {
          md5 = HexFormat.of().parseHex(etag);
        } catch (IllegalArgumentException e) {
          md5 = new byte[0]; // not an MD5 (e.g. encrypted at rest); S3 computes the object's etag
        }
        out.put(p.partNumber(), new Multipart.Uploaded(p.partNumber(), etag, p.size(), md5));
      }
      if (!Boolean.TRUE.equals(r.isTruncated()) || r.nextPartNumberMarker() == null) {
        return out;
      }
      marker = r.nextPartNumberMarker();
    }
  }

  @Override
  public CompletableFuture<Void> abortMultipartUpload(String bucketName, String key, String uploadId) {
    String s3Key = s3Key(bucketName, key);
    String s3Upload = s3UploadId(s3Key, uploadId);
    if (s3Upload == null) {
      return CompletableFuture.completedFuture(null); // never an upload of this key: nothing to end
    }
    return run(() -> {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(s3Key).uploadId(s3Upload));
      } catch (S3Exception e) {
        if (!(multipartFailure(e, key, uploadId) instanceof MultipartException m)
            || m.reason() != Reason.NO_SUCH_UPLOAD) {
          throw e;
        }
      }
      return null;
    });
  }

  // ---- metadata -------------------------------------------------------------------------------------

  /** Sets R2's HTTP metadata as the S3 object's headers. */
  private static void applyHttp(BlobMetadata m, Consumer<String> contentType, Consumer<String> contentLanguage,
      Consumer<String> contentDisposition, Consumer<String> contentEncoding, Consumer<String> cacheControl,
      Consumer<Instant> expires) {
    Map<String, String> h = m.http();
    if (h.containsKey("contentType")) {
      contentType.accept(h.get("contentType"));
    }
    if (h.containsKey("contentLanguage")) {
      contentLanguage.accept(h.get("contentLanguage"));
    }
    if (h.containsKey("contentDisposition")) {
      contentDisposition.accept(h.get("contentDisposition"));
    }
    if (h.containsKey("contentEncoding")) {
      contentEncoding.accept(h.get("contentEncoding"));
    }
    if (h.containsKey("cacheControl")) {
      cacheControl.accept(h.get("cacheControl"));
    }
    String expiry = h.get("cacheExpiry");
    if (expiry != null) {
      try {
        expires.accept(Instant.parse(expiry)); // whole seconds in the header; the entry keeps the text
      } catch (DateTimeParseException e) {
        // not an instant: only the entry keeps it
      }
    }
  }

  /** The S3 object's HTTP metadata by R2 name. */
  private static Map<String, String> http(String contentType, String contentLanguage, String contentDisposition,
      String contentEncoding, String cacheControl, String expires) {
    Map<String, String> h = new LinkedHashMap<>();
    putIfSet(h, "contentType", contentType);
    putIfSet(h, "contentLanguage", contentLanguage);
    putIfSet(h, "contentDisposition", contentDisposition);
    putIfSet(h, "contentEncoding", contentEncoding);
    putIfSet(h, "cacheControl", cacheControl);
    if (expires != null && !expires.isEmpty()) {
      try {
        putIfSet(h, "cacheExpiry", ZonedDateTime.parse(expires, DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant().toString());
      } catch (DateTimeParseException e) {
        putIfSet(h, "cacheExpiry", expires);
      }
    }
    return h;
  }

  private static void putIfSet(Map<String, String> h, String name, String value) {
    if (value != null) {
      h.put(name, value);
    }
  }

  /** The SPI's description of an S3 object, from its headers and Islet's metadata entry. */
  private static BlobObject object(String key, Long size, String eTag, String versionId, Instant lastModified,
      Map<String, String> userMetadata, Map<String, String> http) {
    String etag = unquote(eTag);
    S3Layout.Entry entry = S3Layout.decode(userMetadata.get(S3Layout.ENTRY));
    if (entry == null) {
      // Written by another tool: S3's own version and time; its user metadata as custom metadata.
      Map<String, String> custom = new LinkedHashMap<>(userMetadata);
      custom.remove(S3Layout.ENTRY);
      return new BlobObject(key, versionId != null ? versionId : etag, size == null ? 0 : size, etag,
          lastModified != null ? lastModified : Instant.EPOCH, new BlobMetadata(http, custom, Map.of()));
    }
    return new BlobObject(key, entry.version(), size == null ? 0 : size, etag,
        Instant.ofEpochMilli(entry.uploadedMillis()), new BlobMetadata(entry.http(), entry.custom(),
            entry.checksums()));
  }

  private static String unquote(String etag) {
    if (etag == null) {
      return "";
    }
    String e = etag.startsWith("W/") ? etag.substring(2) : etag;
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(closeWait.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (ownsClient) {
      s3.close();
    }
  }

  @Override
  public String toString() {
    return "S3BlobStore[bucket=" + bucket + "]";
  }
}
