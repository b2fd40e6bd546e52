package dev.islet.bindings;

import dev.islet.store.BlobStore;
import java.nio.file.Path;

/**
 * The child JVM of {@link DirectoryDurabilityTest}: puts {@code obj-0}, {@code obj-1}, ... into the
 * directory given as the first argument and prints {@code ack N} once each put's future has
 * completed, until it is killed.
 */
final class DirectoryDurabilityChild {
  private DirectoryDurabilityChild() {}

  public static void main(String[] args) {
    BlobStore blobs = LocalFiles.blobs(Path.of(args[0]));
    int n = Integer.parseInt(args[1]);
    for (int i = 0; i < n; i++) {
      blobs.put("bucket", DirectoryDurabilityTest.key(i), DirectoryDurabilityTest.data(i),
          DirectoryDurabilityTest.metadata(i)).join();
      System.out.println("ack " + i);
      System.out.flush();
    }
    blobs.close();
  }
}
