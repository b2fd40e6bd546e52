package dev.islet;

import java.util.Objects;

/**
 * One line a guest wrote with {@code console.*}.
 *
 * @param level {@code log}, {@code debug}, {@code info}, {@code warn} or {@code error}
 * @param message the formatted line
 * @param timestampMillis epoch millis when it was written
 */
public record LogEntry(String level, String message, long timestampMillis) {
  public LogEntry {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(message, "message");
  }
}
