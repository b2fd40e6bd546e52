package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.store.BlobContent;
import dev.islet.store.BlobMetadata;
import dev.islet.store.BlobObject;
import dev.islet.store.BlobPart;
import dev.islet.store.BlobRange;
import dev.islet.store.BlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("LocalFiles.blobs(directory) keeps the BlobStore contract")
class DirectoryBlobStoreTest extends BlobStoreContract {
  @TempDir Path dir;

  @Override
  protected BlobStore newStore() {
    return LocalFiles.blobs(dir.resolve("blobs"));
  }

  private Path root() {
    return dir.resolve("blobs");
  }

  private BlobStore reopen() {
    store.close();
    store = LocalFiles.blobs(root());
    return store;
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> walk = Files.walk(root())) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  @DisplayName("objects, their metadata and deletions survive closing and reopening the directory")
  void objectsSurviveReopen() {
    BlobMetadata m = new BlobMetadata(Map.of("contentType", "text/plain"), Map.of("owner", "ünï"),
        Map.of("md5", "abc"));
    BlobObject kept = store.put("b", "a/kept", bytes("kept"), m).join();
    put("b", "a/gone", bytes("gone"));
    put("other", "a/kept", bytes("other bucket"));
    store.delete("b", List.of("a/gone")).join();

    reopen();
    BlobContent got = get("b", "a/kept").orElseThrow();
    assertArrayEquals(bytes("kept"), got.data());
    assertEquals(kept, got.object());
    assertEquals(kept, store.head("b", "a/kept").join().orElseThrow());
    assertTrue(get("b", "a/gone").isEmpty());
    assertEquals(List.of("a/kept"), listAll("b", "", null, 10));
    assertArrayEquals(bytes("other bucket"), get("other", "a/kept").orElseThrow().data());
    assertArrayEquals(bytes("pt"), store.get("b", "a/kept", new BlobRange(2, 2, -1)).join().orElseThrow().data());
  }

  @Test
  @DisplayName("a multipart upload in progress survives a reopen, with its parts, and completes afterwards")
  void uploadsSurviveReopen() {
    BlobMetadata m = new BlobMetadata(Map.of("contentType", "application/x-test"), Map.of("by", "test"), Map.of());
    String id = store.createMultipartUpload("b", "mp", m).join();
    byte[] one = filled(BlobStore.MIN_PART_BYTES, 1);
    BlobPart p1 = store.uploadPart("b", "mp", id, 1, one).join();
    store.uploadPart("b", "mp", id, 2, bytes("replaced")).join();
    BlobPart p2 = store.uploadPart("b", "mp", id, 2, bytes("tail")).join();
    String aborted = store.createMultipartUpload("b", "gone", m).join();
    store.abortMultipartUpload("b", "gone", aborted).join();

    reopen();
    assertEquals(dev.islet.store.MultipartException.Reason.NO_SUCH_UPLOAD,
        refusal(store.uploadPart("b", "gone", aborted, 1, bytes("x"))));
    BlobObject o = store.completeMultipartUpload("b", "mp", id, List.of(p1, p2)).join();
    assertEquals(one.length + 4L, o.size());
    assertEquals(Map.of("by", "test"), o.metadata().custom());
    byte[] data = get("b", "mp").orElseThrow().data();
    assertArrayEquals(bytes("tail"), java.util.Arrays.copyOfRange(data, one.length, data.length));

    reopen();
    assertEquals(o, store.head("b", "mp").join().orElseThrow());
    assertEquals(dev.islet.store.MultipartException.Reason.NO_SUCH_UPLOAD,
        refusal(store.completeMultipartUpload("b", "mp", id, List.of(p1, p2))));
  }

  @Test
  @DisplayName("leftover temporary files are ignored and removed when the directory is opened")
  void tempFilesCleaned() throws Exception {
    put("b", "k", bytes("v"));
    String id = store.createMultipartUpload("b", "mp", BlobMetadata.empty()).join();
    store.uploadPart("b", "mp", id, 1, bytes("part")).join();
    store.close();
    Path object = files().stream().filter(p -> p.startsWith(root().resolve("objects"))).findFirst().orElseThrow();
    Path strayObject = object.resolveSibling(DirectoryBlobStore.TEMP_PREFIX + "123");
    Files.write(strayObject, bytes("half a header"));
    Path strayPart = root().resolve("uploads").resolve(id).resolve(DirectoryBlobStore.TEMP_PREFIX + "456");
    Files.write(strayPart, bytes("half a part"));
    // An upload whose creation never finished: a directory without its upload file.
    Path unfinished = Files.createDirectories(root().resolve("uploads").resolve("0123456789abcdef0123456789abcdef"));

    store = LocalFiles.blobs(root());
    assertFalse(Files.exists(strayObject));
    assertFalse(Files.exists(strayPart));
    assertFalse(Files.exists(unfinished));
    assertEquals(List.of("k"), listAll("b", "", null, 10));
    assertArrayEquals(bytes("v"), get("b", "k").orElseThrow().data());
    BlobPart p = store.uploadPart("b", "mp", id, 2, bytes("more")).join();
    assertEquals(2, p.partNumber());
  }

  @Test
  @DisplayName("a second store on the same directory is refused while the first is open, allowed after")
  void oneStorePerDirectory() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalFiles.blobs(root()));
    assertTrue(e.getMessage().contains(root().toAbsolutePath().normalize().toString()), e.getMessage());
    put("b", "k", bytes("still works"));
    reopen();
    assertArrayEquals(bytes("still works"), get("b", "k").orElseThrow().data());
  }

  @Test
  @DisplayName("a key like ../../etc/passwd is stored inside the directory, under a hashed name")
  void pathLikeKeysStayInside() throws Exception {
    put("../..", "../../etc/passwd", bytes("not there"));
    put("b", "/absolute/path", bytes("nor there"));
    for (Path p : files()) {
      assertTrue(p.toRealPath().startsWith(root().toRealPath()), p.toString());
      assertFalse(p.toString().contains("passwd") || p.toString().contains("absolute"), p.toString());
    }
    assertFalse(Files.exists(dir.resolve("etc")));
    assertArrayEquals(bytes("not there"), get("../..", "../../etc/passwd").orElseThrow().data());
  }

  @Test
  @DisplayName("concurrent puts of one key leave the index and the file agreeing on the last one")
  void concurrentPutsOfOneKey() {
    List<java.util.concurrent.CompletableFuture<BlobObject>> puts = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      puts.add(store.put("b", "same", bytes("value " + i), BlobMetadata.empty()));
    }
    puts.forEach(java.util.concurrent.CompletableFuture::join);
    BlobObject head = store.head("b", "same").join().orElseThrow();
    BlobContent got = get("b", "same").orElseThrow();
    assertEquals(head, got.object());
    reopen();
    assertEquals(head, store.head("b", "same").join().orElseThrow());
    assertEquals(List.of("same"), listAll("b", "", null, 10));
  }

  @Test
  @DisplayName("after close, operations fail with IllegalStateException")
  void closedStoreRefuses() {
    store.close();
    failure(store.put("b", "k", bytes("v"), BlobMetadata.empty()), IllegalStateException.class);
    failure(store.get("b", "k", null), IllegalStateException.class);
    failure(store.head("b", "k"), IllegalStateException.class);
    failure(store.list("b", "", null, null, null, 10), IllegalStateException.class);
    store.close(); // idempotent
  }
}
