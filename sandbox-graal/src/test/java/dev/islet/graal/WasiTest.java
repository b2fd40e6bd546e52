package dev.islet.graal;

import static dev.islet.graal.WasmTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.Binding;
import dev.islet.DispatchOptions;
import dev.islet.GuestException;
import dev.islet.InvocationEvent;
import dev.islet.LimitExceededException;
import dev.islet.Limits;
import dev.islet.Module;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.ScriptException;
import dev.islet.ScriptInfo;
import dev.islet.ScriptQuery;
import dev.islet.WorkerScript;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("WASI workers: a wasm32-wasi command as a whole worker, run as a CGI program per request")
class WasiTest extends RuntimeFixture {
  /** A WASI command whose _start traps at once ({@code unreachable}); imports nothing. */
  private static final byte[] TRAP = {
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
      0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type 0: () -> ()
      0x03, 0x02, 0x01, 0x00, // function 0: type 0
      0x05, 0x04, 0x01, 0x01, 0x01, 0x01, // memory: min 1, max 1
      0x07, 0x13, 0x02, 0x06, '_', 's', 't', 'a', 'r', 't', 0x00, 0x00, 0x06, 'm', 'e', 'm', 'o', 'r', 'y', 0x02, 0x00,
      0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // code: unreachable
  };

  /**
   * A WASI command that writes {@code stdout} with one fd_write, then calls proc_exit({@code code}).
   * Assembled here (the shape of wasi_exit.wat) so each CGI case needs no fixture of its own.
   */
  static byte[] printer(String stdout, int code) {
    byte[] text = stdout.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
    // types: 0 = (i32 i32 i32 i32) -> i32, 1 = (i32) -> (), 2 = () -> ()
    section(m, 1, bytes(3, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f, 0x60, 1, 0x7f, 0, 0x60, 0, 0));
    ByteArrayOutputStream imports = new ByteArrayOutputStream();
    imports.write(2);
    for (String[] i : new String[][] {{"fd_write", "0"}, {"proc_exit", "1"}}) {
      name(imports, "wasi_snapshot_preview1");
      name(imports, i[0]);
      imports.write(0);
      imports.write(Integer.parseInt(i[1]));
    }
    section(m, 2, imports.toByteArray());
    section(m, 3, bytes(1, 2)); // function 2: type 2
    section(m, 5, bytes(1, 1, 1, 1)); // memory: min 1, max 1
    ByteArrayOutputStream exports = new ByteArrayOutputStream();
    exports.write(2);
    name(exports, "_start");
    exports.writeBytes(bytes(0, 2));
    name(exports, "memory");
    exports.writeBytes(bytes(2, 0));
    section(m, 7, exports.toByteArray());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(0); // no locals
    body.writeBytes(bytes(0x41, 0, 0x41, 0xc0, 0, 0x36, 2, 0)); // iovec.buf = 64
    body.writeBytes(bytes(0x41, 4, 0x41));
    sleb(body, text.length);
    body.writeBytes(bytes(0x36, 2, 0)); // iovec.len
    body.writeBytes(bytes(0x41, 1, 0x41, 0, 0x41, 1, 0x41, 8, 0x10, 0, 0x1a)); // drop(fd_write(1, 0, 1, 8))
    body.write(0x41);
    sleb(body, code);
    body.writeBytes(bytes(0x10, 1, 0x0b)); // proc_exit(code)
    ByteArrayOutputStream code1 = new ByteArrayOutputStream();
    code1.write(1);
    uleb(code1, body.size());
    code1.writeBytes(body.toByteArray());
    section(m, 10, code1.toByteArray());
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(bytes(1, 0, 0x41, 0xc0, 0, 0x0b)); // one active segment at 64
    uleb(data, text.length);
    data.writeBytes(text);
    section(m, 11, data.toByteArray());
    return m.toByteArray();
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static void section(ByteArrayOutputStream m, int id, byte[] content) {
    m.write(id);
    uleb(m, content.length);
    m.writeBytes(content);
  }

  private static void name(ByteArrayOutputStream out, String name) {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    uleb(out, b.length);
    out.writeBytes(b);
  }

  private static void uleb(ByteArrayOutputStream out, int v) {
    do {
      int b = v & 0x7f;
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  private static void sleb(ByteArrayOutputStream out, int v) {
    while (true) {
      int b = v & 0x7f;
      v >>= 7;
      if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
        out.write(b);
        return;
      }
      out.write(b | 0x80);
    }
  }

  private Namespace deployWasi(String name, byte[] wasm, Map<String, Binding> bindings) {
    Namespace ns = freshNamespace();
    WorkerScript.Builder b = WorkerScript.newBuilder("w").wasi(name, wasm);
    bindings.forEach(b::binding);
    ns.deploy(b.build());
    return ns;
  }

  /** The body of wasi_env's answer as a map of its KEY=VALUE lines (path_open's line included). */
  private static Map<String, String> variables(Response r) {
    Map<String, String> vars = new TreeMap<>();
    for (String line : r.body().text().split("\n")) {
      int eq = line.indexOf('=');
      vars.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return vars;
  }

  @Test
  @DisplayName("a WASI CGI program answers GET and POST: stdin is the body, REQUEST_METHOD is set")
  void helloGetAndPost() {
    Namespace ns = deployWasi("hello.wasm", fixture("wasi_hello.wasm"), Map.of());
    Response get = get(ns, "https://w.example/");
    assertEquals(200, get.status());
    assertEquals("text/plain", get.headers().get("content-type").orElse(null));
    assertEquals("method=GET body=", get.body().text());
    for (int i = 0; i < 2; i++) { // a new process per request: nothing carries over
      Response post = call(ns, "w", Request.newBuilder("https://w.example/submit").method("POST")
          .body("hello body " + i).build());
      assertEquals(200, post.status());
      assertEquals("OK", post.statusText());
      assertEquals("text/plain", post.headers().get("content-type").orElse(null));
      assertEquals("method=POST body=hello body " + i, post.body().text());
    }
  }

  @Test
  @DisplayName("proc_exit(3) after a complete CGI header block: the block is the response (503 busy)")
  void exitWithResponse() {
    Namespace ns = deployWasi("exit.wasm", fixture("wasi_exit.wasm"), Map.of());
    Response r = get(ns, "https://w.example/");
    assertEquals(503, r.status());
    assertEquals("busy", r.body().text());
  }

  @Test
  @DisplayName("stdout is read as CGI: Status, Location alone = 302, headers, \\n\\n; no blank line = 502; exit n without headers = 500")
  void cgiOutput() {
    Response notFound = get(deployWasi("p.wasm", printer(
        "Status: 404 Not Found\r\nContent-Type: text/html\r\nX-Extra:  two words \r\n\r\n<h1>no</h1>\n", 0), Map.of()),
        "https://w.example/");
    assertEquals(404, notFound.status());
    assertEquals("Not Found", notFound.statusText());
    assertEquals("text/html", notFound.headers().get("content-type").orElse(null));
    assertEquals("two words", notFound.headers().get("x-extra").orElse(null));
    assertFalse(notFound.headers().contains("status"));
    assertEquals("<h1>no</h1>\n", notFound.body().text());

    Response redirect = get(deployWasi("p.wasm", printer("Location: https://elsewhere.example/\n\n", 0), Map.of()),
        "https://w.example/");
    assertEquals(302, redirect.status());
    assertEquals("https://elsewhere.example/", redirect.headers().get("location").orElse(null));

    Response plain = get(deployWasi("p.wasm", printer("\nonly a body", 0), Map.of()), "https://w.example/");
    assertEquals(200, plain.status());
    assertEquals("only a body", plain.body().text());

    Response notCgi = get(deployWasi("p.wasm", printer("hello, no headers", 0), Map.of()), "https://w.example/");
    assertEquals(502, notCgi.status());
    assertEquals("The WASI program's output was not a CGI response (no empty line after the headers).\n",
        notCgi.body().text());
    Response badStatus = get(deployWasi("p.wasm", printer("Status: abc\n\n", 0), Map.of()), "https://w.example/");
    assertEquals(502, badStatus.status());

    Response exited = get(deployWasi("p.wasm", printer("half a head", 7), Map.of()), "https://w.example/");
    assertEquals(500, exited.status());
    assertEquals("WASI program exited with code 7\n", exited.body().text());
  }

  @Test
  @DisplayName("the environment is the request's CGI variables and the text, secret and JSON bindings; nothing from the host; no file system")
  void environment() {
    Namespace ns = deployWasi("env.wasm", fixture("wasi_env.wasm"), Map.of(
        "GREETING", Binding.text("hello world"), "TOKEN", Binding.secret("s3cret"),
        "CONFIG", Binding.json("{\"a\": [1, 2]}"), "STORE", Binding.kv("some-kv")));
    Response r = call(ns, "w", Request.newBuilder("https://w.example:8443/some/path?x=1&y=two")
        .method("PUT").header("X-Custom", "custom value").header("Content-Type", "application/json")
        .body("{}").build());
    assertEquals(200, r.status());
    assertEquals("text/plain", r.headers().get("content-type").orElse(null));
    Map<String, String> vars = variables(r);
    assertEquals("PUT", vars.get("REQUEST_METHOD"));
    assertEquals("/some/path", vars.get("PATH_INFO"));
    assertEquals("x=1&y=two", vars.get("QUERY_STRING"));
    assertEquals("w.example", vars.get("SERVER_NAME"));
    assertEquals("8443", vars.get("SERVER_PORT"));
    assertEquals("HTTP/1.1", vars.get("SERVER_PROTOCOL"));
    assertEquals("", vars.get("SCRIPT_NAME"));
    assertEquals("https://w.example:8443/some/path?x=1&y=two", vars.get("X_FULL_URL"));
    assertEquals("application/json", vars.get("CONTENT_TYPE"));
    assertEquals("2", vars.get("CONTENT_LENGTH"));
    assertEquals("custom value", vars.get("HTTP_X_CUSTOM"));
    assertEquals("hello world", vars.get("GREETING"));
    assertEquals("s3cret", vars.get("TOKEN"));
    assertEquals("{\"a\":[1,2]}", vars.get("CONFIG"));
    assertEquals("8", vars.get("path_open"), "EBADF: there is no preopened directory");
    for (String host : List.of("PATH", "HOME", "JAVA_HOME", "USER", "PWD", "STORE")) {
      assertFalse(vars.containsKey(host), host + " must not reach the program: " + vars);
    }
    List<String> expected = List.of("CONFIG", "CONTENT_LENGTH", "CONTENT_TYPE", "GREETING", "PATH_INFO",
        "QUERY_STRING", "REQUEST_METHOD", "SCRIPT_NAME", "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL",
        "TOKEN", "X_FULL_URL", "path_open");
    List<String> rest = vars.keySet().stream().filter(k -> !k.startsWith("HTTP_")).collect(Collectors.toList());
    assertEquals(expected, rest);

    Map<String, String> plain = variables(get(ns, "http://w.example/"));
    assertEquals("80", plain.get("SERVER_PORT"));
    assertEquals("", plain.get("QUERY_STRING"));
    assertFalse(plain.containsKey("CONTENT_LENGTH") || plain.containsKey("CONTENT_TYPE"), plain.toString());
  }

  @Test
  @DisplayName("what a WASI program writes to stderr reaches the invocation's logs as error lines")
  void stderrIsLogged() {
    Namespace ns = deployWasi("env.wasm", fixture("wasi_env.wasm"), Map.of());
    get(ns, "https://w.example/stderr-check");
    InvocationEvent e = awaitEvent(ev -> ev.namespace().equals(ns.name()) && ev.outcome() == Outcome.OK);
    assertEquals(List.of("error: wasi_env: listed the environment"),
        e.logs().stream().map(l -> l.level() + ": " + l.message()).collect(Collectors.toList()));
  }

  @Test
  @DisplayName("a module that is not a WASI command, or is malformed, is refused at deploy")
  void notACommand() {
    ScriptException e = assertThrows(ScriptException.class,
        () -> deployWasi("add.wasm", fixture("add.wasm"), Map.of()));
    assertTrue(e.getMessage().contains("add.wasm is not a WASI command: it exports no function _start"), e.getMessage());
    assertEquals(Outcome.SCRIPT_INVALID, e.outcome());
    ScriptException imports = assertThrows(ScriptException.class,
        () -> deployWasi("imported.wasm", fixture("imported.wasm"), Map.of()));
    assertTrue(imports.getMessage().contains("it imports env.log"), imports.getMessage());
    ScriptException malformed = assertThrows(ScriptException.class,
        () -> deployWasi("bad.wasm", fixture("malformed.wasm"), Map.of()));
    assertTrue(malformed.getMessage().contains("CompileError: bad.wasm"), malformed.getMessage());
    ScriptException memory = assertThrows(ScriptException.class, () -> freshNamespace().deploy(
        WorkerScript.newBuilder("w").wasi("hello.wasm", fixture("wasi_hello.wasm"))
            .limits(Limits.memoryBytes(500_000)).build()));
    assertTrue(memory.getMessage().contains("above the worker's memory limit"), memory.getMessage());
    IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
        () -> WorkerScript.newBuilder("w").wasi("a.wasm", fixture("wasi_hello.wasm"))
            .module(Module.text("b.txt", "x")).build());
    assertTrue(extra.getMessage().contains("WASI script"), extra.getMessage());
  }

  @Test
  @DisplayName("a trap fails the request like an uncaught error, and the next request still runs")
  void trapIsAGuestError() {
    Namespace ns = deployWasi("trap.wasm", TRAP, Map.of());
    GuestException e = assertInstanceOf(GuestException.class,
        failure(ns.dispatcher().get("w").fetch(Request.get("https://w.example/"))));
    assertTrue(e.getMessage().contains("RuntimeError"), e.getMessage());
    assertInstanceOf(GuestException.class, failure(ns.dispatcher().get("w").fetch(Request.get("https://w.example/"))));
  }

  @Test
  @DisplayName("a WASI program that loops forever is stopped by the CPU limit; its neighbour still answers")
  void loopStoppedByCpuLimit() {
    Namespace ns = deployWasi("loop.wasm", fixture("wasi_loop.wasm"), Map.of());
    ns.deploy(WorkerScript.newBuilder("neighbour").wasi("hello.wasm", fixture("wasi_hello.wasm")).build());
    var attack = ns.dispatcher().get("w", DispatchOptions.limits(Limits.cpuMs(50))).fetch(Request.get("https://w.example/"));
    LimitExceededException e = assertInstanceOf(LimitExceededException.class, failure(attack));
    assertEquals(Limits.Kind.CPU_TIME, e.limit());
    assertEquals("method=GET body=", call(ns, "neighbour", Request.get("https://n.example/")).body().text());
  }

  @Test
  @DisplayName("a WASI script lists with format WASI")
  void listedAsWasi() {
    Namespace ns = deployWasi("hello.wasm", fixture("wasi_hello.wasm"), Map.of());
    assertEquals(WorkerScript.Format.WASI, ns.get("w").orElseThrow().format());
    ScriptInfo listed = ns.list(ScriptQuery.all()).items().get(0);
    assertEquals(WorkerScript.Format.WASI, listed.format());
    assertEquals(fixture("wasi_hello.wasm").length, listed.size());
  }
}
