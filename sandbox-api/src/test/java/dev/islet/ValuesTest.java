package dev.islet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("API values")
class ValuesTest {
  @Test
  @DisplayName("Headers are case-insensitive, trimmed, combined with ', ' except Set-Cookie")
  void headers() {
    Headers h = Headers.newBuilder()
        .add("Accept", " text/html ")
        .add("ACCEPT", "application/json")
        .add("Set-Cookie", "a=1")
        .add("set-cookie", "b=2")
        .build();
    assertEquals("text/html, application/json", h.get("accept").orElseThrow());
    assertEquals(List.of("a=1", "b=2"), h.getSetCookie());
    assertEquals(List.of("accept", "set-cookie"), List.copyOf(h.names()));
    assertTrue(h.get("missing").isEmpty());
    Headers replaced = h.toBuilder().set("accept", "*/*").build();
    assertEquals("*/*", replaced.get("Accept").orElseThrow());
    assertEquals(4, h.size());
  }

  @Test
  @DisplayName("Headers refuse invalid names and values with CR, LF or NUL")
  void invalidHeaders() {
    assertThrows(IllegalArgumentException.class, () -> Headers.of("bad name", "x"));
    assertThrows(IllegalArgumentException.class, () -> Headers.of("", "x"));
    assertThrows(IllegalArgumentException.class, () -> Headers.of("x-a", "line\r\nInjected: 1"));
    assertThrows(IllegalArgumentException.class, () -> Headers.of("x-a", "nul\0"));
    assertThrows(IllegalArgumentException.class, () -> Headers.of("odd"));
  }

  @Test
  @DisplayName("Requests need an absolute http(s) URL and a valid method; GET cannot have a body")
  void requests() {
    Request r = Request.newBuilder("https://a.example/x").method("post").body("hi").build();
    assertEquals("POST", r.method());
    assertEquals("hi", r.body().text());
    assertEquals("PATCH", Request.newBuilder("https://a.example/").method("PATCH").build().method());
    assertEquals("patch", Request.newBuilder("https://a.example/").method("patch").build().method());
    assertThrows(IllegalArgumentException.class, () -> Request.get("/relative"));
    assertThrows(IllegalArgumentException.class, () -> Request.get("ftp://a.example/"));
    assertThrows(IllegalArgumentException.class, () -> Request.get("https://a b.example/"));
    assertThrows(IllegalArgumentException.class, () -> Request.get("https:///nohost"));
    assertThrows(IllegalArgumentException.class, () -> Request.newBuilder("https://a.example/").method("TRACE"));
    assertThrows(IllegalArgumentException.class, () -> Request.newBuilder("https://a.example/").method("GE T"));
    assertThrows(IllegalArgumentException.class, () -> Request.newBuilder("https://a.example/").body("x").build());
    assertThrows(IllegalArgumentException.class, () -> Request.newBuilder("https://a.example/").header("a b", "c"));
  }

  @Test
  @DisplayName("a stream body is read once; a byte body any number of times")
  void bodies() {
    Body stream = Body.of(new ByteArrayInputStream(new byte[] {1, 2}));
    assertTrue(stream.isStream());
    assertEquals(2, stream.bytes().length);
    assertThrows(IllegalStateException.class, stream::bytes);
    Body bytes = Body.of("abc");
    assertEquals("abc", bytes.text());
    assertEquals("abc", bytes.text());
    assertTrue(Body.empty().isEmpty());
  }

  @Test
  @DisplayName("Responses need a status in 200..599")
  void responses() {
    assertThrows(IllegalArgumentException.class, () -> Response.newBuilder(199));
    assertThrows(IllegalArgumentException.class, () -> Response.newBuilder(600));
    assertThrows(IllegalArgumentException.class, () -> Response.newBuilder(200).statusText("a\nb"));
    Response r = Response.ok("hi");
    assertTrue(r.ok());
    assertEquals("hi", r.body().text());
    assertFalse(Response.newBuilder(404).build().ok());
  }

  @Test
  @DisplayName("Limits combine with the lowest value winning")
  void limits() {
    Limits l = Limits.of(Limits.cpuMs(50), Limits.subRequests(20)).and(Limits.of(Limits.cpuMs(10), Limits.memoryBytes(1 << 20)));
    assertEquals(Duration.ofMillis(10), l.cpuTime().orElseThrow());
    assertEquals(20, l.subRequests().getAsInt());
    assertEquals(1 << 20, l.memoryBytes().getAsLong());
    assertTrue(l.wallTime().isEmpty());
    assertThrows(IllegalArgumentException.class, () -> Limits.cpuMs(0));
    assertThrows(IllegalArgumentException.class, () -> Limits.subRequests(-1));
    assertThrows(IllegalArgumentException.class, () -> Limits.wallTime(Duration.ofMillis(-5)));
  }

  @Test
  @DisplayName("DispatchOptions take limits and JSON-valued outbound parameters, and refuse other values")
  void dispatchOptions() {
    DispatchOptions o = DispatchOptions.newBuilder()
        .limits(Limits.cpuMs(50), Limits.subRequests(20))
        .outbound("customer_id", "123")
        .outbound("plan", Map.of("tier", "pro", "seats", 3, "flags", List.of(true, false)))
        .build();
    assertEquals("123", o.outbound().get("customer_id"));
    assertEquals(Duration.ofMillis(50), o.limits().cpuTime().orElseThrow());
    assertThrows(UnsupportedOperationException.class, () -> o.outbound().put("x", "y"));
    assertThrows(IllegalArgumentException.class, () -> DispatchOptions.newBuilder().outbound("t", new Object()));
    assertThrows(IllegalArgumentException.class, () -> DispatchOptions.newBuilder().outbound("n", Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> DispatchOptions.newBuilder().outbound("", "x"));
    assertEquals(Limits.none(), DispatchOptions.defaults().limits());
  }

  @Test
  @DisplayName("a compatibility date must be a real date, not in the future")
  void compatibilityDate() {
    WorkerScript s = WorkerScript.newBuilder("w").mainModule("w.js", "").compatibilityDate("2024-09-23").build();
    assertEquals("2024-09-23", s.compatibilityDate().orElseThrow().toString());
    assertThrows(IllegalArgumentException.class, () -> WorkerScript.newBuilder("w").compatibilityDate("2024-02-30"));
    assertThrows(IllegalArgumentException.class, () -> WorkerScript.newBuilder("w").compatibilityDate("yesterday"));
    assertThrows(IllegalArgumentException.class,
        () -> WorkerScript.newBuilder("w").compatibilityDate(java.time.LocalDate.now().plusYears(1)));
  }

  @Test
  @DisplayName("Binding.toString never prints a secret")
  void secretsStayHidden() {
    assertFalse(Binding.secret("hunter2").toString().contains("hunter2"));
  }
}
