package dev.islet.graal.internal;

/**
 * A failure whose message Islet wrote for the guest to read (a refused fetch, a redirect error, a
 * service-binding target that does not exist): the guest's promise rejects with an error of {@link
 * #jsType} and this message. Anything else that fails a host call reaches the guest only as an
 * opaque reference. Carries no stack trace.
 */
final class GuestFacingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The guest-side error constructor: {@code "TypeError"} or {@code "Error"}. */
  final String jsType;

  GuestFacingException(String jsType, String message) {
    super(message, null, false, false);
    this.jsType = jsType;
  }

  static GuestFacingException typeError(String message) {
    return new GuestFacingException("TypeError", message);
  }

  static GuestFacingException error(String message) {
    return new GuestFacingException("Error", message);
  }
}
