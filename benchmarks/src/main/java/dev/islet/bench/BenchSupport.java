package dev.islet.bench;

import dev.islet.CompilationMode;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.graalvm.polyglot.Engine;

/** Guards every benchmark against a mis-wired JIT: the measured mode must be the expected one. */
final class BenchSupport {
  /** System property the {@link Suite} sets on each fork: {@code JIT} or {@code INTERPRETED}. */
  static final String EXPECTED_MODE_PROPERTY = "islet.bench.expectedMode";

  /**
   * Cold-start cycles each cold-start trial runs before JMH's own warm-up (GraalJS needs ~1500
   * before new-context numbers settle, DESIGN §4; time-boxed JMH warm-up alone may give fewer).
   */
  static final String PREWARM_PROPERTY = "islet.bench.prewarm";

  private BenchSupport() {}

  static int prewarmCycles() {
    return Integer.getInteger(PREWARM_PROPERTY, 1500);
  }

  /**
   * The mode this fork must run in: the property set by the Suite, else what the JVM flags imply
   * ({@code -XX:+EnableJVMCI} means the JIT was asked for).
   */
  static CompilationMode expectedMode() {
    String prop = System.getProperty(EXPECTED_MODE_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return CompilationMode.valueOf(prop.trim().toUpperCase(Locale.ROOT));
    }
    boolean jvmci =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .anyMatch(a -> a.equals("-XX:+EnableJVMCI"));
    return jvmci ? CompilationMode.JIT : CompilationMode.INTERPRETED;
  }

  /** Fails the trial (and so the run) loudly unless {@code actual} is the expected mode. */
  static void checkMode(String who, CompilationMode actual) {
    CompilationMode expected = expectedMode();
    System.out.println("[islet-bench] " + who + ": compilation mode " + actual + " (expected "
        + expected + ", JVM args " + ManagementFactory.getRuntimeMXBean().getInputArguments() + ")");
    if (actual != expected) {
      throw new IllegalStateException(
          who + " runs " + actual + " but this fork expects " + expected
              + ": refusing to publish mislabelled numbers (check -Dislet.jit.dir / the JIT jars)");
    }
  }

  /** The mode of a bare polyglot engine, judged the same way the library judges its own. */
  static CompilationMode modeOf(Engine engine) {
    return engine.getImplementationName().toLowerCase(Locale.ROOT).contains("interpreted")
        ? CompilationMode.INTERPRETED
        : CompilationMode.JIT;
  }
}
