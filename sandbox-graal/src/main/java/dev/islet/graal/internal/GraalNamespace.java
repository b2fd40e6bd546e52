package dev.islet.graal.internal;

import dev.islet.Binding;
import dev.islet.DispatchOptions;
import dev.islet.Dispatcher;
import dev.islet.Fetcher;
import dev.islet.LimitExceededException;
import dev.islet.Limits;
import dev.islet.Namespace;
import dev.islet.NamespaceOptions;
import dev.islet.Page;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.ScriptInfo;
import dev.islet.ScriptQuery;
import dev.islet.WorkerAlreadyExistsException;
import dev.islet.WorkerNotFoundException;
import dev.islet.WorkerScript;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A namespace of workers: the deployed versions by name, and its dispatcher. */
final class GraalNamespace implements Namespace {
  private enum Mode {
    CREATE,
    UPDATE,
    UPSERT
  }

  /** A deployed name: its current version and when it was first deployed. */
  static final class Entry {
    final Instant createdOn;
    volatile WorkerVersion current;

    Entry(Instant createdOn, WorkerVersion current) {
      this.createdOn = createdOn;
      this.current = current;
    }
  }

  private final GraalRuntime runtime;
  private final String name;
  private final NamespaceOptions options;
  private final ConcurrentNavigableMap<String, Entry> workers = new ConcurrentSkipListMap<>();
  // Deploys, updates and deletes of one name are serialized; different names proceed in parallel.
  private final Map<String, Object> nameLocks = new ConcurrentHashMap<>();
  private final Dispatcher dispatcher = this::fetcher;

  GraalNamespace(GraalRuntime runtime, String name, NamespaceOptions options) {
    this.runtime = runtime;
    this.name = name;
    this.options = options;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public NamespaceOptions options() {
    return options;
  }

  @Override
  public ScriptInfo deploy(WorkerScript script) {
    return install(script, Mode.CREATE);
  }

  @Override
  public ScriptInfo update(WorkerScript script) {
    return install(script, Mode.UPDATE);
  }

  @Override
  public ScriptInfo put(WorkerScript script) {
    return install(script, Mode.UPSERT);
  }

  private ScriptInfo install(WorkerScript script, Mode mode) {
    Objects.requireNonNull(script, "script");
    runtime.checkOpen();
    checkSizes(script);
    String scriptName = script.name();
    ScriptInfo info;
    synchronized (nameLocks.computeIfAbsent(scriptName, k -> new Object())) {
      Entry existing = workers.get(scriptName);
      if (mode == Mode.CREATE && existing != null) {
        throw new WorkerAlreadyExistsException(scriptName);
      }
      if (mode == Mode.UPDATE && existing == null) {
        throw new WorkerNotFoundException(scriptName);
      }
      Instant now = Instant.now();
      long number = existing == null ? 1 : existing.current.info.version() + 1;
      info = new ScriptInfo(
          scriptName, number, script.tags(), script.format(), script.size(),
          existing == null ? now : existing.createdOn, now);
      Limits limits = runtime.defaultLimits().and(options.limits()).and(script.limits());
      // Malformed Wasm and memories or tables the worker's limits cannot hold are refused before
      // anything is compiled or instantiated.
      WasmLimits.check(script, limits);
      WorkerVersion version = new WorkerVersion(name, options, limits, script, info);
      // Compiles and runs the top level now: a broken script never replaces a working one.
      WorkerInstance validated = runtime.loadWatched(version);
      WorkerVersion old = null;
      if (existing == null) {
        workers.put(scriptName, new Entry(now, version));
      } else {
        old = existing.current;
        existing.current = version;
      }
      runtime.pool(version).offer(validated);
      if (old != null) {
        runtime.retire(old);
      }
    }
    runtime.deployed(name, info);
    return info;
  }

  private void checkSizes(WorkerScript script) {
    if (script.size() > options.maxScriptSize()) {
      throw new LimitExceededException(Limits.Kind.SCRIPT_SIZE, "script \"" + script.name() + "\" is "
          + script.size() + " bytes; this namespace allows " + options.maxScriptSize());
    }
    long env = 0;
    for (Map.Entry<String, Binding> b : script.bindings().entrySet()) {
      env += b.getKey().getBytes(StandardCharsets.UTF_8).length
          + b.getValue().value().getBytes(StandardCharsets.UTF_8).length;
    }
    if (env > options.maxEnvSize()) {
      throw new LimitExceededException(Limits.Kind.ENV_SIZE, "bindings of \"" + script.name() + "\" are "
          + env + " bytes; this namespace allows " + options.maxEnvSize());
    }
    // Opens the default stores (when the runtime was given none) now, so that a store that cannot
    // be opened fails the deploy rather than the tenant's first request.
    for (Binding b : script.bindings().values()) {
      if (b.type() == Binding.Type.KV) {
        runtime.kvStore();
      } else if (b.type() == Binding.Type.BLOB) {
        runtime.blobStore();
      }
    }
  }

  @Override
  public Optional<ScriptInfo> get(String scriptName) {
    Entry e = workers.get(Objects.requireNonNull(scriptName, "name"));
    return e == null ? Optional.empty() : Optional.of(e.current.info);
  }

  @Override
  public boolean delete(String scriptName) {
    Objects.requireNonNull(scriptName, "name");
    Entry removed;
    synchronized (nameLocks.computeIfAbsent(scriptName, k -> new Object())) {
      removed = workers.remove(scriptName);
      if (removed != null) {
        runtime.retire(removed.current);
      }
    }
    if (removed != null) {
      runtime.deleted(name, scriptName);
    }
    return removed != null;
  }

  @Override
  public int deleteByTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    int count = 0;
    for (Map.Entry<String, Entry> e : workers.entrySet()) {
      if (e.getValue().current.info.tags().contains(tag) && delete(e.getKey())) {
        count++;
      }
    }
    return count;
  }

  @Override
  public Page<ScriptInfo> list(ScriptQuery query) {
    Objects.requireNonNull(query, "query");
    Map<String, Entry> from =
        query.cursor().map(c -> (Map<String, Entry>) workers.tailMap(decodeCursor(c), false)).orElse(workers);
    List<ScriptInfo> items = new ArrayList<>();
    String last = null;
    boolean more = false;
    for (Entry e : from.values()) {
      ScriptInfo info = e.current.info;
      if (!query.matches(info.tags())) {
        continue;
      }
      if (items.size() == query.limit()) {
        more = true;
        break;
      }
      items.add(info);
      last = info.name();
    }
    return new Page<>(items, more ? Optional.of(encodeCursor(last)) : Optional.empty());
  }

  private static String encodeCursor(String lastName) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + lastName).getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (s.startsWith("after:")) {
        return s.substring("after:".length());
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new IllegalArgumentException("malformed cursor: \"" + cursor + "\"");
  }

  @Override
  public Dispatcher dispatcher() {
    return dispatcher;
  }

  private Fetcher fetcher(String scriptName, DispatchOptions options) {
    Objects.requireNonNull(scriptName, "name");
    Objects.requireNonNull(options, "options");
    return request -> fetch(scriptName, options, request);
  }

  private CompletableFuture<Response> fetch(String scriptName, DispatchOptions options, Request request) {
    Objects.requireNonNull(request, "request");
    return call(scriptName, request, options, 0);
  }

  /**
   * Invokes {@code scriptName}; {@code depth} is 0 for the host's dispatches and one more than the
   * caller's for a service-binding call.
   */
  CompletableFuture<Response> call(String scriptName, Request request, DispatchOptions options, int depth) {
    return call(scriptName, request, options, depth, null);
  }

  /** As {@link #call(String, Request, DispatchOptions, int)}; non-null params make it an outbound-worker call. */
  CompletableFuture<Response> call(String scriptName, Request request, DispatchOptions options, int depth,
      Map<String, Object> outboundWorkerParams) {
    Invocation inv = new Invocation(name, scriptName, request, options);
    inv.depth = depth;
    inv.outboundWorkerParams = outboundWorkerParams;
    runtime.track(inv);
    inv.future.whenComplete((r, e) -> {
      if (inv.future.isCancelled()) {
        runtime.cancel(inv);
      }
    });
    dispatch(inv);
    return inv.future;
  }

  /** Sends {@code inv} to the current version of its worker. */
  void dispatch(Invocation inv) {
    while (true) {
      if (runtime.isClosed()) {
        runtime.failed(inv, GraalRuntime.closedError());
        return;
      }
      Entry e = workers.get(inv.script);
      if (e == null) {
        runtime.failed(inv, new WorkerNotFoundException(inv.script));
        return;
      }
      WorkerVersion v = e.current;
      if (!v.retired && runtime.pool(v).submit(inv)) {
        return;
      }
      Thread.onSpinWait(); // an update or eviction is swapping the version or pool: look again
    }
  }

  @Override
  public String toString() {
    return "Namespace{" + name + ", " + workers.size() + " workers}";
  }
}
