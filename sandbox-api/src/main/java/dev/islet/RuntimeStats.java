package dev.islet;

/**
 * A snapshot of a runtime's state, for gauges and health checks ({@link IsletRuntime#stats()}).
 *
 * @param spareContextsReady spare contexts ready now (prelude evaluated, no tenant)
 * @param spareContextsTarget how many spares the runtime keeps ready per trust level in use
 * @param cachedWorkers worker versions that hold an instance pool (the instance cache's size)
 * @param liveInstances worker instances (contexts) alive, idle or busy
 * @param activeInvocations invocations dispatched and not yet complete
 * @param warmUpPending whether the start-up warm-up ({@link IsletRuntime.Builder#warmUp}) is still running
 */
public record RuntimeStats(
    int spareContextsReady,
    int spareContextsTarget,
    long cachedWorkers,
    int liveInstances,
    int activeInvocations,
    boolean warmUpPending) {}
