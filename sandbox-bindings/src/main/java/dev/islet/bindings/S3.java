package dev.islet.bindings;

import dev.islet.store.BlobStore;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A blob store (the R2 API's backend) in one bucket of an S3-compatible service: AWS S3, Cloudflare
 * R2, MinIO, Ceph, S3Proxy and the like. The AWS SDK is an optional dependency of this module: add
 * {@code software.amazon.awssdk:s3} and {@code url-connection-client} (2.x) to the application to use
 * this class.
 *
 * <pre>{@code
 * try (BlobStore blobs = S3.blobs(S3.config(URI.create("http://127.0.0.1:9000"), "us-east-1", key, secret)
 *     .bucket("islet-blobs")
 *     .pathStyle(true)                 // MinIO, S3Proxy; AWS and R2 also accept virtual-host style
 *     .keyPrefix("prod/")
 *     .build())) {
 *   IsletRuntime runtime = IsletRuntime.newBuilder().blobStore(blobs).build();
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Data layout.</b> One S3 bucket holds every Islet bucket. The object {@code key} of Islet
 * bucket {@code b} is the S3 object {@code <keyPrefix><base64url(b)>/<key>} (base64url of the bucket
 * name's UTF-8 bytes, without padding; it never contains {@code /}), so listing one Islet bucket
 * never reaches another's objects, and a tenant bound to bucket {@code b} sees nothing else. S3's
 * key limit (1024 UTF-8 bytes on AWS) counts that prefix: an Islet key of nearly {@link
 * BlobStore#MAX_KEY_BYTES} may be refused there. HTTP metadata is set as the S3 object's own headers
 * ({@code Content-Type}, {@code Content-Language}, {@code Content-Disposition}, {@code
 * Content-Encoding}, {@code Cache-Control}, {@code Expires}), so S3 serves it too. What Islet reads
 * back is one user-metadata entry, {@code x-amz-meta-islet}, percent-encoded: the HTTP metadata
 * exactly as given (services normalize headers), custom metadata with any names and values (S3
 * lowercases and restricts its own metadata names), checksums, the version, the upload time in
 * milliseconds. AWS S3 limits user metadata to 2 KiB per object; metadata whose encoding (about 3
 * characters per byte outside ASCII letters and digits) pushes the entry past that is refused by S3
 * and fails the put. The etag of a
 * single-part write is the hex MD5 of its bytes (sent as {@code Content-MD5}); a multipart object's
 * is S3's, which is R2's formula. Objects written by other tools are readable: they report their S3
 * version id (or etag) as version and S3's last-modified time.
 *
 * <p><b>Threads.</b> The store is thread-safe. It calls S3 with the AWS SDK's synchronous client
 * over the JDK's {@code HttpURLConnection} (no Netty, no Apache HttpClient), on a small pool of its
 * own threads ({@link Config.Builder#threads}, default 8), so callers never block; a list with N
 * objects makes N {@code HeadObject} calls on that pool (S3's listing carries no user metadata).
 * {@link BlobStore#close()} lets submitted operations finish (for up to the API call timeout), then
 * closes the S3 client if the store built it. Later operations fail with {@link
 * IllegalStateException}.
 *
 * <p><b>Errors.</b> Each S3 call is bounded by the API call timeout ({@link
 * Config.Builder#apiCallTimeout}, default 30 s, retries included). A failed S3 call fails the
 * operation's future with the SDK's exception (an {@code SdkException}); the runtime shows the guest
 * only an opaque reference. Refusals the R2 API names are {@link dev.islet.store.MultipartException}s
 * and {@link IllegalArgumentException}s, as the {@link BlobStore} contract says.
 */
public final class S3 {
  private S3() {}

  /**
   * A configuration for a client that the store builds and owns: {@code endpoint} (e.g. {@code
   * https://<account>.r2.cloudflarestorage.com}, {@code https://s3.eu-central-1.amazonaws.com}),
   * {@code region} (R2: {@code auto}), and static credentials. Set at least {@link
   * Config.Builder#bucket}.
   */
  public static Config.Builder config(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
    requireSdk();
    return new Config.Builder(Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(region, "region"),
        Objects.requireNonNull(accessKeyId, "accessKeyId"), Objects.requireNonNull(secretAccessKey, "secretAccessKey"),
        null);
  }

  /**
   * A configuration over a client the caller built (own credentials provider, proxy, retry policy).
   * The store never closes it; {@link Config.Builder#pathStyle} and {@link
   * Config.Builder#apiCallTimeout} do not apply to it (configure them on the client).
   */
  public static Config.Builder config(S3Client client) {
    return new Config.Builder(null, null, null, null, Objects.requireNonNull(client, "client"));
  }

  /**
   * A blob store in the configured S3 bucket. The bucket must exist; nothing is called until used.
   *
   * @throws IllegalStateException if the AWS SDK (an optional dependency of this module) is missing
   */
  public static BlobStore blobs(Config config) {
    Objects.requireNonNull(config, "config");
    requireSdk();
    return S3BlobStore.open(config);
  }

  /** The AWS SDK is an optional dependency of this module: say plainly what to add when it is missing. */
  private static void requireSdk() {
    try {
      Class.forName("software.amazon.awssdk.services.s3.S3Client", false, S3.class.getClassLoader());
      Class.forName("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient", false,
          S3.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("the S3 store needs the AWS SDK v2: add software.amazon.awssdk:s3 and"
          + " software.amazon.awssdk:url-connection-client to the application's dependencies", e);
    }
  }

  /** Where and how to reach S3. Immutable; made by {@link S3#config}. */
  public static final class Config {
    final URI endpoint;
    final String region;
    final String accessKeyId;
    final String secretAccessKey;
    final S3Client client;
    final String bucket;
    final String keyPrefix;
    final boolean pathStyle;
    final Duration apiCallTimeout;
    final int threads;

    private Config(Builder b) {
      endpoint = b.endpoint;
      region = b.region;
      accessKeyId = b.accessKeyId;
      secretAccessKey = b.secretAccessKey;
      client = b.client;
      bucket = b.bucket;
      keyPrefix = b.keyPrefix;
      pathStyle = b.pathStyle;
      apiCallTimeout = b.apiCallTimeout;
      threads = b.threads;
    }

    /** The S3 bucket. */
    public String bucket() {
      return bucket;
    }

    /** What every S3 key of this store starts with. */
    public String keyPrefix() {
      return keyPrefix;
    }

    @Override
    public String toString() {
      return "S3.Config[" + (client != null ? "client=" + client : "endpoint=" + endpoint + ", region=" + region)
          + ", bucket=" + bucket + ", keyPrefix=" + keyPrefix + ", pathStyle=" + pathStyle
          + ", apiCallTimeout=" + apiCallTimeout + ", threads=" + threads + "]";
    }

    /** Builds a {@link Config}. Not thread-safe. */
    public static final class Builder {
      private final URI endpoint;
      private final String region;
      private final String accessKeyId;
      private final String secretAccessKey;
      private final S3Client client;
      private String bucket;
      private String keyPrefix = "";
      private boolean pathStyle;
      private Duration apiCallTimeout = Duration.ofSeconds(30);
      private int threads = 8;

      private Builder(URI endpoint, String region, String accessKeyId, String secretAccessKey, S3Client client) {
        this.endpoint = endpoint;
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.client = client;
      }

      /** The S3 bucket that holds every Islet bucket (required). */
      public Builder bucket(String bucket) {
        if (Objects.requireNonNull(bucket, "bucket").isEmpty()) {
          throw new IllegalArgumentException("bucket must not be empty");
        }
        this.bucket = bucket;
        return this;
      }

      /**
       * What every S3 key of this store starts with (default none), e.g. {@code "islet/"}, so one S3
       * bucket can hold several stores or other data beside Islet's.
       */
      public Builder keyPrefix(String keyPrefix) {
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        return this;
      }

      /**
       * Path-style URLs ({@code endpoint/bucket/key}) instead of virtual-host style ({@code
       * bucket.endpoint/key}); default false. MinIO and S3Proxy need true.
       */
      public Builder pathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
        return this;
      }

      /** The most one S3 call may take, retries included (default 30 s); also the socket timeouts. */
      public Builder apiCallTimeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
          throw new IllegalArgumentException("apiCallTimeout must be positive, was " + timeout);
        }
        this.apiCallTimeout = timeout;
        return this;
      }

      /** How many S3 calls the store makes at once (default 8, at most 256). */
      public Builder threads(int threads) {
        if (threads < 1 || threads > 256) {
          throw new IllegalArgumentException("threads must be 1-256, was " + threads);
        }
        this.threads = threads;
        return this;
      }

      /**
       * The configuration.
       *
       * @throws IllegalStateException if no bucket was set
       */
      public Config build() {
        if (bucket == null) {
          throw new IllegalStateException("bucket was not set");
        }
        return new Config(this);
      }
    }
  }
}
