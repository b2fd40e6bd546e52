package dev.islet;

/**
 * The worker failed: it threw or rejected, returned something that is not a {@code Response}, or
 * could never produce one. {@link #guestStack()} holds the guest's own stack trace. A worker that
 * returns a 500 response is not an exception: that is a {@link Response}.
 */
public class GuestException extends IsletException {
  private static final long serialVersionUID = 1L;

  private final String guestStack;

  public GuestException(String message, String guestStack) {
    super(Outcome.EXCEPTION, message);
    this.guestStack = guestStack == null ? "" : guestStack;
  }

  /** The JavaScript stack ({@code error.stack}) as the guest saw it, or an empty string. */
  public String guestStack() {
    return guestStack;
  }
}
