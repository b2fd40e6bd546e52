package dev.islet.graal.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a tenant's WebAssembly binary declares at its boundary — imports, exports, memories, tables,
 * a start function — read by a small strict parser before GraalWasm ever sees the bytes.
 *
 * <p>Why a parser of our own: deploy-time vetting must not instantiate (instantiation allocates the
 * declared minimum memory and runs the start function, which is exactly what we are deciding whether
 * to allow), and a polyglot {@code WebAssembly.Module} only exposes names, not limits. So Islet reads
 * the sections that bound a worker's resources (memory and table limits, including the shared and
 * memory64 flags), its links (imports) and its entry points (exports, start), and skips everything
 * else by its declared size. It does not validate code; GraalWasm does that when the module is
 * compiled. It is deliberately stricter than it needs to be about framing (section order, sizes,
 * LEB128 encodings, index bounds), so that a binary whose boundary we misread is refused rather
 * than half-understood.
 *
 * <p>Limits: the MVP type section is assumed when checking type indices (the GC proposal's rec
 * groups would be counted as one type each); reference types beyond {@code funcref} and {@code
 * externref} (GC, typed function references) are refused as malformed; more than one memory is
 * refused even though multi-memory is a finished proposal, because Islet's memory accounting is per
 * worker, not per memory.
 *
 * <p>Instances are immutable and safe to share. {@link #parse} throws {@link Malformed}; the
 * {@code check*} methods throw {@link Refused}.
 */
final class WasmModuleInfo {
  /** Bytes in one Wasm page. */
  static final long PAGE_BYTES = 65_536;

  /** The only import module a WASI preview1 command may use. */
  static final String WASI_PREVIEW1 = "wasi_snapshot_preview1";

  /** What an import or export refers to; the ordinals are the binary format's kind bytes. */
  enum ExternKind {
    FUNCTION("function"),
    TABLE("table"),
    MEMORY("memory"),
    GLOBAL("global"),
    TAG("tag");

    final String word;

    ExternKind(String word) {
      this.word = word;
    }
  }

  /**
   * The limits of a memory (in 64 KiB pages) or a table (in elements).
   *
   * @param min the initial size
   * @param max the declared maximum, or -1 when there is none
   * @param shared the threads proposal's shared flag (memories only)
   * @param memory64 the memory64 proposal's 64-bit index flag (memories only)
   * @param imported whether the memory or table is imported rather than defined by the module
   */
  record Limits(long min, long max, boolean shared, boolean memory64, boolean imported) {
    boolean hasMax() {
      return max >= 0;
    }
  }

  /**
   * One import. Which of the type fields apply depends on the kind: {@code typeIndex} for functions
   * and tags (else -1); {@code limits} for tables and memories (else null); {@code valueType} for
   * tables (the element reference type) and globals (else null); {@code mutable} for globals.
   */
  record Import(String module, String name, ExternKind kind, int typeIndex, Limits limits, String valueType,
      boolean mutable) {
    @Override
    public String toString() {
      return module + "." + name + " (" + kind.word + ")";
    }
  }

  /** One export: its name, kind, and index in the module's index space of that kind. */
  record Export(String name, ExternKind kind, int index) {}

  /**
   * The bytes are not a WebAssembly binary Islet can read. The message names the byte offset and
   * what was wrong there.
   */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    Malformed(long offset, String what) {
      super("malformed WebAssembly at offset " + offset + ": " + what);
      this.offset = offset;
    }

    long offset() {
      return offset;
    }
  }

  /** A well-formed module that declares something Islet does not run (unbounded or shared memory...). */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  private static final String[] SECTION_NAMES = {
    "custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element",
    "code", "data", "data count", "tag"
  };

  /**
   * Where each non-custom section id must appear, lowest first. Not the ids' order: data count (12)
   * comes before code (10), and the exception-handling proposal's tag section (13) between memory
   * and global.
   */
  private static final int[] SECTION_RANK = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6};

  private final List<Import> imports;
  private final List<Export> exports;
  private final List<Limits> memories;
  private final List<Limits> tables;
  private final List<String> customSections;
  private final int typeCount;
  private final int functionCount;
  private final int importedFunctionCount;
  private final int globalCount;
  private final boolean hasStart;
  private final int dataCount;

  private WasmModuleInfo(Parser p) {
    this.imports = List.copyOf(p.imports);
    this.exports = List.copyOf(p.exports);
    this.memories = List.copyOf(p.memories);
    this.tables = List.copyOf(p.tables);
    this.customSections = List.copyOf(p.customSections);
    this.typeCount = p.typeCount;
    this.functionCount = p.importedFunctions + Math.max(p.definedFunctions, 0);
    this.importedFunctionCount = p.importedFunctions;
    this.globalCount = p.importedGlobals + p.definedGlobals;
    this.hasStart = p.start >= 0;
    this.dataCount = p.dataCount;
  }

  /**
   * Reads the boundary of a WebAssembly binary (version 1).
   *
   * @throws Malformed naming the offset and the fault: bad magic or version, truncation, a section out
   *     of order or overrunning the input, an unknown section id, malformed LEB128, bad limits flags,
   *     an index out of range, more than one memory, a function/code count mismatch, and so on
   */
  static WasmModuleInfo parse(byte[] bytes) {
    Parser p = new Parser(bytes);
    p.module();
    return new WasmModuleInfo(p);
  }

  /** Imports in declaration order. */
  List<Import> imports() {
    return imports;
  }

  /** Exports in declaration order. */
  List<Export> exports() {
    return exports;
  }

  /** Memories in index order: the imported ones first, then the defined ones. */
  List<Limits> memories() {
    return memories;
  }

  /** Tables in index order: the imported ones first, then the defined ones. */
  List<Limits> tables() {
    return tables;
  }

  /** The names of the custom sections, in order (a name may repeat). */
  List<String> customSections() {
    return customSections;
  }

  /** Whether the module has a start function, which runs during instantiation. */
  boolean hasStart() {
    return hasStart;
  }

  /** Functions in the module's index space: imported plus defined. */
  int functionCount() {
    return functionCount;
  }

  /** Functions the module imports. */
  int importedFunctionCount() {
    return importedFunctionCount;
  }

  /** Entries in the type section. */
  int typeCount() {
    return typeCount;
  }

  /** Globals in the module's index space: imported plus defined. */
  int globalCount() {
    return globalCount;
  }

  /** The data count section's value, when present. */
  OptionalInt dataCount() {
    return dataCount < 0 ? OptionalInt.empty() : OptionalInt.of(dataCount);
  }

  /** The export with that name, or null. */
  Export export(String name) {
    for (Export e : exports) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /**
   * Refuses memories a worker's memory limit could not hold: every memory, defined or imported,
   * must declare a maximum whose size in bytes is at most {@code maxBytes}, and must be neither
   * shared (workers are single-threaded; a shared memory is for handing to other threads) nor
   * 64-bit. A declared maximum is what lets the limit hold without watching {@code memory.grow}:
   * GraalWasm stops growth at the maximum with a -1, as the spec says, instead of growing the heap.
   *
   * @throws Refused naming the memory and why
   */
  void checkMemory(long maxBytes) {
    for (int i = 0; i < memories.size(); i++) {
      Limits m = memories.get(i);
      String which = "memory " + i + (m.imported() ? " (imported)" : "");
      if (m.shared()) {
        throw new Refused(which + " is shared; Islet runs each worker on one thread and refuses shared memory");
      }
      if (m.memory64()) {
        throw new Refused(which + " is a 64-bit memory (memory64); Islet supports 32-bit memories only");
      }
      if (!m.hasMax()) {
        throw new Refused(which + " declares no maximum; Islet needs one so the worker's memory limit holds");
      }
      if (m.max() > maxBytes / PAGE_BYTES) {
        throw new Refused(which + " may grow to " + m.max() + " pages (" + m.max() * PAGE_BYTES
            + " bytes), above the worker's memory limit of " + maxBytes + " bytes");
      }
    }
  }

  /**
   * Refuses tables that could grow without bound: every table, defined or imported, must declare
   * a maximum of at most {@code maxElements}.
   *
   * @throws Refused naming the table and why
   */
  void checkTables(long maxElements) {
    for (int i = 0; i < tables.size(); i++) {
      Limits t = tables.get(i);
      String which = "table " + i + (t.imported() ? " (imported)" : "");
      if (!t.hasMax()) {
        throw new Refused(which + " declares no maximum; Islet needs one so the worker's table limit holds");
      }
      if (t.max() > maxElements) {
        throw new Refused(which + " may grow to " + t.max() + " elements, above the limit of " + maxElements);
      }
    }
  }

  /**
   * Whether this is a WASI preview1 command: it imports from {@value #WASI_PREVIEW1} only (or
   * nothing), and exports a function {@code _start} and a memory named {@code memory}, which is
   * where WASI reads and writes the guest's buffers.
   */
  boolean isWasiCommand() {
    for (Import i : imports) {
      if (!i.module().equals(WASI_PREVIEW1)) {
        return false;
      }
    }
    Export start = export("_start");
    Export memory = export("memory");
    return start != null && start.kind() == ExternKind.FUNCTION && memory != null
        && memory.kind() == ExternKind.MEMORY;
  }

  /** One pass over the bytes; {@code end} is the end of the current section, or of the input. */
  private static final class Parser {
    final byte[] b;
    int pos;
    int end;
    int section = -1;

    final List<Import> imports = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<Limits> memories = new ArrayList<>();
    final List<Limits> tables = new ArrayList<>();
    final List<String> customSections = new ArrayList<>();
    int typeCount;
    int importedFunctions;
    int importedGlobals;
    int importedTags;
    int definedFunctions = -1;
    int definedGlobals;
    int definedTags;
    int codeCount = -1;
    int codeOffset;
    int dataCount = -1;
    int dataSegments = -1;
    int dataOffset;
    int start = -1;
    int startOffset;
    final List<Integer> exportOffsets = new ArrayList<>();

    Parser(byte[] b) {
      this.b = b;
      this.end = b.length;
    }

    Malformed error(long at, String what) {
      return new Malformed(at, what);
    }

    void module() {
      if (b.length < 8) {
        throw error(b.length, "truncated header: " + b.length + " bytes, a module starts with 8");
      }
      if (b[0] != 0 || b[1] != 'a' || b[2] != 's' || b[3] != 'm') {
        throw error(0, "bad magic: not a WebAssembly binary (expected 00 61 73 6d)");
      }
      if (b[4] != 1 || b[5] != 0 || b[6] != 0 || b[7] != 0) {
        throw error(4, "unsupported version " + hex(4, 4) + " (Islet reads version 1, 01 00 00 00; "
            + "components are not supported)");
      }
      pos = 8;
      int lastRank = 0;
      int lastId = 0;
      while (pos < b.length) {
        int sectionStart = pos;
        int id = b[pos++] & 0xff;
        if (id >= SECTION_NAMES.length) {
          throw error(sectionStart, "unknown section id " + id);
        }
        int size = u32("section size");
        if (size > b.length - pos) {
          throw error(sectionStart, sectionName(id) + " section declares " + size + " bytes but only "
              + (b.length - pos) + " remain");
        }
        if (id != 0) {
          int rank = SECTION_RANK[id];
          if (rank == lastRank) {
            throw error(sectionStart, "section out of order: a second " + sectionName(id) + " section");
          }
          if (rank < lastRank) {
            throw error(sectionStart, "section out of order: " + sectionName(id) + " section after the "
                + sectionName(lastId) + " section");
          }
          lastRank = rank;
          lastId = id;
        }
        section = id;
        end = pos + size;
        switch (id) {
          case 0:
            customSections.add(name("custom section name"));
            pos = end;
            break;
          case 1:
            typeCount = u32("type count");
            pos = end;
            break;
          case 2:
            importSection();
            break;
          case 3:
            functionSection();
            break;
          case 4:
            tableSection();
            break;
          case 5:
            memorySection();
            break;
          case 6:
            definedGlobals = u32("global count");
            pos = end;
            break;
          case 8:
            startOffset = pos;
            start = u32("start function index");
            break;
          case 7:
            exportSection();
            break;
          case 10:
            codeOffset = pos;
            codeCount = u32("code count");
            pos = end;
            break;
          case 11:
            dataOffset = pos;
            dataSegments = u32("data segment count");
            pos = end;
            break;
          case 12:
            dataCount = u32("data count");
            break;
          case 13:
            definedTags = u32("tag count");
            pos = end;
            break;
          default:
            pos = end; // element: nothing at the boundary
        }
        if (pos != end) {
          throw error(pos, sectionName(id) + " section has " + (end - pos) + " bytes left over after its contents");
        }
        end = b.length;
        section = -1;
      }
      crossChecks();
    }

    void crossChecks() {
      int functions = importedFunctions + Math.max(definedFunctions, 0);
      int defined = Math.max(definedFunctions, 0);
      if (codeCount < 0 ? defined != 0 : codeCount != defined) {
        throw error(codeCount < 0 ? b.length : codeOffset, "function section declares " + defined
            + " functions but the code section has " + Math.max(codeCount, 0) + " bodies");
      }
      if (dataCount >= 0 && Math.max(dataSegments, 0) != dataCount) {
        throw error(dataSegments < 0 ? b.length : dataOffset, "data count section says " + dataCount
            + " segments but the data section has " + Math.max(dataSegments, 0));
      }
      if (start >= 0 && start >= functions) {
        throw error(startOffset, "start function " + start + " out of range: the module has " + functions
            + " functions");
      }
      int[] counts = {functions, tables.size(), memories.size(), importedGlobals + definedGlobals,
          importedTags + definedTags};
      for (int i = 0; i < exports.size(); i++) {
        Export e = exports.get(i);
        int count = counts[e.kind().ordinal()];
        if (e.index() >= count) {
          throw error(exportOffsets.get(i), "export \"" + e.name() + "\" refers to " + e.kind().word
              + " " + e.index() + " but the module has " + count);
        }
      }
    }

    void importSection() {
      long count = u32("import count");
      for (long i = 0; i < count; i++) {
        String module = name("import module name");
        String field = name("import name");
        int kindAt = pos;
        int kind = u8("import kind");
        switch (kind) {
          case 0: {
            int type = typeIndex();
            importedFunctions++;
            imports.add(new Import(module, field, ExternKind.FUNCTION, type, null, null, false));
            break;
          }
          case 1: {
            String ref = refType();
            Limits l = tableLimits(true);
            tables.add(l);
            imports.add(new Import(module, field, ExternKind.TABLE, -1, l, ref, false));
            break;
          }
          case 2: {
            Limits l = memoryLimits(true);
            imports.add(new Import(module, field, ExternKind.MEMORY, -1, l, null, false));
            break;
          }
          case 3: {
            String type = valueType();
            boolean mutable = mutability();
            importedGlobals++;
            imports.add(new Import(module, field, ExternKind.GLOBAL, -1, null, type, mutable));
            break;
          }
          case 4: {
            int attrAt = pos;
            if (u8("tag attribute") != 0) {
              throw error(attrAt, "tag attribute must be 0 (exception)");
            }
            int type = typeIndex();
            importedTags++;
            imports.add(new Import(module, field, ExternKind.TAG, type, null, null, false));
            break;
          }
          default:
            throw error(kindAt, "unknown import kind 0x" + Integer.toHexString(kind) + " for " + module + "."
                + field);
        }
      }
    }

    void functionSection() {
      long count = u32("function count");
      for (long i = 0; i < count; i++) {
        typeIndex();
      }
      definedFunctions = (int) count;
    }

    void tableSection() {
      long count = u32("table count");
      for (long i = 0; i < count; i++) {
        int at = pos;
        if (at < end && b[at] == 0x40) {
          // function-references proposal: a table with an initializer expression
          throw error(at, "tables with initializer expressions are not supported");
        }
        refType();
        tables.add(tableLimits(false));
      }
    }

    void memorySection() {
      long count = u32("memory count");
      for (long i = 0; i < count; i++) {
        memoryLimits(false);
      }
    }

    void exportSection() {
      long count = u32("export count");
      Set<String> seen = new HashSet<>();
      for (long i = 0; i < count; i++) {
        int at = pos;
        String name = name("export name");
        int kindAt = pos;
        int kind = u8("export kind");
        if (kind > 4) {
          throw error(kindAt, "unknown export kind 0x" + Integer.toHexString(kind) + " for \"" + name + "\"");
        }
        int index = u32("export index");
        if (!seen.add(name)) {
          throw error(at, "duplicate export name \"" + name + "\"");
        }
        exports.add(new Export(name, ExternKind.values()[kind], index));
        exportOffsets.add(at);
      }
    }

    int typeIndex() {
      int at = pos;
      int type = u32("type index");
      if (type >= typeCount) {
        throw error(at, "type index " + type + " out of range: the module declares " + typeCount + " types");
      }
      return type;
    }

    String refType() {
      int at = pos;
      int t = u8("reference type");
      switch (t) {
        case 0x70:
          return "funcref";
        case 0x6f:
          return "externref";
        default:
          throw error(at, "unsupported reference type 0x" + Integer.toHexString(t));
      }
    }

    String valueType() {
      int at = pos;
      int t = u8("value type");
      switch (t) {
        case 0x7f:
          return "i32";
        case 0x7e:
          return "i64";
        case 0x7d:
          return "f32";
        case 0x7c:
          return "f64";
        case 0x7b:
          return "v128";
        case 0x70:
          return "funcref";
        case 0x6f:
          return "externref";
        default:
          throw error(at, "unsupported value type 0x" + Integer.toHexString(t));
      }
    }

    boolean mutability() {
      int at = pos;
      int m = u8("global mutability");
      if (m > 1) {
        throw error(at, "bad global mutability 0x" + Integer.toHexString(m) + " (expected 0 or 1)");
      }
      return m == 1;
    }

    Limits tableLimits(boolean imported) {
      int at = pos;
      int flags = u8("limits flags");
      if (flags > 1) {
        throw error(at, "bad limits flags 0x" + Integer.toHexString(flags) + " for a table (expected 0 or 1)");
      }
      long min = u32Value("table minimum");
      long max = flags == 1 ? u32Value("table maximum") : -1;
      if (max >= 0 && min > max) {
        throw error(at, "table minimum " + min + " above its maximum " + max);
      }
      return new Limits(min, max, false, false, imported);
    }

    Limits memoryLimits(boolean imported) {
      int at = pos;
      int flags = u8("limits flags");
      // bit 0: has maximum; bit 1: shared (threads); bit 2: 64-bit (memory64)
      if (flags > 7) {
        throw error(at, "bad limits flags 0x" + Integer.toHexString(flags) + " for a memory (expected 0 to 7)");
      }
      boolean hasMax = (flags & 1) != 0;
      boolean shared = (flags & 2) != 0;
      boolean is64 = (flags & 4) != 0;
      if (shared && !hasMax) {
        throw error(at, "shared memory without a maximum");
      }
      long min = is64 ? u64("memory minimum") : u32Value("memory minimum");
      long max = hasMax ? (is64 ? u64("memory maximum") : u32Value("memory maximum")) : -1;
      long pagesLimit = is64 ? 1L << 48 : 1L << 16;
      if (min > pagesLimit || max > pagesLimit) {
        throw error(at, "memory size above " + pagesLimit + " pages");
      }
      if (hasMax && min > max) {
        throw error(at, "memory minimum " + min + " above its maximum " + max);
      }
      if (memories.size() == 1) {
        throw error(at, "more than one memory (Islet accounts memory per worker and refuses multi-memory)");
      }
      Limits l = new Limits(min, max, shared, is64, imported);
      memories.add(l);
      return l;
    }

    int u8(String what) {
      if (pos >= end) {
        throw truncated(what);
      }
      return b[pos++] & 0xff;
    }

    /** An unsigned LEB128 of at most 32 bits that counts bytes or indexes them, so it fits an int. */
    int u32(String what) {
      int at = pos;
      long result = u32Value(what);
      if (result > Integer.MAX_VALUE) {
        // No count, size or index of a module Islet reads can be this large: they all count bytes.
        throw error(at, what + " " + result + " is too large");
      }
      return (int) result;
    }

    /** An unsigned LEB128 of at most 32 bits (at most 5 bytes, unused bits of the 5th zero). */
    long u32Value(String what) {
      int at = pos;
      long result = 0;
      for (int shift = 0; ; shift += 7) {
        if (shift == 35) {
          throw error(at, "malformed LEB128 " + what + ": longer than 5 bytes");
        }
        int v = u8(what);
        result |= (long) (v & 0x7f) << shift;
        if ((v & 0x80) == 0) {
          if (result > 0xffff_ffffL) {
            throw error(at, "malformed LEB128 " + what + ": overflows 32 bits");
          }
          return result;
        }
      }
    }

    /** An unsigned LEB128 of at most 64 bits, which must also fit a signed long. */
    long u64(String what) {
      int at = pos;
      long result = 0;
      for (int shift = 0; ; shift += 7) {
        if (shift == 70) {
          throw error(at, "malformed LEB128 " + what + ": longer than 10 bytes");
        }
        int v = u8(what);
        if (shift == 63 && (v & 0x7e) != 0) {
          throw error(at, "malformed LEB128 " + what + ": overflows 64 bits");
        }
        result |= (long) (v & 0x7f) << shift;
        if ((v & 0x80) == 0) {
          if (result < 0) {
            throw error(at, what + " too large");
          }
          return result;
        }
      }
    }

    String name(String what) {
      int at = pos;
      int length = u32(what + " length");
      if (length > end - pos) {
        throw truncated(what);
      }
      try {
        String s = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b, pos, length))
            .toString();
        pos += length;
        return s;
      } catch (CharacterCodingException e) {
        throw error(at, what + " is not valid UTF-8");
      }
    }

    Malformed truncated(String what) {
      if (section >= 0) {
        return error(pos, "unexpected end of the " + sectionName(section) + " section reading the " + what);
      }
      return error(pos, "truncated input reading the " + what);
    }

    String hex(int from, int count) {
      StringBuilder sb = new StringBuilder();
      for (int i = from; i < from + count; i++) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(String.format("%02x", b[i] & 0xff));
      }
      return sb.toString();
    }

    static String sectionName(int sectionId) {
      return SECTION_NAMES[sectionId];
    }
  }
}
