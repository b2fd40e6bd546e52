package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.store.KvEntry;
import dev.islet.store.KvStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL mid-write loses no acknowledged write. (This kills the process, not
 * the machine: it proves the store acknowledges only after SQLite has committed, not that the disk
 * honours fsync.)
 */
@DisplayName("Sqlite.kv(file) keeps every acknowledged write when its process is killed")
class SqliteDurabilityTest {
  private static final int KILL_AFTER = 300;
  private static final int WRITES = 1_000_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  @DisplayName("every key acknowledged before SIGKILL is there after reopening")
  void killedChildLosesNoAcknowledgedWrite() throws Exception {
    Path db = dir.resolve("kv.db");
    int last = KilledChild.run(SqliteDurabilityChild.class, List.of(db.toString(), Integer.toString(WRITES)),
        KILL_AFTER, WRITES, dir);

    try (KvStore kv = Sqlite.kv(db)) {
      for (int i = 0; i <= last; i++) {
        KvEntry e = kv.get("ns", "key-" + i).join().orElse(null);
        int n = i;
        assertTrue(e != null, () -> "acknowledged key-" + n + " is missing");
        assertArrayEquals(("value-" + i).getBytes(StandardCharsets.UTF_8), e.value());
      }
    }
  }
}
