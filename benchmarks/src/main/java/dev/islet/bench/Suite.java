package dev.islet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs every benchmark twice — with Truffle's JIT (the Graal compiler jars on the upgrade module
 * path) and without (plain JVM: guests interpreted) — and writes JMH JSON plus a summary (CSV and
 * Markdown, with the Islet / bare-GraalJS and Islet / Javet ratios) to the benchmarks' {@code target/} directory.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick [--fork-each]] [--forks=N]
 *      [--mode=both|jit|interpreted] [--include=REGEX]... [--jit-dir=DIR] [--out=DIR] [--prewarm=N]
 * </pre>
 *
 * <ul>
 *   <li>Full (default): JMH's usual isolation, every benchmark in its own forked JVMs (annotations:
 *       2 forks, 5 × 4 s warm-up, 5 × 4 s measurement); the mode's flags go to each fork with
 *       {@code jvmArgsAppend}.
 *   <li>{@code --quick}: 2 × 1 s warm-up, 3 × 1 s measurement, and <em>one JVM per mode</em> that
 *       runs all benchmarks in turn (JMH forks = 0 inside it), started by this class with the same
 *       flags. Twenty separate forks cannot warm the Graal compiler (itself Java bytecode here) and
 *       the guest code within 5 minutes on 2 cores; one JVM per mode can. Less isolated: an
 *       indication, not a publication number. {@code --fork-each} restores one fork per benchmark.
 * </ul>
 *
 * Each JVM gets {@code -Dislet.bench.expectedMode}; every benchmark's setup compares it with the
 * mode the engine reports and fails the run on a mismatch.
 */
public final class Suite {
  /** The JVM settings every benchmark JVM shares, in both modes. */
  static final List<String> BASE_JVM_ARGS =
      List.of("-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED");

  /** Islet benchmark → its bare-GraalJS pair, for the ratio column. */
  static final Map<String, String> PAIRS = new LinkedHashMap<>();

  static {
    PAIRS.put("ColdStartBenchmark.newTenant", "BaselineBenchmark.coldContext");
    PAIRS.put("ColdStartBenchmark.newTenantUniqueCode", "BaselineBenchmark.coldContextUniqueCode");
    PAIRS.put("ColdStartBenchmark.deleteTenant", "BaselineBenchmark.closeContext");
    PAIRS.put("ColdStartBenchmark.newTenantRouter", "BaselineBenchmark.coldContextRouter");
    PAIRS.put("ColdStartBenchmark.preDeployedFirstRequest", "BaselineBenchmark.coldContext");
    PAIRS.put("WarmRequestBenchmark.hello", "BaselineBenchmark.warmHello");
    PAIRS.put("WarmRequestBenchmark.json", "BaselineBenchmark.warmJson");
    PAIRS.put("ColdStartBenchmark.newTenantWasm", "BaselineBenchmark.coldContextWasm");
    PAIRS.put("WarmRequestBenchmark.wasm", "BaselineBenchmark.warmWasm");
  }

  /**
   * Islet benchmark (and bare-GraalJS baseline) → its Javet (V8) pair, for the second ratio column:
   * the same JavaScript work on a new V8 isolate / an evaluated V8 function. No Javet pair for
   * {@code deleteTenant} / {@code closeContext} (the Javet cold benchmarks include the close).
   */
  static final Map<String, String> JAVET_PAIRS = new LinkedHashMap<>();

  static {
    JAVET_PAIRS.put("ColdStartBenchmark.newTenant", "JavetBaselineBenchmark.coldIsolate");
    JAVET_PAIRS.put("ColdStartBenchmark.newTenantUniqueCode", "JavetBaselineBenchmark.coldIsolateUniqueCode");
    JAVET_PAIRS.put("ColdStartBenchmark.newTenantRouter", "JavetBaselineBenchmark.coldIsolateRouter");
    JAVET_PAIRS.put("ColdStartBenchmark.preDeployedFirstRequest", "JavetBaselineBenchmark.coldIsolate");
    JAVET_PAIRS.put("WarmRequestBenchmark.hello", "JavetBaselineBenchmark.warmHello");
    JAVET_PAIRS.put("WarmRequestBenchmark.json", "JavetBaselineBenchmark.warmJson");
    JAVET_PAIRS.put("BaselineBenchmark.coldContext", "JavetBaselineBenchmark.coldIsolate");
    JAVET_PAIRS.put("BaselineBenchmark.coldContextUniqueCode", "JavetBaselineBenchmark.coldIsolateUniqueCode");
    JAVET_PAIRS.put("BaselineBenchmark.coldContextRouter", "JavetBaselineBenchmark.coldIsolateRouter");
    JAVET_PAIRS.put("BaselineBenchmark.warmHello", "JavetBaselineBenchmark.warmHello");
    JAVET_PAIRS.put("BaselineBenchmark.warmJson", "JavetBaselineBenchmark.warmJson");
    JAVET_PAIRS.put("ColdStartBenchmark.newTenantWasm", "JavetBaselineBenchmark.coldIsolateWasm");
    JAVET_PAIRS.put("WarmRequestBenchmark.wasm", "JavetBaselineBenchmark.warmWasm");
    JAVET_PAIRS.put("BaselineBenchmark.coldContextWasm", "JavetBaselineBenchmark.coldIsolateWasm");
    JAVET_PAIRS.put("BaselineBenchmark.warmWasm", "JavetBaselineBenchmark.warmWasm");
  }

  /** One summary line. */
  record Row(String mode, String benchmark, double p50, double mean, double error, double p90,
      double p99, String unit, long samples) {
    String tsv() {
      return String.join("\t", mode, benchmark, Double.toString(p50), Double.toString(mean),
          Double.toString(error), Double.toString(p90), Double.toString(p99), unit, Long.toString(samples));
    }

    static Row parse(String line) {
      String[] f = line.split("\t");
      return new Row(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]),
          Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), f[7],
          Long.parseLong(f[8]));
    }
  }

  private static final class Args {
    boolean quick;
    boolean forkEach;
    Integer forks;
    String modes = "both";
    final List<String> includes = new ArrayList<>();
    Path jitDir;
    Path out;
    String prewarm;
    String child; // internal: run this mode in-process (quick single-JVM mode)
  }

  private Suite() {}

  public static void main(String[] argv) throws RunnerException, IOException, InterruptedException {
    Args a = new Args();
    for (String arg : argv) {
      if (arg.equals("--quick")) {
        a.quick = true;
      } else if (arg.equals("--fork-each")) {
        a.forkEach = true;
      } else if (arg.startsWith("--forks=")) {
        a.forks = Integer.parseInt(arg.substring("--forks=".length()));
      } else if (arg.startsWith("--mode=")) {
        a.modes = arg.substring("--mode=".length()).toLowerCase(Locale.ROOT);
      } else if (arg.startsWith("--include=")) {
        a.includes.add(arg.substring("--include=".length()));
      } else if (arg.startsWith("--jit-dir=")) {
        a.jitDir = Paths.get(arg.substring("--jit-dir=".length()));
      } else if (arg.startsWith("--prewarm=")) {
        a.prewarm = Integer.toString(Integer.parseInt(arg.substring("--prewarm=".length())));
      } else if (arg.startsWith("--out=")) {
        a.out = Paths.get(arg.substring("--out=".length()));
      } else if (arg.startsWith("--child=")) {
        a.child = arg.substring("--child=".length());
      } else if (arg.equals("--help") || arg.equals("-h")) {
        usage();
        return;
      } else {
        System.err.println("unknown argument: " + arg);
        usage();
        System.exit(2);
      }
    }
    Path target = targetDir();
    if (a.jitDir == null) {
      String prop = System.getProperty("islet.jit.dir");
      a.jitDir = prop != null ? Paths.get(prop) : target.resolve("jit");
    }
    if (a.out == null) {
      a.out = target;
    }
    if (a.includes.isEmpty()) {
      // The quick suite is the cold-start/warm/baseline set (bare GraalJS and Javet);
      // LimitsBenchmark (the watchdog's cost) runs in the full suite or with --include=Limits.
      a.includes.add(a.quick ? "dev\\.islet\\.bench\\.(ColdStart|WarmRequest|Baseline|JavetBaseline)Benchmark\\..*"
          : "dev\\.islet\\.bench\\..*Benchmark\\..*");
    }
    Files.createDirectories(a.out);
    String tag = a.quick ? "-quick" : "";

    if (a.child != null) {
      // Quick single-JVM mode: this JVM was started with the mode's flags; run everything here.
      List<Row> rows = rows(a.child, runJmh(a, a.child, List.of(), 0, tag));
      Files.write(rowsFile(a, a.child), rows.stream().map(Row::tsv).toList(), StandardCharsets.UTF_8);
      return;
    }

    List<String> runModes =
        switch (a.modes) {
          case "both" -> List.of("JIT", "INTERPRETED");
          case "jit" -> List.of("JIT");
          case "interpreted", "interp" -> List.of("INTERPRETED");
          default -> throw new IllegalArgumentException("--mode must be both, jit or interpreted");
        };
    boolean singleJvm = a.quick && !a.forkEach;
    List<Row> all = new ArrayList<>();
    List<String> described = new ArrayList<>();
    for (String mode : runModes) {
      List<String> modeArgs = new ArrayList<>();
      if (mode.equals("JIT")) {
        modeArgs.addAll(jitArgs(a.jitDir));
      }
      modeArgs.add("-D" + BenchSupport.EXPECTED_MODE_PROPERTY + "=" + mode);
      if (a.prewarm == null && a.quick) {
        a.prewarm = "1000"; // quick mode: a shorter untimed pre-warm per cold-start trial
      }
      if (a.prewarm != null) {
        modeArgs.add("-D" + BenchSupport.PREWARM_PROPERTY + "=" + a.prewarm);
      }
      described.add(mode + ": " + String.join(" ", BASE_JVM_ARGS) + " " + String.join(" ", modeArgs));
      System.out.println("[islet-bench] ==== " + mode + " ==== JVM args: " + BASE_JVM_ARGS + " " + modeArgs
          + (singleJvm ? " (one JVM for all benchmarks)" : " (JMH forks)"));
      if (singleJvm) {
        all.addAll(runChild(a, mode, modeArgs));
      } else {
        int forks = a.forks != null ? a.forks : a.quick ? 1 : -1;
        all.addAll(rows(mode, runJmh(a, mode, modeArgs, forks, tag)));
      }
    }
    writeSummary(all, described, a.out, tag, a.quick, singleJvm);
  }

  private static void usage() {
    System.out.println(
        "usage: java -jar benchmarks.jar [--quick [--fork-each]] [--forks=N] [--mode=both|jit|interpreted]\n"
            + "       [--include=REGEX]... [--jit-dir=DIR] [--out=DIR] [--prewarm=N]\n"
            + "  (plain JMH also works: java <flags> -cp benchmarks.jar org.openjdk.jmh.Main ...)");
  }

  /** Runs JMH; {@code forks} -1 keeps the annotations' fork count, 0 runs in this JVM. */
  private static Collection<RunResult> runJmh(Args a, String mode, List<String> modeArgs, int forks, String tag)
      throws RunnerException {
    Path json = a.out.resolve("jmh-" + mode.toLowerCase(Locale.ROOT) + tag + ".json");
    ChainedOptionsBuilder opts =
        new OptionsBuilder()
            .jvmArgs(BASE_JVM_ARGS.toArray(String[]::new))
            .jvmArgsAppend(modeArgs.toArray(String[]::new))
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .shouldFailOnError(true);
    for (String include : a.includes) {
      opts.include(include);
    }
    if (forks >= 0) {
      opts.forks(forks);
    }
    if (a.quick) {
      // 2 x 1 s warm-up on top of each trial's untimed pre-warm keeps the quick suite (22
      // benchmarks x 2 modes) near 5 minutes on 2 cores.
      opts.warmupIterations(2)
          .warmupTime(TimeValue.seconds(1))
          .measurementIterations(3)
          .measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(opts.build()).run();
    System.out.println("[islet-bench] JMH JSON: " + json);
    return results;
  }

  /** Quick mode: one JVM with the mode's flags runs every benchmark in-process. */
  private static List<Row> runChild(Args a, String mode, List<String> modeArgs)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(BASE_JVM_ARGS);
    cmd.addAll(modeArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Suite.class.getName());
    cmd.add("--child=" + mode);
    cmd.add("--quick");
    cmd.add("--out=" + a.out.toAbsolutePath());
    cmd.add("--jit-dir=" + a.jitDir.toAbsolutePath());
    for (String include : a.includes) {
      cmd.add("--include=" + include);
    }
    Path rowsFile = rowsFile(a, mode);
    Files.deleteIfExists(rowsFile);
    int rc = new ProcessBuilder(cmd).inheritIO().start().waitFor();
    if (rc != 0 || !Files.exists(rowsFile)) {
      throw new IllegalStateException(mode + " benchmark JVM failed (exit code " + rc + "): " + cmd);
    }
    return Files.readAllLines(rowsFile, StandardCharsets.UTF_8).stream().map(Row::parse).toList();
  }

  private static Path rowsFile(Args a, String mode) {
    return a.out.resolve("rows-" + mode.toLowerCase(Locale.ROOT) + ".tsv");
  }

  private static List<Row> rows(String mode, Collection<RunResult> results) {
    List<Row> rows = new ArrayList<>();
    for (RunResult rr : results) {
      String name = rr.getParams().getBenchmark().substring("dev.islet.bench.".length());
      Result<?> r = rr.getPrimaryResult();
      Statistics s = r.getStatistics();
      rows.add(new Row(mode, name, s.getPercentile(50), s.getMean(), r.getScoreError(),
          s.getPercentile(90), s.getPercentile(99), r.getScoreUnit(), s.getN()));
    }
    return rows;
  }

  /** {@code benchmarks/target}: where benchmarks.jar (or target/classes) lives. */
  static Path targetDir() {
    try {
      Path here = Paths.get(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // .../target/benchmarks.jar or .../target/classes
      return here.toAbsolutePath().getParent();
    } catch (URISyntaxException | RuntimeException e) {
      return Paths.get("benchmarks", "target").toAbsolutePath();
    }
  }

  /** The JVM flags that turn Truffle's JIT on; fails unless the four compiler jars are there. */
  static List<String> jitArgs(Path jitDir) {
    List<String> jars;
    try (Stream<Path> files = Files.list(jitDir)) {
      jars = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(
          "no JIT jar directory at " + jitDir.toAbsolutePath()
              + ": build with ./mvnw -pl benchmarks -am package, or pass --jit-dir=DIR", e);
    }
    for (String prefix : List.of("compiler-", "collections-", "word-", "truffle-compiler-")) {
      if (jars.stream().noneMatch(n -> n.startsWith(prefix))) {
        throw new IllegalStateException(
            "JIT jar " + prefix + "*.jar missing in " + jitDir.toAbsolutePath() + ": " + jars);
      }
    }
    return List.of(
        "-XX:+UnlockExperimentalVMOptions",
        "-XX:+EnableJVMCI",
        "--upgrade-module-path=" + jitDir.toAbsolutePath());
  }

  /** One row per benchmark and mode: p50, mean ± error, p90, p99, samples; p50 ratio to its pair. */
  private static void writeSummary(List<Row> rows, List<String> jvmArgs, Path out, String tag,
      boolean quick, boolean singleJvm) throws IOException {
    Map<String, Row> byKey = new LinkedHashMap<>();
    rows.forEach(r -> byKey.put(r.mode() + " " + r.benchmark(), r));
    StringBuilder csv =
        new StringBuilder("mode,benchmark,p50,mean,error,p90,p99,unit,samples,baseline,p50_ratio_to_baseline,"
            + "javet_pair,p50_ratio_to_javet\n");
    StringBuilder md = new StringBuilder();
    md.append("Run ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append(quick ? " (quick" + (singleJvm ? ", one JVM per mode)" : ", 1 fork per benchmark)") : " (full)")
        .append("\n\n");
    jvmArgs.forEach(j -> md.append("- ").append(j).append('\n'));
    md.append("\n| mode | benchmark | p50 | mean ± error | p90 | p99 | unit | samples | bare-GraalJS pair | p50 ratio"
            + " | Javet pair | p50 ratio to Javet |\n")
        .append("|---|---|---:|---:|---:|---:|---|---:|---|---:|---|---:|\n");
    for (Row r : rows) {
      String pair = PAIRS.getOrDefault(r.benchmark(), "");
      Row base = byKey.get(r.mode() + " " + pair);
      String ratio = base == null ? "" : String.format(Locale.ROOT, "%.1f", r.p50() / base.p50());
      String javetPair = JAVET_PAIRS.getOrDefault(r.benchmark(), "");
      Row javet = byKey.get(r.mode() + " " + javetPair);
      String javetRatio = javet == null ? "" : ratio(r.p50() / javet.p50());
      csv.append(String.join(",", r.mode(), r.benchmark(), num(r.p50()), num(r.mean()), num(r.error()),
              num(r.p90()), num(r.p99()), r.unit(), Long.toString(r.samples()), base == null ? "" : pair, ratio,
              javet == null ? "" : javetPair, javetRatio))
          .append('\n');
      md.append("| ").append(r.mode()).append(" | ").append(r.benchmark()).append(" | ")
          .append(num(r.p50())).append(" | ").append(num(r.mean())).append(" ± ").append(num(r.error()))
          .append(" | ").append(num(r.p90())).append(" | ").append(num(r.p99())).append(" | ")
          .append(r.unit()).append(" | ").append(r.samples()).append(" | ")
          .append(base == null ? "" : pair.replace("BaselineBenchmark.", "")).append(" | ")
          .append(ratio.isEmpty() ? "" : ratio + "×").append(" | ")
          .append(javet == null ? "" : javetPair.replace("JavetBaselineBenchmark.", "")).append(" | ")
          .append(javetRatio.isEmpty() ? "" : javetRatio + "×").append(" |\n");
    }
    Path csvFile = out.resolve("bench-summary" + tag + ".csv");
    Path mdFile = out.resolve("bench-summary" + tag + ".md");
    Files.writeString(csvFile, csv, StandardCharsets.UTF_8);
    Files.writeString(mdFile, md, StandardCharsets.UTF_8);
    System.out.println("\n" + md);
    System.out.println("[islet-bench] summary: " + csvFile + " and " + mdFile);
  }

  /** A ratio with two significant digits at least (Islet vs V8 can be well below 1). */
  private static String ratio(double v) {
    return v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : v >= 0.1 ? String.format(Locale.ROOT, "%.2f", v)
        : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : v >= 1 ? String.format(Locale.ROOT, "%.2f", v)
        : String.format(Locale.ROOT, "%.3f", v);
  }
}
