package dev.islet.graal.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.islet.graal.internal.WasmModuleInfo.Export;
import dev.islet.graal.internal.WasmModuleInfo.ExternKind;
import dev.islet.graal.internal.WasmModuleInfo.Import;
import dev.islet.graal.internal.WasmModuleInfo.Limits;
import dev.islet.graal.internal.WasmModuleInfo.Malformed;
import dev.islet.graal.internal.WasmModuleInfo.Refused;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("WasmModuleInfo: a strict reader of a Wasm binary's boundary, used to vet tenant modules at deploy")
class WasmModuleInfoTest {
  private static final long MIB = 1024 * 1024;

  // ---- a tiny assembler for test modules: header, sections of id + LEB128 size + payload ----

  static byte[] module(byte[]... sections) {
    return concat(bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00), concat(sections));
  }

  static byte[] section(int id, byte[]... payload) {
    byte[] p = concat(payload);
    return concat(bytes(id), leb(p.length), p);
  }

  static byte[] vec(byte[]... items) {
    return concat(leb(items.length), concat(items));
  }

  static byte[] name(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return concat(leb(utf8.length), utf8);
  }

  static byte[] leb(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v == 0 ? b : b | 0x80);
    } while (v != 0);
    return out.toByteArray();
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** One type, () -> (). */
  static final byte[] TYPES = section(1, vec(bytes(0x60, 0, 0)));
  /** One function of type 0 and its empty body. */
  static final byte[] ONE_FUNCTION = section(3, vec(leb(0)));
  static final byte[] ONE_BODY = section(10, vec(bytes(2, 0, 0x0b)));

  static byte[] memory(byte[] limits) {
    return section(5, vec(limits));
  }

  static byte[] importSection(byte[]... imports) {
    return section(2, vec(imports));
  }

  static byte[] exportSection(byte[]... exports) {
    return section(7, vec(exports));
  }

  static byte[] export(String name, int kind, int index) {
    return concat(name(name), bytes(kind), leb(index));
  }

  static Malformed malformed(byte[] module, String fragment) {
    Malformed e = assertThrows(Malformed.class, () -> WasmModuleInfo.parse(module));
    assertTrue(e.getMessage().contains(fragment), () -> "expected \"" + fragment + "\" in: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("malformed WebAssembly at offset " + e.offset() + ": "), e.getMessage());
    return e;
  }

  static Refused refused(Runnable check, String fragment) {
    Refused e = assertThrows(Refused.class, check::run);
    assertTrue(e.getMessage().contains(fragment), () -> "expected \"" + fragment + "\" in: " + e.getMessage());
    return e;
  }

  static byte[] fixture(String name) {
    try (InputStream in = WasmModuleInfoTest.class.getResourceAsStream("/dev/islet/graal/wasm/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> names(List<Export> exports) {
    return exports.stream().map(Export::name).collect(Collectors.toList());
  }

  @Nested
  @DisplayName("the committed fixtures")
  class Fixtures {
    @Test
    @DisplayName("add.wasm exports add, fib, sum and a memory of 1 page with a maximum of 2")
    void add() {
      WasmModuleInfo m = WasmModuleInfo.parse(fixture("add.wasm"));
      assertEquals(List.of("memory", "add", "fib", "sum"), names(m.exports()));
      assertEquals(new Export("memory", ExternKind.MEMORY, 0), m.export("memory"));
      assertEquals(ExternKind.FUNCTION, m.export("fib").kind());
      assertEquals(List.of(new Limits(1, 2, false, false, false)), m.memories());
      assertEquals(List.of(), m.imports());
      assertEquals(List.of(), m.tables());
      assertEquals(3, m.functionCount());
      assertFalse(m.hasStart());
      assertFalse(m.isWasiCommand());
      assertDoesNotThrow(() -> m.checkMemory(2 * WasmModuleInfo.PAGE_BYTES));
      refused(() -> m.checkMemory(WasmModuleInfo.PAGE_BYTES),
          "memory 0 may grow to 2 pages (131072 bytes), above the worker's memory limit of 65536 bytes");
    }

    @Test
    @DisplayName("imported.wasm imports the function env.log and the immutable i32 global env.scale")
    void imported() {
      WasmModuleInfo m = WasmModuleInfo.parse(fixture("imported.wasm"));
      assertEquals(2, m.imports().size());
      Import log = m.imports().get(0);
      assertEquals("env", log.module());
      assertEquals("log", log.name());
      assertEquals(ExternKind.FUNCTION, log.kind());
      assertEquals(new Import("env", "scale", ExternKind.GLOBAL, -1, null, "i32", false), m.imports().get(1));
      assertEquals(2, m.functionCount());
      assertEquals(1, m.importedFunctionCount());
      assertEquals(1, m.globalCount());
      assertEquals(List.of("run"), names(m.exports()));
      assertEquals(1, m.export("run").index());
      assertEquals(List.of(), m.memories());
      assertDoesNotThrow(() -> m.checkMemory(0));
    }

    @Test
    @DisplayName("loop.wasm passes the checks: its memory is bounded, only the CPU limit can stop spin()")
    void loop() {
      WasmModuleInfo m = WasmModuleInfo.parse(fixture("loop.wasm"));
      assertEquals(List.of(new Limits(1, 1, false, false, false)), m.memories());
      m.checkMemory(128 * MIB);
      m.checkTables(10_000);
      assertEquals(ExternKind.FUNCTION, m.export("spin").kind());
    }

    @Test
    @DisplayName("grow.wasm, a growth bomb with a 4 GiB maximum, is refused")
    void grow() {
      WasmModuleInfo m = WasmModuleInfo.parse(fixture("grow.wasm"));
      assertEquals(List.of(new Limits(1, 65536, false, false, false)), m.memories());
      refused(() -> m.checkMemory(128 * MIB), "memory 0 may grow to 65536 pages (4294967296 bytes), above the "
          + "worker's memory limit of 134217728 bytes");
      assertDoesNotThrow(() -> m.checkMemory(4096 * MIB));
    }

    @Test
    @DisplayName("nomax.wasm, a memory without a maximum, is refused")
    void nomax() {
      WasmModuleInfo m = WasmModuleInfo.parse(fixture("nomax.wasm"));
      assertEquals(List.of(new Limits(1, -1, false, false, false)), m.memories());
      assertFalse(m.memories().get(0).hasMax());
      Refused e = refused(() -> m.checkMemory(Long.MAX_VALUE), "");
      assertEquals("memory 0 declares no maximum; Islet needs one so the worker's memory limit holds", e.getMessage());
    }

    @Test
    @DisplayName("bigtable.wasm, a table without a maximum, is refused")
    void bigtable() {
      WasmModuleInfo m = WasmModuleInfo.parse(fixture("bigtable.wasm"));
      assertEquals(List.of(new Limits(10, -1, false, false, false)), m.tables());
      refused(() -> m.checkTables(1_000_000), "table 0 declares no maximum");
      assertDoesNotThrow(() -> m.checkMemory(0));
    }

    @Test
    @DisplayName("unlinkable.wasm parses; its import env.missing is visible before linking")
    void unlinkable() {
      WasmModuleInfo m = WasmModuleInfo.parse(fixture("unlinkable.wasm"));
      assertEquals(List.of(new Import("env", "missing", ExternKind.FUNCTION, 0, null, null, false)), m.imports());
    }

    @Test
    @DisplayName("wasi_hello.wasm and wasi_exit.wasm are WASI commands; the others are not")
    void wasi() {
      WasmModuleInfo hello = WasmModuleInfo.parse(fixture("wasi_hello.wasm"));
      assertTrue(hello.isWasiCommand());
      assertEquals(List.of("fd_read", "fd_write", "environ_sizes_get", "environ_get", "proc_exit"),
          hello.imports().stream().map(Import::name).collect(Collectors.toList()));
      assertTrue(hello.imports().stream().allMatch(i -> i.module().equals("wasi_snapshot_preview1")));
      assertEquals(List.of(new Limits(2, 16, false, false, false)), hello.memories());
      hello.checkMemory(16 * WasmModuleInfo.PAGE_BYTES);
      assertTrue(WasmModuleInfo.parse(fixture("wasi_exit.wasm")).isWasiCommand());
      for (String other : List.of("add.wasm", "imported.wasm", "loop.wasm", "unlinkable.wasm")) {
        assertFalse(WasmModuleInfo.parse(fixture(other)).isWasiCommand(), other);
      }
    }

    @Test
    @DisplayName("malformed.wasm is malformed at offset 8: an unknown section id")
    void malformedFixture() {
      Malformed e = malformed(fixture("malformed.wasm"), "unknown section id 255");
      assertEquals(8, e.offset());
    }
  }

  @Nested
  @DisplayName("framing faults are Malformed, naming the offset and the fault")
  class Framing {
    @Test
    @DisplayName("the smallest module, header only, is well-formed and empty")
    void emptyModule() {
      WasmModuleInfo m = WasmModuleInfo.parse(module());
      assertEquals(0, m.functionCount());
      assertEquals(List.of(), m.exports());
      assertFalse(m.hasStart());
      assertFalse(m.isWasiCommand());
    }

    @Test
    @DisplayName("bad magic, bad version and a short header")
    void header() {
      assertEquals(0, malformed(bytes(0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0), "bad magic").offset());
      assertEquals(4, malformed(bytes(0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0), "unsupported version 02 00 00 00").offset());
      // a component-model binary: layer 1, version 0x0d
      malformed(bytes(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00), "components are not supported");
      assertEquals(0, malformed(new byte[0], "truncated header: 0 bytes").offset());
      malformed(bytes(0x00, 0x61, 0x73, 0x6d, 1, 0, 0), "truncated header: 7 bytes");
      malformed("<html>not wasm</html>".getBytes(StandardCharsets.US_ASCII), "bad magic");
    }

    @Test
    @DisplayName("a section whose size overruns the input")
    void sizeOverrun() {
      byte[] m = module(bytes(1, 10, 1, 0x60, 0, 0));
      Malformed e = malformed(m, "type section declares 10 bytes but only 4 remain");
      assertEquals(8, e.offset());
    }

    @Test
    @DisplayName("input truncated inside a section size, and inside a section's contents")
    void truncated() {
      malformed(concat(module(), bytes(1)), "truncated input reading the section size");
      malformed(concat(module(), bytes(1, 0x80)), "truncated input reading the section size");
      malformed(module(section(2, leb(1), name("env"))), "unexpected end of the import section reading the import name");
      malformed(module(section(0)), "unexpected end of the custom section reading the custom section name length");
    }

    @Test
    @DisplayName("sections out of order, and a section twice; custom sections may appear anywhere")
    void order() {
      malformed(module(memory(bytes(0, 1)), TYPES), "section out of order: type section after the memory section");
      malformed(module(TYPES, TYPES), "section out of order: a second type section");
      malformed(module(section(11, leb(0)), section(12, leb(0))),
          "section out of order: data count section after the data section");
      byte[] custom = section(0, name("meta"), bytes(1, 2, 3));
      WasmModuleInfo m = WasmModuleInfo.parse(module(custom, TYPES, section(0, name("name")), ONE_FUNCTION,
          section(0, name("")), section(12, leb(0)), ONE_BODY, section(11, leb(0)), custom));
      assertEquals(List.of("meta", "name", "", "meta"), m.customSections());
      assertEquals(1, m.functionCount());
      assertEquals(0, m.dataCount().getAsInt());
    }

    @Test
    @DisplayName("an unknown section id")
    void unknownSection() {
      Malformed e = malformed(module(TYPES, section(14)), "unknown section id 14");
      assertEquals(8 + TYPES.length, e.offset());
    }

    @Test
    @DisplayName("LEB128 that is too long or overflows 32 bits")
    void leb128() {
      // section size 0 written in 6 bytes
      Malformed tooLong = malformed(concat(module(), bytes(1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)),
          "malformed LEB128 section size: longer than 5 bytes");
      assertEquals(9, tooLong.offset());
      // 5 bytes, but the 5th has bits above 32 set
      malformed(concat(module(), bytes(1, 0xff, 0xff, 0xff, 0xff, 0x1f)), "malformed LEB128 section size: overflows 32 bits");
      // padded but canonical-enough LEB128 (the spec allows it) is fine
      WasmModuleInfo.parse(concat(module(), bytes(1, 0x84, 0x80, 0x80, 0x80, 0x00, 1, 0x60, 0, 0)));
      malformed(module(section(1, bytes(0xff, 0xff, 0xff, 0xff, 0x0f))), "type count 4294967295 is too large");
    }

    @Test
    @DisplayName("bytes left over at the end of a section")
    void leftOver() {
      malformed(module(section(8, leb(0), bytes(0))), "start section has 1 bytes left over after its contents");
    }

    @Test
    @DisplayName("names that are not UTF-8, unknown import and export kinds, duplicate exports")
    void contents() {
      malformed(module(section(2, leb(1), leb(2), bytes(0xc3, 0x28), name("x"), bytes(0), leb(0))),
          "import module name is not valid UTF-8");
      malformed(module(TYPES, importSection(concat(name("env"), name("x"), bytes(5), leb(0)))),
          "unknown import kind 0x5 for env.x");
      malformed(module(TYPES, ONE_FUNCTION, exportSection(export("f", 7, 0)), ONE_BODY),
          "unknown export kind 0x7 for \"f\"");
      malformed(module(TYPES, ONE_FUNCTION, exportSection(export("f", 0, 0), export("f", 0, 0)), ONE_BODY),
          "duplicate export name \"f\"");
      malformed(module(TYPES, importSection(concat(name("env"), name("g"), bytes(3, 0x7f, 2)))),
          "bad global mutability 0x2");
      malformed(module(TYPES, importSection(concat(name("env"), name("g"), bytes(3, 0x40, 0)))),
          "unsupported value type 0x40");
    }

    @Test
    @DisplayName("indices out of range: types, exports, the start function")
    void indices() {
      malformed(module(TYPES, section(3, vec(leb(1))), ONE_BODY), "type index 1 out of range: the module declares 1 types");
      malformed(module(TYPES, ONE_FUNCTION, exportSection(export("f", 0, 1)), ONE_BODY),
          "export \"f\" refers to function 1 but the module has 1");
      malformed(module(exportSection(export("memory", 2, 0))), "export \"memory\" refers to memory 0 but the module has 0");
      malformed(module(TYPES, ONE_FUNCTION, section(8, leb(3)), ONE_BODY),
          "start function 3 out of range: the module has 1 functions");
    }

    @Test
    @DisplayName("a function section without a matching code section, and a data count that does not match")
    void counts() {
      malformed(module(TYPES, ONE_FUNCTION), "function section declares 1 functions but the code section has 0 bodies");
      malformed(module(TYPES, ONE_BODY), "function section declares 0 functions but the code section has 1 bodies");
      malformed(module(section(12, leb(2)), section(11, leb(1), bytes(1, 0))),
          "data count section says 2 segments but the data section has 1");
    }
  }

  @Nested
  @DisplayName("memories and tables")
  class MemoriesAndTables {
    @Test
    @DisplayName("limits with and without a maximum")
    void limits() {
      assertEquals(List.of(new Limits(3, -1, false, false, false)),
          WasmModuleInfo.parse(module(memory(bytes(0, 3)))).memories());
      assertEquals(List.of(new Limits(0, 65536, false, false, false)),
          WasmModuleInfo.parse(module(memory(concat(bytes(1, 0), leb(65536))))).memories());
      malformed(module(memory(concat(bytes(1, 0), leb(65537)))), "memory size above 65536 pages");
      malformed(module(memory(bytes(1, 3, 2))), "memory minimum 3 above its maximum 2");
      malformed(module(section(4, vec(bytes(0x70, 1, 5, 4)))), "table minimum 5 above its maximum 4");
    }

    @Test
    @DisplayName("bad limits flags")
    void badFlags() {
      Malformed e = malformed(module(memory(bytes(8, 1))), "bad limits flags 0x8 for a memory");
      assertEquals(11, e.offset());
      malformed(module(section(4, vec(bytes(0x70, 2, 1)))), "bad limits flags 0x2 for a table");
      malformed(module(memory(bytes(2, 1))), "shared memory without a maximum");
      malformed(module(section(4, vec(bytes(0x6e, 0, 1)))), "unsupported reference type 0x6e");
    }

    @Test
    @DisplayName("more than one memory, defined or imported, is malformed")
    void multiMemory() {
      malformed(module(section(5, vec(bytes(0, 1), bytes(0, 1)))), "more than one memory");
      malformed(module(importSection(concat(name("env"), name("mem"), bytes(2, 1, 1, 1))), memory(bytes(0, 1))),
          "more than one memory");
    }

    @Test
    @DisplayName("an imported memory comes first and is checked like a defined one")
    void importedMemory() {
      WasmModuleInfo m = WasmModuleInfo.parse(module(importSection(concat(name("env"), name("mem"), bytes(2, 0, 1)))));
      Limits limits = new Limits(1, -1, false, false, true);
      assertEquals(List.of(limits), m.memories());
      assertEquals(new Import("env", "mem", ExternKind.MEMORY, -1, limits, null, false), m.imports().get(0));
      refused(() -> m.checkMemory(MIB), "memory 0 (imported) declares no maximum");

      WasmModuleInfo bounded = WasmModuleInfo.parse(module(importSection(concat(name("env"), name("mem"),
          bytes(2, 1, 1, 16)))));
      bounded.checkMemory(MIB);
      refused(() -> bounded.checkMemory(MIB - 1), "memory 0 (imported) may grow to 16 pages");
    }

    @Test
    @DisplayName("a shared memory parses but is refused")
    void shared() {
      WasmModuleInfo m = WasmModuleInfo.parse(module(memory(bytes(3, 1, 2))));
      assertEquals(List.of(new Limits(1, 2, true, false, false)), m.memories());
      refused(() -> m.checkMemory(Long.MAX_VALUE), "memory 0 is shared");
    }

    @Test
    @DisplayName("a 64-bit memory parses, its limits read as 64-bit LEB128, but is refused")
    void memory64() {
      WasmModuleInfo m = WasmModuleInfo.parse(module(memory(concat(bytes(5), leb(1), leb(1L << 40)))));
      assertEquals(List.of(new Limits(1, 1L << 40, false, true, false)), m.memories());
      refused(() -> m.checkMemory(Long.MAX_VALUE), "memory 0 is a 64-bit memory");
      assertTrue(WasmModuleInfo.parse(module(memory(bytes(4, 1)))).memories().get(0).memory64());
      assertEquals(new Limits(1, 2, true, true, false), WasmModuleInfo.parse(module(memory(bytes(7, 1, 2)))).memories().get(0));
      malformed(module(memory(concat(bytes(4), leb(1L << 49)))), "memory size above 281474976710656 pages");
      malformed(module(memory(concat(bytes(4), bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02)))),
          "malformed LEB128 memory minimum: overflows 64 bits");
      malformed(module(memory(concat(bytes(4), bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0)))),
          "malformed LEB128 memory minimum: longer than 10 bytes");
    }

    @Test
    @DisplayName("tables: imported first, then defined; each must declare a bounded maximum")
    void tables() {
      WasmModuleInfo m = WasmModuleInfo.parse(module(
          importSection(concat(name("env"), name("t"), bytes(1, 0x6f, 1, 0, 100))),
          section(4, vec(bytes(0x70, 1, 1, 50)))));
      assertEquals(List.of(new Limits(0, 100, false, false, true), new Limits(1, 50, false, false, false)), m.tables());
      assertEquals("externref", m.imports().get(0).valueType());
      m.checkTables(100);
      refused(() -> m.checkTables(99), "table 0 (imported) may grow to 100 elements, above the limit of 99");
      // a table's limits use the whole u32 range
      WasmModuleInfo huge = WasmModuleInfo.parse(module(section(4, vec(concat(bytes(0x70, 1, 0), leb(0xffff_ffffL))))));
      assertEquals(0xffff_ffffL, huge.tables().get(0).max());
      refused(() -> huge.checkTables(10_000), "table 0 may grow to 4294967295 elements, above the limit of 10000");
    }
  }

  @Nested
  @DisplayName("exports, start and WASI")
  class EntryPoints {
    @Test
    @DisplayName("exports of every kind, and a start function")
    void exportsAndStart() {
      WasmModuleInfo m = WasmModuleInfo.parse(module(TYPES, ONE_FUNCTION, section(4, vec(bytes(0x70, 1, 1, 1))),
          memory(bytes(1, 1, 1)), section(6, vec(bytes(0x7f, 0, 0x41, 0, 0x0b))),
          exportSection(export("f", 0, 0), export("t", 1, 0), export("m", 2, 0), export("g", 3, 0)),
          section(8, leb(0)), ONE_BODY));
      assertEquals(List.of(new Export("f", ExternKind.FUNCTION, 0), new Export("t", ExternKind.TABLE, 0),
          new Export("m", ExternKind.MEMORY, 0), new Export("g", ExternKind.GLOBAL, 0)), m.exports());
      assertTrue(m.hasStart());
      assertEquals(1, m.globalCount());
      assertNull(m.export("nope"));
    }

    @Test
    @DisplayName("a WASI command imports only from wasi_snapshot_preview1 and exports _start and memory")
    void wasiCommand() {
      byte[] types = section(1, vec(bytes(0x60, 0, 0), bytes(0x60, 1, 0x7f, 0)));
      byte[] wasiImport = concat(name("wasi_snapshot_preview1"), name("proc_exit"), bytes(0), leb(1));
      byte[] mem = memory(bytes(1, 1, 1));
      assertTrue(WasmModuleInfo.parse(module(types, importSection(wasiImport), ONE_FUNCTION, mem,
          exportSection(export("_start", 0, 1), export("memory", 2, 0)), ONE_BODY)).isWasiCommand());
      // no imports at all is still a command
      assertTrue(WasmModuleInfo.parse(module(TYPES, ONE_FUNCTION, mem,
          exportSection(export("_start", 0, 0), export("memory", 2, 0)), ONE_BODY)).isWasiCommand());
      // an import from elsewhere
      byte[] envImport = concat(name("env"), name("f"), bytes(0), leb(0));
      assertFalse(WasmModuleInfo.parse(module(types, importSection(wasiImport, envImport), ONE_FUNCTION, mem,
          exportSection(export("_start", 0, 2), export("memory", 2, 0)), ONE_BODY)).isWasiCommand());
      // no memory export, or _start that is not a function
      assertFalse(WasmModuleInfo.parse(module(TYPES, ONE_FUNCTION, mem,
          exportSection(export("_start", 0, 0)), ONE_BODY)).isWasiCommand());
      assertFalse(WasmModuleInfo.parse(module(TYPES, ONE_FUNCTION, mem,
          exportSection(export("_start", 2, 0), export("memory", 2, 0)), ONE_BODY)).isWasiCommand());
      // a reactor exports _initialize instead
      assertFalse(WasmModuleInfo.parse(module(TYPES, ONE_FUNCTION, mem,
          exportSection(export("_initialize", 0, 0), export("memory", 2, 0)), ONE_BODY)).isWasiCommand());
    }
  }

  @Test
  @DisplayName("fuzz: every truncation and 20,000 random corruptions of the fixtures either parse or are Malformed")
  void fuzz() {
    List<String> fixtures = List.of("add.wasm", "imported.wasm", "loop.wasm", "grow.wasm", "nomax.wasm",
        "bigtable.wasm", "unlinkable.wasm", "wasi_hello.wasm", "wasi_exit.wasm");
    Random random = new Random(20261127L);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (String name : fixtures) {
        byte[] valid = fixture(name);
        WasmModuleInfo.parse(valid);
        for (int length = 0; length < valid.length; length++) {
          byte[] cut = java.util.Arrays.copyOf(valid, length);
          // a cut at a section boundary is a well-formed module missing its tail, unless counts disagree
          parseOrMalformed(cut, name + " cut at " + length);
        }
        for (int round = 0; round < 20_000 / fixtures.size(); round++) {
          byte[] corrupt = valid.clone();
          int flips = 1 + random.nextInt(4);
          for (int f = 0; f < flips; f++) {
            int at = 8 + random.nextInt(corrupt.length - 8);
            corrupt[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) (corrupt[at] ^ (1 << random.nextInt(8)));
          }
          parseOrMalformed(corrupt, name + " round " + round);
        }
      }
    });
  }

  @Test
  @DisplayName("a truncated fixture is malformed at or before its end")
  void truncatedFixture() {
    byte[] valid = fixture("wasi_hello.wasm");
    byte[] cut = java.util.Arrays.copyOf(valid, valid.length - 1);
    Malformed e = assertThrows(Malformed.class, () -> WasmModuleInfo.parse(cut));
    assertTrue(e.offset() <= cut.length, e.getMessage());
    assertArrayEquals(valid, fixture("wasi_hello.wasm"), "fixtures are read fresh each time");
  }

  private static void parseOrMalformed(byte[] bytes, String what) {
    try {
      WasmModuleInfo.parse(bytes);
    } catch (Malformed expected) {
      if (expected.offset() < 0 || expected.offset() > bytes.length) {
        fail(what + ": offset out of the input: " + expected.getMessage());
      }
    } catch (RuntimeException | Error e) {
      throw new AssertionError(what + ": " + e, e);
    }
  }
}
