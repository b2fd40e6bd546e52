package dev.islet.bench;

import java.util.Arrays;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;

/**
 * What a bare JavaScript realm costs on a shared engine, with and without some JS options: new
 * {@link Context} (build) and its first {@code eval} (the realm with its built-ins), 1500 times after
 * 1500 warm-up contexts. A measurement tool for the cold-start work, not a JMH benchmark.
 *
 * <pre>
 * java [JIT flags] -cp benchmarks/target/benchmarks.jar dev.islet.bench.RealmCost [option=value,...]
 * </pre>
 */
public final class RealmCost {
  private RealmCost() {}

  public static void main(String[] args) {
    String[] options = args.length > 0 ? args[0].split(",") : new String[0];
    try (Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build()) {
      int n = 1500;
      long[] build = new long[n];
      long[] realm = new long[n];
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < n; i++) {
          long t0 = System.nanoTime();
          Context.Builder b = Context.newBuilder("js").engine(engine).allowExperimentalOptions(true);
          for (String o : options) {
            if (!o.isEmpty()) {
              String[] kv = o.split("=", 2);
              b.option(kv[0], kv[1]);
            }
          }
          Context c = b.build();
          long t1 = System.nanoTime();
          c.eval("js", "globalThis");
          long t2 = System.nanoTime();
          build[i] = t1 - t0;
          realm[i] = t2 - t1;
          c.close();
        }
      }
      Arrays.sort(build);
      Arrays.sort(realm);
      System.out.printf("%s: context build p50 %.0f us; realm (first eval) p50 %.0f us, p90 %.0f us%n",
          Arrays.toString(options), build[n / 2] / 1e3, realm[n / 2] / 1e3, realm[n * 9 / 10] / 1e3);
    }
  }
}
