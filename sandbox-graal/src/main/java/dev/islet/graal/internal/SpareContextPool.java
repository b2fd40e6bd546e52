package dev.islet.graal.internal;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Contexts made ahead of demand: prelude evaluated, no tenant. A new instance takes one instead of
 * paying for context creation and the prelude on its cold start; a background thread refills the
 * pool afterwards. A spare is handed out once and never returns, so no tenant ever sees a context
 * another tenant used. Trusted and untrusted contexts differ (code generation), so each has its own
 * pool; the trusted one fills only once a trusted namespace asked for a context.
 */
final class SpareContextPool implements AutoCloseable {
  private final IsolateFactory factory;
  private final int target;
  private final Spares untrusted = new Spares(false);
  private final Spares trusted = new Spares(true);
  private final ExecutorService refiller;
  private volatile boolean closed;

  SpareContextPool(IsolateFactory factory, int target) {
    this.factory = factory;
    this.target = target;
    this.refiller = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "islet-spare-contexts");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY); // requests come first on a small machine
      return t;
    });
    untrusted.refill();
  }

  /** A fresh isolate: a spare if one is ready, else made now. Never one another tenant used. */
  Isolate take(boolean trust) {
    Spares spares = trust ? trusted : untrusted;
    Isolate spare = spares.queue.pollFirst();
    if (spare != null) {
      spares.size.decrementAndGet();
    }
    spares.refill();
    return spare != null ? spare : factory.create(trust);
  }

  /** Spares ready now (untrusted, trusted). */
  int ready(boolean trust) {
    return (trust ? trusted : untrusted).size.get();
  }

  /**
   * Stops refilling and closes the spares. Waits (bounded) for a refill in progress to finish:
   * closing the engine while another thread is still creating a context on it deadlocks GraalVM
   * (seen in 25.0.2: engine close waits for the context, context creation for the engine's lock).
   */
  @Override
  public void close() {
    closed = true;
    refiller.shutdown();
    try {
      refiller.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drain();
  }

  private void drain() {
    for (Spares s : new Spares[] {untrusted, trusted}) {
      for (Isolate i; (i = s.queue.pollFirst()) != null; ) {
        i.close();
      }
    }
  }

  private final class Spares {
    final boolean trust;
    final Deque<Isolate> queue = new ConcurrentLinkedDeque<>();
    final AtomicInteger size = new AtomicInteger();
    final AtomicBoolean refilling = new AtomicBoolean();

    Spares(boolean trust) {
      this.trust = trust;
    }

    void refill() {
      if (target == 0 || closed || size.get() >= target || !refilling.compareAndSet(false, true)) {
        return;
      }
      try {
        refiller.execute(() -> {
          try {
            while (!closed && size.get() < target) {
              Isolate spare = factory.create(trust);
              spare.internals.invokeMember("warmUp");
              queue.addLast(spare);
              size.incrementAndGet();
            }
          } catch (RuntimeException e) {
            if (!closed) { // closing interrupts a refill on purpose
              Log.LOGGER.log(System.Logger.Level.WARNING, "could not prepare a spare context", e);
            }
          } finally {
            refilling.set(false);
          }
          if (closed) {
            drain();
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        refilling.set(false); // closing
      }
    }
  }
}
