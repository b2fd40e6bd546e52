package dev.islet.graal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 for egress tests (the JDK's own). Paths:
 * <ul>
 *   <li>{@code /hello}: 200 "hello from origin", header {@code x-origin: yes};
 *   <li>{@code /echo}: the request's method, {@code x-*} headers, content type and body as lines;
 *   <li>{@code /redirect/N?status=S}: a redirect ({@code S}, default 302) to {@code /redirect/N-1},
 *       {@code /redirect/0} to {@code /echo};
 *   <li>{@code /loop}: redirects to itself;
 *   <li>{@code /big?n=BYTES}: a chunked body of that many bytes ('a'..'z' repeated);
 *   <li>{@code /concurrent}: answers after 100 ms, counting how many such requests overlap;
 *   <li>{@code /slow}: answers after 3 s.
 * </ul>
 */
final class OriginServer implements AutoCloseable {
  final AtomicInteger requests = new AtomicInteger();
  /** Requests to /concurrent in progress now, and the most there ever were. */
  final AtomicInteger concurrent = new AtomicInteger();
  final AtomicInteger maxConcurrent = new AtomicInteger();
  private final HttpServer server;

  OriginServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "origin-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:port} */
  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange x) throws IOException {
    requests.incrementAndGet();
    try (x) {
      String path = x.getRequestURI().getPath();
      String query = x.getRequestURI().getRawQuery();
      byte[] requestBody = x.getRequestBody().readAllBytes();
      if (path.equals("/hello")) {
        x.getResponseHeaders().add("x-origin", "yes");
        send(x, 200, "hello from origin");
      } else if (path.equals("/echo")) {
        StringBuilder sb = new StringBuilder(x.getRequestMethod()).append('\n');
        Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(x.getRequestHeaders());
        sorted.forEach((k, v) -> {
          String name = k.toLowerCase(java.util.Locale.ROOT);
          if (name.startsWith("x-") || name.equals("content-type") || name.equals("authorization")) {
            sb.append(name).append(": ").append(String.join(",", v)).append('\n');
          }
        });
        sb.append(new String(requestBody, StandardCharsets.UTF_8));
        send(x, 200, sb.toString());
      } else if (path.startsWith("/redirect/")) {
        int n = Integer.parseInt(path.substring("/redirect/".length()));
        int status = query != null && query.startsWith("status=") ? Integer.parseInt(query.substring(7)) : 302;
        x.getResponseHeaders().add("location",
            n == 0 ? "/echo" : "/redirect/" + (n - 1) + (query == null ? "" : "?" + query));
        x.sendResponseHeaders(status, -1);
      } else if (path.equals("/loop")) {
        x.getResponseHeaders().add("location", base() + "/loop");
        x.sendResponseHeaders(302, -1);
      } else if (path.equals("/big")) {
        long n = Long.parseLong(query.substring(2));
        x.sendResponseHeaders(200, 0); // chunked
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = (byte) ('a' + i % 26);
        }
        try (OutputStream out = x.getResponseBody()) {
          for (long sent = 0; sent < n; sent += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, n - sent));
          }
        }
      } else if (path.equals("/concurrent")) {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          concurrent.decrementAndGet();
        }
        send(x, 200, "done");
      } else if (path.equals("/slow")) {
        try {
          Thread.sleep(3000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(x, 200, "late");
      } else {
        send(x, 404, "not found");
      }
    }
  }

  private static void send(HttpExchange x, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
