package dev.islet.bench;

import com.caoccao.javet.interop.V8Host;
import com.caoccao.javet.interop.V8Runtime;
import com.caoccao.javet.interop.monitoring.V8HeapStatistics;
import com.caoccao.javet.values.reference.V8ValueObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Memory per idle Javet (V8) isolate, for comparison with {@link Density} (a measurement tool, not
 * JMH). Creates N V8 runtimes (Javet V8 mode: one isolate + one context each), evaluates the hello
 * module in each (unique text per runtime, as Density's tenants) as an ES module, calls its {@code
 * fetch} once, and keeps runtime and handler alive (idle). Reports
 *
 * <ul>
 *   <li>V8's own heap statistics summed over the runtimes ({@code used_heap_size}, {@code
 *       total_physical_size}, {@code malloced_memory}) after {@code lowMemoryNotification()} (a full
 *       V8 GC) in each;
 *   <li>the process RSS delta ({@code VmRSS} from {@code /proc/self/status}) before/after, which
 *       also counts per-isolate native memory outside the V8 heap (zone, code space, Javet's own),
 *       with the Java heap delta (after full GCs) alongside — Javet's Java-side objects.
 * </ul>
 *
 * <pre>java -Xmx2g --enable-native-access=ALL-UNNAMED -cp benchmarks.jar dev.islet.bench.JavetDensity 1000</pre>
 */
public final class JavetDensity {
  private JavetDensity() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    V8Host host = V8Host.getV8Instance();
    // Warm the library (and Java classes) up with a few runtimes closed again.
    for (int i = 0; i < 20; i++) {
      JavetBaselineBenchmark.check(oneCall(host, -1 - i), JavetBaselineBenchmark.HELLO_EXPECTED);
    }
    long rss0 = rssKiB();
    long heap0 = javaHeap();
    List<V8Runtime> runtimes = new ArrayList<>(n);
    List<V8ValueObject> handlers = new ArrayList<>(n);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      V8Runtime runtime = host.createV8Runtime();
      V8ValueObject handler = JavetBaselineBenchmark.defaultExport(runtime,
          Workers.unique(Workers.HELLO_BARE, i), "./worker.js");
      JavetBaselineBenchmark.check(handler.invokeString("fetch", "GET", Workers.URL),
          JavetBaselineBenchmark.HELLO_EXPECTED);
      runtimes.add(runtime);
      handlers.add(handler);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long used = 0;
    long physical = 0;
    long malloced = 0;
    long total = 0;
    for (V8Runtime runtime : runtimes) {
      runtime.lowMemoryNotification();
      V8HeapStatistics stats = runtime.getV8HeapStatistics().get();
      used += stats.getUsedHeapSize();
      physical += stats.getTotalPhysicalSize();
      total += stats.getTotalHeapSize();
      malloced += stats.getMallocedMemory();
    }
    long heap1 = javaHeap();
    Thread.sleep(500);
    long rss1 = rssKiB();
    System.out.printf(Locale.ROOT, "Javet %s, %d idle V8 runtimes created in %.1f s (%.2f ms each)%n",
        host.getJavetVersion(), n, seconds, seconds * 1000 / n);
    System.out.printf(Locale.ROOT, "V8 heap per runtime: used %.1f KiB, total %.1f KiB, physical %.1f KiB, malloced %.1f KiB%n",
        used / 1024.0 / n, total / 1024.0 / n, physical / 1024.0 / n, malloced / 1024.0 / n);
    System.out.printf(Locale.ROOT, "process RSS delta per runtime: %.1f KiB (%d MiB in all); Java heap delta per runtime: %.2f KiB%n",
        (rss1 - rss0) / (double) n, (rss1 - rss0) / 1024, (heap1 - heap0) / 1024.0 / n);
    for (int i = 0; i < n; i++) {
      handlers.get(i).close();
      runtimes.get(i).close();
    }
  }

  private static String oneCall(V8Host host, long n) throws Exception {
    try (V8Runtime runtime = host.createV8Runtime();
        V8ValueObject handler = JavetBaselineBenchmark.defaultExport(runtime,
            Workers.unique(Workers.HELLO_BARE, n), "./worker.js")) {
      return handler.invokeString("fetch", "GET", Workers.URL);
    }
  }

  private static long javaHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long rssKiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }
}
