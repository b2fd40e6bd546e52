package dev.islet.graal.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The macrotask queue of one worker instance. Tasks run one at a time, in order, on the runtime's
 * guest threads, so a context is never used by two threads at once. Microtasks need no queue of
 * ours: GraalJS drains the promise job queue when a host-to-guest call returns, i.e. within every
 * task.
 */
final class EventLoop implements Executor {
  private final Executor threads;
  private final Consumer<Boolean> afterTask;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();

  /**
   * @param threads where tasks run
   * @param afterTask called after each task with whether the queue is then empty
   */
  EventLoop(Executor threads, Consumer<Boolean> afterTask) {
    this.threads = threads;
    this.afterTask = afterTask;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    if (pending.getAndIncrement() == 0) {
      threads.execute(this::drain);
    }
  }

  private void drain() {
    do {
      try {
        tasks.poll().run();
        afterTask.accept(pending.get() == 1);
      } catch (Throwable t) {
        // Tasks contain their own failures; this is the last line that keeps the loop alive (a
        // loop that stopped draining would strand every later task of this instance).
        Log.LOGGER.log(System.Logger.Level.ERROR, "event loop task failed", t);
      }
    } while (pending.decrementAndGet() != 0);
  }
}
