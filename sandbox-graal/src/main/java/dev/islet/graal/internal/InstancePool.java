package dev.islet.graal.internal;

import dev.islet.IsletException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The live instances of one worker version: idle ones (most recently used first), a bound on how
 * many may exist, and requests waiting for one. Cached per version by the runtime (Caffeine);
 * closing it — on eviction, update or delete — closes idle instances at once and busy ones when
 * their invocation ends.
 */
final class InstancePool {
  private final GraalRuntime runtime;
  private final WorkerVersion version;
  private final int maxInstances;
  private final ArrayDeque<WorkerInstance> idle = new ArrayDeque<>();
  private final ArrayDeque<Invocation> waiting = new ArrayDeque<>();
  private int live;
  /** Estimated bytes this worker holds loaded: an idle context plus its measured footprint. */
  long footprint;
  private boolean closed;

  InstancePool(GraalRuntime runtime, WorkerVersion version, int maxInstances) {
    this.runtime = runtime;
    this.version = version;
    this.maxInstances = maxInstances;
  }

  /** Adds an instance loaded elsewhere (the one deploy validated). */
  void offer(WorkerInstance instance) {
    synchronized (this) {
      if (!closed && live < maxInstances) {
        live++;
        instance.setPool(this);
        idle.push(instance);
        return;
      }
    }
    instance.close();
  }

  /**
   * Runs {@code inv} on an idle instance, a new one, or queues it. Returns false if this pool is
   * closed (the caller dispatches again).
   */
  boolean submit(Invocation inv) {
    WorkerInstance instance;
    synchronized (this) {
      if (closed) {
        return false;
      }
      inv.pool = this;
      instance = idle.poll();
      if (instance == null) {
        // A service-binding call (depth > 0) may exceed the bound: its caller holds an instance while
        // it waits, so a worker calling itself would otherwise wait for itself. Depth is bounded.
        if (live >= maxInstances && inv.depth == 0) {
          waiting.add(inv);
          return true;
        }
        live++;
      }
    }
    if (instance != null) {
      instance.start(inv);
    } else {
      spawn(inv);
    }
    return true;
  }

  /** Loads a new instance on a guest thread, then runs {@code inv} on it. */
  private void spawn(Invocation inv) {
    inv.coldStart = true;
    runtime.guestThreads().execute(() -> {
      WorkerInstance instance;
      try {
        instance = WorkerInstance.load(runtime, version);
      } catch (IsletException e) {
        synchronized (this) {
          live--;
        }
        runtime.failed(inv, e);
        return;
      } catch (RuntimeException e) {
        synchronized (this) {
          live--;
        }
        runtime.failed(inv, GuestErrors.internal(e, version));
        return;
      }
      instance.setPool(this);
      instance.start(inv);
    });
  }

  /** Called by an instance when its invocation is over. */
  void release(WorkerInstance instance) {
    Invocation next;
    boolean broken = instance.isBroken();
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        live--;
        if (!closed && !broken) {
          live++;
          idle.push(instance);
          return;
        }
      }
    }
    if (next == null) {
      instance.close();
    } else if (broken) {
      instance.close();
      spawn(next);
    } else {
      instance.start(next);
    }
  }

  /** Instances alive now, idle or busy. */
  synchronized int liveCount() {
    return live;
  }

  /** Removes a queued invocation; false if it is not queued here (running, or never was). */
  synchronized boolean removeWaiting(Invocation inv) {
    return waiting.remove(inv);
  }

  /**
   * Takes no new requests and closes idle instances. Requests already queued still run on this
   * version (an update lets them finish where they started); busy instances close when the queue
   * is empty.
   */
  void close() {
    List<WorkerInstance> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(idle);
      live -= idle.size();
      idle.clear();
    }
    toClose.forEach(WorkerInstance::close);
  }

  /** Runtime shutdown: queued requests fail, everything closes. */
  void abort(IsletException reason) {
    List<Invocation> failed;
    synchronized (this) {
      failed = new ArrayList<>(waiting);
      waiting.clear();
    }
    close();
    failed.forEach(inv -> runtime.failed(inv, reason));
  }

  @Override
  public String toString() {
    return "InstancePool{" + version + "}";
  }
}
