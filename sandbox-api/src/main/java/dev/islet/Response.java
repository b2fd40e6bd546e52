package dev.islet;

import java.util.Objects;

/**
 * An HTTP response, as a worker returned it (or as a host builds one for tests or interceptors).
 * Immutable, builder-made.
 *
 * <pre>{@code
 * Response r = fetcher.fetch(Request.get("https://acme.example/")).join();
 * if (r.status() == 200) System.out.println(r.body().text());
 * }</pre>
 *
 * <p>A status outside 200–599 is an {@link IllegalArgumentException}. Thread-safe; a stream body can
 * be consumed once.
 */
public final class Response {
  private final int status;
  private final String statusText;
  private final Headers headers;
  private final Body body;

  private Response(Builder b) {
    this.status = b.status;
    this.statusText = b.statusText;
    this.headers = b.headers.build();
    this.body = b.body;
  }

  public static Builder newBuilder(int status) {
    return new Builder(status);
  }

  /** A 200 response with a UTF-8 text body. */
  public static Response ok(String text) {
    return newBuilder(200).header("content-type", "text/plain;charset=UTF-8").body(text).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder(status);
    b.statusText = statusText;
    b.headers = headers.toBuilder();
    b.body = body;
    return b;
  }

  public int status() {
    return status;
  }

  public String statusText() {
    return statusText;
  }

  public Headers headers() {
    return headers;
  }

  public Body body() {
    return body;
  }

  /** True for a 2xx status. */
  public boolean ok() {
    return status >= 200 && status <= 299;
  }

  @Override
  public String toString() {
    return "Response{" + status + (statusText.isEmpty() ? "" : " " + statusText) + "}";
  }

  /** Builds a {@link Response}. Not thread-safe. */
  public static final class Builder {
    private int status;
    private String statusText = "";
    private Headers.Builder headers = Headers.newBuilder();
    private Body body = Body.empty();

    private Builder(int status) {
      status(status);
    }

    public Builder status(int status) {
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("status must be in 200..599, was " + status);
      }
      this.status = status;
      return this;
    }

    public Builder statusText(String statusText) {
      Objects.requireNonNull(statusText, "statusText");
      for (int i = 0; i < statusText.length(); i++) {
        char c = statusText.charAt(i);
        if (c == '\r' || c == '\n' || c > 0xFF) {
          throw new IllegalArgumentException("invalid statusText: \"" + statusText + "\"");
        }
      }
      this.statusText = statusText;
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

    public Response build() {
      return new Response(this);
    }
  }
}
