package dev.islet.store;

import java.util.Objects;

/**
 * Why a multipart operation of a {@link BlobStore} was refused. Stores fail their futures with it;
 * the runtime shows the guest R2's wording for each {@link Reason}. Any other failure is a host
 * error, shown to the guest only as an opaque reference.
 */
public final class MultipartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The refusals R2 distinguishes. */
  public enum Reason {
    /** The upload id is unknown for this key: never made, already completed, or aborted. */
    NO_SUCH_UPLOAD,
    /** A part to complete with was not uploaded (wrong number, or an etag it no longer has). */
    INVALID_PART,
    /** A part other than the last is smaller than {@link BlobStore#MIN_PART_BYTES}. */
    PART_TOO_SMALL,
    /**
     * The parts do not make an object: the same part number twice, parts other than the last of
     * different sizes, or a last part larger than the others.
     */
    BAD_UPLOAD
  }

  private final Reason reason;

  public MultipartException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
