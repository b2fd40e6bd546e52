package dev.islet;

/**
 * Root of every exception Islet throws or completes a future with. Unchecked; {@link #outcome()}
 * classifies it, so callers may catch this one type and switch on the outcome.
 *
 * <p>Messages are meant for the host (logs, operators). Guests never see them.
 */
public class IsletException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Outcome outcome;

  public IsletException(Outcome outcome, String message) {
    this(outcome, message, null);
  }

  public IsletException(Outcome outcome, String message, Throwable cause) {
    super(message, cause);
    this.outcome = java.util.Objects.requireNonNull(outcome, "outcome");
  }

  /** What kind of failure this is. */
  public Outcome outcome() {
    return outcome;
  }
}
