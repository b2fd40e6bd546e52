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
 *     .binding("AUTH", Binding.service("auth-worker"))   // env.AUTH.fetch(request)
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
    SECRET,
    /**
     * A service binding: an object with {@code fetch(input, init)} that calls another worker of the
     * same namespace in-process, with no network. The value is the target worker's name; it is
     * resolved on each call, so the target may be deployed later (until then calls fail with {@code
     * Error: Worker not found}). Each call counts as a subrequest of the caller.
     */
    SERVICE,
    /**
     * A KV binding: an object with the Workers KV API ({@code get}, {@code getWithMetadata}, {@code
     * put}, {@code delete}, {@code list}) over one KV namespace of the runtime's {@link
     * IsletRuntime.Builder#kvStore KV store}. The value is the KV namespace's id; workers bound to
     * the same id share its data, and no worker reaches an id it is not bound to.
     */
    KV,
    /**
     * A blob binding: an object with the Workers R2 API ({@code head}, {@code get}, {@code put},
     * {@code delete}, {@code list}) over one bucket of the runtime's {@link
     * IsletRuntime.Builder#blobStore blob store}. The value is the bucket name.
     */
    BLOB,
    /**
     * A dispatch-namespace binding, for dispatch workers written in JavaScript: {@code
     * env.DISPATCHER.get(name, args, {limits: {cpuMs, subRequests}, outbound: {...}})} returns a
     * fetcher for worker {@code name} of the bound namespace, exactly as the host's {@link
     * Dispatcher#get(String, DispatchOptions)} does. The value is the namespace's name (in the same
     * runtime); unknown workers fail with {@code Error: Worker not found.}.
     */
    DISPATCH_NAMESPACE
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

  /**
   * A service binding to the worker named {@code worker} in the same namespace.
   *
   * @throws IllegalArgumentException if {@code worker} is not a valid script name
   */
  public static Binding service(String worker) {
    WorkerScript.checkName(worker);
    return new Binding(Type.SERVICE, worker);
  }

  /**
   * A KV binding to the KV namespace {@code namespaceId} (1-512 characters, no control characters).
   *
   * @throws IllegalArgumentException for an invalid id
   */
  public static Binding kv(String namespaceId) {
    return new Binding(Type.KV, checkId(namespaceId, "KV namespace id"));
  }

  /**
   * A blob (R2) binding to the bucket {@code bucket} (1-512 characters, no control characters).
   *
   * @throws IllegalArgumentException for an invalid name
   */
  public static Binding blob(String bucket) {
    return new Binding(Type.BLOB, checkId(bucket, "bucket name"));
  }

  /**
   * A dispatch-namespace binding into the namespace {@code namespace} of the same runtime (its name
   * follows script-name rules). Each call through it counts as a subrequest of the caller.
   *
   * @throws IllegalArgumentException for an invalid name
   */
  public static Binding dispatchNamespace(String namespace) {
    WorkerScript.checkName(namespace);
    return new Binding(Type.DISPATCH_NAMESPACE, namespace);
  }

  private static String checkId(String id, String what) {
    Objects.requireNonNull(id, what);
    if (id.isEmpty() || id.length() > 512 || id.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(what + " must be 1-512 characters with no control characters: \"" + id + "\"");
    }
    return id;
  }

  public Type type() {
    return type;
  }

  /** The text, JSON text or secret value, the target worker of a service binding, a KV namespace id or a bucket. */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return "Binding{" + type + (type == Type.SECRET ? "" : ", " + value) + "}";
  }
}
