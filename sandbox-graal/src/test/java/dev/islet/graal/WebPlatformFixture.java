package dev.islet.graal;

import dev.islet.Namespace;

/**
 * For tests of the web platform inside workers: {@link #run} executes a snippet in a request
 * handler and returns what it pushed to {@code out}, joined by '|'.
 */
abstract class WebPlatformFixture extends RuntimeFixture {

  /**
   * Runs {@code body} as the inside of an {@code async fetch(request, env, ctx)} handler in a new
   * worker; the body pushes results to the array {@code out}. Returns them joined by '|'.
   */
  protected String run(String body) {
    Namespace ns = freshNamespace();
    ns.deploy(esm("w", "export default { async fetch(request, env, ctx) {\n"
        + "  const out = [];\n"
        + body + "\n"
        + "  return new Response(out.map(String).join('|'));\n"
        + "} }"));
    return get(ns, "https://w.example/").body().text();
  }
}
