package dev.islet.graal.internal;

import dev.islet.DispatchOptions;
import dev.islet.EgressInterceptor;
import dev.islet.Fetcher;
import dev.islet.GuestException;
import dev.islet.IsletException;
import dev.islet.LimitExceededException;
import dev.islet.Network;
import dev.islet.OutboundRequest;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.WorkerNotFoundException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * Subrequests leaving a worker: {@code fetch()} through the namespace's interceptors and network,
 * with redirects followed hop by hop (each hop passes the whole chain again and counts as a
 * subrequest), and service-binding calls into other workers of the namespace. Stateless but for
 * the network client; thread-safe.
 */
final class Egress {
  /** Redirects {@code fetch} follows before failing (the Fetch spec's limit). */
  static final int MAX_REDIRECTS = 20;
  /**
   * Network exchanges one invocation may have open at once (Workers: 6 simultaneous open
   * connections); later ones wait for a slot.
   */
  static final int MAX_CONNECTIONS = 6;
  /** Longest chain of service-binding calls (a worker calling itself counts each time). */
  static final int MAX_SERVICE_DEPTH = 16;

  /** What the guest gets back: the response and where it finally came from. */
  static final class Result {
    final Response response;
    /** The body in memory, or null (no body, or a stream). */
    final byte[] body;
    /** The body as a stream the guest reads on demand, or null. */
    final java.io.InputStream stream;
    final String url;
    final boolean redirected;

    Result(Response response, byte[] body, String url, boolean redirected) {
      this(response, body, null, url, redirected);
    }

    Result(Response response, byte[] body, java.io.InputStream stream, String url, boolean redirected) {
      this.response = response;
      this.body = body;
      this.stream = stream;
      this.url = url;
      this.redirected = redirected;
    }
  }

  private final GraalRuntime runtime;
  private final HttpNetwork network;
  private final ExecutorService io;

  Egress(GraalRuntime runtime, ExecutorService io) {
    this.runtime = runtime;
    this.io = io;
    this.network = new HttpNetwork(io);
  }

  /**
   * A guest {@code fetch()}: {@code countHop} is asked before each hop and returns false when the
   * invocation is out of subrequests (it then ends the invocation itself).
   */
  CompletableFuture<Result> fetch(WorkerVersion version, Invocation inv, Request request, String redirect,
      BooleanSupplier countHop) {
    return hop(version, inv, request, redirect, countHop, 0);
  }

  private CompletableFuture<Result> hop(WorkerVersion version, Invocation inv, Request request,
      String redirect, BooleanSupplier countHop, int redirects) {
    if (!countHop.getAsBoolean()) {
      return CompletableFuture.failedFuture(GuestFacingException.error("Too many subrequests."));
    }
    OutboundRequest out = new OutboundRequest(request, version.namespace, version.script.name(),
        inv.options.outbound());
    return chain(version.options.egress(), 0, out, version.options, inv)
        .thenCompose(response -> {
          String location = response.headers().get("location").orElse(null);
          if (!isRedirect(response.status()) || location == null || redirect.equals("manual")) {
            return result(response, request.url(), redirects > 0, version.options.network());
          }
          closeQuietly(response); // a followed (or refused) redirect's body is never read
          if (redirect.equals("error")) {
            throw GuestFacingException.typeError(
                "fetch failed: the response redirected and the request's redirect mode is 'error'");
          }
          if (redirects >= MAX_REDIRECTS) {
            throw GuestFacingException.typeError("fetch failed: too many redirects");
          }
          return hop(version, inv, follow(request, response.status(), location), redirect, countHop,
              redirects + 1);
        });
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** The next request of a redirect chain (Fetch spec, HTTP-redirect fetch). */
  private static Request follow(Request request, int status, String location) {
    URI next;
    try {
      next = URI.create(request.url()).resolve(location.trim());
    } catch (IllegalArgumentException e) {
      throw GuestFacingException.typeError("fetch failed: the redirect location is not a valid URL");
    }
    String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw GuestFacingException.typeError("fetch failed: redirect to a URL that is not http(s)");
    }
    Request.Builder b;
    try {
      b = request.toBuilder().url(next.toString());
    } catch (IllegalArgumentException e) {
      throw GuestFacingException.typeError("fetch failed: the redirect location is not a valid URL");
    }
    boolean toGet = status == 303 && !request.method().equals("HEAD")
        || (status == 301 || status == 302) && request.method().equals("POST");
    if (!toGet && request.body().isStream()) {
      // Fetch: a redirect that keeps the body cannot replay one that was streamed.
      throw GuestFacingException.typeError("fetch failed: cannot follow a redirect that resends a streamed request body");
    }
    if (toGet) {
      b.method("GET").body(dev.islet.Body.empty());
      dev.islet.Headers.Builder h = dev.islet.Headers.newBuilder();
      dev.islet.Headers old = request.headers();
      for (int i = 0; i < old.size(); i++) {
        String n = old.name(i).toLowerCase(Locale.ROOT);
        if (!n.startsWith("content-")) {
          h.add(old.name(i), old.value(i));
        }
      }
      b.headers(h.build());
    }
    String from = URI.create(request.url()).getRawAuthority();
    if (from != null && !from.equalsIgnoreCase(next.getRawAuthority())) {
      // Credentials do not follow a redirect to another origin.
      dev.islet.Headers old = b.build().headers();
      dev.islet.Headers.Builder h = dev.islet.Headers.newBuilder();
      for (int i = 0; i < old.size(); i++) {
        String n = old.name(i).toLowerCase(Locale.ROOT);
        if (!n.equals("authorization") && !n.equals("cookie") && !n.equals("proxy-authorization")) {
          h.add(old.name(i), old.value(i));
        }
      }
      b.headers(h.build());
    }
    return b.build();
  }

  private CompletableFuture<Response> chain(List<EgressInterceptor> interceptors, int index,
      OutboundRequest out, dev.islet.NamespaceOptions options, Invocation inv) {
    if (index == interceptors.size()) {
      // An outbound worker's own fetches (it is called with parameters) go to the network.
      java.util.Optional<dev.islet.WorkerRef> worker = options.outboundWorker();
      if (worker.isPresent() && inv.outboundWorkerParams == null) {
        return outboundWorker(inv, worker.get(), out.request());
      }
      return throttled(inv, () -> network.send(options.network(), out.request(), inv.over));
    }
    Fetcher next = request -> chain(interceptors, index + 1,
        out.withRequest(java.util.Objects.requireNonNull(request, "request")), options, inv);
    try {
      CompletableFuture<Response> f = interceptors.get(index).intercept(out, next);
      if (f == null) {
        throw new NullPointerException("egress interceptor returned null: " + interceptors.get(index));
      }
      return f;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Runs {@code exchange} when {@code inv} has fewer than {@link #MAX_CONNECTIONS} open. */
  private CompletableFuture<Response> throttled(Invocation inv,
      java.util.function.Supplier<CompletableFuture<Response>> exchange) {
    CompletableFuture<Response> result = new CompletableFuture<>();
    Runnable start = () -> {
      CompletableFuture<Response> f;
      try {
        f = exchange.get();
      } catch (RuntimeException ex) {
        f = CompletableFuture.failedFuture(ex);
      }
      f.whenComplete((r, e) -> {
      Runnable next;
      synchronized (inv.waitingConnections) {
        next = inv.waitingConnections.poll();
        if (next == null) {
          inv.openConnections--;
        }
      }
      if (next != null) {
        io.execute(next); // this slot goes to the next waiting exchange
      }
      if (e != null) {
        result.completeExceptionally(e);
      } else {
        result.complete(r);
      }
      });
    };
    boolean now;
    synchronized (inv.waitingConnections) {
      now = inv.openConnections < MAX_CONNECTIONS;
      if (now) {
        inv.openConnections++;
      } else {
        inv.waitingConnections.add(start);
      }
    }
    if (now) {
      start.run();
    }
    return result;
  }

  /**
   * The namespace's outbound worker handles the request, with the dispatch's outbound parameters in
   * its env. Its failures reach the tenant as a TypeError without detail (the worker is the
   * platform's code); the host gets the cause in the outbound worker's own invocation event.
   */
  private CompletableFuture<Response> outboundWorker(Invocation inv, dev.islet.WorkerRef ref, Request request) {
    GraalNamespace ns = runtime.namespaceOf(ref.namespace());
    if (ns == null || ns.get(ref.script()).isEmpty()) {
      return CompletableFuture.failedFuture(GuestFacingException.typeError(
          "fetch failed: the outbound worker is not available"));
    }
    CompletableFuture<Response> call = ns.call(ref.script(), request, DispatchOptions.defaults(), inv.depth + 1,
        inv.options.outbound());
    inv.over.thenRun(() -> call.cancel(false));
    return call.handle((response, e) -> {
      if (e == null) {
        return response;
      }
      Throwable cause = GuestErrors.unwrap(e);
      if (cause instanceof CancellationException) {
        throw (CancellationException) cause;
      }
      throw GuestFacingException.typeError("fetch failed: the outbound worker failed");
    });
  }

  /**
   * The response as the guest gets it: bytes capped at the network's limit, or a stream the guest
   * reads on demand, which fails once it passes the limit. Never reads a stream here: this may run
   * on the thread that feeds it.
   */
  private CompletableFuture<Result> result(Response response, String url, boolean redirected, Network net) {
    if (!response.body().isStream()) {
      byte[] body = response.body().isEmpty() ? null : response.body().bytes();
      return CompletableFuture.completedFuture(capped(new Result(response, body, url, redirected), net));
    }
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    return CompletableFuture.completedFuture(new Result(response, null,
        new CappedStream(response.body().stream(), net.maxResponseBytes(), host), url, redirected));
  }

  private static void closeQuietly(Response response) {
    if (response.body().isStream()) {
      closeQuietly(response.body().stream());
    }
  }

  /** Closes a body stream nobody will read further; a failure to close only gets logged. */
  static void closeQuietly(java.io.InputStream in) {
    try {
      in.close();
    } catch (java.io.IOException | RuntimeException e) {
      Log.LOGGER.log(System.Logger.Level.DEBUG, "closing a body stream failed", e);
    }
  }

  /** The guest-facing text for a response body past the network's cap. */
  static String tooLarge(long max, String host) {
    return "fetch " + (host == null ? "" : "to " + host + " ") + "failed: the response body is larger than "
        + max + " bytes";
  }

  /** A response body stream that fails, in guest-facing words, once it passes {@code max} bytes. */
  static final class CappedStream extends java.io.FilterInputStream {
    private final long max;
    private final String host;
    private long seen;

    CappedStream(java.io.InputStream in, long max, String host) {
      super(in);
      this.max = max;
      this.host = host;
    }

    @Override
    public int read() throws java.io.IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      int n = super.read(b, off, len);
      if (n > 0 && (seen += n) > max) {
        close();
        throw new TooLarge(max, host);
      }
      return n;
    }
  }

  /** The guest-facing failure of a body past the network's cap. */
  static final class TooLarge extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(long max, String host) {
      super(tooLarge(max, host));
    }
  }

  private static Result capped(Result r, Network net) {
    if (r.body != null && r.body.length > net.maxResponseBytes()) {
      throw GuestFacingException.typeError(
          "fetch failed: the response body is larger than " + net.maxResponseBytes() + " bytes");
    }
    return r;
  }

  /** A service-binding call: {@code target}'s fetch handler, in-process, one level deeper. */
  CompletableFuture<Result> service(WorkerVersion version, Invocation inv, String target, Request request,
      BooleanSupplier countHop) {
    return dispatch(inv, version.namespace, target, DispatchOptions.defaults(), request, countHop);
  }

  /**
   * A call through a dispatch-namespace binding: worker {@code target} of namespace {@code
   * namespace}, with {@code options}, one level deeper.
   */
  CompletableFuture<Result> dispatch(Invocation inv, String namespace, String target, DispatchOptions options,
      Request request, BooleanSupplier countHop) {
    if (!countHop.getAsBoolean()) {
      return CompletableFuture.failedFuture(GuestFacingException.error("Too many subrequests."));
    }
    if (inv.depth + 1 >= MAX_SERVICE_DEPTH) {
      return CompletableFuture.failedFuture(GuestFacingException.error(
          "Subrequest depth limit exceeded: dispatch and service-binding calls may nest at most "
              + MAX_SERVICE_DEPTH + " deep"));
    }
    GraalNamespace ns = runtime.namespaceOf(namespace);
    if (ns == null) {
      return CompletableFuture.failedFuture(GuestFacingException.error("Worker not found."));
    }
    CompletableFuture<Response> callee = ns.call(target, request, options, inv.depth + 1);
    inv.over.thenRun(() -> callee.cancel(false)); // the caller is gone: so is the call
    return callee.handle((response, e) -> {
      if (e != null) {
        throw serviceError(e);
      }
      if (response.body().isStream()) { // the callee streams it: read on demand, never here
        return new Result(response, null, response.body().stream(), request.url(), false);
      }
      return new Result(response, response.body().isEmpty() ? null : response.body().bytes(), request.url(), false);
    });
  }

  private static final java.util.regex.Pattern ERROR_PREFIX =
      java.util.regex.Pattern.compile("((?:Type|Range|Syntax|Reference|Eval|URI)?Error): (.*)", java.util.regex.Pattern.DOTALL);

  private static RuntimeException serviceError(Throwable e) {
    Throwable cause = GuestErrors.unwrap(e);
    if (cause instanceof WorkerNotFoundException) {
      return GuestFacingException.error("Worker not found.");
    }
    if (cause instanceof GuestException) {
      // The callee's own error (guest text, not host text), rethrown in the caller as its type.
      java.util.regex.Matcher m = ERROR_PREFIX.matcher(cause.getMessage());
      return m.matches() ? new GuestFacingException(m.group(1), m.group(2))
          : GuestFacingException.error(cause.getMessage());
    }
    if (cause instanceof LimitExceededException) {
      return GuestFacingException.error("The called worker exceeded a limit: " + cause.getMessage());
    }
    if (cause instanceof CancellationException) {
      return (CancellationException) cause;
    }
    if (cause instanceof IsletException && ((IsletException) cause).outcome() != dev.islet.Outcome.INTERNAL_ERROR) {
      return GuestFacingException.error("The service binding's worker failed: "
          + ((IsletException) cause).outcome().name().toLowerCase(Locale.ROOT));
    }
    return cause instanceof RuntimeException ? (RuntimeException) cause : new CompletionException(cause);
  }
}
