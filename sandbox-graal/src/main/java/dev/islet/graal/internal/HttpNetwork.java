package dev.islet.graal.internal;

import dev.islet.Headers;
import dev.islet.Network;
import dev.islet.Request;
import dev.islet.Response;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The end of the egress chain when a namespace has a {@link Network}: allow-list and address checks,
 * then {@link HttpClient}. Redirects are not followed here (the chain does it, so that every hop is
 * checked again). One client per runtime, made on first use.
 */
final class HttpNetwork {
  /** Headers {@link HttpClient} sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "keep-alive", "transfer-encoding");

  private final ExecutorService io;
  private volatile HttpClient client;

  HttpNetwork(ExecutorService io) {
    this.io = io;
  }

  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(10))
              .executor(io)
              .build();
          client = c;
        }
      }
    }
    return c;
  }

  /** Sends {@code request} if {@code network} allows it; failures are guest-facing where safe. */
  /** {@code cancel} completing (the invocation ended) abandons the exchange. */
  CompletableFuture<Response> send(Network network, Request request, CompletableFuture<Void> cancel) {
    URI uri = URI.create(request.url());
    String host = uri.getHost();
    if (!network.enabled()) {
      return CompletableFuture.failedFuture(GuestFacingException.typeError(
          "fetch to " + host + " refused: this worker has no network access"));
    }
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!network.allowsHost(host) && !network.allowsHost(bare)) {
      return CompletableFuture.failedFuture(GuestFacingException.typeError(
          "fetch to " + host + " refused: the host is not on this namespace's allow-list"));
    }
    long timeoutMillis = network.timeout().toMillis();
    CompletableFuture<Response> result = CompletableFuture
        .runAsync(() -> checkAddresses(network, bare), io)
        .thenCompose(ignored -> {
          // The body streams to the guest as it reads (Egress caps it at maxResponseBytes).
          CompletableFuture<HttpResponse<java.io.InputStream>> exchange = client().sendAsync(
              httpRequest(request, network.timeout()), HttpResponse.BodyHandlers.ofInputStream());
          cancel.thenRun(() -> exchange.cancel(true));
          return exchange;
        })
        .thenApply(r -> toResponse(r, network, host))
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    return result.exceptionally(e -> {
      throw translate(e, host, network);
    });
  }

  private static void checkAddresses(Network network, String host) {
    if (network.allowPrivateAddresses()) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw GuestFacingException.typeError("fetch to " + host + " failed: the host name does not resolve");
    }
    for (InetAddress a : addresses) {
      if (isPrivate(a)) {
        throw GuestFacingException.typeError("fetch to " + host
            + " refused: it resolves to a private, loopback or link-local address");
      }
    }
  }

  /** Loopback, link-local, private, CGNAT, unspecified, multicast, reserved and ULA addresses. */
  static boolean isPrivate(InetAddress a) {
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()
        || a.isSiteLocalAddress() || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int b0 = b[0] & 0xff;
      int b1 = b[1] & 0xff;
      return b0 == 0 // "this network"
          || (b0 == 100 && (b1 & 0xc0) == 64) // 100.64.0.0/10 carrier-grade NAT
          || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
          || (b0 == 198 && (b1 == 18 || b1 == 19)) // benchmarking
          || b0 >= 240; // reserved, broadcast
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true; // fc00::/7 unique local
      }
      if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
        return true; // fec0::/10 deprecated site-local
      }
      boolean nat64 = b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
      boolean compatible = true;
      for (int i = 0; i < 12; i++) {
        compatible &= b[i] == 0;
      }
      if (nat64 || compatible) { // an IPv4 address inside: judge that one
        try {
          return isPrivate(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  private static HttpRequest httpRequest(Request request, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url())).timeout(timeout);
    if (request.url().startsWith("http:")) {
      b.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade attempts on cleartext
    }
    Headers h = request.headers();
    for (int i = 0; i < h.size(); i++) {
      String name = h.name(i);
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        b.header(name, h.value(i));
      }
    }
    if (request.body().isStream()) { // sent as the worker writes it (chunked)
      java.io.InputStream in = request.body().stream();
      b.method(request.method(), HttpRequest.BodyPublishers.ofInputStream(() -> in));
      return b.build();
    }
    byte[] body = request.body().isEmpty() ? null : request.body().bytes();
    b.method(request.method(), body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    return b.build();
  }

  private static Response toResponse(HttpResponse<java.io.InputStream> r, Network network, String host) {
    Headers.Builder hb = Headers.newBuilder();
    for (Map.Entry<String, List<String>> e : r.headers().map().entrySet()) {
      if (e.getKey().startsWith(":")) {
        continue; // HTTP/2 pseudo-headers
      }
      for (String v : e.getValue()) {
        hb.add(e.getKey(), v);
      }
    }
    Response.Builder b = Response.newBuilder(r.statusCode()).headers(hb.build());
    long length = r.headers().firstValueAsLong("content-length").orElse(-1);
    if (length > network.maxResponseBytes()) {
      Egress.closeQuietly(r.body());
      throw GuestFacingException.typeError(Egress.tooLarge(network.maxResponseBytes(), host));
    }
    if (length == 0) {
      Egress.closeQuietly(r.body());
    } else {
      b.body(r.body());
    }
    return b.build();
  }

  private static RuntimeException translate(Throwable e, String host, Network network) {
    Throwable cause = GuestErrors.unwrap(e);
    if (cause instanceof GuestFacingException) {
      return (GuestFacingException) cause;
    }
    if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
      return GuestFacingException.typeError(
          "fetch to " + host + " timed out after " + network.timeout().toMillis() + " ms");
    }
    if (cause instanceof IOException) {
      Log.LOGGER.log(System.Logger.Level.DEBUG, "fetch to " + host + " failed", cause);
      return GuestFacingException.typeError("Network connection lost.");
    }
    return cause instanceof RuntimeException ? (RuntimeException) cause : new CompletionException(cause);
  }

}
