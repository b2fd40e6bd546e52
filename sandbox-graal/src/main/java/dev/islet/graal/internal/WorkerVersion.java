package dev.islet.graal.internal;

import dev.islet.Binding;
import dev.islet.Limits;
import dev.islet.NamespaceOptions;
import dev.islet.Module;
import dev.islet.ScriptInfo;
import dev.islet.WorkerScript;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.Source;

/**
 * One deployed version of a worker: its modules as the tenant's file system serves them, the main
 * module as a cached {@link Source} (parsed once per engine, shared by every instance), and its
 * bindings. Immutable. Instances of it live in an {@link InstancePool}.
 */
final class WorkerVersion {
  final String namespace;
  final NamespaceOptions options;
  /** Runtime ∧ namespace ∧ script limits; a dispatch can tighten them further. */
  final Limits limits;
  final WorkerScript script;
  final ScriptInfo info;
  /** Absolute path → JavaScript served for that module. */
  final Map<String, byte[]> files;
  final Source mainSource;
  /** The script's WebAssembly modules, by the index their wrapper module asks the prelude for. */
  final java.util.List<byte[]> wasmModules;
  /** {"NAME": ["text"|"json"|"secret", value], ...} for the prelude's makeEnv. */
  final String bindingsJson;
  /** Set once the version loaded cleanly (at deploy): later instances skip the deploy checks. */
  volatile boolean validated;
  /** Bytes allocated while the first instance evaluated this version's code (0: not loaded yet). */
  volatile long footprint;
  /** Set once an update or delete replaced this version: new requests go elsewhere. */
  volatile boolean retired;

  WorkerVersion(String namespace, NamespaceOptions options, Limits limits, WorkerScript script, ScriptInfo info) {
    this.namespace = namespace;
    this.options = options;
    this.limits = limits;
    this.script = script;
    this.info = info;
    Map<String, byte[]> served = new LinkedHashMap<>();
    java.util.List<byte[]> wasm = new java.util.ArrayList<>();
    for (Module m : script.modules().values()) {
      String code;
      if (m.type() == Module.Type.WASM) {
        code = "export default globalThis[Symbol.for('islet.wasm')](" + wasm.size() + ");\n";
        wasm.add(m.bytes());
      } else {
        code = moduleCode(m);
      }
      served.put(pathOf(m.name()), code.getBytes(StandardCharsets.UTF_8));
    }
    this.files = Map.copyOf(served);
    this.wasmModules = java.util.List.copyOf(wasm);
    Module main = script.modules().get(script.mainModule());
    Source.Builder source = script.format() == WorkerScript.Format.WASI
        ? Source.newBuilder("js", wasiMain(main.name(), script.bindings()), pathOf(main.name()) + WASI_MAIN_SUFFIX)
        : Source.newBuilder("js", main.text(), pathOf(main.name()));
    source.cached(true);
    if (script.format() != WorkerScript.Format.SERVICE_WORKER) {
      source.mimeType(TenantFileSystem.MODULE_MIME);
    }
    this.mainSource = source.buildLiteral();
    this.bindingsJson = bindingsJson(script.bindings());
  }

  /** The generated main module of a WASI worker sits next to its wasm module, under this suffix. */
  static final String WASI_MAIN_SUFFIX = ".wasi-main.js";

  /**
   * The ES main module that runs a WASI command per request (js/lib/wasi.js does the work). It gets
   * the names of the bindings that become environment variables, not their values: secrets stay
   * out of source text; JSON bindings are passed as their JSON text.
   */
  private static String wasiMain(String wasmName, Map<String, Binding> bindings) {
    StringBuilder vars = new StringBuilder("[");
    bindings.forEach((name, b) -> {
      Binding.Type t = b.type();
      if (t == Binding.Type.TEXT || t == Binding.Type.SECRET || t == Binding.Type.JSON) {
        if (vars.length() > 1) {
          vars.append(',');
        }
        vars.append('[').append(jsonString(name)).append(',').append(t == Binding.Type.JSON).append(']');
      }
    });
    vars.append(']');
    String file = wasmName.substring(wasmName.lastIndexOf('/') + 1);
    return "import mod from " + jsonString("./" + file) + ";\n"
        + "export default globalThis[Symbol.for('islet.wasi')](mod, " + jsonString(wasmName) + ", "
        + vars + ");\n";
  }

  static String pathOf(String moduleName) {
    return "/" + moduleName;
  }

  /** Module name for a source path, as errors report it. */
  static String moduleNameOf(String sourceName) {
    return sourceName != null && sourceName.startsWith("/") ? sourceName.substring(1) : sourceName;
  }

  /** Text, JSON and data modules become small ES modules whose default export is the value. */
  private static String moduleCode(Module m) {
    switch (m.type()) {
      case TEXT:
        return "export default " + jsonString(m.text()) + ";\n";
      case JSON:
        return "export default JSON.parse(" + jsonString(m.text()) + ");\n";
      case DATA:
        return dataModule(m.bytes());
      default:
        return m.text();
    }
  }

  /** Bytes as a Latin-1 string literal (printable ASCII as is), copied into an ArrayBuffer. */
  private static String dataModule(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2 + 160).append("const s = \"");
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    return sb.append("\";\nconst u = new Uint8Array(s.length);\n")
        .append("for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);\n")
        .append("export default u.buffer;\n")
        .toString();
  }

  private static String bindingsJson(Map<String, Binding> bindings) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Binding> e : bindings.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      Binding.Type t = e.getValue().type();
      String type = t == Binding.Type.JSON ? "json" : t == Binding.Type.SERVICE ? "service"
          : t == Binding.Type.KV ? "kv" : t == Binding.Type.BLOB ? "blob"
          : t == Binding.Type.DISPATCH_NAMESPACE ? "dispatch" : "text";
      sb.append(jsonString(e.getKey()))
          .append(":[")
          .append(jsonString(type))
          .append(',')
          .append(jsonString(e.getValue().value()))
          .append(']');
    }
    return sb.append('}').toString();
  }

  /** A JSON (and JavaScript) string literal. */
  static String jsonString(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  @Override
  public String toString() {
    return namespace + "/" + script.name() + "@" + info.version();
  }
}
