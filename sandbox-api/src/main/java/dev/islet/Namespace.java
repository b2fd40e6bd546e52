package dev.islet;

import java.util.Optional;

/**
 * A dispatch namespace: a set of user workers deployed, updated and deleted at run time, and a
 * {@link Dispatcher} that sends requests to them.
 *
 * <pre>{@code
 * Namespace ns = runtime.namespace("production");
 * ns.deploy(WorkerScript.newBuilder("acme").mainModule("w.js", code).tags("pro").build());
 * Response r = ns.dispatcher().get("acme").fetch(Request.get("https://acme.example/")).join();
 * ns.deleteByTag("pro");
 * }</pre>
 *
 * <p>Deploy and update compile and run the script's top level eagerly, so errors surface here, not on
 * the first request. An update is atomic: requests in flight finish on the old version, later ones
 * see the new one. Thread-safe.
 */
public interface Namespace {
  /** The namespace's name. */
  String name();

  /** The options it was created with. */
  NamespaceOptions options();

  /**
   * Deploys a new worker.
   *
   * @throws WorkerAlreadyExistsException if the name is taken
   * @throws ScriptException if the script does not compile, fails at top level, or has no handler
   * @throws LimitExceededException if the script or its bindings are larger than the namespace
   *     allows ({@link Limits.Kind#SCRIPT_SIZE}, {@link Limits.Kind#ENV_SIZE}), or its top level used
   *     more CPU than {@link NamespaceOptions#startupCpuTime()} ({@link Limits.Kind#STARTUP_CPU_TIME})
   */
  ScriptInfo deploy(WorkerScript script);

  /**
   * Replaces a deployed worker with a new version.
   *
   * @throws WorkerNotFoundException if no worker has that name
   * @throws ScriptException as for {@link #deploy}; the old version then stays in place
   * @throws LimitExceededException as for {@link #deploy}; the old version then stays in place
   */
  ScriptInfo update(WorkerScript script);

  /** Deploys or replaces ({@code PUT} semantics). @throws ScriptException as for {@link #deploy} */
  ScriptInfo put(WorkerScript script);

  /** The deployed script of that name, if any. */
  Optional<ScriptInfo> get(String name);

  /** Removes a worker and frees its instances; requests in flight finish. Returns false if absent. */
  boolean delete(String name);

  /** Removes every worker that has {@code tag}; returns how many were removed. */
  int deleteByTag(String tag);

  /** A page of scripts in name order, filtered by tags. */
  Page<ScriptInfo> list(ScriptQuery query);

  /** The dispatcher for this namespace (the same object on every call). */
  Dispatcher dispatcher();
}
