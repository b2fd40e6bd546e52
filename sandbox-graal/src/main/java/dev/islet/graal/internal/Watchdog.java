package dev.islet.graal.internal;

import dev.islet.Limits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Enforces CPU-time and memory budgets on guest code. Guest code runs in stretches (a task of an
 * event loop, or a script's top level); each stretch is a {@link Watch} that carries what its
 * invocation already used, its budgets and what to do on a breach. A daemon thread polls the running
 * stretches every {@link #TICK_NANOS}: the thread's CPU time ({@code getThreadCpuTime}, ≈µs), the
 * bytes it allocated ({@code getThreadAllocatedBytes}) and, while anything runs, the heap. It sleeps
 * when no guest code runs, so an idle runtime costs nothing.
 *
 * <p>The heap guard covers what per-invocation budgets cannot: live data kept across requests, or
 * several tenants together. When heap use passes {@link #HEAP_GUARD_FRACTION} of the maximum even
 * after a collection, the running stretch that allocated most is stopped as a memory breach.
 */
final class Watchdog implements AutoCloseable {
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  static final long DOZE_AFTER_TICKS = 1000;
  static final double HEAP_GUARD_FRACTION = 0.8;
  static final long GC_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  static final long UNLIMITED = Long.MAX_VALUE;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Bytes the current thread has allocated so far. */
  static long allocatedBytes() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** One stretch of guest code on one thread. */
  static final class Watch {
    final long threadId;
    final long cpuStart;
    final long allocStart;
    final long cpuBudget;
    final long allocBudget;
    final Consumer<Limits.Kind> onBreach;
    volatile boolean breached;
    long cpuUsed;
    long allocUsed;

    private Watch(long cpuBudget, long allocBudget, Consumer<Limits.Kind> onBreach) {
      this.threadId = Thread.currentThread().getId();
      this.cpuStart = THREADS.getCurrentThreadCpuTime();
      this.allocStart = THREADS.getCurrentThreadAllocatedBytes();
      this.cpuBudget = cpuBudget;
      this.allocBudget = allocBudget;
      this.onBreach = onBreach;
    }

    private void breach(Limits.Kind kind) {
      if (!breached) {
        breached = true;
        onBreach.accept(kind);
      }
    }
  }

  private final Set<Watch> running = ConcurrentHashMap.newKeySet();
  private final Thread poller;
  private volatile boolean closed;
  private volatile boolean dozing;
  // Heap guard state, watchdog thread only.
  private long lastGc = System.nanoTime() - GC_INTERVAL_NANOS;
  private long liveAfterGc;
  private boolean collectBeforeNextVerdict;

  Watchdog() {
    try {
      THREADS.setThreadCpuTimeEnabled(true);
      THREADS.setThreadAllocatedMemoryEnabled(true);
    } catch (UnsupportedOperationException e) {
      Log.LOGGER.log(System.Logger.Level.WARNING,
          "this JVM cannot measure thread CPU time or allocations: CPU and memory limits are not enforced", e);
    }
    poller = new Thread(this::poll, "islet-watchdog");
    poller.setDaemon(true);
    poller.setPriority(Thread.MAX_PRIORITY);
    poller.start();
  }

  /**
   * Starts watching guest code about to run on the current thread.
   *
   * @param cpuBudget CPU nanoseconds this stretch may use, or {@link #UNLIMITED}
   * @param allocBudget bytes it may allocate, or {@link #UNLIMITED}
   * @param onBreach called once, from the watchdog thread, with the limit broken; must not block
   */
  Watch start(long cpuBudget, long allocBudget, Consumer<Limits.Kind> onBreach) {
    Watch w = new Watch(cpuBudget, allocBudget, onBreach);
    // Without a budget the stretch is only measured (for events), not polled.
    if (cpuBudget != UNLIMITED || allocBudget != UNLIMITED) {
      running.add(w);
      // Wake the poller only from its long idle sleep: waking it for every short task would cost a
      // context switch per request (measured: 2x on a warm request, 2 cores).
      if (dozing) {
        LockSupport.unpark(poller);
      }
    }
    return w;
  }

  /**
   * Whether guest code on the current thread can be watched. Virtual threads (JDK 21+) report no CPU
   * time: guest code started from one must move to a platform thread first.
   */
  static boolean canWatchCurrentThread() {
    return THREADS.getCurrentThreadCpuTime() >= 0;
  }

  /** Stops watching; records on the watch what the stretch used. Call on the stretch's thread. */
  void stop(Watch w) {
    running.remove(w);
    w.cpuUsed = THREADS.getCurrentThreadCpuTime() - w.cpuStart;
    w.allocUsed = THREADS.getCurrentThreadAllocatedBytes() - w.allocStart;
  }

  /**
   * Ticks every millisecond while guest code runs and for a second after; then dozes (long sleeps)
   * until a stretch starts, so an idle runtime costs next to nothing and a busy one is never woken
   * per task.
   */
  private void poll() {
    long idleTicks = 0;
    while (!closed) {
      if (running.isEmpty()) {
        if (++idleTicks > DOZE_AFTER_TICKS) {
          dozing = true;
          if (running.isEmpty()) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
          }
          dozing = false;
          continue;
        }
      } else {
        idleTicks = 0;
        check();
      }
      LockSupport.parkNanos(this, TICK_NANOS);
    }
  }

  private void check() {
    Watch heaviest = null;
    long heaviestAlloc = -1;
    for (Watch w : running) {
      if (w.breached) {
        continue;
      }
      long cpu = THREADS.getThreadCpuTime(w.threadId) - w.cpuStart;
      if (cpu > w.cpuBudget) {
        w.breach(Limits.Kind.CPU_TIME);
        continue;
      }
      long alloc = THREADS.getThreadAllocatedBytes(w.threadId) - w.allocStart;
      if (alloc > w.allocBudget) {
        w.breach(Limits.Kind.MEMORY);
        continue;
      }
      if (alloc > heaviestAlloc) {
        heaviest = w;
        heaviestAlloc = alloc;
      }
    }
    if (heaviest != null && heapUnderPressure()) {
      heaviest.breach(Limits.Kind.MEMORY);
      collectBeforeNextVerdict = true; // its garbage must not count against the next stretch
    }
  }

  /**
   * True when live data (not garbage) fills the heap past the guard. Heap use alone overstates it:
   * between collections, and right after a bomb is stopped, much of it is garbage. So once use is
   * past the guard we collect and judge by what survived. A verdict stands for at most {@link
   * #GC_INTERVAL_NANOS}, and only while the heap has not grown by more than half the room left above
   * the guard since: a fast bomb fills that room in tens of milliseconds (seen: an array-of-arrays
   * bomb took a 256 MiB JVM from under the guard to OutOfMemoryError between two verdicts 200 ms
   * apart).
   */
  private boolean heapUnderPressure() {
    long used = heapUsed();
    long guard = heapGuard();
    if (used <= guard) {
      return false;
    }
    long now = System.nanoTime();
    long slack = (Runtime.getRuntime().maxMemory() - guard) / 2;
    if (collectBeforeNextVerdict || now - lastGc > GC_INTERVAL_NANOS || used > liveAfterGc + slack) {
      MEMORY.gc();
      lastGc = System.nanoTime();
      collectBeforeNextVerdict = false;
      liveAfterGc = heapUsed();
    }
    return liveAfterGc > heapGuard();
  }

  // Runtime's totals are cheap enough to read every tick (the MemoryMXBean walks every pool).
  private static long heapUsed() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long heapGuard() {
    return (long) (Runtime.getRuntime().maxMemory() * HEAP_GUARD_FRACTION);
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(poller);
  }
}
