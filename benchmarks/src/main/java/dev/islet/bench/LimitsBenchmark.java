package dev.islet.bench;

import dev.islet.Dispatcher;
import dev.islet.IsletRuntime;
import dev.islet.Limits;
import dev.islet.Namespace;
import dev.islet.Request;
import dev.islet.WorkerScript;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of enforcement on a warm request: the same hello worker with no limits (the watchdog
 * only measures the task) and with CPU and memory budgets (the task is registered with the
 * watchdog, which polls it every millisecond while it runs). Compare the two {@code limits} values
 * of {@link #hello} as a ratio in one run.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(2)
@State(Scope.Benchmark)
public class LimitsBenchmark {
  @Param({"none", "cpu+memory"})
  public String limits;

  IsletRuntime runtime;
  Dispatcher dispatcher;
  Request request;

  @Setup(Level.Trial)
  public void start() {
    Limits l = limits.equals("none")
        ? Limits.none()
        // Budgets large enough never to trip (a cold JVM's first requests can take tens of ms):
        // what is measured is the watchdog's polling of the running task, not a breach.
        : Limits.of(Limits.cpuMs(10_000), Limits.memoryBytes(1L << 30));
    runtime = IsletRuntime.newBuilder().defaultLimits(l).build();
    BenchSupport.checkMode("Islet runtime (limits " + limits + ")", runtime.compilationMode());
    Namespace ns = runtime.namespace("bench");
    ns.deploy(WorkerScript.newBuilder("hello").mainModule("worker.js", Workers.HELLO).build());
    dispatcher = ns.dispatcher();
    request = Request.get(Workers.URL);
    for (int i = 0; i < 2 * BenchSupport.prewarmCycles(); i++) {
      hello();
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    runtime.close();
  }

  @Benchmark
  public String hello() {
    return dispatcher.get("hello").fetch(request).join().body().text();
  }
}
