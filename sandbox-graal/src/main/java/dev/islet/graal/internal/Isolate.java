package dev.islet.graal.internal;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * One locked-down context with the prelude evaluated: Islet's "isolate". Owned by at most one
 * tenant for its whole life; never handed to another.
 */
final class Isolate implements AutoCloseable {
  final Context context;
  final TenantFileSystem fileSystem;
  /** The functions runtime.js returned. */
  final Value internals;
  // The entry points used per request or per timer, looked up once per context, not per call.
  final Value invokeModule;
  final Value invokeServiceWorker;
  final Value fireTimer;
  final Value dropTimers;
  final Value fetchDone;
  final Value fetchFailed;
  final Value callDone;

  private volatile GuestHost host = GuestHost.DETACHED;

  Isolate(Context context, TenantFileSystem fileSystem, Value internals) {
    this.context = context;
    this.fileSystem = fileSystem;
    this.internals = internals;
    this.invokeModule = internals.getMember("invokeModule");
    this.invokeServiceWorker = internals.getMember("invokeServiceWorker");
    this.fireTimer = internals.getMember("fireTimer");
    this.dropTimers = internals.getMember("dropTimers");
    this.fetchDone = internals.getMember("fetchDone");
    this.fetchFailed = internals.getMember("fetchFailed");
    this.callDone = internals.getMember("callDone");
  }

  GuestHost host() {
    return host;
  }

  void attach(GuestHost owner) {
    this.host = owner;
  }

  /** Closes the context, cancelling guest code that is running. Safe from any thread. */
  @Override
  public void close() {
    try {
      context.close(true);
    } catch (RuntimeException e) {
      // Already closed, or closing while cancelled: nothing left to release.
    }
  }
}
