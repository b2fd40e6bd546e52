package dev.islet;

/**
 * Observes invocations (like a Tail Worker). Registered on {@link IsletRuntime.Builder#listener}.
 *
 * <p>Methods are called from Islet threads, possibly concurrently: implementations must be
 * thread-safe and fast. An exception thrown by a listener is logged and otherwise ignored. Methods
 * have no-op defaults so that new ones can be added without breaking implementations.
 */
public interface InvocationListener {
  /** One invocation ended. */
  default void onInvocation(InvocationEvent event) {}

  /** A script version was deployed (or updated) in a namespace. */
  default void onDeploy(String namespace, ScriptInfo script) {}

  /** A script was deleted from a namespace. */
  default void onDelete(String namespace, String script) {}
}
