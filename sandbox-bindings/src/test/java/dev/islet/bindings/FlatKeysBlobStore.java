package dev.islet.bindings;

import dev.islet.bindings.internal.Keys;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Makes S3Proxy's in-memory backend behave like S3 where it does not, for {@link S3BlobStoreTest}.
 *
 * <p>S3Proxy 4.x keeps objects as files of an in-memory file system, one directory per {@code /}, so
 * it cannot hold both {@code a} and {@code a/1}, nor keys such as {@code ..} or {@code a//b}, all of
 * which S3 stores. This wrapper stores each key as one flat file named by the hex of its UTF-8 bytes
 * (hex keeps byte order and prefixes) and does the listing's delimiter roll-up itself. It also
 * refuses parts for an upload that is not in progress with {@code NoSuchUpload}, as S3 does (the
 * backend accepts parts for an aborted upload).
 */
final class FlatKeysBlobStore extends ForwardingBlobStore {
  FlatKeysBlobStore(BlobStore delegate) {
    super(delegate);
  }

  /** S3Proxy's own bookkeeping blobs (multipart stubs), which the backend looks up by name. */
  private static final String INTERNAL = ".mpus-";

  private static String enc(String key) {
    if (key == null || key.startsWith(INTERNAL)) {
      return key;
    }
    return HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String dec(String name) {
    return name.startsWith(INTERNAL) ? name : new String(HexFormat.of().parseHex(name), StandardCharsets.UTF_8);
  }

  private static MultipartUpload enc(MultipartUpload mpu) {
    return new MultipartUpload(mpu.id(), mpu.request().toBuilder().key(enc(mpu.request().key())).build(),
        mpu.response());
  }

  private void checkInProgress(MultipartUpload mpu) {
    boolean known = delegate().listMultipartUploads(mpu.containerName()).stream()
        .anyMatch(u -> u.uploadId().equals(mpu.id()) && u.key().equals(enc(mpu.blobName())));
    if (!known) {
      throw new S3ProxyException(S3ErrorCode.NO_SUCH_UPLOAD);
    }
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream in) {
    return delegate().putBlob(request.toBuilder().key(enc(request.key())).build(), in);
  }

  @Override
  public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
    return delegate().blobMetadata(request.toBuilder().key(enc(request.key())).build());
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
    return delegate().getBlob(request.toBuilder().key(enc(request.key())).build());
  }

  @Override
  public boolean blobExists(String container, String name) {
    return delegate().blobExists(container, enc(name));
  }

  @Override
  public ObjectCannedACL getBlobAccess(String container, String name) {
    return delegate().getBlobAccess(container, enc(name));
  }

  @Override
  public ObjectCannedACL getBlobAccess(String container, String name, String versionId) {
    return delegate().getBlobAccess(container, enc(name), versionId);
  }

  @Override
  public void setBlobAccess(String container, String name, ObjectCannedACL access) {
    delegate().setBlobAccess(container, enc(name), access);
  }

  @Override
  public void setBlobAccess(String container, String name, ObjectCannedACL access, String versionId) {
    delegate().setBlobAccess(container, enc(name), access, versionId);
  }

  @Override
  public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
    return delegate().removeBlob(request.toBuilder().key(enc(request.key())).build());
  }

  @Override
  public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
    List<ObjectIdentifier> ids = new ArrayList<>();
    request.delete().objects().forEach(o -> ids.add(o.toBuilder().key(enc(o.key())).build()));
    return delegate().removeBlobs(request.toBuilder()
        .delete(request.delete().toBuilder().objects(ids).build()).build());
  }

  @Override
  public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
    return delegate().initiateMultipartUpload(request.toBuilder().key(enc(request.key())).build());
  }

  @Override
  public UploadPartResponse uploadMultipartPart(MultipartUpload mpu, UploadPartRequest request, InputStream in) {
    checkInProgress(mpu);
    return delegate().uploadMultipartPart(enc(mpu), request.toBuilder().key(enc(request.key())).build(), in);
  }

  @Override
  public List<Part> listMultipartUpload(MultipartUpload mpu) {
    checkInProgress(mpu);
    return delegate().listMultipartUpload(enc(mpu));
  }

  @Override
  public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload mpu,
      CompleteMultipartUploadRequest request) {
    checkInProgress(mpu);
    CompleteMultipartUploadResponse r = delegate().completeMultipartUpload(enc(mpu),
        request.toBuilder().key(enc(request.key())).build());
    return r.key() == null ? r : r.toBuilder().key(mpu.blobName()).build();
  }

  @Override
  public void abortMultipartUpload(MultipartUpload mpu) {
    delegate().abortMultipartUpload(enc(mpu));
  }

  @Override
  public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
    List<software.amazon.awssdk.services.s3.model.MultipartUpload> out = new ArrayList<>();
    delegate().listMultipartUploads(container).forEach(u -> out.add(u.toBuilder().key(dec(u.key())).build()));
    return out;
  }

  /** S3's ListObjectsV2 over the flat names: prefix, start-after, token, delimiter roll-up, max keys. */
  @Override
  public ListObjectsV2Response list(ListObjectsV2Request request) {
    String prefix = request.prefix() == null ? "" : request.prefix();
    List<S3Object> all = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Response page = delegate().list(ListObjectsV2Request.builder().bucket(request.bucket())
          .prefix(enc(prefix)).continuationToken(token).build());
      page.contents().stream().filter(o -> !o.key().startsWith(INTERNAL))
          .forEach(o -> all.add(o.toBuilder().key(dec(o.key())).build()));
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    all.sort((x, y) -> Keys.UTF8_ORDER.compare(x.key(), y.key()));

    String after = request.continuationToken() != null ? dec(request.continuationToken()) : request.startAfter();
    String delimiter = request.delimiter() == null || request.delimiter().isEmpty() ? null : request.delimiter();
    int max = request.maxKeys() == null ? 1000 : request.maxKeys();
    List<S3Object> contents = new ArrayList<>();
    List<CommonPrefix> prefixes = new ArrayList<>();
    String last = null;
    boolean truncated = false;
    for (S3Object o : all) {
      String key = o.key();
      if (after != null && Keys.UTF8_ORDER.compare(key, after) <= 0) {
        continue;
      }
      String rolled = null;
      if (delimiter != null) {
        int at = key.indexOf(delimiter, prefix.length());
        if (at >= 0) {
          rolled = key.substring(0, at + delimiter.length());
          if (rolled.equals(last) || (request.continuationToken() != null && after.startsWith(rolled))) {
            continue;
          }
        }
      }
      if (contents.size() + prefixes.size() == max) {
        truncated = true;
        break;
      }
      if (rolled != null) {
        prefixes.add(CommonPrefix.builder().prefix(rolled).build());
        last = rolled;
      } else {
        contents.add(o);
        last = key;
      }
    }
    return ListObjectsV2Response.builder().name(request.bucket()).prefix(request.prefix())
        .delimiter(request.delimiter()).maxKeys(max).startAfter(request.startAfter())
        .continuationToken(request.continuationToken()).encodingType(request.encodingType())
        .contents(contents).commonPrefixes(prefixes).keyCount(contents.size() + prefixes.size())
        .isTruncated(truncated).nextContinuationToken(truncated ? enc(last) : null).build();
  }
}
