package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The durability tests' harness: runs a child JVM that writes and prints {@code ack N} after each
 * acknowledged write, kills it with SIGKILL after {@code killAfter} acks, and returns the last
 * acknowledged N (acks already in the pipe when the kill landed count too).
 */
final class KilledChild {
  private KilledChild() {}

  static int run(Class<?> main, List<String> args, int killAfter, int writes, Path dir) throws Exception {
    Path err = dir.resolve("child.err");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (Runtime.version().feature() >= 22) {
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(main.getName());
    cmd.addAll(args);
    Process child = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
    int acked = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        acked = Integer.parseInt(line.substring("ack ".length()));
        if (acked + 1 == killAfter) {
          // SIGKILL, through the handle: Process.destroyForcibly() would also close our end of the pipe.
          child.toHandle().destroyForcibly();
          break;
        }
      }
      while ((line = out.readLine()) != null) {
        acked = Integer.parseInt(line.substring("ack ".length()));
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    int last = acked;
    assertTrue(last + 1 >= killAfter, () -> "the child stopped after " + (last + 1) + " acks: " + readQuietly(err));
    assertTrue(last + 1 < writes, "the child finished before it was killed");
    return last;
  }

  /** This JVM's class path and module path, as one class path for the child. */
  private static String classPath() {
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
