package dev.islet.bench;

/**
 * The guest code every benchmark runs. The Islet workers and the bare-GraalJS baseline do the same
 * JavaScript work; the baseline only lacks the Web APIs (Request, Response, Headers) and the
 * dispatch around them.
 */
final class Workers {
  private Workers() {}

  /** The tiny tenant: echoes method and URL as text/plain. */
  static final String HELLO =
      "export default {\n"
          + "  async fetch(request, env) {\n"
          + "    return new Response('Hello ' + request.method + ' ' + request.url,"
          + " { headers: { 'content-type': 'text/plain' } });\n"
          + "  }\n"
          + "};\n";

  /** Its bare-GraalJS equivalent: same string work, no Request/Response objects. */
  static final String HELLO_BARE =
      "export default {\n"
          + "  fetch(method, url) {\n"
          + "    return 'Hello ' + method + ' ' + url;\n"
          + "  }\n"
          + "};\n";

  /** The body of the JSON handler, shared by the Islet worker and the bare baseline. */
  private static final String JSON_BODY =
      "    const q = url.indexOf('?');\n"
          + "    const start = url.indexOf('/', url.indexOf('//') + 2);\n"
          + "    const path = start < 0 ? '/' : url.substring(start, q < 0 ? url.length : q);\n"
          + "    const query = q < 0 ? '' : url.substring(q + 1);\n"
          + "    const data = {\n"
          + "      ok: true, method: method, url: url, path: path, query: query,\n"
          + "      userAgent: ua, tenant: 'acme', region: 'eu-west', version: 3, requestId: 123456789,\n"
          + "      cached: false, ttl: 300, score: 0.75, tags: ['a', 'b', 'c'],\n"
          + "      owner: { id: 42, name: 'Ada' }, items: [1, 2, 3, 4, 5], note: null,\n"
          + "      length: url.length, upper: path.toUpperCase(), flags: { beta: true, dark: false }\n"
          + "    };\n";

  /** Reads a header and the URL, answers a 20-field object with Response.json. */
  static final String JSON =
      "export default {\n"
          + "  async fetch(request, env) {\n"
          + "    const url = request.url, method = request.method;\n"
          + "    const ua = request.headers.get('user-agent') || 'unknown';\n"
          + JSON_BODY
          + "    return Response.json(data);\n"
          + "  }\n"
          + "};\n";

  /** Its bare-GraalJS equivalent: the same object, JSON.stringify'd into a string. */
  static final String JSON_BARE =
      "export default {\n"
          + "  fetch(method, url, ua) {\n"
          + JSON_BODY
          + "    return JSON.stringify(data);\n"
          + "  }\n"
          + "};\n";

  static final String URL = "https://t1.example/items/42?sort=asc&limit=10";
  static final String USER_AGENT = "islet-bench/1.0";

  /**
   * The same module made unique for tenant {@code n} (a leading comment), so neither Islet nor the
   * baseline can reuse an earlier parse from the engine's source cache.
   */
  static String unique(String code, long n) {
    return "// tenant " + n + "\n" + code;
  }
}
