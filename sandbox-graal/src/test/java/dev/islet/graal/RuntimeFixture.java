package dev.islet.graal;

import dev.islet.InvocationEvent;
import dev.islet.InvocationListener;
import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.WorkerScript;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One runtime per test class (engine start is the slow part); a fresh namespace per helper call. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RuntimeFixture {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  protected final List<InvocationEvent> events = new CopyOnWriteArrayList<>();
  protected IsletRuntime runtime;

  protected IsletRuntime.Builder configure(IsletRuntime.Builder builder) {
    return builder;
  }

  @BeforeAll
  void startRuntime() {
    runtime = configure(IsletRuntime.newBuilder().listener(new InvocationListener() {
      @Override
      public void onInvocation(InvocationEvent event) {
        synchronized (events) {
          events.add(event);
          events.notifyAll();
        }
      }
    })).build();
  }

  @AfterAll
  void stopRuntime() {
    runtime.close();
  }

  protected Namespace freshNamespace() {
    return runtime.namespace("ns-" + NAMESPACES.incrementAndGet());
  }

  /** Deploys an ES-module worker named "w" in a fresh namespace. */
  protected Namespace deploy(String code) {
    Namespace ns = freshNamespace();
    ns.deploy(esm("w", code));
    return ns;
  }

  protected static WorkerScript esm(String name, String code) {
    return WorkerScript.newBuilder(name).mainModule("worker.js", code).build();
  }

  protected static Response call(Namespace ns, String worker, Request request) {
    return await(ns.dispatcher().get(worker).fetch(request));
  }

  protected static Response get(Namespace ns, String url) {
    return call(ns, "w", Request.get(url));
  }

  /** Waits (bounded) for a future; unwraps the cause of a failure. */
  protected static <T> T await(Future<T> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new CompletionException(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    }
  }

  /** The failure a future completed with. */
  protected static Throwable failure(Future<?> f) {
    try {
      f.get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected the future to fail");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no answer within 30 s", e);
    }
  }

  /** The first listener event matching {@code p}, waiting for it (bounded). */
  protected InvocationEvent awaitEvent(Predicate<InvocationEvent> p) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    synchronized (events) {
      while (true) {
        for (InvocationEvent e : events) {
          if (p.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no matching invocation event; have " + events);
        }
        try {
          events.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }
}
