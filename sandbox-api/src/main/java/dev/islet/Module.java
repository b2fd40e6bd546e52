package dev.islet;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One module of a {@link WorkerScript}: JavaScript (an ES module), text, JSON, binary data or
 * WebAssembly. Other modules import it by its name relative to the importer ({@code import cfg from
 * "./config.json"}): an ES module gives its exports, text a string, JSON the parsed value, data an
 * {@code ArrayBuffer}, WebAssembly a compiled {@code WebAssembly.Module} (as in Workers).
 *
 * <p>Names are relative paths of {@code /}-separated segments ({@code lib/util.js}); {@code .},
 * {@code ..}, empty segments, a leading {@code /} and backslashes are refused with {@link
 * IllegalArgumentException}. Immutable and thread-safe.
 */
public final class Module {
  /** What a module holds. */
  public enum Type {
    ES_MODULE,
    TEXT,
    JSON,
    DATA,
    /**
     * A WebAssembly binary module. It is checked when the script is deployed (well-formed, every
     * memory with a declared maximum within the worker's memory limit, tables bounded) and compiled
     * then; workers cannot compile WebAssembly from bytes at run time.
     */
    WASM
  }

  private final String name;
  private final Type type;
  private final byte[] content;

  private Module(String name, Type type, byte[] content) {
    this.name = checkName(name);
    this.type = type;
    this.content = content;
  }

  public static Module esModule(String name, String code) {
    return new Module(name, Type.ES_MODULE, utf8(code));
  }

  public static Module text(String name, String text) {
    return new Module(name, Type.TEXT, utf8(text));
  }

  /** A JSON module; the text is checked when the script is deployed. */
  public static Module json(String name, String json) {
    return new Module(name, Type.JSON, utf8(json));
  }

  public static Module data(String name, byte[] data) {
    return new Module(name, Type.DATA, Objects.requireNonNull(data, "data").clone());
  }

  /**
   * A WebAssembly module ({@code import mod from "./app.wasm"} gives a {@code WebAssembly.Module}).
   *
   * <pre>{@code
   * WorkerScript.newBuilder("calc")
   *     .mainModule("worker.js", "import mod from './add.wasm';\n"
   *         + "const { exports } = new WebAssembly.Instance(mod, {});\n"
   *         + "export default { fetch() { return new Response(String(exports.add(2, 3))) } }")
   *     .module(Module.wasm("add.wasm", bytes))
   *     .build();
   * }</pre>
   */
  public static Module wasm(String name, byte[] wasm) {
    return new Module(name, Type.WASM, Objects.requireNonNull(wasm, "wasm").clone());
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  /** Size in bytes (UTF-8 for text kinds). */
  public int size() {
    return content.length;
  }

  /** The content as text (UTF-8); for {@link Type#DATA} the bytes decoded as UTF-8. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  /** The raw content (a copy). */
  public byte[] bytes() {
    return content.clone();
  }

  private static byte[] utf8(String s) {
    return Objects.requireNonNull(s, "content").getBytes(StandardCharsets.UTF_8);
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "module name");
    if (name.isEmpty() || name.length() > 256) {
      throw new IllegalArgumentException("module name must have 1..256 characters: \"" + name + "\"");
    }
    if (name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("module name must be a relative path: \"" + name + "\"");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "module name has an empty, '.' or '..' segment: \"" + name + "\"");
      }
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new IllegalArgumentException("module name has a control character: \"" + name + "\"");
      }
    }
    return name;
  }

  @Override
  public String toString() {
    return "Module{" + name + ", " + type + ", " + content.length + " bytes}";
  }
}
