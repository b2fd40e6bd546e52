package dev.islet.bench;

import dev.islet.DispatchOptions;
import dev.islet.InvocationEvent;
import dev.islet.InvocationListener;
import dev.islet.IsletRuntime;
import dev.islet.Limits;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.WorkerScript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stop precision, which a throughput benchmark cannot show: how far past its budget a runaway guest
 * gets before Islet stops it. Runs N breaches of each kind (after a warm-up) and prints median and
 * worst of: CPU charged beyond a 50 ms CPU budget (spinning loop), wall time from dispatch until the
 * caller sees the failure (on an instance loaded beforehand), and bytes allocated beyond a 64 MiB
 * allocation budget (Map bomb).
 *
 * <pre>
 * java [JIT flags] -cp benchmarks/target/benchmarks.jar dev.islet.bench.StopLatency [runs=30]
 * </pre>
 */
public final class StopLatency {
  private StopLatency() {}

  private static final String SPIN =
      "export default { fetch(req) { if (req.url.endsWith('/attack')) { for (;;) {} } return new Response('ok'); } }";
  private static final String BOMB =
      "export default { fetch(req) { if (req.url.endsWith('/attack')) { const m = new Map(); let i = 0;"
          + " for (;;) { m.set(i, { i, s: 'x' + i }); i++; } } return new Response('ok'); } }";

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    LinkedBlockingQueue<InvocationEvent> events = new LinkedBlockingQueue<>();
    try (IsletRuntime runtime = IsletRuntime.newBuilder().listener(new InvocationListener() {
      @Override
      public void onInvocation(InvocationEvent event) {
        events.add(event);
      }
    }).build()) {
      System.out.println("mode " + runtime.compilationMode() + ", " + Runtime.version());
      Namespace ns = runtime.namespace("stop");
      ns.deploy(WorkerScript.newBuilder("spin").mainModule("w.js", SPIN).build());
      ns.deploy(WorkerScript.newBuilder("bomb").mainModule("w.js", BOMB).build());

      Limits cpu = Limits.cpuMs(50);
      Limits mem = Limits.memoryBytes(64L << 20);
      measure("CPU 50 ms   ", runs, ns, "spin", cpu, events, Outcome.EXCEEDED_CPU,
          e -> (e.cpuTime().toNanos() - 50_000_000L) / 1e6, "ms CPU over budget");
      measure("memory 64MiB", runs, ns, "bomb", mem, events, Outcome.EXCEEDED_MEMORY,
          e -> (e.allocatedBytes() - (64L << 20)) / 1048576.0, "MiB allocated over budget");
    }
  }

  interface Over {
    double of(InvocationEvent e);
  }

  private static void measure(String label, int runs, Namespace ns, String worker, Limits limits,
      LinkedBlockingQueue<InvocationEvent> events, Outcome expected, Over over, String unit)
      throws InterruptedException {
    List<Double> overshoot = new ArrayList<>();
    List<Double> wall = new ArrayList<>();
    for (int i = -5; i < runs; i++) { // 5 warm-up breaches
      // A breach discards its instance: load a fresh one first, so the timing is the attack alone.
      ns.dispatcher().get(worker).fetch(Request.get("https://" + worker + ".example/")).join();
      events.clear();
      long t0 = System.nanoTime();
      try {
        ns.dispatcher().get(worker, DispatchOptions.limits(limits))
            .fetch(Request.get("https://" + worker + ".example/attack")).join();
        throw new IllegalStateException("the attack was not stopped");
      } catch (CompletionException expectedFailure) {
        // stopped, as intended
      }
      double wallMs = (System.nanoTime() - t0) / 1e6;
      InvocationEvent e = events.poll(10, TimeUnit.SECONDS);
      if (e == null || e.outcome() != expected) {
        throw new IllegalStateException("unexpected event " + e);
      }
      if (i >= 0) {
        overshoot.add(over.of(e));
        wall.add(wallMs);
      }
    }
    System.out.printf("%s: %d runs; overshoot median %.2f, worst %.2f %s; dispatch->failure median %.1f ms, worst %.1f ms%n",
        label, runs, median(overshoot), Collections.max(overshoot), unit, median(wall), Collections.max(wall));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
