package dev.islet.bindings;

import dev.islet.store.BlobMetadata;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link S3BlobStore} lays Islet buckets, keys and metadata out in one S3 bucket (see {@link S3}):
 * S3 keys {@code <keyPrefix><base64url(bucket)>/<key>}, and one user-metadata entry holding what S3
 * headers cannot carry exactly.
 */
final class S3Layout {
  /** The user-metadata name (S3 sends it as {@code x-amz-meta-islet}). */
  static final String ENTRY = "islet";

  private final String keyPrefix;

  S3Layout(String keyPrefix) {
    this.keyPrefix = keyPrefix;
  }

  /** The S3 key prefix of everything in Islet bucket {@code bucket}. */
  String base(String bucket) {
    return keyPrefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bucket.getBytes(StandardCharsets.UTF_8))
        + "/";
  }

  /** What Islet keeps beside the S3 headers: decoded from, or encoded into, the entry. */
  record Entry(String version, long uploadedMillis, Map<String, String> http, Map<String, String> custom,
      Map<String, String> checksums) {}

  /**
   * The entry for a new write. HTTP metadata is kept here too, exactly: S3 reports a default
   * Content-Type for an object that had none, S3-compatible services normalize it (S3Proxy drops the
   * space in {@code text/plain; charset=utf-8}), and {@code Expires} has whole seconds only.
   */
  static String encode(String version, long uploadedMillis, BlobMetadata m, boolean withChecksums) {
    StringBuilder s = new StringBuilder("1&v=").append(enc(version)).append("&t=").append(uploadedMillis);
    m.http().forEach((k, v) -> s.append("&h.").append(enc(k)).append('=').append(enc(v)));
    m.custom().forEach((k, v) -> s.append("&c.").append(enc(k)).append('=').append(enc(v)));
    if (withChecksums) {
      m.checksums().forEach((k, v) -> s.append("&s.").append(enc(k)).append('=').append(enc(v)));
    }
    return s.toString();
  }

  /** Decodes an entry; null if {@code value} is not one (an object another tool wrote). */
  static Entry decode(String value) {
    if (value == null || !value.startsWith("1&")) {
      return null;
    }
    String version = null;
    long millis = -1;
    Map<String, String> http = new LinkedHashMap<>();
    Map<String, String> custom = new LinkedHashMap<>();
    Map<String, String> checksums = new LinkedHashMap<>();
    for (String field : value.substring(2).split("&")) {
      int eq = field.indexOf('=');
      if (eq < 1) {
        continue;
      }
      String name = field.substring(0, eq);
      String v = dec(field.substring(eq + 1));
      if (name.startsWith("h.")) {
        http.put(dec(name.substring(2)), v);
      } else if (name.startsWith("c.")) {
        custom.put(dec(name.substring(2)), v);
      } else if (name.startsWith("s.")) {
        checksums.put(dec(name.substring(2)), v);
      } else if (name.equals("v")) {
        version = v;
      } else if (name.equals("t")) {
        try {
          millis = Long.parseLong(v);
        } catch (NumberFormatException e) {
          return null;
        }
      } // other names: a later version's fields
    }
    if (version == null || millis < 0) {
      return null;
    }
    return new Entry(version, millis, http, custom, checksums);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
