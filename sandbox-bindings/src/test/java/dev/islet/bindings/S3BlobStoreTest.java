package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.store.BlobContent;
import dev.islet.store.BlobMetadata;
import dev.islet.store.BlobObject;
import dev.islet.store.BlobRange;
import dev.islet.store.BlobStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 store against S3Proxy, an S3 server in this JVM (in-memory backend, made to store keys as S3
 * does by {@link FlatKeysBlobStore}) on 127.0.0.1, started once for the class; each test gets a store
 * under a key prefix of its own, so it starts empty.
 */
@DisplayName("S3.blobs() keeps the BlobStore contract")
class S3BlobStoreTest extends BlobStoreContract {
  private static final String ACCESS_KEY = "islet-access";
  private static final String SECRET_KEY = "islet-secret";
  private static final String BUCKET = "islet-blobs";
  private static final AtomicInteger STORES = new AtomicInteger();

  private static S3Proxy proxy;
  private static URI endpoint;
  private static S3Client raw;

  @BeforeAll
  static void startS3() throws Exception {
    proxy = S3Proxy.builder()
        .blobStore(new FlatKeysBlobStore(new TransientNio2BlobStore()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      assertTrue(System.nanoTime() < deadline, "S3Proxy did not start: " + proxy.getState());
      Thread.onSpinWait();
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    raw = S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .forcePathStyle(true)
        .build();
    raw.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (raw != null) {
      raw.close();
    }
    if (proxy != null) {
      proxy.stop();
    }
  }

  private static S3.Config.Builder config() {
    return S3.config(endpoint, "us-east-1", ACCESS_KEY, SECRET_KEY).bucket(BUCKET).pathStyle(true);
  }

  @Override
  protected BlobStore newStore() {
    return S3.blobs(config().keyPrefix("test-" + STORES.incrementAndGet() + "/").build());
  }

  // ---- S3 only -------------------------------------------------------------------------------------

  @Test
  @DisplayName("two Islet buckets share the S3 bucket but never list each other's objects")
  void islands() {
    String prefix = "islands-" + STORES.incrementAndGet() + "/";
    try (BlobStore s = S3.blobs(config().keyPrefix(prefix).build())) {
      // "t" is a prefix of "t/x" and "tx": the encoded bucket names are not prefixes of each other.
      for (String bucket : List.of("t", "t/x", "tx")) {
        s.put(bucket, "k/" + bucket, bytes(bucket), BlobMetadata.empty()).join();
        s.put(bucket, "shared", bytes(bucket), BlobMetadata.empty()).join();
      }
      for (String bucket : List.of("t", "t/x", "tx")) {
        List<String> keys = new ArrayList<>();
        s.list(bucket, "", null, null, null, 100).join().objects().forEach(o -> keys.add(o.key()));
        assertEquals(List.of("k/" + bucket, "shared"), keys, bucket);
        assertArrayEquals(bytes(bucket), s.get(bucket, "shared", null).join().orElseThrow().data());
        var rolled = s.list(bucket, "", "/", null, null, 100).join();
        assertEquals(List.of("k/"), rolled.delimitedPrefixes(), bucket);
        assertEquals(List.of("shared"), keys(rolled), bucket);
      }
      // The layout the javadoc promises: <keyPrefix><base64url(bucket)>/<key>.
      List<String> stored = raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
          .map(S3Object::key).sorted().toList();
      List<String> expected = new ArrayList<>();
      for (String bucket : List.of("t", "t/x", "tx")) {
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(bucket));
        expected.add(prefix + b64 + "/k/" + bucket);
        expected.add(prefix + b64 + "/shared");
      }
      expected.sort(String::compareTo);
      assertEquals(expected, stored);
    }
  }

  @Test
  @DisplayName("custom metadata with any case, spaces, symbols, non-ASCII and empty values round-trips exactly")
  void oddMetadata() {
    Map<String, String> custom = new LinkedHashMap<>();
    custom.put("CamelCase", "Value With Spaces  ");
    custom.put("lower", "x");
    custom.put("with space", " leading and trailing ");
    custom.put("ünïcödé ✓", "日本語 😀");
    custom.put("sym=&%+?#;,:", "a=b&c=%41+%2B");
    custom.put("empty", "");
    custom.put("", "empty name");
    custom.put("newline", "line1\nline2\ttab");
    BlobMetadata m = new BlobMetadata(Map.of("cacheExpiry", "2031-05-06T07:08:09.123Z"), custom,
        Map.of("sha1", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"));
    store.put("b", "odd", bytes("v"), m).join();
    BlobObject o = store.head("b", "odd").join().orElseThrow();
    assertEquals(custom, o.metadata().custom());
    assertEquals(m.http(), o.metadata().http());
    assertEquals(m.checksums(), o.metadata().checksums());
    assertEquals(custom, store.list("b", "", null, null, null, 10).join().objects().get(0).metadata().custom());
  }

  @Test
  @DisplayName("ranges S3 cannot satisfy (past the end, empty, of an empty object) read as no bytes, not failures")
  void unsatisfiableRanges() {
    BlobObject o = store.put("b", "ten", bytes("0123456789"), BlobMetadata.empty()).join();
    BlobContent past = store.get("b", "ten", new BlobRange(20, 5, -1)).join().orElseThrow();
    assertEquals(0, past.data().length);
    assertEquals(10, past.offset());
    assertEquals(o.version(), past.object().version());
    BlobContent none = store.get("b", "ten", new BlobRange(3, 0, -1)).join().orElseThrow();
    assertEquals(0, none.data().length);
    assertEquals(3, none.offset());
    BlobContent noSuffix = store.get("b", "ten", new BlobRange(0, -1, 0)).join().orElseThrow();
    assertEquals(0, noSuffix.data().length);
    assertEquals(10, noSuffix.offset());
    store.put("b", "empty", new byte[0], BlobMetadata.empty()).join();
    for (BlobRange r : List.of(new BlobRange(0, 1, -1), new BlobRange(0, -1, -1), new BlobRange(0, -1, 4))) {
      BlobContent c = store.get("b", "empty", r).join().orElseThrow();
      assertEquals(0, c.data().length, r.toString());
      assertEquals(0, c.offset(), r.toString());
      assertEquals(0, c.object().size(), r.toString());
    }
    assertTrue(store.get("b", "absent", new BlobRange(20, 5, -1)).join().isEmpty());
  }

  @Test
  @DisplayName("keys with control characters are stored, listed and deleted")
  void controlCharacterKeys() {
    List<String> keys = List.of("tab\tkey", "bell\u0007key", "plain");
    for (String k : keys) {
      store.put("b", k, bytes(k), BlobMetadata.empty()).join();
    }
    for (String k : keys) {
      assertArrayEquals(bytes(k), store.get("b", k, null).join().orElseThrow().data(), k);
    }
    store.delete("b", keys).join();
    for (String k : keys) {
      assertTrue(store.head("b", k).join().isEmpty(), k);
    }
  }

  @Test
  @DisplayName("a multipart upload completed with no parts makes an empty object with its metadata")
  void multipartNoParts() {
    BlobMetadata m = new BlobMetadata(Map.of("contentType", "text/plain"), Map.of("k", "v"), Map.of());
    String id = store.createMultipartUpload("b", "none", m).join();
    BlobObject o = store.completeMultipartUpload("b", "none", id, List.of()).join();
    assertEquals(0, o.size());
    assertEquals(Map.of("k", "v"), o.metadata().custom());
    assertEquals(0, store.get("b", "none", null).join().orElseThrow().data().length);
  }

  @Test
  @DisplayName("an object another S3 client wrote is readable, with S3's etag and time")
  void foreignObject() throws Exception {
    String prefix = "foreign-" + STORES.incrementAndGet() + "/";
    String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes("b"));
    raw.putObject(b -> b.bucket(BUCKET).key(prefix + b64 + "/k").metadata(Map.of("owner", "someone")),
        RequestBody.fromBytes(bytes("hello")));
    try (BlobStore s = S3.blobs(config().keyPrefix(prefix).build())) {
      BlobObject o = s.head("b", "k").join().orElseThrow();
      assertEquals(md5(bytes("hello")), o.etag());
      assertEquals(Map.of("owner", "someone"), o.metadata().custom());
      assertTrue(!o.version().isEmpty());
    }
  }

  @Test
  @DisplayName("an endpoint that accepts connections but never answers fails the future within the call timeout")
  void deadEndpoint() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept()); // read nothing, answer nothing
          }
        } catch (IOException e) {
          // closed at the end of the test
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      URI dead = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      try (BlobStore s = S3.blobs(S3.config(dead, "us-east-1", ACCESS_KEY, SECRET_KEY).bucket(BUCKET).pathStyle(true)
          .apiCallTimeout(Duration.ofMillis(800)).build())) {
        long start = System.nanoTime();
        CompletionException e = assertThrows(CompletionException.class, () -> s.head("b", "k").join());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertInstanceOf(SdkException.class, e.getCause());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
      }
      for (Socket sock : held) {
        sock.close();
      }
    }
  }

  @Test
  @DisplayName("a closed endpoint fails the future, not the caller")
  void refusedEndpoint() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (BlobStore s = S3.blobs(S3.config(URI.create("http://127.0.0.1:" + port), "us-east-1", ACCESS_KEY, SECRET_KEY)
        .bucket(BUCKET).pathStyle(true).apiCallTimeout(Duration.ofSeconds(2)).build())) {
      var f = s.put("b", "k", bytes("v"), BlobMetadata.empty());
      assertInstanceOf(SdkException.class, assertThrows(CompletionException.class, f::join).getCause());
    }
  }

  @Test
  @DisplayName("after close, operations fail with IllegalStateException")
  void closed() {
    BlobStore s = newStore();
    s.close();
    assertInstanceOf(IllegalStateException.class,
        assertThrows(CompletionException.class, () -> s.head("b", "k").join()).getCause());
  }

  @Test
  @DisplayName("the configuration refuses a missing bucket and bad knobs, naming the value")
  void configErrors() {
    assertThrows(IllegalStateException.class, () -> S3.config(endpoint, "us-east-1", "a", "s").build());
    assertThrows(IllegalArgumentException.class, () -> S3.config(endpoint, "us-east-1", "a", "s").threads(0));
    assertThrows(IllegalArgumentException.class,
        () -> S3.config(endpoint, "us-east-1", "a", "s").apiCallTimeout(Duration.ZERO));
    String shown = S3.config(endpoint, "us-east-1", "a", "top-secret-value").bucket("x").build().toString();
    assertTrue(shown.contains("bucket=x") && !shown.contains("top-secret-value"), shown);
  }
}
