package dev.islet.graal.internal;

import dev.islet.Limits;
import dev.islet.Module;
import dev.islet.ScriptException;
import dev.islet.WorkerScript;

/**
 * The deploy-time vetting of a script's WebAssembly modules, before any instance exists: each must
 * be well-formed, every memory (defined or imported) must declare a maximum within the worker's
 * memory budget, and tables must be bounded. GraalWasm keeps a module's memory on the Java heap and
 * a memory without a maximum may grow to 4 GiB, so this is what keeps a growth bomb from reaching
 * the host; compiling and linking are checked when the first instance loads, also at deploy.
 */
final class WasmLimits {
  /** The cap on a Wasm memory when the worker has no memory limit: 256 MiB. */
  static final long DEFAULT_MEMORY_CAP = 256L << 20;
  /** The most elements a Wasm table may be declared to hold. */
  static final long MAX_TABLE_ELEMENTS = 1_000_000;

  private WasmLimits() {}

  /** The memory cap for a worker with these limits. */
  static long memoryCap(Limits limits) {
    return limits.memoryBytes().orElse(DEFAULT_MEMORY_CAP);
  }

  /** Why a module cannot run as a WASI worker, or null if it can. */
  private static String notWasiCommand(WasmModuleInfo info) {
    if (info.isWasiCommand()) {
      return null;
    }
    for (WasmModuleInfo.Import i : info.imports()) {
      if (!i.module().equals(WasmModuleInfo.WASI_PREVIEW1)) {
        return "it imports " + i.module() + "." + i.name() + ", and a WASI worker provides only "
            + WasmModuleInfo.WASI_PREVIEW1;
      }
    }
    WasmModuleInfo.Export start = info.export("_start");
    if (start == null || start.kind() != WasmModuleInfo.ExternKind.FUNCTION) {
      return "it exports no function _start (a reactor or library module cannot be a whole worker)";
    }
    return "it exports no memory named \"memory\"";
  }

  /**
   * Checks every WebAssembly module of {@code script}.
   *
   * @throws ScriptException naming the module and the reason
   */
  static void check(WorkerScript script, Limits limits) {
    long cap = memoryCap(limits);
    for (Module m : script.modules().values()) {
      if (m.type() != Module.Type.WASM) {
        continue;
      }
      try {
        WasmModuleInfo info = WasmModuleInfo.parse(m.bytes());
        info.checkMemory(cap);
        info.checkTables(MAX_TABLE_ELEMENTS);
        if (script.format() == WorkerScript.Format.WASI && m.name().equals(script.mainModule())) {
          String problem = notWasiCommand(info);
          if (problem != null) {
            throw new ScriptException(m.name(), 0, 0,
                "WebAssembly module " + m.name() + " is not a WASI command: " + problem);
          }
        }
      } catch (WasmModuleInfo.Malformed e) {
        throw new ScriptException(m.name(), 0, 0, "CompileError: " + m.name() + ": " + e.getMessage());
      } catch (WasmModuleInfo.Refused e) {
        throw new ScriptException(m.name(), 0, 0, "WebAssembly module " + m.name() + " refused: " + e.getMessage());
      }
    }
  }
}
