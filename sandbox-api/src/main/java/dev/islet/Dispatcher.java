package dev.islet;

/**
 * Dynamic dispatch into a namespace's user workers; the host application plays the part of the
 * Workers for Platforms dispatch worker.
 *
 * <pre>{@code
 * Fetcher f = dispatcher.get("customer-123", DispatchOptions.limits(Limits.cpuMs(50), Limits.subRequests(20)));
 * f.fetch(Request.get("https://customer-123.example.com/"))
 *     .exceptionally(e -> ...);   // WorkerNotFoundException, GuestException, LimitExceededException
 * }</pre>
 *
 * <p>{@code get} is cheap and never fails for an unknown name: the returned fetcher's futures complete
 * with {@link WorkerNotFoundException} while no worker of that name is deployed. Thread-safe.
 */
public interface Dispatcher {
  /** A fetcher for {@code name} with default options. */
  default Fetcher get(String name) {
    return get(name, DispatchOptions.defaults());
  }

  /** A fetcher for {@code name} whose invocations use {@code options}. */
  Fetcher get(String name, DispatchOptions options);
}
