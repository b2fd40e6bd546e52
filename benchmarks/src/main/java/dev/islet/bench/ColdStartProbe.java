package dev.islet.bench;

import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.WorkerScript;
import java.util.Arrays;

/**
 * A quick A/B tool for the cold path, not a JMH benchmark: N new tenants (deploy, first request,
 * delete) arriving {@code pauseMillis} apart, twice (the first pass warms up), then the p50 of
 * deploy, first fetch and both together; then 5000 warm requests to one worker. Run two builds
 * alternately (A, B, A, B) to compare them on this noisy machine.
 *
 * <pre>
 * java [JIT flags] -Xms1g -Xmx1g -cp benchmarks.jar dev.islet.bench.ColdStartProbe [tenants=1500] [pauseMillis=10]
 * </pre>
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
    long pause = args.length > 1 ? Long.parseLong(args[1]) : 10;
    try (IsletRuntime runtime = IsletRuntime.newBuilder().build()) {
      Namespace ns = runtime.namespace("probe");
      Request request = Request.get(Workers.URL);
      long[] deploy = new long[n];
      long[] fetch = new long[n];
      long[] total = new long[n];
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < n; i++) {
          String name = "t" + round + "_" + i;
          long t0 = System.nanoTime();
          ns.deploy(WorkerScript.newBuilder(name).mainModule("worker.js", Workers.HELLO).build());
          long t1 = System.nanoTime();
          Response r = ns.dispatcher().get(name).fetch(request).join();
          r.body().text();
          long t2 = System.nanoTime();
          deploy[i] = t1 - t0;
          fetch[i] = t2 - t1;
          total[i] = t2 - t0;
          ns.delete(name);
          if (pause > 0) {
            Thread.sleep(pause);
          }
        }
      }
      System.out.printf("%s: %d tenants %d ms apart: deploy p50 %.0f us, first fetch p50 %.0f us, both p50 %.0f us (p90 %.0f)%n",
          runtime.compilationMode(), n, pause, p(deploy, .5), p(fetch, .5), p(total, .5), p(total, .9));
      ns.deploy(WorkerScript.newBuilder("warm").mainModule("worker.js", Workers.HELLO).build());
      long[] warm = new long[5000];
      for (int i = 0; i < warm.length; i++) {
        long t0 = System.nanoTime();
        ns.dispatcher().get("warm").fetch(request).join().body().text();
        warm[i] = System.nanoTime() - t0;
      }
      System.out.printf("warm request p50 %.1f us%n", p(warm, .5));
    }
  }

  private static double p(long[] v, double q) {
    long[] c = v.clone();
    Arrays.sort(c);
    return c[(int) (q * (c.length - 1))] / 1e3;
  }
}
