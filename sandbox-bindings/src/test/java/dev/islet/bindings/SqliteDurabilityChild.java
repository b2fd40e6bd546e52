package dev.islet.bindings;

import dev.islet.store.KvEntry;
import dev.islet.store.KvStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of {@link SqliteDurabilityTest}: writes {@code key-0}, {@code key-1}, ... to the file
 * given as the first argument and prints {@code ack N} once each write's future has completed, until
 * it is killed.
 */
final class SqliteDurabilityChild {
  private SqliteDurabilityChild() {}

  public static void main(String[] args) {
    KvStore kv = Sqlite.kv(Path.of(args[0]));
    int n = Integer.parseInt(args[1]);
    for (int i = 0; i < n; i++) {
      kv.put("ns", "key-" + i, new KvEntry(("value-" + i).getBytes(StandardCharsets.UTF_8), 0, null)).join();
      System.out.println("ack " + i);
      System.out.flush();
    }
    kv.close();
  }
}
