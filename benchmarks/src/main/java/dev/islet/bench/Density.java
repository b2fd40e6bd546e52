package dev.islet.bench;

import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Request;
import dev.islet.WorkerScript;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

/**
 * Memory per idle tenant, which a time benchmark cannot show: deploys N tenants (each its own
 * worker, the tiny hello worker with a per-tenant comment so no two share a source), sends each one
 * request so its instance is live and idle, then compares live heap after full collections with the
 * heap before. Also reports the bare GraalJS figure (one context per tenant, same module evaluated,
 * no Web APIs) in the same JVM, as the baseline.
 *
 * <pre>
 * java [JIT flags] -Xmx8g -cp benchmarks/target/benchmarks.jar dev.islet.bench.Density [tenants=1000 ...]
 * </pre>
 */
public final class Density {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private Density() {}

  public static void main(String[] args) throws Exception {
    int[] counts = args.length == 0 ? new int[] {1000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.println(Runtime.version() + ", max heap " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB");
    for (int n : counts) {
      islet(n);
      bare(n);
    }
  }

  private static void islet(int n) throws Exception {
    try (IsletRuntime runtime = IsletRuntime.newBuilder()
        .maxCachedWorkers(n + 10)
        .instanceIdleTimeout(Duration.ofHours(1))
        .spareContexts(0) // spares would count as tenants' memory
        .build()) {
      Namespace ns = runtime.namespace("density");
      // Settle the engine (shared code, JIT) with a few tenants that are then deleted.
      for (int i = 0; i < 50; i++) {
        ns.deploy(WorkerScript.newBuilder("warm" + i).mainModule("w.js", Workers.unique(Workers.HELLO, i)).build());
        ns.dispatcher().get("warm" + i).fetch(Request.get(Workers.URL)).join().body().text();
        ns.delete("warm" + i);
      }
      long before = liveHeap();
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        String name = "t" + i;
        ns.deploy(WorkerScript.newBuilder(name).mainModule("w.js", Workers.unique(Workers.HELLO, i + 1000)).build());
        ns.dispatcher().get(name).fetch(Request.get(Workers.URL)).join().body().text();
        if ((i + 1) % Math.max(1, n / 5) == 0) {
          System.out.printf("  %d tenants, %.1f ms per tenant so far%n", i + 1, (System.nanoTime() - t0) / 1e6 / (i + 1));
        }
      }
      long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
      long after = liveHeap();
      System.out.printf("Islet (%s): %d idle tenants: %.1f KiB live heap per tenant (%d MiB total, loaded in %d s)%n",
          runtime.compilationMode(), n, (after - before) / 1024.0 / n, (after - before) / 1048576, seconds);
    }
  }

  private static void bare(int n) throws InterruptedException {
    try (org.graalvm.polyglot.Engine engine = org.graalvm.polyglot.Engine.newBuilder("js")
        .option("engine.WarnInterpreterOnly", "false").build()) {
      java.util.List<org.graalvm.polyglot.Context> contexts = new java.util.ArrayList<>();
      long before = liveHeap();
      for (int i = 0; i < n; i++) {
        org.graalvm.polyglot.Context c = org.graalvm.polyglot.Context.newBuilder("js").engine(engine)
            .allowExperimentalOptions(true).option("js.esm-eval-returns-exports", "true").build();
        org.graalvm.polyglot.Value exports = c.eval(org.graalvm.polyglot.Source.newBuilder("js",
            Workers.unique(Workers.HELLO_BARE, i), "w" + i + ".mjs").buildLiteral());
        exports.getMember("default").invokeMember("fetch", "GET", Workers.URL).asString();
        contexts.add(c);
      }
      long after = liveHeap();
      System.out.printf("bare GraalJS: %d idle contexts: %.1f KiB live heap per context%n",
          n, (after - before) / 1024.0 / n);
      contexts.forEach(org.graalvm.polyglot.Context::close);
    }
  }

  private static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      MEMORY.gc();
      Thread.sleep(100);
    }
    return MEMORY.getHeapMemoryUsage().getUsed();
  }
}
