package dev.islet.graal.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One compressor or decompressor behind a guest {@code CompressionStream} / {@code DecompressionStream}
 * (WHATWG Compression: "gzip", "deflate" and "deflate-raw"), over {@link Deflater} and {@link Inflater}.
 *
 * <p>The guest calls the processor as {@code proc(op[, arrayBuffer])}: op 0 hands over a new piece of
 * input (at most 64 KiB; the previous one must have been drained), op 1 asks for more output from the
 * input already given, op 2 says the input has ended and asks for more output. Each call returns a
 * {@link ByteBuffer} of at most {@value #PIECE} bytes — empty when nothing more comes out of what was
 * given — or an error code: {@value #CORRUPT} for invalid data or data after the end of the compressed
 * stream, {@value #TRUNCATED} for input that ended too early. Output is produced in bounded pieces, so
 * however much a small input inflates to, the host holds at most one piece of it at a time; the guest
 * copies each piece onto its own heap.
 */
final class Compression implements ProxyExecutable {

  static final int PIECE = 64 * 1024;
  static final int CORRUPT = 1;
  static final int TRUNCATED = 2;

  private static final int GZIP = 0;
  private static final int DEFLATE = 1;
  private static final int RAW = 2;

  // Decompression phases.
  private static final int HEADER = 0;
  private static final int BODY = 1;
  private static final int TRAILER = 2;
  private static final int DONE = 3;
  private static final int FAILED = 4;

  private final boolean compress;
  private final int format;
  private final Deflater deflater;
  private final Inflater inflater;
  private final CRC32 crc = new CRC32();
  private long size;
  private byte[] in = new byte[0];
  private int pos;
  private int end;
  private int phase;
  // Compression: bytes of the gzip header / trailer still to emit.
  private byte[] pending;
  private int pendingPos;
  private boolean finishing;
  // Decompression: gzip header parsing and trailer collection.
  private int headerState;
  private int headerCount;
  private int flags;
  private int extraLength;
  private final byte[] fixed = new byte[10];
  private final byte[] trailer = new byte[8];
  private int trailerCount;

  private Compression(boolean compress, int format) {
    this.compress = compress;
    this.format = format;
    if (compress) {
      this.deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, format != DEFLATE);
      this.inflater = null;
      if (format == GZIP) {
        pending = new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
      }
    } else {
      this.deflater = null;
      this.inflater = new Inflater(format != DEFLATE);
      this.phase = format == GZIP ? HEADER : BODY;
    }
  }

  /** A processor for {@code format} ("gzip", "deflate" or "deflate-raw"), or null for another format. */
  static Compression create(boolean compress, String format) {
    switch (format) {
      case "gzip":
        return new Compression(compress, GZIP);
      case "deflate":
        return new Compression(compress, DEFLATE);
      case "deflate-raw":
        return new Compression(compress, RAW);
      default:
        return null;
    }
  }

  @Override
  public Object execute(Value... args) {
    int op = args[0].asInt();
    if (op == 0) {
      if (pos < end) {
        throw new IllegalStateException("input given before the previous piece was drained");
      }
      Value buffer = args[1];
      int length = Math.toIntExact(buffer.getBufferSize());
      if (length > PIECE) {
        throw new IllegalArgumentException("input piece too large");
      }
      in = new byte[length];
      buffer.readBuffer(0, in, 0, length);
      pos = 0;
      end = length;
    }
    boolean finish = op == 2;
    return compress ? deflate(finish) : inflate(finish);
  }

  private Object deflate(boolean finish) {
    byte[] out = new byte[PIECE];
    int n = 0;
    if (phase != DONE && pos < end && deflater.needsInput()) {
      deflater.setInput(in, pos, end - pos);
      crc.update(in, pos, end - pos);
      size += end - pos;
      pos = end;
    }
    if (finish && !finishing && phase != DONE) {
      finishing = true;
      deflater.finish();
    }
    while (n < PIECE) {
      if (pending != null) {
        int k = Math.min(pending.length - pendingPos, PIECE - n);
        System.arraycopy(pending, pendingPos, out, n, k);
        n += k;
        pendingPos += k;
        if (pendingPos == pending.length) {
          pending = null;
          pendingPos = 0;
        }
        continue;
      }
      if (phase == DONE) {
        break;
      }
      if (deflater.finished()) {
        {
          phase = DONE;
          deflater.end();
          if (format == GZIP) {
            pending = trailerBytes();
            continue;
          }
        }
        break;
      }
      int k = deflater.deflate(out, n, PIECE - n);
      n += k;
      if (k == 0 && (deflater.needsInput() && !finishing)) {
        break;
      }
      if (k == 0 && !deflater.finished()) {
        break; // defensive: no progress
      }
    }
    return ByteBuffer.wrap(Arrays.copyOf(out, n));
  }

  private byte[] trailerBytes() {
    long c = crc.getValue();
    long s = size & 0xffffffffL;
    return new byte[] {
      (byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24),
      (byte) s, (byte) (s >>> 8), (byte) (s >>> 16), (byte) (s >>> 24)
    };
  }

  private Object inflate(boolean finish) {
    if (phase == FAILED) {
      return CORRUPT;
    }
    byte[] out = new byte[PIECE];
    int n = 0;
    try {
      loop:
      while (n < PIECE) {
        switch (phase) {
          case HEADER:
            if (pos >= end) {
              break loop;
            }
            if (!header(in[pos++] & 0xff)) {
              return fail(CORRUPT);
            }
            break;
          case BODY:
            if (inflater.needsInput()) {
              if (pos >= end) {
                break loop;
              }
              inflater.setInput(in, pos, end - pos);
              pos = end;
            }
            int k = inflater.inflate(out, n, PIECE - n);
            if (format == GZIP) {
              crc.update(out, n, k);
            }
            size += k;
            n += k;
            if (inflater.finished()) {
              pos = end - inflater.getRemaining();
              inflater.end();
              phase = format == GZIP ? TRAILER : DONE;
            } else if (k == 0) {
              if (inflater.needsDictionary()) {
                return fail(CORRUPT);
              }
              if (!inflater.needsInput()) {
                break loop; // defensive: no progress
              }
            }
            break;
          case TRAILER:
            if (pos >= end) {
              break loop;
            }
            trailer[trailerCount++] = in[pos++];
            if (trailerCount == 8) {
              long c = le32(trailer, 0);
              long s = le32(trailer, 4);
              if (c != crc.getValue() || s != (size & 0xffffffffL)) {
                return fail(CORRUPT);
              }
              phase = DONE;
            }
            break;
          default: // DONE
            if (pos < end) {
              if (n > 0) {
                break loop; // hand over the output first; the next call reports the error
              }
              return fail(CORRUPT);
            }
            break loop;
        }
      }
    } catch (DataFormatException e) {
      return fail(CORRUPT);
    }
    if (n == 0 && finish && phase != DONE) {
      return fail(TRUNCATED);
    }
    return ByteBuffer.wrap(Arrays.copyOf(out, n));
  }

  private Object fail(int code) {
    if (phase != DONE && phase != TRAILER) {
      inflater.end();
    }
    phase = FAILED;
    return code;
  }

  private static long le32(byte[] b, int off) {
    return (b[off] & 0xffL) | (b[off + 1] & 0xffL) << 8 | (b[off + 2] & 0xffL) << 16 | (b[off + 3] & 0xffL) << 24;
  }

  /** Consumes one byte of a gzip member header (RFC 1952); false if the header is invalid. */
  private boolean header(int b) {
    switch (headerState) {
      case 0: // ID1 ID2 CM FLG MTIME(4) XFL OS
        fixed[headerCount++] = (byte) b;
        if (headerCount == 1 && b != 0x1f || headerCount == 2 && b != 0x8b || headerCount == 3 && b != 8) {
          return false;
        }
        if (headerCount == 4) {
          flags = b;
          if ((flags & 0xe0) != 0) {
            return false;
          }
        }
        if (headerCount == 10) {
          headerCount = 0;
          nextHeaderState(1);
        }
        return true;
      case 1: // XLEN
        extraLength |= b << (8 * headerCount++);
        if (headerCount == 2) {
          headerCount = 0;
          if (extraLength == 0) {
            nextHeaderState(3);
          } else {
            headerState = 2;
          }
        }
        return true;
      case 2: // extra field
        if (++headerCount == extraLength) {
          headerCount = 0;
          nextHeaderState(3);
        }
        return true;
      case 3: // file name, zero-terminated
        if (b == 0) {
          nextHeaderState(4);
        }
        return true;
      case 4: // comment, zero-terminated
        if (b == 0) {
          nextHeaderState(5);
        }
        return true;
      default: // header CRC16
        if (++headerCount == 2) {
          headerCount = 0;
          phase = BODY;
        }
        return true;
    }
  }

  /** Moves to the first header part at or after {@code state} that the flags ask for. */
  private void nextHeaderState(int state) {
    int s = state;
    if (s == 1 && (flags & 4) == 0) {
      s = 3;
    }
    if (s == 3 && (flags & 8) == 0) {
      s = 4;
    }
    if (s == 4 && (flags & 16) == 0) {
      s = 5;
    }
    if (s == 5 && (flags & 2) == 0) {
      phase = BODY;
      return;
    }
    headerState = s;
  }
}
