package dev.islet;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user worker as deployed into a {@link Namespace}: its modules, bindings, tags and compatibility
 * date. Two syntaxes are accepted, as on Workers,
 * and a WebAssembly WASI command can be a whole worker:
 *
 * <pre>{@code
 * // ES modules
 * WorkerScript.newBuilder("acme")
 *     .mainModule("worker.js", "export default { fetch(req, env) { return new Response('hi ' + env.NAME) } }")
 *     .module(Module.json("config.json", "{\"a\":1}"))
 *     .binding("NAME", Binding.text("acme"))
 *     .tags("customer-acme", "pro")
 *     .build();
 *
 * // service-worker syntax: bindings are globals
 * WorkerScript.newBuilder("legacy")
 *     .serviceWorker("worker.js", "addEventListener('fetch', e => e.respondWith(new Response('hi')))")
 *     .build();
 *
 * // a WASI command as a CGI program (see Builder#wasi)
 * WorkerScript.newBuilder("cgi").wasi("app.wasm", wasmBytes).build();
 * }</pre>
 *
 * <p>Validation happens in the builder ({@link IllegalArgumentException}: bad name, more than {@value
 * #MAX_TAGS} tags, duplicate module or binding, no main module, malformed date) and at deploy
 * ({@link ScriptException}: code that does not compile or exports no {@code fetch} handler).
 * Immutable and thread-safe.
 */
public final class WorkerScript {
  /** At most this many tags per script, as in Workers for Platforms. */
  public static final int MAX_TAGS = 8;

  /** The worker syntaxes. */
  public enum Format {
    /** {@code export default { fetch(request, env, ctx) }}. */
    ES_MODULES,
    /** {@code addEventListener('fetch', event => event.respondWith(...))}. */
    SERVICE_WORKER,
    /**
     * A WebAssembly WASI (preview 1) command run as a CGI program, once per request; see {@link
     * Builder#wasi(String, byte[])}.
     */
    WASI
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,62}");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final String name;
  private final Format format;
  private final String mainModule;
  private final Map<String, Module> modules;
  private final Map<String, Binding> bindings;
  private final Set<String> tags;
  private final LocalDate compatibilityDate;
  private final Limits limits;

  private WorkerScript(Builder b) {
    this.name = b.name;
    this.format = b.format;
    this.mainModule = b.mainModule;
    this.modules = Collections.unmodifiableMap(new LinkedHashMap<>(b.modules));
    this.bindings = Collections.unmodifiableMap(new LinkedHashMap<>(b.bindings));
    this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(b.tags));
    this.compatibilityDate = b.compatibilityDate;
    this.limits = b.limits;
  }

  /** Starts a script named {@code name}: 1–63 letters, digits, {@code _} or {@code -}. */
  public static Builder newBuilder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.format = format;
    b.mainModule = mainModule;
    b.modules.putAll(modules);
    b.bindings.putAll(bindings);
    b.tags.addAll(tags);
    b.compatibilityDate = compatibilityDate;
    b.limits = limits;
    return b;
  }

  public String name() {
    return name;
  }

  public Format format() {
    return format;
  }

  /** Name of the entry module. */
  public String mainModule() {
    return mainModule;
  }

  /** Every module, the main one first, by name. */
  public Map<String, Module> modules() {
    return modules;
  }

  public Map<String, Binding> bindings() {
    return bindings;
  }

  public Set<String> tags() {
    return tags;
  }

  public Optional<LocalDate> compatibilityDate() {
    return Optional.ofNullable(compatibilityDate);
  }

  /** Limits set on this script (tightened further by namespace and dispatch limits). */
  public Limits limits() {
    return limits;
  }

  /** Total size of all modules in bytes. */
  public long size() {
    long total = 0;
    for (Module m : modules.values()) {
      total += m.size();
    }
    return total;
  }

  @Override
  public String toString() {
    return "WorkerScript{" + name + ", " + format + ", modules=" + modules.keySet() + ", tags=" + tags + "}";
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "script name must be 1-63 letters, digits, '_' or '-' (not starting with '-'): \""
              + name + "\"");
    }
    return name;
  }

  /** Builds a {@link WorkerScript}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private Format format;
    private String mainModule;
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final List<String> tags = new ArrayList<>();
    private LocalDate compatibilityDate;
    private Limits limits = Limits.none();

    private Builder(String name) {
      this.name = checkName(name);
    }

    /** Sets the entry ES module. */
    public Builder mainModule(String moduleName, String code) {
      return entry(Format.ES_MODULES, Module.esModule(moduleName, code));
    }

    /** Sets the entry script in service-worker syntax (a classic script, not a module). */
    public Builder serviceWorker(String scriptName, String code) {
      return entry(Format.SERVICE_WORKER, Module.esModule(scriptName, code));
    }

    /**
     * Makes the whole worker a {@code wasm32-wasi} (preview 1) <em>command</em> run as a CGI program,
     * as in WAGI: each request instantiates the module afresh (nothing in its memory outlives the
     * request), runs {@code _start} and turns what it wrote to stdout into the response.
     *
     * <pre>{@code
     * WorkerScript.newBuilder("cgi")
     *     .wasi("hello.wasm", Files.readAllBytes(Path.of("hello.wasm")))   // cargo build --target wasm32-wasip1
     *     .binding("GREETING", Binding.text("hi"))                        // reaches the program as $GREETING
     *     .build();
     * }</pre>
     *
     * <p>What the program sees:
     *
     * <ul>
     *   <li><b>arguments</b>: just {@code argv[0]}, the module name;
     *   <li><b>environment</b>: {@code REQUEST_METHOD}, {@code PATH_INFO} (the URL path), {@code
     *       QUERY_STRING} (without {@code ?}), {@code SERVER_NAME}, {@code SERVER_PORT}, {@code
     *       SERVER_PROTOCOL=HTTP/1.1}, {@code SCRIPT_NAME=""}, {@code X_FULL_URL} (the whole URL),
     *       {@code CONTENT_TYPE} and {@code CONTENT_LENGTH} (when there is a body), {@code HTTP_<NAME>}
     *       for each request header (upper case, {@code -} as {@code _}), and the script's text,
     *       secret and JSON bindings by their names (JSON as its text). Nothing of the host's
     *       environment;
     *   <li><b>stdin</b>: the request body (read in full before the program starts);
     *   <li><b>stdout</b>: a CGI response — header lines up to the first empty line, then the body.
     *       {@code Status: 404 Not Found} sets the status (default 200; a {@code Location} without a
     *       {@code Status} gives 302); the other header lines become response headers. Output without
     *       the empty line is answered with a 502;
     *   <li><b>stderr</b>: each line is logged as {@code console.error} (it reaches the invocation's
     *       logs and tail);
     *   <li><b>exit</b>: returning from {@code _start} or {@code proc_exit(0)} is success; on {@code
     *       proc_exit(n)} with {@code n != 0} a complete header block already written is still
     *       the response, otherwise the answer is 500 {@code WASI program exited with code n}. A trap
     *       fails the request as an uncaught error would ({@link GuestException});
     *   <li><b>no file system</b>: there are no preopened directories, so {@code path_open} and the
     *       other path calls fail; the clocks, {@code random_get} and {@code sched_yield} work; {@code
     *       poll_oneoff} and the rest of preview 1 answer {@code ENOSYS}.
     * </ul>
     *
     * <p>The module must be a WASI command (imports from {@code wasi_snapshot_preview1} only; exports
     * {@code _start} and {@code memory}), else deploy fails with a {@link ScriptException}; the usual
     * WebAssembly checks apply too (well-formed, a memory maximum within the worker's memory limit).
     * A WASI script has no other modules. The worker's limits (CPU, wall time, memory) hold as for
     * JavaScript.
     */
    public Builder wasi(String moduleName, byte[] wasm) {
      return entry(Format.WASI, Module.wasm(moduleName, wasm));
    }

    private Builder entry(Format f, Module main) {
      if (mainModule != null) {
        throw new IllegalArgumentException("main module was already set to \"" + mainModule + "\"");
      }
      addModule(main);
      this.format = f;
      this.mainModule = main.name();
      return this;
    }

    /** Adds a module other modules can import (ES modules syntax only; not for service-worker or WASI scripts). */
    public Builder module(Module module) {
      addModule(Objects.requireNonNull(module, "module"));
      return this;
    }

    private void addModule(Module m) {
      if (modules.putIfAbsent(m.name(), m) != null) {
        throw new IllegalArgumentException("duplicate module name: \"" + m.name() + "\"");
      }
    }

    /** Adds a binding; names are JavaScript identifiers and unique. */
    public Builder binding(String bindingName, Binding binding) {
      Objects.requireNonNull(bindingName, "binding name");
      Objects.requireNonNull(binding, "binding");
      if (!IDENTIFIER.matcher(bindingName).matches()) {
        throw new IllegalArgumentException(
            "binding name must be a JavaScript identifier: \"" + bindingName + "\"");
      }
      if (bindings.putIfAbsent(bindingName, binding) != null) {
        throw new IllegalArgumentException("duplicate binding name: \"" + bindingName + "\"");
      }
      return this;
    }

    /** Adds tags (at most {@value #MAX_TAGS} in all; no duplicates, commas or blanks). */
    public Builder tags(String... newTags) {
      for (String tag : newTags) {
        Objects.requireNonNull(tag, "tag");
        if (tag.isBlank() || tag.length() > 256 || tag.indexOf(',') >= 0
            || tag.chars().anyMatch(Character::isISOControl)) {
          throw new IllegalArgumentException(
              "tag must be 1-256 characters without commas or control characters: \"" + tag + "\"");
        }
        if (tags.contains(tag)) {
          throw new IllegalArgumentException("duplicate tag: \"" + tag + "\"");
        }
        if (tags.size() == MAX_TAGS) {
          throw new IllegalArgumentException(
              "a script has at most " + MAX_TAGS + " tags; cannot add \"" + tag + "\"");
        }
        tags.add(tag);
      }
      return this;
    }

    /** The compatibility date, {@code yyyy-mm-dd}. */
    public Builder compatibilityDate(String date) {
      Objects.requireNonNull(date, "compatibilityDate");
      try {
        return compatibilityDate(LocalDate.parse(date));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("compatibilityDate must be yyyy-mm-dd: \"" + date + "\"", e);
      }
    }

    /** The compatibility date; one in the future (beyond tomorrow, UTC) is refused, as Workers does. */
    public Builder compatibilityDate(LocalDate date) {
      Objects.requireNonNull(date, "compatibilityDate");
      if (date.isAfter(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1))) {
        throw new IllegalArgumentException("compatibilityDate is in the future: " + date);
      }
      this.compatibilityDate = date;
      return this;
    }

    /** Limits for every invocation of this script; dispatch limits can only tighten them. */
    public Builder limits(Limits... parts) {
      this.limits = limits.and(Limits.of(parts));
      return this;
    }

    public WorkerScript build() {
      if (mainModule == null) {
        throw new IllegalArgumentException(
            "script \"" + name + "\" has no main module: call mainModule(...), serviceWorker(...) or wasi(...)");
      }
      if (format == Format.SERVICE_WORKER && modules.size() > 1) {
        throw new IllegalArgumentException(
            "a service-worker script cannot import modules; use mainModule(...) for ES modules");
      }
      if (format == Format.WASI && modules.size() > 1) {
        throw new IllegalArgumentException("a WASI script is its WebAssembly module alone; it has no other modules");
      }
      return new WorkerScript(this);
    }
  }
}
