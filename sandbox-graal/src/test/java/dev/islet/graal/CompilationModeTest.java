package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.islet.CompilationMode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The runtime")
class CompilationModeTest extends RuntimeFixture {
  @Test
  @DisplayName("tells the embedder whether guest code is JIT-compiled (JIT with the recipe on JDK 25, interpreted on 17)")
  void reportsCompilationMode() {
    // The build sets islet.expected.mode: JIT where it wires the compiler, INTERPRETED on JDK 17.
    String expected = System.getProperty("islet.expected.mode");
    assertNotNull(expected, "the build passes -Dislet.expected.mode");
    assertEquals(CompilationMode.valueOf(expected), runtime.compilationMode());
  }
}
