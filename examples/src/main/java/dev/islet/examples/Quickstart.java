package dev.islet.examples;

import dev.islet.Binding;
import dev.islet.GuestException;
import dev.islet.IsletRuntime;
import dev.islet.Namespace;
import dev.islet.Request;
import dev.islet.Response;
import dev.islet.WorkerNotFoundException;
import dev.islet.WorkerScript;
import java.util.concurrent.CompletionException;

/**
 * A host application playing the Workers for Platforms dispatch worker: it deploys two customers'
 * workers into a namespace, routes requests to them by hostname, updates one, and shows the typed
 * errors a host gets back.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) {
    try (IsletRuntime runtime = IsletRuntime.newBuilder().build()) {
      System.out.println("Islet runtime started; guest code is " + runtime.compilationMode());
      Namespace ns = runtime.namespace("production");

      ns.deploy(WorkerScript.newBuilder("customer-123")
          .mainModule("worker.js", String.join("\n",
              "import { greet } from './greet.js';",
              "export default {",
              "  async fetch(request, env, ctx) {",
              "    const body = request.method === 'POST' ? await request.json() : { name: 'world' };",
              "    ctx.waitUntil(Promise.resolve().then(() => console.log('served', request.url)));",
              "    const visits = Number((await env.VISITS.get('count')) ?? 0) + 1;",
              "    await env.VISITS.put('count', String(visits));",
              "    if (request.method === 'POST') await env.FILES.put('last-post.json', JSON.stringify(body));",
              "    const last = await env.FILES.get('last-post.json');",
              "    return Response.json({ message: greet(body.name), plan: env.PLAN.tier, tenant: env.TENANT, visits,",
              "      lastPost: last && (await last.json()) });",
              "  }",
              "};"))
          .module(dev.islet.Module.esModule("greet.js", "export const greet = (n) => `Hello, ${n}!`;"))
          .binding("TENANT", Binding.text("customer-123"))
          .binding("PLAN", Binding.json("{\"tier\": \"pro\"}"))
          // KV and R2 on the embedded persistent defaults (./islet-data): visits count across runs
          .binding("VISITS", Binding.kv("customer-123-visits"))
          .binding("FILES", Binding.blob("customer-123-files"))
          .tags("customer-123", "pro")
          .build());

      ns.deploy(WorkerScript.newBuilder("customer-456")
          .serviceWorker("sw.js",
              "addEventListener('fetch', e => e.respondWith(new Response('legacy worker for ' + e.request.url)));")
          .tags("customer-456", "free")
          .build());

      for (String host : new String[] {"customer-123", "customer-456"}) {
        Response r = dispatch(ns, host, Request.get("https://" + host + ".example.com/"));
        System.out.println(host + " -> " + r.status() + " " + r.body().text());
      }
      Response post = dispatch(ns, "customer-123", Request.newBuilder("https://customer-123.example.com/")
          .method("POST").header("content-type", "application/json").body("{\"name\":\"Islet\"}").build());
      System.out.println("POST customer-123 -> " + post.body().text());

      ns.update(WorkerScript.newBuilder("customer-456")
          .mainModule("worker.js", "export default { fetch() { throw new Error('a bug in v2') } }")
          .build());
      try {
        dispatch(ns, "customer-456", Request.get("https://customer-456.example.com/"));
      } catch (GuestException e) {
        System.out.println("customer-456 v2 failed as expected: " + e.getMessage());
      }
      try {
        dispatch(ns, "customer-789", Request.get("https://customer-789.example.com/"));
      } catch (WorkerNotFoundException e) {
        System.out.println(e.getMessage());
      }
      System.out.println("workers tagged pro: " + ns.list(dev.islet.ScriptQuery.newBuilder().tag("pro", true).build()).items());
    }
  }

  private static Response dispatch(Namespace ns, String worker, Request request) {
    try {
      return ns.dispatcher().get(worker).fetch(request).join();
    } catch (CompletionException e) {
      throw (RuntimeException) e.getCause();
    }
  }
}
