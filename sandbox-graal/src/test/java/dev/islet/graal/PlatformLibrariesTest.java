package dev.islet.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Platform libraries: globals loaded on first use behave as WebIDL globals")
class PlatformLibrariesTest extends WebPlatformFixture {

  @Test
  @DisplayName("a lazy global is an accessor until read, then a writable, configurable, non-enumerable data property")
  void accessorThenData() {
    assertEquals("accessor|false|function|data|true|true|false|false",
        run("const before = Object.getOwnPropertyDescriptor(globalThis, 'URLPattern');\n"
            + "out.push(before.get ? 'accessor' : 'data', before.enumerable);\n"
            + "out.push(typeof URLPattern);\n"
            + "const after = Object.getOwnPropertyDescriptor(globalThis, 'URLPattern');\n"
            + "out.push('value' in after ? 'data' : 'accessor', after.writable, after.configurable, after.enumerable);\n"
            + "out.push(Object.keys(globalThis).includes('URLPattern'));"));
  }

  @Test
  @DisplayName("assigning or deleting a lazy global before first use is the tenant's business; the platform keeps its own")
  void replacedBeforeUse() {
    assertEquals("5|undefined|https://x.example/a|true",
        run("URL = 5; out.push(URL);\n"
            + "delete globalThis.URLSearchParams; out.push(typeof URLSearchParams);\n"
            + "out.push(new Request('https://X.example/a').url);\n"
            + "out.push(Object.getOwnPropertyDescriptor(globalThis, 'URL').writable);"));
  }

  @Test
  @DisplayName("each tenant gets its own copy of a library: one tenant's patches to URL.prototype never reach another")
  void perTenant() {
    String first = run("URL.prototype.toString = () => 'patched'; out.push(String(new URL('https://a.example/')));");
    String second = run("out.push(String(new URL('https://a.example/')), URL.prototype.toString.name);");
    assertEquals("patched", first);
    assertEquals("https://a.example/|toString", second);
  }

  @Test
  @DisplayName("structuredClone, crypto.subtle and streams load on demand and work together in one request")
  void together() {
    assertEquals("true|64|3|hello",
        run("const c = structuredClone(new Map([[1, { d: new Date(0) }]]));\n"
            + "out.push(c.get(1).d instanceof Date);\n"
            + "const h = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('x'));\n"
            + "out.push([...new Uint8Array(h)].map((b) => b.toString(16).padStart(2, '0')).join('').length);\n"
            + "const parts = []; for await (const chunk of ReadableStream.from(['a', 'b', 'c'])) parts.push(chunk); out.push(parts.length);\n"
            + "out.push(await new Response(new Blob(['hel', 'lo']).stream()).text());"));
  }
}
