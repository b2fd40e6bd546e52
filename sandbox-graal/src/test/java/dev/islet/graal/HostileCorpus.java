package dev.islet.graal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a hostile guest from test resources ({@code hostile/<name>.js}). */
final class HostileCorpus {
  private HostileCorpus() {}

  static String load(String name) {
    try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/" + name + ".js")) {
      if (in == null) {
        throw new IllegalArgumentException("no hostile guest " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
