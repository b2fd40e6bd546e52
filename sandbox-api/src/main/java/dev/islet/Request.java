package dev.islet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An HTTP request handed to a worker. Immutable, builder-made; the URL must be absolute {@code http}
 * or {@code https}.
 *
 * <pre>{@code
 * Request get = Request.get("https://acme.example/");
 * Request post = Request.newBuilder("https://acme.example/items")
 *     .method("POST").header("content-type", "application/json").body("{\"a\":1}").build();
 * }</pre>
 *
 * <p>Bad input is an {@link IllegalArgumentException}: an invalid URL, method or header, a forbidden
 * method ({@code CONNECT}, {@code TRACE}, {@code TRACK}), or a body on {@code GET}/{@code HEAD}.
 * Thread-safe; a stream body can be consumed once.
 */
public final class Request {
  private static final Set<String> NORMALIZED_METHODS =
      Set.of("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT");
  private static final Set<String> FORBIDDEN_METHODS = Set.of("CONNECT", "TRACE", "TRACK");

  private final String method;
  private final String url;
  private final Headers headers;
  private final Body body;
  private final Map<String, Object> cf;

  private Request(Builder b) {
    this.method = b.method;
    this.url = b.url;
    this.headers = b.headers.build();
    this.body = b.body;
    this.cf = b.cf;
  }

  /** A GET request for {@code url}. */
  public static Request get(String url) {
    return newBuilder(url).build();
  }

  public static Builder newBuilder(String url) {
    return new Builder(url);
  }

  public Builder toBuilder() {
    Builder b = new Builder(url);
    b.method = method;
    b.headers = headers.toBuilder();
    b.body = body;
    b.cf = cf;
    return b;
  }

  public String method() {
    return method;
  }

  public String url() {
    return url;
  }

  public Headers headers() {
    return headers;
  }

  public Body body() {
    return body;
  }

  /**
   * Host metadata about the request (client IP, geolocation, TLS, …), seen by workers as {@code
   * request.cf} in trusted namespaces only. JSON values; empty by default.
   */
  public Map<String, Object> cf() {
    return cf;
  }

  @Override
  public String toString() {
    return "Request{" + method + " " + url + "}";
  }

  /** Builds a {@link Request}. Not thread-safe. */
  public static final class Builder {
    private String method = "GET";
    private String url;
    private Headers.Builder headers = Headers.newBuilder();
    private Body body = Body.empty();
    private Map<String, Object> cf = Map.of();

    private Builder(String url) {
      this.url = checkUrl(url);
    }

    public Builder url(String url) {
      this.url = checkUrl(url);
      return this;
    }

    /** The method; the six standard ones are upper-cased as the Fetch standard does. */
    public Builder method(String method) {
      Objects.requireNonNull(method, "method");
      if (method.isEmpty() || !method.chars().allMatch(c -> Headers.isTokenChar((char) c))) {
        throw new IllegalArgumentException("invalid method: \"" + method + "\"");
      }
      String upper = method.toUpperCase(Locale.ROOT);
      if (FORBIDDEN_METHODS.contains(upper)) {
        throw new IllegalArgumentException("forbidden method: " + method);
      }
      this.method = NORMALIZED_METHODS.contains(upper) ? upper : method;
      return this;
    }

    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    public Builder headers(Headers all) {
      headers = all.toBuilder();
      return this;
    }

    public Builder body(byte[] bytes) {
      body = Body.of(bytes);
      return this;
    }

    public Builder body(String text) {
      body = Body.of(text);
      return this;
    }

    public Builder body(java.io.InputStream stream) {
      body = Body.of(stream);
      return this;
    }

    public Builder body(Body body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /** Sets {@link Request#cf()}: JSON values only (see {@link DispatchOptions}). */
    public Builder cf(Map<String, ?> metadata) {
      Objects.requireNonNull(metadata, "cf");
      @SuppressWarnings("unchecked")
      Map<String, Object> copy = (Map<String, Object>) DispatchOptions.jsonCopy(metadata, "cf");
      this.cf = copy;
      return this;
    }

    public Request build() {
      if ((method.equals("GET") || method.equals("HEAD")) && !body.isEmpty()) {
        throw new IllegalArgumentException(method + " request cannot have a body");
      }
      return new Request(this);
    }
  }

  static String checkUrl(String url) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid URL: \"" + url + "\": " + e.getReason(), e);
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new IllegalArgumentException("URL must be absolute http or https: \"" + url + "\"");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("URL has no host: \"" + url + "\"");
    }
    return url;
  }
}
