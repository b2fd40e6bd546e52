package dev.islet.bindings;

import dev.islet.bindings.internal.BlobListing;
import dev.islet.bindings.internal.Keys;
import dev.islet.bindings.internal.Multipart;
import dev.islet.store.BlobPart;
import dev.islet.store.MultipartException;
import dev.islet.store.BlobContent;
import dev.islet.store.BlobMetadata;
import dev.islet.store.BlobObject;
import dev.islet.store.BlobPage;
import dev.islet.store.BlobRange;
import dev.islet.store.BlobStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link InMemory#blobs()}: a sorted map per bucket. */
final class MemoryBlobStore implements BlobStore {
  private record Stored(BlobObject object, byte[] data) {}

  /** An upload in progress: its parts by number, with their bytes. */
  private record Upload(String bucket, String key, BlobMetadata metadata, Map<Integer, Multipart.Uploaded> parts,
      Map<Integer, byte[]> data) {}

  private final Map<String, ConcurrentSkipListMap<String, Stored>> buckets = new ConcurrentHashMap<>();
  private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

  private ConcurrentSkipListMap<String, Stored> bucket(String name) {
    return buckets.computeIfAbsent(name, n -> new ConcurrentSkipListMap<>(Keys.UTF8_ORDER));
  }

  @Override
  public CompletableFuture<Optional<BlobObject>> head(String bucket, String key) {
    Stored s = bucket(bucket).get(key);
    return CompletableFuture.completedFuture(Optional.ofNullable(s).map(Stored::object));
  }

  @Override
  public CompletableFuture<Optional<BlobContent>> get(String bucket, String key, BlobRange range) {
    Stored s = bucket(bucket).get(key);
    if (s == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    if (range == null) {
      return CompletableFuture.completedFuture(Optional.of(new BlobContent(s.object(), s.data(), 0)));
    }
    long[] r = range.resolve(s.data().length);
    byte[] part = Arrays.copyOfRange(s.data(), (int) r[0], (int) r[1]);
    return CompletableFuture.completedFuture(Optional.of(new BlobContent(s.object(), part, r[0])));
  }

  @Override
  public CompletableFuture<BlobObject> put(String bucket, String key, byte[] data, BlobMetadata metadata) {
    BlobObject object = new BlobObject(key, Multipart.randomId(), data.length,
        md5Hex(data), Instant.now(), metadata);
    bucket(bucket).put(key, new Stored(object, data.clone()));
    return CompletableFuture.completedFuture(object);
  }

  @Override
  public CompletableFuture<Void> delete(String bucket, List<String> keys) {
    ConcurrentSkipListMap<String, Stored> b = bucket(bucket);
    keys.forEach(b::remove);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<BlobPage> list(String bucket, String prefix, String delimiter, String startAfter,
      String cursor, int limit) {
    try {
      return CompletableFuture.completedFuture(BlobListing.page(bucket(bucket), Stored::object, prefix, delimiter,
          startAfter, cursor, limit));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<String> createMultipartUpload(String bucket, String key, BlobMetadata metadata) {
    String id = Multipart.randomId();
    uploads.put(id, new Upload(bucket, key, metadata, new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
    return CompletableFuture.completedFuture(id);
  }

  private Upload upload(String bucket, String key, String uploadId) {
    Upload u = uploads.get(uploadId);
    if (u == null || !u.bucket().equals(bucket) || !u.key().equals(key)) {
      throw new MultipartException(MultipartException.Reason.NO_SUCH_UPLOAD, "no upload " + uploadId + " of " + key);
    }
    return u;
  }

  @Override
  public CompletableFuture<BlobPart> uploadPart(String bucket, String key, String uploadId, int partNumber,
      byte[] data) {
    try {
      Multipart.checkPartNumber(partNumber);
      Upload u = upload(bucket, key, uploadId);
      synchronized (u) {
        String etag = Multipart.randomId();
        u.data().put(partNumber, data.clone());
        u.parts().put(partNumber, new Multipart.Uploaded(partNumber, etag, data.length, Multipart.md5().digest(data)));
        return CompletableFuture.completedFuture(new BlobPart(partNumber, etag));
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<BlobObject> completeMultipartUpload(String bucket, String key, String uploadId,
      List<BlobPart> parts) {
    try {
      Upload u = upload(bucket, key, uploadId);
      synchronized (u) {
        if (uploads.get(uploadId) != u) {
          throw new MultipartException(MultipartException.Reason.NO_SUCH_UPLOAD, "upload " + uploadId + " ended");
        }
        List<Multipart.Uploaded> chosen = Multipart.select(parts, u.parts());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Multipart.Uploaded p : chosen) {
          out.writeBytes(u.data().get(p.partNumber()));
        }
        byte[] bytes = out.toByteArray();
        BlobMetadata metadata = new BlobMetadata(u.metadata().http(), u.metadata().custom(), Map.of());
        BlobObject object = new BlobObject(key, Multipart.randomId(), bytes.length, Multipart.etag(chosen),
            Instant.now(), metadata);
        bucket(bucket).put(key, new Stored(object, bytes));
        uploads.remove(uploadId);
        return CompletableFuture.completedFuture(object);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Void> abortMultipartUpload(String bucket, String key, String uploadId) {
    Upload u = uploads.get(uploadId);
    if (u != null && u.bucket().equals(bucket) && u.key().equals(key)) {
      uploads.remove(uploadId, u);
    }
    return CompletableFuture.completedFuture(null);
  }

  static String md5Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
