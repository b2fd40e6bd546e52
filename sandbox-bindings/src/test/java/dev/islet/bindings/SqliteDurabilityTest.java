package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.store.KvEntry;
import dev.islet.store.KvStore;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    Path err = dir.resolve("child.err");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 22) {
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(SqliteDurabilityChild.class.getName());
    cmd.add(db.toString());
    cmd.add(Integer.toString(WRITES));
    Process child = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    int acked = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        acked = Integer.parseInt(line.substring("ack ".length()));
        if (acked + 1 == KILL_AFTER) {
          // SIGKILL, through the handle: Process.destroyForcibly() would also close our end of the pipe.
          child.toHandle().destroyForcibly();
          break;
        }
      }
      // Acks already in the pipe when the kill landed count too.
      while ((line = out.readLine()) != null) {
        acked = Integer.parseInt(line.substring("ack ".length()));
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    int last = acked;
    assertTrue(last + 1 >= KILL_AFTER, () -> "the child stopped after " + (last + 1) + " acks: " + readQuietly(err));
    assertTrue(last + 1 < WRITES, "the child finished before it was killed");

    try (KvStore kv = Sqlite.kv(db)) {
      for (int i = 0; i <= last; i++) {
        KvEntry e = kv.get("ns", "key-" + i).join().orElse(null);
        int n = i;
        assertTrue(e != null, () -> "acknowledged key-" + n + " is missing");
        assertArrayEquals(("value-" + i).getBytes(StandardCharsets.UTF_8), e.value());
      }
    }
  }

  /** This JVM's class path and module path, as one class path for the child. */
  static String classPath() {
    List<String> parts = new ArrayList<>();
    for (String p : new String[] {System.getProperty("jdk.module.path"), System.getProperty("java.class.path")}) {
      if (p != null && !p.isEmpty()) {
        parts.add(p);
      }
    }
    return String.join(File.pathSeparator, parts);
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      return "(no stderr)";
    }
  }
}
