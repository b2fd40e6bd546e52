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
import dev.islet.LogEntry;
import dev.islet.Module;
import dev.islet.Namespace;
import dev.islet.Outcome;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.ScriptException;
import dev.islet.WorkerScript;
import java.util.Arrays;
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
    assertTrue(Arrays.asList(WorkerScript.Format.values()).contains(WorkerScript.Format.WASI));
  }
}
