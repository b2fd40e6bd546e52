package dev.islet.graal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Json: the host's reader and writer for values crossing the boundary")
class JsonTest {
  @Test
  @DisplayName("reads what JSON.stringify writes, and writes it back unchanged")
  void roundTrip() {
    String text = "{\"s\":\"a\\\"b\\\\c\\n\\u00e9\",\"n\":42,\"d\":1.5,\"big\":1e21,\"neg\":-7,\"t\":true,\"f\":false,"
        + "\"z\":null,\"l\":[1,[2,{}],[]],\"o\":{\"k\":{}}}";
    Object v = Json.read(text);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", "a\"b\\c\né");
    expected.put("n", 42L);
    expected.put("d", 1.5);
    expected.put("big", 1e21);
    expected.put("neg", -7L);
    expected.put("t", true);
    expected.put("f", false);
    expected.put("z", null);
    expected.put("l", Arrays.asList(1L, Arrays.asList(2L, Map.of()), List.of()));
    expected.put("o", Map.of("k", Map.of()));
    assertEquals(expected, v);
    assertEquals(v, Json.read(Json.write(v)));
    assertEquals(" x ", Json.read(" \" x \" "));
  }

  @Test
  @DisplayName("malformed text is an IllegalArgumentException")
  void malformed() {
    for (String bad : List.of("", "{", "[1,", "{\"a\" 1}", "tru", "\"open", "{} x", "{1:2}", "-", "[" .repeat(300) + "]".repeat(300))) {
      assertThrows(IllegalArgumentException.class, () -> Json.read(bad), bad);
    }
  }
}
