package dev.islet;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * A request a worker sent with {@code fetch()}, as an {@link EgressInterceptor} sees it: the request
 * itself, which worker sent it, and the outbound parameters of the dispatch that started the
 * invocation ({@link DispatchOptions#outbound()}). Immutable and thread-safe.
 */
public final class OutboundRequest {
  private final Request request;
  private final String namespace;
  private final String worker;
  private final Map<String, Object> outbound;

  /**
   * @param request the outbound request
   * @param namespace the namespace of the sending worker
   * @param worker the sending worker's script name
   * @param outbound the dispatch's outbound parameters (JSON values; copied)
   */
  public OutboundRequest(Request request, String namespace, String worker, Map<String, Object> outbound) {
    this.request = Objects.requireNonNull(request, "request");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.worker = Objects.requireNonNull(worker, "worker");
    this.outbound = java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(Objects.requireNonNull(outbound, "outbound")));
  }

  public Request request() {
    return request;
  }

  /** The request's URL, parsed. */
  public URI url() {
    return URI.create(request.url());
  }

  public String namespace() {
    return namespace;
  }

  /** The script name of the worker that made the request. */
  public String worker() {
    return worker;
  }

  /** The dispatch's outbound parameters; empty when the dispatch gave none. */
  public Map<String, Object> outbound() {
    return outbound;
  }

  /** A copy with another request (same worker, same parameters). */
  public OutboundRequest withRequest(Request other) {
    return new OutboundRequest(other, namespace, worker, outbound);
  }

  @Override
  public String toString() {
    return "OutboundRequest{" + namespace + "/" + worker + " " + request + "}";
  }
}
