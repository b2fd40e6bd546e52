package dev.islet.spi;

import dev.islet.InvocationListener;
import dev.islet.Limits;
import java.time.Duration;
import java.util.List;

/**
 * The settings an {@link dev.islet.IsletRuntime.Builder} collected, handed to the engine.
 *
 * @param listeners invocation listeners, in registration order
 * @param maxInstancesPerWorker concurrent instances per worker version
 * @param maxCachedWorkers worker versions that may hold live instances
 * @param maxCachedMemory estimated bytes the cached workers' instances may hold (0: no bound)
 * @param instanceIdleTimeout idle time after which a worker's instances are closed
 * @param threads threads running guest code
 * @param defaultLimits limits for every invocation
 * @param spareContexts contexts kept ready for new instances
 * @param kvStore the store behind KV bindings, or null for none
 * @param blobStore the store behind blob (R2) bindings, or null for none
 * @param dataDirectory where the default stores keep their data when no store was given
 * @param warmUpTenants synthetic new tenants to run after start (0: none)
 */
public record RuntimeConfig(
    List<InvocationListener> listeners,
    int maxInstancesPerWorker,
    long maxCachedWorkers,
    long maxCachedMemory,
    Duration instanceIdleTimeout,
    int threads,
    Limits defaultLimits,
    int spareContexts,
    dev.islet.store.KvStore kvStore,
    dev.islet.store.BlobStore blobStore,
    java.nio.file.Path dataDirectory,
    int warmUpTenants) {
  public RuntimeConfig {
    listeners = List.copyOf(listeners);
    java.util.Objects.requireNonNull(dataDirectory, "dataDirectory");
  }
}
