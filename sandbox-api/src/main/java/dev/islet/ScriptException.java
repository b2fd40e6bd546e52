package dev.islet;

import java.util.Optional;

/**
 * A worker script could not be deployed: a syntax error, an import that does not resolve, a top-level
 * exception, a main module without a {@code fetch} handler, or a malformed module.
 *
 * <pre>{@code
 * try {
 *   ns.deploy(script);
 * } catch (ScriptException e) {
 *   System.err.printf("%s:%d:%d %s%n", e.moduleName().orElse("?"), e.line(), e.column(), e.getMessage());
 * }
 * }</pre>
 */
public class ScriptException extends IsletException {
  private static final long serialVersionUID = 1L;

  private final String moduleName;
  private final int line;
  private final int column;
  private final String reason;

  public ScriptException(String moduleName, int line, int column, String reason) {
    this(moduleName, line, column, reason, null);
  }

  public ScriptException(String moduleName, int line, int column, String reason, Throwable cause) {
    super(Outcome.SCRIPT_INVALID, format(moduleName, line, column, reason), cause);
    this.moduleName = moduleName;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  private static String format(String module, int line, int column, String reason) {
    if (module == null) {
      return reason;
    }
    return line > 0 ? module + ":" + line + ":" + column + ": " + reason : module + ": " + reason;
  }

  /** The module the problem is in, if it is tied to one. */
  public Optional<String> moduleName() {
    return Optional.ofNullable(moduleName);
  }

  /** 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column, or 0 when unknown. */
  public int column() {
    return column;
  }

  /** The problem without the location prefix. */
  public String reason() {
    return reason;
  }
}
