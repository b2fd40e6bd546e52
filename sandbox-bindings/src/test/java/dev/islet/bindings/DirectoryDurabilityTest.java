package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.store.BlobContent;
import dev.islet.store.BlobMetadata;
import dev.islet.store.BlobObject;
import dev.islet.store.BlobPage;
import dev.islet.store.BlobStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL mid-put loses no acknowledged object and leaves no torn one. (This
 * kills the process, not the machine: it proves the store acknowledges only after the rename, not
 * that the disk honours fsync.)
 */
@DisplayName("LocalFiles.blobs(directory) keeps every acknowledged put, and no torn object, when its process is killed")
class DirectoryDurabilityTest {
  private static final int KILL_AFTER = 200;
  private static final int WRITES = 1_000_000;

  @TempDir Path dir;

  static String key(int i) {
    return "obj/" + i;
  }

  /** Sizes from 1 byte to about 96 KiB, so a kill often lands inside a write. */
  static byte[] data(int i) {
    byte[] b = new byte[1 + (i * 7919) % (96 << 10)];
    for (int j = 0; j < b.length; j++) {
      b[j] = (byte) (j * 31 + i);
    }
    return b;
  }

  static BlobMetadata metadata(int i) {
    return new BlobMetadata(Map.of("contentType", "application/x-" + i), Map.of("n", Integer.toString(i)), Map.of());
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  @DisplayName("every object acknowledged before SIGKILL is there after reopening, and every object listed is whole")
  void killedChildLosesNoAcknowledgedPut() throws Exception {
    Path blobs = dir.resolve("blobs");
    int last = KilledChild.run(DirectoryDurabilityChild.class, List.of(blobs.toString(), Integer.toString(WRITES)),
        KILL_AFTER, WRITES, dir);

    try (BlobStore store = LocalFiles.blobs(blobs)) {
      for (int i = 0; i <= last; i++) {
        int n = i;
        BlobContent c = store.get("bucket", key(i), null).join().orElse(null);
        assertTrue(c != null, () -> "acknowledged " + key(n) + " is missing");
        assertArrayEquals(data(i), c.data(), key(i));
        assertEquals(metadata(i).http(), c.object().metadata().http());
        assertEquals(metadata(i).custom(), c.object().metadata().custom());
        assertEquals(BlobStoreContract.md5(data(i)), c.object().etag());
      }
      List<BlobObject> listed = new ArrayList<>();
      String cursor = null;
      do {
        BlobPage page = store.list("bucket", "", null, null, cursor, 1000).join();
        listed.addAll(page.objects());
        cursor = page.cursor();
      } while (cursor != null);
      assertTrue(listed.size() >= last + 1, "listed " + listed.size() + " objects");
      for (BlobObject o : listed) {
        BlobContent c = store.get("bucket", o.key(), null).join().orElseThrow();
        assertEquals(o.size(), c.data().length, o.key());
        assertEquals(BlobStoreContract.md5(c.data()), o.etag(), o.key() + " is torn");
      }
    }
  }
}
