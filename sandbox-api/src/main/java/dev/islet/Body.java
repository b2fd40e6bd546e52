package dev.islet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The body of a {@link Request} or {@link Response}: bytes held in memory, or a stream that can be read
 * once. Thread-safe; a byte body may be read any number of times.
 *
 * <p>Stream bodies are not buffered on the way: a request body made with {@link #of(InputStream)}
 * reaches the worker as {@code request.body} and is read as the worker reads it; a worker that
 * answers with a {@code ReadableStream} gives a response whose body {@link #isStream() is a stream},
 * fed while the worker writes (close it to stop the worker's stream early):
 *
 * <pre>{@code
 * Response r = fetcher.fetch(Request.newBuilder("https://t.example/upload").method("POST")
 *     .body(Body.of(Files.newInputStream(bigFile))).build()).join();
 * try (InputStream in = r.body().stream()) {
 *   in.transferTo(out); // as the worker produces it
 * }
 * }</pre>
 */
public final class Body {
  private static final byte[] NO_BYTES = new byte[0];
  private static final Body EMPTY = new Body(NO_BYTES, null);

  private final byte[] bytes;
  private final InputStream stream;
  private final AtomicBoolean streamTaken = new AtomicBoolean();

  private Body(byte[] bytes, InputStream stream) {
    this.bytes = bytes;
    this.stream = stream;
  }

  /** An empty body. */
  public static Body empty() {
    return EMPTY;
  }

  /** A body of these bytes (copied). */
  public static Body of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new Body(bytes.clone(), null);
  }

  /** A UTF-8 body. */
  public static Body of(String text) {
    return text.isEmpty() ? EMPTY : new Body(text.getBytes(StandardCharsets.UTF_8), null);
  }

  /** A body read from {@code stream} once, when it is consumed. */
  public static Body of(InputStream stream) {
    return new Body(null, Objects.requireNonNull(stream, "stream"));
  }

  /** True when this body is known to be empty (a stream body never is, until read). */
  public boolean isEmpty() {
    return bytes != null && bytes.length == 0;
  }

  /** True when this body is a one-shot stream. */
  public boolean isStream() {
    return stream != null;
  }

  /** Length in bytes, or -1 for a stream body. */
  public long knownLength() {
    return bytes == null ? -1 : bytes.length;
  }

  /**
   * All bytes of the body (a copy). Reads a stream body to its end.
   *
   * @throws IllegalStateException if a stream body was already consumed
   * @throws UncheckedIOException if reading the stream fails
   */
  public byte[] bytes() {
    if (bytes != null) {
      return bytes.clone();
    }
    try (InputStream in = takeStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body decoded as UTF-8 (malformed input replaced with U+FFFD, as the Fetch standard does). */
  public String text() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /**
   * The body as a stream. For a byte body, a fresh stream each call; a stream body can be taken once.
   *
   * @throws IllegalStateException if a stream body was already consumed
   */
  public InputStream stream() {
    return bytes != null ? new ByteArrayInputStream(bytes) : takeStream();
  }

  private InputStream takeStream() {
    if (!streamTaken.compareAndSet(false, true)) {
      throw new IllegalStateException("body stream already consumed");
    }
    return stream;
  }

  @Override
  public String toString() {
    return bytes != null ? "Body{" + bytes.length + " bytes}" : "Body{stream}";
  }
}
