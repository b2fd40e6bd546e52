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
  /** The request the router benchmarks send (a parameterised route with a query). */
  static final String ROUTER_URL = "https://shop.example/api/v1/orders/1234/items?expand=product&limit=5";

  /**
   * The core of a ~20 KB router-style app, as a framework-based worker would be: a route table with
   * path parameters compiled to regular expressions, middleware (request id, timing, auth check,
   * CORS), and 6 resources with 5 handlers each that validate input and build JSON. Pure
   * JavaScript, no Web APIs: {@code handle(method, path, query, header)} returns {@code [status,
   * contentType, body]}. The Islet worker and the bare baseline wrap it differently.
   */
  private static final String ROUTER_CORE = routerCore();

  /** The router as an Islet worker: Request in, Response out. */
  static final String ROUTER =
      ROUTER_CORE
          + "export default {\n"
          + "  async fetch(request, env, ctx) {\n"
          + "    const url = request.url;\n"
          + "    const start = url.indexOf('/', url.indexOf('//') + 2);\n"
          + "    const q = url.indexOf('?');\n"
          + "    const path = url.substring(start, q < 0 ? url.length : q);\n"
          + "    const query = q < 0 ? '' : url.substring(q + 1);\n"
          + "    const r = handle(request.method, path, query, (n) => request.headers.get(n));\n"
          + "    return new Response(r[2], { status: r[0], headers: { 'content-type': r[1], 'x-request-id': r[3] } });\n"
          + "  }\n"
          + "};\n";

  /** The router for the bare-GraalJS baseline: strings in, the body string out. */
  static final String ROUTER_BARE =
      ROUTER_CORE
          + "export default {\n"
          + "  fetch(method, url, ua) {\n"
          + "    const start = url.indexOf('/', url.indexOf('//') + 2);\n"
          + "    const q = url.indexOf('?');\n"
          + "    const path = url.substring(start, q < 0 ? url.length : q);\n"
          + "    const query = q < 0 ? '' : url.substring(q + 1);\n"
          + "    return handle(method, path, query, (n) => n === 'user-agent' ? ua : null)[2];\n"
          + "  }\n"
          + "};\n";

  private static String routerCore() {
    StringBuilder sb = new StringBuilder();
    sb.append("// A router-style app: route table, middleware, 6 resources x 5 handlers.\n")
        .append("const routes = [];\n")
        .append("const middleware = [];\n")
        .append("function route(method, pattern, handler) {\n")
        .append("  const keys = [];\n")
        .append("  const source = '^' + pattern.replace(/\\//g, '\\/').replace(/:([A-Za-z_]+)/g, (_, k) => { keys.push(k); return '([^/]+)'; }) + '$';\n")
        .append("  routes.push({ method, pattern, re: new RegExp(source), keys, handler });\n")
        .append("}\n")
        .append("function use(fn) { middleware.push(fn); }\n")
        .append("function parseQuery(query) {\n")
        .append("  const out = {};\n")
        .append("  if (!query) return out;\n")
        .append("  for (const part of query.split('&')) {\n")
        .append("    const eq = part.indexOf('=');\n")
        .append("    const k = decodeURIComponent(eq < 0 ? part : part.substring(0, eq));\n")
        .append("    out[k] = eq < 0 ? '' : decodeURIComponent(part.substring(eq + 1));\n")
        .append("  }\n")
        .append("  return out;\n")
        .append("}\n")
        .append("function json(status, data, c) { return [status, 'application/json', JSON.stringify(data), c.requestId]; }\n")
        .append("function problem(status, title, detail, c) {\n")
        .append("  return json(status, { type: 'about:blank', title, status, detail, instance: c.path }, c);\n")
        .append("}\n")
        .append("let sequence = 0;\n")
        .append("use((c, next) => { c.requestId = 'req-' + (++sequence).toString(36); return next(); });\n")
        .append("use((c, next) => { const t = Date.now(); const r = next(); c.elapsed = Date.now() - t; return r; });\n")
        .append("use((c, next) => {\n")
        .append("  if (c.path.startsWith('/api/v1/admin') && c.header('authorization') !== 'Bearer admin') {\n")
        .append("    return problem(401, 'Unauthorized', 'admin routes need a token', c);\n")
        .append("  }\n")
        .append("  return next();\n")
        .append("});\n")
        .append("use((c, next) => { const r = next(); if (c.method === 'OPTIONS') return [204, 'text/plain', '', c.requestId]; return r; });\n")
        .append("function dispatch(c) {\n")
        .append("  for (const r of routes) {\n")
        .append("    if (r.method !== c.method && r.method !== 'ALL') continue;\n")
        .append("    const m = r.re.exec(c.path);\n")
        .append("    if (m === null) continue;\n")
        .append("    c.params = {};\n")
        .append("    for (let i = 0; i < r.keys.length; i++) c.params[r.keys[i]] = decodeURIComponent(m[i + 1]);\n")
        .append("    return r.handler(c);\n")
        .append("  }\n")
        .append("  return problem(404, 'Not Found', 'no route for ' + c.method + ' ' + c.path, c);\n")
        .append("}\n")
        .append("function handle(method, path, query, header) {\n")
        .append("  const c = { method, path, query: parseQuery(query), header, params: null, requestId: '', elapsed: 0 };\n")
        .append("  let i = 0;\n")
        .append("  const next = () => (i < middleware.length ? middleware[i++](c, next) : dispatch(c));\n")
        .append("  try { return next(); } catch (e) { return problem(500, 'Internal Error', String(e && e.message), c); }\n")
        .append("}\n");
    String[] resources = {"users", "orders", "products", "carts", "invoices", "payments"};
    for (int i = 0; i < resources.length; i++) {
      String r = resources[i];
      String base = "/api/v1/" + r;
      String fields = "{ id, name: '" + r + " ' + id, status: id % 3 === 0 ? 'archived' : 'active', "
          + "createdAt: '2026-01-' + String(1 + id % 28).padStart(2, '0'), score: (id * 7 % 100) / 100, "
          + "tags: ['" + r + "', 'v1', id % 2 ? 'odd' : 'even'], owner: { id: id % 17, name: 'owner-' + id % 17 } }";
      sb.append("// ---- ").append(r).append(" ----\n")
          .append("function load_").append(r).append("(id) {\n")
          .append("  if (!/^[0-9]{1,9}$/.test(String(id))) return null;\n")
          .append("  id = Number(id);\n")
          .append("  return ").append(fields).append(";\n")
          .append("}\n")
          .append("function check_").append(r).append("(body) {\n")
          .append("  const errors = [];\n")
          .append("  if (typeof body !== 'object' || body === null) return ['body must be an object'];\n")
          .append("  if (typeof body.name !== 'string' || body.name.length < 2) errors.push('name: at least 2 characters');\n")
          .append("  if (body.score !== undefined && !(body.score >= 0 && body.score <= 1)) errors.push('score: between 0 and 1');\n")
          .append("  if (body.tags !== undefined && !Array.isArray(body.tags)) errors.push('tags: an array');\n")
          .append("  return errors;\n")
          .append("}\n")
          .append("route('GET', '").append(base).append("', (c) => {\n")
          .append("  const limit = Math.min(100, Math.max(1, Number(c.query.limit || 20)));\n")
          .append("  const offset = Math.max(0, Number(c.query.offset || 0));\n")
          .append("  const items = [];\n")
          .append("  for (let k = offset; k < offset + limit; k++) items.push(load_").append(r).append("(k + 1));\n")
          .append("  return json(200, { items, limit, offset, next: '").append(base).append("?offset=' + (offset + limit) }, c);\n")
          .append("});\n")
          .append("route('GET', '").append(base).append("/:id', (c) => {\n")
          .append("  const item = load_").append(r).append("(c.params.id);\n")
          .append("  return item ? json(200, item, c) : problem(404, 'Not Found', '").append(r).append(" ' + c.params.id, c);\n")
          .append("});\n")
          .append("route('POST', '").append(base).append("', (c) => {\n")
          .append("  const body = c.body || { name: 'new " + r + "' };\n")
          .append("  const errors = check_").append(r).append("(body);\n")
          .append("  return errors.length ? problem(422, 'Invalid', errors.join('; '), c) : json(201, Object.assign({ id: 1000 }, body), c);\n")
          .append("});\n")
          .append("route('PATCH', '").append(base).append("/:id', (c) => {\n")
          .append("  const item = load_").append(r).append("(c.params.id);\n")
          .append("  if (!item) return problem(404, 'Not Found', '").append(r).append(" ' + c.params.id, c);\n")
          .append("  const patch = c.body || {};\n")
          .append("  const errors = check_").append(r).append("(Object.assign({}, item, patch));\n")
          .append("  return errors.length ? problem(422, 'Invalid', errors.join('; '), c) : json(200, Object.assign(item, patch), c);\n")
          .append("});\n")
          .append("route('GET', '").append(base).append("/:id/items', (c) => {\n")
          .append("  const parent = load_").append(r).append("(c.params.id);\n")
          .append("  if (!parent) return problem(404, 'Not Found', '").append(r).append(" ' + c.params.id, c);\n")
          .append("  const limit = Math.min(50, Number(c.query.limit || 10));\n")
          .append("  const expand = (c.query.expand || '').split(',').filter(Boolean);\n")
          .append("  const items = [];\n")
          .append("  for (let k = 0; k < limit; k++) {\n")
          .append("    const line = { line: k + 1, parent: parent.id, quantity: 1 + (k * 3) % 5, price: Math.round((10 + k * 1.5) * 100) / 100 };\n")
          .append("    if (expand.includes('product')) line.product = { id: 500 + k, name: 'product ' + (500 + k), tags: parent.tags };\n")
          .append("    items.push(line);\n")
          .append("  }\n")
          .append("  const total = items.reduce((s, l) => s + l.quantity * l.price, 0);\n")
          .append("  return json(200, { parent: parent.id, items, total: Math.round(total * 100) / 100 }, c);\n")
          .append("});\n");
    }
    sb.append("route('ALL', '/api/v1/admin/:action', (c) => json(200, { action: c.params.action }, c));\n")
        .append("route('GET', '/health', (c) => [200, 'text/plain', 'ok', c.requestId]);\n");
    return sb.toString();
  }

  static final String USER_AGENT = "islet-bench/1.0";

  /** The Wasm module's name inside a worker ({@code import mod from './add.wasm'}). */
  static final String WASM_NAME = "add.wasm";

  /**
   * {@code add.wasm} (built from {@code add.wat} next to it, a copy of sandbox-graal's test fixture):
   * exports {@code add(i32,i32)}, recursive {@code fib(i32)}, {@code sum(ptr,len)} and {@code memory}
   * (1 page, max 2). 173 bytes.
   */
  static final byte[] WASM_ADD = resource("wasm/add.wasm");

  /** What every Wasm worker answers: {@code add(2, 3)} and {@code fib(15)}. */
  static final String WASM_EXPECTED = "5 610";

  /** The call every Wasm worker makes per request (the recursive fib(15) is ~2,000 Wasm calls). */
  private static final String WASM_CALL = "String(exports.add(2, 3)) + ' ' + exports.fib(15)";

  /**
   * A worker backed by Wasm: imports {@code add.wasm} (compiled by Islet at deploy), instantiates it
   * at top level and answers {@code add(2, 3)} and {@code fib(15)} as text/plain.
   */
  static final String WASM =
      "import mod from './" + WASM_NAME + "';\n"
          + "const { exports } = new WebAssembly.Instance(mod, {});\n"
          + "export default {\n"
          + "  async fetch(request, env) {\n"
          + "    return new Response(" + WASM_CALL + ", { headers: { 'content-type': 'text/plain' } });\n"
          + "  }\n"
          + "};\n";

  /**
   * Its bare equivalent (bare GraalJS + GraalWasm, Javet V8): compiles the bytes itself with {@code
   * new WebAssembly.Module(..)} from the expression {@code bytes} (a global the embedder set),
   * instantiates at top level, and its {@code fetch()} returns the same string.
   */
  static String wasmBare(String bytes) {
    return "const mod = new WebAssembly.Module(" + bytes + ");\n"
        + "const { exports } = new WebAssembly.Instance(mod, {});\n"
        + "export default {\n"
        + "  fetch() {\n"
        + "    return " + WASM_CALL + ";\n"
        + "  }\n"
        + "};\n";
  }

  private static byte[] resource(String name) {
    try (java.io.InputStream in = Workers.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + name + " next to " + Workers.class.getName());
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The same module made unique for tenant {@code n} (a leading comment), so neither Islet nor the
   * baseline can reuse an earlier parse from the engine's source cache.
   */
  static String unique(String code, long n) {
    return "// tenant " + n + "\n" + code;
  }
}
