package dev.islet.graal;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A runtime per test class (as {@link RuntimeFixture}) and a real HTTP origin on 127.0.0.1. */
abstract class OriginFixture extends RuntimeFixture {
  protected OriginServer origin;

  @BeforeAll
  void startOrigin() throws IOException {
    origin = new OriginServer();
  }

  @AfterAll
  void stopOrigin() {
    origin.close();
  }
}
