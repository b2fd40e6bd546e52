package dev.islet.graal.internal;

/**
 * The clock behind {@code performance.now()}: monotonic milliseconds since this class was loaded,
 * coarsened to 100 microseconds (the High Resolution Time spec's minimum for contexts that are not
 * cross-origin isolated), so tenants get sub-millisecond timing without a precise timer for
 * side-channel attacks.
 */
final class MonotonicClock {
  private static final long ORIGIN = System.nanoTime();

  private MonotonicClock() {}

  /** Milliseconds since the origin, a multiple of 0.1. */
  static double millis() {
    long tenthsOfMillis = (System.nanoTime() - ORIGIN) / 100_000L;
    return tenthsOfMillis / 10.0;
  }
}
