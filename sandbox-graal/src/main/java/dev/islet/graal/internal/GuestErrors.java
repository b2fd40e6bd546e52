package dev.islet.graal.internal;

import dev.islet.IsletException;
import dev.islet.Outcome;
import dev.islet.ScriptException;
import java.util.UUID;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/**
 * Translates GraalVM failures at Islet's boundary: guests' errors into {@link ScriptException} /
 * guest messages, everything else into an opaque internal error whose reference is logged with the
 * real cause. No GraalVM type leaves this package.
 */
final class GuestErrors {
  private GuestErrors() {}

  /** A deploy-time failure of guest code (syntax error, failed import, top-level throw). */
  static IsletException toScriptException(PolyglotException e, String mainModule) {
    if (e.isHostException() || e.isInternalError()) {
      return internal(e, "deploy");
    }
    SourceSection at = e.getSourceLocation();
    if (at == null) {
      for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
        if (frame.isGuestFrame() && frame.getSourceLocation() != null) {
          at = frame.getSourceLocation();
          break;
        }
      }
    }
    String module = mainModule;
    int line = 0;
    int column = 0;
    if (at != null && at.getSource() != null && at.isAvailable()) {
      module = WorkerVersion.moduleNameOf(
          at.getSource().getPath() != null ? at.getSource().getPath() : at.getSource().getName());
      line = at.getStartLine();
      column = at.getStartColumn();
    }
    String message = firstLine(e.getMessage());
    if (e.isSyntaxError()) {
      // GraalJS writes "SyntaxError: /path:line:col reason"; keep the reason.
      String prefix = "/" + module + ":" + line + ":";
      int p = message.indexOf(prefix);
      if (p >= 0) {
        int space = message.indexOf(' ', p);
        message = "SyntaxError: " + (space > 0 ? message.substring(space + 1) : message);
      }
    } else if (e.isResourceExhausted() || e.isCancelled() || e.isInterrupted()) {
      message = "the script's top level was stopped: " + message;
    } else {
      message = "Uncaught " + message;
    }
    return new ScriptException(module, line, column, message, e);
  }

  /** An Islet failure: logged with its cause under a reference the host (only) gets. */
  static IsletException internal(Throwable cause, Object context) {
    String reference = UUID.randomUUID().toString();
    Log.LOGGER.log(
        System.Logger.Level.WARNING, "internal error; reference = " + reference + " (" + context + ")",
        cause);
    return new IsletException(Outcome.INTERNAL_ERROR, "internal error; reference = " + reference, cause);
  }

  /** The cause a {@link java.util.concurrent.CompletionException} wraps, else {@code e} itself. */
  static Throwable unwrap(Throwable e) {
    return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
