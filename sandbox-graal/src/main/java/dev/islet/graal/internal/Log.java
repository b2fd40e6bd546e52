package dev.islet.graal.internal;

/** The engine's logger ({@link System.Logger}: Islet forces no logging framework on embedders). */
final class Log {
  static final System.Logger LOGGER = System.getLogger("dev.islet");

  private Log() {}
}
