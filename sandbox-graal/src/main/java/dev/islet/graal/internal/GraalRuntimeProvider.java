package dev.islet.graal.internal;

import dev.islet.IsletRuntime;
import dev.islet.spi.IsletRuntimeProvider;
import dev.islet.spi.RuntimeConfig;

/** The {@link java.util.ServiceLoader} entry point of the GraalVM engine. */
public final class GraalRuntimeProvider implements IsletRuntimeProvider {
  @Override
  public IsletRuntime create(RuntimeConfig config) {
    return new GraalRuntime(config);
  }
}
