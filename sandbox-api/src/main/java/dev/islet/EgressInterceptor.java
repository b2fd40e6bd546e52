package dev.islet;

import java.util.concurrent.CompletableFuture;

/**
 * Sees every {@code fetch()} a worker of the namespace makes, before it reaches the network: Islet's
 * in-process form of a Workers for Platforms <em>outbound worker</em>. It can pass the request on
 * (unchanged or rewritten), answer it itself, or refuse it.
 *
 * <pre>{@code
 * EgressInterceptor withCustomerHeader = (out, next) -> {
 *   if (out.url().getHost().endsWith(".internal")) {
 *     return CompletableFuture.completedFuture(Response.newBuilder(403).body("blocked").build());
 *   }
 *   Object customer = out.outbound().get("customer_id");   // from DispatchOptions.outbound
 *   return next.fetch(out.request().toBuilder().header("x-customer-id", String.valueOf(customer)).build());
 * };
 * NamespaceOptions.newBuilder().egress(withCustomerHeader).network(Network.newBuilder().build());
 * }</pre>
 *
 * <p>Interceptors compose in the order they were added to {@link NamespaceOptions.Builder#egress}:
 * {@code next} is the following interceptor, then the namespace's {@link Network}. Each hop of a
 * followed redirect passes through the chain again. Service-binding calls do not (they never leave
 * the process).
 *
 * <p>Called on an Islet thread, concurrently for different requests: implementations must be
 * thread-safe and must not block (return a future instead). If the call throws or the future fails,
 * the worker's {@code fetch} rejects with a {@code TypeError} carrying only an opaque reference; the
 * real cause is logged (logger {@code dev.islet}) under that reference.
 */
@FunctionalInterface
public interface EgressInterceptor {
  /**
   * Handles one outbound request.
   *
   * @param request the request, with the dispatch's outbound parameters and the worker's identity
   * @param next the rest of the chain; call it to pass the (possibly rewritten) request on
   * @return the response the worker will see
   */
  CompletableFuture<Response> intercept(OutboundRequest request, Fetcher next);
}
