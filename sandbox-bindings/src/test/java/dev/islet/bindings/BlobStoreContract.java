package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.store.BlobContent;
import dev.islet.store.BlobMetadata;
import dev.islet.store.BlobObject;
import dev.islet.store.BlobPage;
import dev.islet.store.BlobPart;
import dev.islet.store.BlobRange;
import dev.islet.store.BlobStore;
import dev.islet.store.MultipartException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@link BlobStore} contract, for every store: a subclass says how to make a fresh, empty store
 * and inherits the tests (single objects, ranges, listing with paging and delimiters, multipart
 * uploads with R2's rules).
 */
abstract class BlobStoreContract {
  /** A new, empty store; closed after each test. */
  protected abstract BlobStore newStore() throws Exception;

  protected BlobStore store;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String md5(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  static byte[] filled(int size, int seed) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  BlobObject put(String bucket, String key, byte[] data) {
    return store.put(bucket, key, data, BlobMetadata.empty()).join();
  }

  Optional<BlobContent> get(String bucket, String key) {
    return store.get(bucket, key, null).join();
  }

  List<String> keys(BlobPage page) {
    List<String> out = new ArrayList<>();
    page.objects().forEach(o -> out.add(o.key()));
    return out;
  }

  /** Every key and rolled-up prefix, page by page, in the order listed. */
  List<String> listAll(String bucket, String prefix, String delimiter, int limit) {
    List<String> out = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      BlobPage page = store.list(bucket, prefix, delimiter, null, cursor, limit).join();
      assertTrue(page.objects().size() + page.delimitedPrefixes().size() <= limit, "page larger than the limit");
      out.addAll(keys(page));
      out.addAll(page.delimitedPrefixes());
      cursor = page.cursor();
      assertTrue(++pages < 10_000, "list does not end");
    } while (cursor != null);
    return out;
  }

  static <T extends Throwable> T failure(CompletableFuture<?> f, Class<T> type) {
    CompletionException e = assertThrows(CompletionException.class, f::join);
    Throwable cause = e.getCause();
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return assertInstanceOf(type, cause);
  }

  static MultipartException.Reason refusal(CompletableFuture<?> f) {
    return failure(f, MultipartException.class).reason();
  }

  // ---- single objects --------------------------------------------------------------------------

  @Test
  @DisplayName("an object put can be read back, bytes for bytes, with its description")
  void putThenGet() throws Exception {
    byte[] data = {0, 1, 2, (byte) 0xFF, 127, -128};
    Instant before = Instant.now().minusSeconds(2);
    BlobObject put = put("b", "k", data);
    Instant after = Instant.now().plusSeconds(2);
    assertEquals("k", put.key());
    assertEquals(data.length, put.size());
    assertEquals(md5(data), put.etag());
    assertFalse(put.version().isEmpty());
    assertTrue(put.uploaded().isAfter(before) && put.uploaded().isBefore(after), put.uploaded().toString());

    BlobContent got = get("b", "k").orElseThrow();
    assertArrayEquals(data, got.data());
    assertEquals(0, got.offset());
    assertEquals(put.etag(), got.object().etag());
    assertEquals(put.version(), got.object().version());
    assertEquals(data.length, got.object().size());
    BlobObject head = store.head("b", "k").join().orElseThrow();
    assertEquals(put.version(), head.version());
    assertEquals(put.etag(), head.etag());
    assertEquals(put.uploaded().toEpochMilli() / 1000, head.uploaded().toEpochMilli() / 1000);
  }

  @Test
  @DisplayName("HTTP metadata, custom metadata and checksums are kept")
  void metadata() {
    BlobMetadata m = new BlobMetadata(
        Map.of("contentType", "text/plain; charset=utf-8", "contentLanguage", "de-CH",
            "contentDisposition", "attachment; filename=\"a b.txt\"", "contentEncoding", "identity",
            "cacheControl", "max-age=60", "cacheExpiry", "2030-01-02T03:04:05Z"),
        Map.of("owner", "ünï", "empty", "", "with space", "a=b; c"),
        Map.of("md5", "9e107d9d372bb6826bd81d3542a419d6", "sha256",
            "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"));
    store.put("b", "k", bytes("The quick brown fox jumps over the lazy dog"), m).join();
    BlobObject o = store.head("b", "k").join().orElseThrow();
    assertEquals(m.http(), o.metadata().http());
    assertEquals(m.custom(), o.metadata().custom());
    assertEquals(m.checksums(), o.metadata().checksums());
    assertEquals(m.custom(), get("b", "k").orElseThrow().object().metadata().custom());
  }

  @Test
  @DisplayName("an absent key reads as empty from head and get")
  void absent() {
    assertTrue(store.head("b", "nothing").join().isEmpty());
    assertTrue(get("b", "nothing").isEmpty());
    assertTrue(store.get("b", "nothing", new BlobRange(0, 1, -1)).join().isEmpty());
  }

  @Test
  @DisplayName("an empty object is an object")
  void emptyObject() throws Exception {
    BlobObject o = put("b", "empty", new byte[0]);
    assertEquals(0, o.size());
    assertEquals(md5(new byte[0]), o.etag());
    assertEquals(0, get("b", "empty").orElseThrow().data().length);
  }

  @Test
  @DisplayName("a put replaces the object, its metadata, and gives a new version")
  void overwrite() {
    BlobObject first = store.put("b", "k", bytes("one"),
        new BlobMetadata(Map.of("contentType", "text/a"), Map.of("x", "1"), Map.of())).join();
    BlobObject second = put("b", "k", bytes("second"));
    assertNotEquals(first.version(), second.version());
    BlobContent got = get("b", "k").orElseThrow();
    assertArrayEquals(bytes("second"), got.data());
    assertEquals(second.version(), got.object().version());
    assertTrue(got.object().metadata().http().isEmpty());
    assertTrue(got.object().metadata().custom().isEmpty());
  }

  @Test
  @DisplayName("keys with slashes, dots, spaces, non-ASCII and the largest size are stored as given")
  void oddKeys() {
    String longest = "k/".repeat(BlobStore.MAX_KEY_BYTES / 2);
    List<String> keys = List.of("a/b/c.txt", "/leading", "trailing/", "..", ".", "with space", "ünï/😀",
        "a//b", "%2F", "x?y#z&w", longest);
    for (String k : keys) {
      put("b", k, bytes("value of " + k));
    }
    for (String k : keys) {
      assertArrayEquals(bytes("value of " + k), get("b", k).orElseThrow().data(), k);
      assertEquals(k, store.head("b", k).join().orElseThrow().key());
    }
    assertEquals(keys.size(), listAll("b", "", null, 1000).size());
  }

  @Test
  @DisplayName("a large object (6 MiB) round-trips")
  void largeObject() throws Exception {
    byte[] data = filled(6 << 20, 7);
    BlobObject o = put("b", "big", data);
    assertEquals(md5(data), o.etag());
    assertArrayEquals(data, get("b", "big").orElseThrow().data());
  }

  @Test
  @DisplayName("buckets are kept apart")
  void bucketsApart() {
    put("tenant-a", "k", bytes("a"));
    put("tenant-b", "k", bytes("b"));
    put("tenant-a", "only-a", bytes("a"));
    assertArrayEquals(bytes("a"), get("tenant-a", "k").orElseThrow().data());
    assertArrayEquals(bytes("b"), get("tenant-b", "k").orElseThrow().data());
    assertTrue(get("tenant-b", "only-a").isEmpty());
    assertEquals(List.of("k"), listAll("tenant-b", "", null, 100));
    store.delete("tenant-b", List.of("k", "only-a")).join();
    assertTrue(get("tenant-a", "k").isPresent());
    assertTrue(get("tenant-a", "only-a").isPresent());
  }

  @Test
  @DisplayName("delete removes the keys it is given and ignores absent ones")
  void delete() {
    put("b", "one", bytes("1"));
    put("b", "two", bytes("2"));
    put("b", "three", bytes("3"));
    store.delete("b", List.of("one", "three", "never")).join();
    assertTrue(get("b", "one").isEmpty());
    assertTrue(get("b", "three").isEmpty());
    assertTrue(store.head("b", "one").join().isEmpty());
    assertArrayEquals(bytes("2"), get("b", "two").orElseThrow().data());
    assertEquals(List.of("two"), listAll("b", "", null, 10));
    store.delete("b", List.of()).join();
  }

  // ---- ranges ------------------------------------------------------------------------------------

  @Test
  @DisplayName("a range returns those bytes, its offset and the whole object's description")
  void ranges() {
    byte[] data = bytes("0123456789");
    BlobObject o = put("b", "r", data);
    BlobContent mid = store.get("b", "r", new BlobRange(2, 3, -1)).join().orElseThrow();
    assertArrayEquals(bytes("234"), mid.data());
    assertEquals(2, mid.offset());
    assertEquals(10, mid.object().size());
    assertEquals(o.etag(), mid.object().etag());

    BlobContent toEnd = store.get("b", "r", new BlobRange(7, -1, -1)).join().orElseThrow();
    assertArrayEquals(bytes("789"), toEnd.data());
    assertEquals(7, toEnd.offset());

    BlobContent suffix = store.get("b", "r", new BlobRange(0, -1, 4)).join().orElseThrow();
    assertArrayEquals(bytes("6789"), suffix.data());
    assertEquals(6, suffix.offset());

    BlobContent clipped = store.get("b", "r", new BlobRange(8, 100, -1)).join().orElseThrow();
    assertArrayEquals(bytes("89"), clipped.data());

    BlobContent longSuffix = store.get("b", "r", new BlobRange(0, -1, 50)).join().orElseThrow();
    assertArrayEquals(data, longSuffix.data());
    assertEquals(0, longSuffix.offset());
  }

  // ---- list --------------------------------------------------------------------------------------

  @Test
  @DisplayName("list returns keys in ascending UTF-8 byte order, with prefix and startAfter")
  void listOrder() {
    // UTF-16 order would put U+FFFD after the surrogate pair of U+1F600; UTF-8 puts it before.
    List<String> keys = List.of("a", "a/1", "a/2", "ab", "b", "é", "\uFFFD", "😀");
    for (String k : List.of("😀", "b", "a/2", "\uFFFD", "a", "é", "ab", "a/1")) {
      put("b", k, bytes(k));
    }
    BlobPage page = store.list("b", "", null, null, null, 1000).join();
    assertEquals(keys, keys(page));
    assertFalse(page.truncated());
    assertNull(page.cursor());
    assertEquals(List.of("a", "a/1", "a/2", "ab"), keys(store.list("b", "a", null, null, null, 1000).join()));
    assertEquals(List.of("ab", "b", "é"), keys(store.list("b", "", null, "a/2", null, 3).join()));
    assertEquals(List.of(), keys(store.list("b", "zzz", null, null, null, 1000).join()));
    BlobObject first = store.list("b", "", null, null, null, 1).join().objects().get(0);
    assertEquals(1, first.size());
    assertFalse(first.etag().isEmpty());
    assertFalse(first.version().isEmpty());
  }

  @Test
  @DisplayName("list pages with a cursor until every key was seen once")
  void listPaging() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      keys.add(String.format("p/%03d", i));
      put("b", keys.get(i), bytes("v" + i));
    }
    put("b", "q", bytes("other prefix"));
    assertEquals(keys, listAll("b", "p/", null, 7));
    assertEquals(keys, listAll("b", "p/", null, 1));
    BlobPage first = store.list("b", "p/", null, null, null, 10).join();
    assertTrue(first.truncated());
    assertEquals(10, first.objects().size());
    BlobPage exact = store.list("b", "p/", null, null, null, 25).join();
    assertEquals(25, exact.objects().size());
  }

  @Test
  @DisplayName("a delimiter rolls keys up into prefixes, each counted once, across pages")
  void listDelimiter() {
    for (String k : List.of("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/index.html",
        "photos/z/deep/x", "readme", "videos/v.mp4")) {
      put("b", k, bytes(k));
    }
    BlobPage top = store.list("b", "", "/", null, null, 1000).join();
    assertEquals(List.of("readme"), keys(top));
    assertEquals(List.of("photos/", "videos/"), top.delimitedPrefixes());

    BlobPage photos = store.list("b", "photos/", "/", null, null, 1000).join();
    assertEquals(List.of("photos/index.html"), keys(photos));
    assertEquals(List.of("photos/2024/", "photos/2025/", "photos/z/"), photos.delimitedPrefixes());

    List<String> paged = listAll("b", "photos/", "/", 1);
    paged.sort(String::compareTo);
    assertEquals(List.of("photos/2024/", "photos/2025/", "photos/index.html", "photos/z/"), paged);
  }

  @Test
  @DisplayName("a cursor the store did not make is refused with IllegalArgumentException")
  void badCursor() {
    put("b", "k", bytes("v"));
    failure(store.list("b", "", null, null, "not a cursor!", 10), IllegalArgumentException.class);
  }

  @Test
  @DisplayName("concurrent puts of different keys are all kept")
  void concurrentPuts() {
    List<CompletableFuture<BlobObject>> puts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      puts.add(CompletableFuture.supplyAsync(() -> n).thenCompose(x -> store.put("b", "c/" + x, bytes("v" + x),
          BlobMetadata.empty())));
    }
    puts.forEach(CompletableFuture::join);
    assertEquals(50, listAll("b", "c/", null, 1000).size());
  }

  // ---- multipart ---------------------------------------------------------------------------------

  @Test
  @DisplayName("a multipart upload makes one object from its parts in part order, with R2's etag")
  void multipartRoundTrip() throws Exception {
    BlobMetadata m = new BlobMetadata(Map.of("contentType", "application/octet-stream"), Map.of("by", "test"),
        Map.of());
    String id = store.createMultipartUpload("b", "mp", m).join();
    assertFalse(id.isEmpty());
    byte[] one = filled(BlobStore.MIN_PART_BYTES, 1);
    byte[] two = filled(BlobStore.MIN_PART_BYTES, 2);
    byte[] three = bytes("the end");
    BlobPart p2 = store.uploadPart("b", "mp", id, 2, two).join();
    BlobPart p1 = store.uploadPart("b", "mp", id, 1, one).join();
    BlobPart p3 = store.uploadPart("b", "mp", id, 3, three).join();
    assertEquals(1, p1.partNumber());
    assertEquals(2, p2.partNumber());
    assertFalse(p1.etag().isEmpty());
    assertNotEquals(p1.etag(), p2.etag());
    assertTrue(store.head("b", "mp").join().isEmpty(), "an upload in progress is not an object");

    BlobObject o = store.completeMultipartUpload("b", "mp", id, List.of(p3, p1, p2)).join();
    byte[] whole = new byte[one.length + two.length + three.length];
    System.arraycopy(one, 0, whole, 0, one.length);
    System.arraycopy(two, 0, whole, one.length, two.length);
    System.arraycopy(three, 0, whole, one.length + two.length, three.length);
    assertEquals(whole.length, o.size());
    MessageDigest digests = MessageDigest.getInstance("MD5");
    for (byte[] part : List.of(one, two, three)) {
      digests.update(MessageDigest.getInstance("MD5").digest(part));
    }
    assertEquals(HexFormat.of().formatHex(digests.digest()) + "-3", o.etag());
    assertEquals("application/octet-stream", o.metadata().http().get("contentType"));
    assertEquals(Map.of("by", "test"), o.metadata().custom());

    BlobContent got = get("b", "mp").orElseThrow();
    assertArrayEquals(whole, got.data());
    assertEquals(o.etag(), got.object().etag());
    assertEquals(o.version(), got.object().version());
    assertEquals(List.of("mp"), listAll("b", "", null, 10));
    BlobContent tail = store.get("b", "mp", new BlobRange(0, -1, 5)).join().orElseThrow();
    assertArrayEquals(bytes(" end"), Arrays.copyOfRange(tail.data(), 1, 5));
  }

  @Test
  @DisplayName("parts uploaded but not named on completion are dropped; a single small part is an object")
  void multipartSubset() {
    String id = store.createMultipartUpload("b", "k", BlobMetadata.empty()).join();
    BlobPart p1 = store.uploadPart("b", "k", id, 1, bytes("first")).join();
    store.uploadPart("b", "k", id, 2, bytes("second")).join();
    BlobObject o = store.completeMultipartUpload("b", "k", id, List.of(p1)).join();
    assertEquals(5, o.size());
    assertTrue(o.etag().endsWith("-1"), o.etag());
    assertArrayEquals(bytes("first"), get("b", "k").orElseThrow().data());
  }

  @Test
  @DisplayName("a completed upload replaces the object under its key")
  void multipartReplaces() {
    put("b", "k", bytes("old"));
    String id = store.createMultipartUpload("b", "k", BlobMetadata.empty()).join();
    BlobPart p = store.uploadPart("b", "k", id, 1, bytes("new")).join();
    assertArrayEquals(bytes("old"), get("b", "k").orElseThrow().data());
    store.completeMultipartUpload("b", "k", id, List.of(p)).join();
    assertArrayEquals(bytes("new"), get("b", "k").orElseThrow().data());
  }

  @Test
  @DisplayName("re-uploading a part number replaces it: only the new etag completes")
  void multipartReplacedPart() {
    String id = store.createMultipartUpload("b", "k", BlobMetadata.empty()).join();
    BlobPart old = store.uploadPart("b", "k", id, 1, bytes("first try")).join();
    BlobPart fresh = store.uploadPart("b", "k", id, 1, bytes("second try")).join();
    assertNotEquals(old.etag(), fresh.etag());
    assertEquals(MultipartException.Reason.INVALID_PART,
        refusal(store.completeMultipartUpload("b", "k", id, List.of(old))));
    store.completeMultipartUpload("b", "k", id, List.of(fresh)).join();
    assertArrayEquals(bytes("second try"), get("b", "k").orElseThrow().data());
  }

  @Test
  @DisplayName("parts that were never uploaded are refused as INVALID_PART")
  void multipartInvalidPart() {
    String id = store.createMultipartUpload("b", "k", BlobMetadata.empty()).join();
    BlobPart p1 = store.uploadPart("b", "k", id, 1, bytes("x")).join();
    assertEquals(MultipartException.Reason.INVALID_PART,
        refusal(store.completeMultipartUpload("b", "k", id, List.of(new BlobPart(2, p1.etag())))));
    assertEquals(MultipartException.Reason.INVALID_PART,
        refusal(store.completeMultipartUpload("b", "k", id, List.of(new BlobPart(1, "0123456789abcdef")))));
    store.completeMultipartUpload("b", "k", id, List.of(p1)).join();
  }

  @Test
  @DisplayName("a part but the last under the minimum size is refused as PART_TOO_SMALL")
  void multipartTooSmall() {
    String id = store.createMultipartUpload("b", "k", BlobMetadata.empty()).join();
    BlobPart p1 = store.uploadPart("b", "k", id, 1, bytes("small")).join();
    BlobPart p2 = store.uploadPart("b", "k", id, 2, bytes("last")).join();
    assertEquals(MultipartException.Reason.PART_TOO_SMALL,
        refusal(store.completeMultipartUpload("b", "k", id, List.of(p1, p2))));
    assertTrue(store.head("b", "k").join().isEmpty());
  }

  @Test
  @DisplayName("parts of unequal sizes, or a last part larger than the others, are refused as BAD_UPLOAD")
  void multipartUnequal() {
    int size = BlobStore.MIN_PART_BYTES;
    String id = store.createMultipartUpload("b", "k", BlobMetadata.empty()).join();
    BlobPart p1 = store.uploadPart("b", "k", id, 1, filled(size, 1)).join();
    BlobPart p2 = store.uploadPart("b", "k", id, 2, filled(size + 1, 2)).join();
    BlobPart p3 = store.uploadPart("b", "k", id, 3, filled(10, 3)).join();
    assertEquals(MultipartException.Reason.BAD_UPLOAD,
        refusal(store.completeMultipartUpload("b", "k", id, List.of(p1, p2, p3))));
    assertEquals(MultipartException.Reason.BAD_UPLOAD,
        refusal(store.completeMultipartUpload("b", "k", id, List.of(p1, p2))));
    BlobPart p2b = store.uploadPart("b", "k", id, 2, filled(size, 2)).join();
    assertEquals(2L * size + 10, store.completeMultipartUpload("b", "k", id, List.of(p1, p2b, p3)).join().size());
  }

  @Test
  @DisplayName("an upload ends when completed or aborted; later calls are refused as NO_SUCH_UPLOAD")
  void multipartLifecycle() {
    String a = store.createMultipartUpload("b", "k", BlobMetadata.empty()).join();
    String b = store.createMultipartUpload("b", "k", BlobMetadata.empty()).join();
    assertNotEquals(a, b);
    BlobPart pa = store.uploadPart("b", "k", a, 1, bytes("from a")).join();
    store.uploadPart("b", "k", b, 1, bytes("from b")).join();

    store.abortMultipartUpload("b", "k", b).join();
    assertEquals(MultipartException.Reason.NO_SUCH_UPLOAD, refusal(store.uploadPart("b", "k", b, 2, bytes("late"))));
    store.abortMultipartUpload("b", "k", b).join(); // idempotent
    assertTrue(store.head("b", "k").join().isEmpty(), "an aborted upload makes no object");

    store.completeMultipartUpload("b", "k", a, List.of(pa)).join();
    assertEquals(MultipartException.Reason.NO_SUCH_UPLOAD,
        refusal(store.completeMultipartUpload("b", "k", a, List.of(pa))));
    assertEquals(MultipartException.Reason.NO_SUCH_UPLOAD, refusal(store.uploadPart("b", "k", a, 2, bytes("late"))));
    store.abortMultipartUpload("b", "k", a).join(); // after completion: still fine
    assertArrayEquals(bytes("from a"), get("b", "k").orElseThrow().data());
  }

  @Test
  @DisplayName("an upload id belongs to its bucket and key")
  void multipartScoped() {
    String id = store.createMultipartUpload("b", "k", BlobMetadata.empty()).join();
    assertEquals(MultipartException.Reason.NO_SUCH_UPLOAD, refusal(store.uploadPart("b", "other", id, 1, bytes("x"))));
    assertEquals(MultipartException.Reason.NO_SUCH_UPLOAD, refusal(store.uploadPart("other", "k", id, 1, bytes("x"))));
    assertEquals(MultipartException.Reason.NO_SUCH_UPLOAD,
        refusal(store.uploadPart("b", "k", "0000000000000000", 1, bytes("x"))));
    failure(store.uploadPart("b", "k", id, 0, bytes("x")), IllegalArgumentException.class);
    failure(store.uploadPart("b", "k", id, BlobStore.MAX_PARTS + 1, bytes("x")), IllegalArgumentException.class);
    BlobPart p = store.uploadPart("b", "k", id, 1, bytes("x")).join();
    assertEquals(MultipartException.Reason.NO_SUCH_UPLOAD,
        refusal(store.completeMultipartUpload("other", "k", id, List.of(p))));
    store.completeMultipartUpload("b", "k", id, List.of(p)).join();
    assertTrue(get("other", "k").isEmpty());
  }
}
