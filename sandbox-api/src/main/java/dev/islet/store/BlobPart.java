package dev.islet.store;

import java.util.Objects;

/**
 * A part of a multipart upload, as {@link BlobStore#uploadPart} returned it and {@link
 * BlobStore#completeMultipartUpload} takes it back (R2's {@code R2UploadedPart}).
 *
 * @param partNumber 1 to {@link BlobStore#MAX_PARTS}
 * @param etag the part's entity tag, without quotes
 */
public record BlobPart(int partNumber, String etag) {
  public BlobPart {
    Objects.requireNonNull(etag, "etag");
  }
}
