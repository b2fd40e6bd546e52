package dev.islet.store;

/**
 * A byte range of an object: {@code length} bytes from {@code offset} (length -1: to the end), or,
 * when {@code suffix} is not -1, the last {@code suffix} bytes.
 */
public record BlobRange(long offset, long length, long suffix) {
  public BlobRange {
    if (suffix < -1 || (suffix == -1 && (offset < 0 || length < -1))) {
      throw new IllegalArgumentException("invalid range: offset=" + offset + " length=" + length + " suffix=" + suffix);
    }
  }

  /** The range within an object of {@code size} bytes: {start, endExclusive}. */
  public long[] resolve(long size) {
    if (suffix != -1) {
      return new long[] {Math.max(0, size - suffix), size};
    }
    long start = Math.min(offset, size);
    long end = length == -1 ? size : Math.min(size, start + length);
    return new long[] {start, end};
  }
}
