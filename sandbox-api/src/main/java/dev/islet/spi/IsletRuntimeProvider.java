package dev.islet.spi;

import dev.islet.IsletRuntime;

/**
 * Implemented by an engine (sandbox-graal) and found with {@link java.util.ServiceLoader}. Embedders
 * never call it; they use {@link IsletRuntime#newBuilder()}.
 */
public interface IsletRuntimeProvider {
  /** Starts a runtime with this configuration. */
  IsletRuntime create(RuntimeConfig config);
}
