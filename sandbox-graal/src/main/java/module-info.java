/**
 * Islet's engine on GraalVM Polyglot: the shared engine, locked-down contexts with the Web-API
 * prelude, per-instance event loops and dispatch. Exports nothing; found by {@link
 * java.util.ServiceLoader} through {@code dev.islet.spi.IsletRuntimeProvider}.
 */
module dev.islet.graal {
  requires dev.islet;
  requires org.graalvm.polyglot;
  requires com.github.benmanes.caffeine;
  requires java.management;
  requires jdk.management; // per-thread allocated bytes for memory budgets
  requires java.net.http; // the default network for workers' fetch()
  requires dev.islet.bindings; // the embedded persistent stores used when a runtime is given none

  provides dev.islet.spi.IsletRuntimeProvider with
      dev.islet.graal.internal.GraalRuntimeProvider;
}
