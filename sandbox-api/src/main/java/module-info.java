/**
 * Islet's public API: runtimes, namespaces, worker scripts, dispatch and the values that cross the
 * boundary. Contains no GraalVM type; an engine implements {@link dev.islet.spi.IsletRuntimeProvider}
 * and is found with {@link java.util.ServiceLoader}.
 */
module dev.islet {
  exports dev.islet;
  exports dev.islet.spi;
  exports dev.islet.metrics;
  exports dev.islet.store;

  requires static micrometer.core;

  uses dev.islet.spi.IsletRuntimeProvider;
}
