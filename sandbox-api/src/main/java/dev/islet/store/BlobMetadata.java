package dev.islet.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What is stored with an object besides its bytes.
 *
 * @param http HTTP metadata by R2's names: {@code contentType}, {@code contentLanguage}, {@code
 *     contentDisposition}, {@code contentEncoding}, {@code cacheControl}, {@code cacheExpiry} (an
 *     ISO-8601 instant)
 * @param custom user metadata (string to string)
 * @param checksums hex digests by algorithm: {@code md5}, {@code sha1}, {@code sha256}, {@code
 *     sha384}, {@code sha512}
 */
public record BlobMetadata(Map<String, String> http, Map<String, String> custom, Map<String, String> checksums) {
  private static final BlobMetadata EMPTY = new BlobMetadata(Map.of(), Map.of(), Map.of());

  public BlobMetadata {
    http = copy(http);
    custom = copy(custom);
    checksums = copy(checksums);
  }

  public static BlobMetadata empty() {
    return EMPTY;
  }

  private static Map<String, String> copy(Map<String, String> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(m)));
  }
}
