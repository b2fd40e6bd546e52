package dev.islet;

import java.util.Objects;

/**
 * A value a worker finds in its {@code env} (ES modules) or as a global (service-worker syntax). A
 * tenant reaches nothing it was not given.
 *
 * <pre>{@code
 * WorkerScript.newBuilder("acme")
 *     .binding("GREETING", Binding.text("hello"))
 *     .binding("CONFIG", Binding.json("{\"plan\":\"pro\"}"))
 *     .binding("API_KEY", Binding.secret("s3cr3t"))
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} never prints a secret.
 */
public final class Binding {
  /** The kinds of binding this version supports. */
  public enum Type {
    /** A plain-text variable: a string in {@code env}. */
    TEXT,
    /** A JSON variable: the parsed value in {@code env}. */
    JSON,
    /** A secret: a string in {@code env}, never listed or printed by the host API. */
    SECRET
  }

  private final Type type;
  private final String value;

  private Binding(Type type, String value) {
    this.type = type;
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Binding text(String value) {
    return new Binding(Type.TEXT, value);
  }

  /** A JSON variable; the text is checked when the script is deployed. */
  public static Binding json(String json) {
    return new Binding(Type.JSON, json);
  }

  public static Binding secret(String value) {
    return new Binding(Type.SECRET, value);
  }

  public Type type() {
    return type;
  }

  /** The text, JSON text or secret value. */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return "Binding{" + type + (type == Type.SECRET ? "" : ", " + value) + "}";
  }
}
