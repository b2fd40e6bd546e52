package dev.islet.graal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A worker's streamed response body as the host reads it: the guest writes chunks (on its loop,
 * never blocking), the embedder reads an {@link InputStream} (blocking until data, the end or a
 * failure). At most {@link #CAPACITY} bytes wait in between; beyond that a write returns a future
 * the guest waits for, completed once the reader has taken half of them. Closing the stream tells
 * the guest to stop (its next write is refused and it cancels its source).
 *
 * <p>Thread-safe: one writer (the guest's loop) and one reader.
 */
final class BodyPipe extends InputStream {
  /** Bytes buffered before the writer must wait. */
  static final int CAPACITY = 1 << 20;

  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private byte[] head;
  private int headPos;
  private long buffered;
  private boolean writerDone;
  private IOException failure;
  private boolean readerClosed;
  private CompletableFuture<Void> drained;

  /**
   * Appends a chunk (owned by the pipe from now on). Returns null if the reader closed the stream,
   * a completed future if the writer may go on, else one that completes when it may.
   */
  synchronized CompletableFuture<Void> write(byte[] chunk) {
    if (readerClosed || writerDone) {
      return null;
    }
    if (chunk.length > 0) {
      chunks.addLast(chunk);
      buffered += chunk.length;
      notifyAll();
    }
    if (buffered < CAPACITY) {
      return CompletableFuture.completedFuture(null);
    }
    if (drained == null) {
      drained = new CompletableFuture<>();
    }
    return drained;
  }

  /** The writer is done: {@code error} null for the end of the body, else what the reader will get. */
  synchronized void finish(IOException error) {
    if (writerDone) {
      return;
    }
    writerDone = true;
    failure = error;
    notifyAll();
    releaseWriter();
  }

  /** True once the writer finished (end or failure). */
  synchronized boolean writerDone() {
    return writerDone;
  }

  @Override
  public synchronized int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    while (head == null && chunks.isEmpty()) {
      if (readerClosed) {
        throw new IOException("stream closed");
      }
      if (writerDone) {
        if (failure != null) {
          throw new IOException(failure.getMessage(), failure);
        }
        return -1;
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the worker's response body");
      }
    }
    if (head == null) {
      head = chunks.pollFirst();
      headPos = 0;
    }
    int n = Math.min(len, head.length - headPos);
    System.arraycopy(head, headPos, b, off, n);
    headPos += n;
    if (headPos == head.length) {
      head = null;
    }
    buffered -= n;
    if (buffered <= CAPACITY / 2) {
      releaseWriter();
    }
    return n;
  }

  @Override
  public synchronized int available() {
    return (int) Math.min(Integer.MAX_VALUE, buffered);
  }

  /** The reader is done: the rest is dropped and the writer told to stop. */
  @Override
  public synchronized void close() {
    readerClosed = true;
    chunks.clear();
    head = null;
    buffered = 0;
    notifyAll();
    releaseWriter();
  }

  private void releaseWriter() {
    CompletableFuture<Void> d = drained;
    drained = null;
    if (d != null) {
      d.complete(null);
    }
  }
}
