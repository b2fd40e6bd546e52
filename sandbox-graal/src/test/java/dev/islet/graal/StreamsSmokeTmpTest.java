package dev.islet.graal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StreamsSmokeTmpTest extends WebPlatformFixture {
  @Test
  void wpt() throws Exception {
    Path dir = Path.of("/tmp/st/cases");
    Path res = Path.of("/tmp/st/results");
    Files.createDirectories(res);
    try (var files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String r;
        try {
          r = run(Files.readString(p));
        } catch (Throwable e) {
          r = "CRASH " + e;
        }
        Files.writeString(res.resolve(p.getFileName().toString() + ".txt"), r);
      }
    }
  }
}
