package dev.islet.store;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Storage for the Workers KV API. A worker reaches a KV namespace only through a {@code
 * Binding.kv(namespaceId)} in its {@code env}; the store keeps each namespace's keys apart, so a
 * tenant sees nothing outside the namespaces it was bound to.
 *
 * <p>Keys are non-empty strings of at most {@link #MAX_KEY_BYTES} UTF-8 bytes; values at most {@link
 * #MAX_VALUE_BYTES}; metadata, a JSON text of at most {@link #MAX_METADATA_BYTES}. The runtime checks
 * these before calling a store, so stores may assume them. Expiration is in seconds since the epoch
 * (0 = never); a store must not return an entry whose expiration has passed, from {@code get} or
 * {@code list}.
 *
 * <p>Implementations must be thread-safe and should not block the calling thread (return a future
 * that completes later). A failed future reaches the worker as an error with an opaque reference;
 * the cause is logged for the host.
 *
 * <pre>{@code
 * IsletRuntime runtime = IsletRuntime.newBuilder().kvStore(InMemory.kv()).build();
 * ns.deploy(WorkerScript.newBuilder("w").mainModule(...).binding("CACHE", Binding.kv("customer-123")).build());
 * // in the worker: await env.CACHE.put("k", "v"); await env.CACHE.get("k")
 * }</pre>
 */
public interface KvStore extends AutoCloseable {
  /** Workers KV's key size limit, in UTF-8 bytes. */
  int MAX_KEY_BYTES = 512;
  /** Workers KV's value size limit: 25 MiB. */
  int MAX_VALUE_BYTES = 25 << 20;
  /** Workers KV's serialized metadata limit. */
  int MAX_METADATA_BYTES = 1024;
  /** Most keys one {@link #list} returns. */
  int MAX_LIST_LIMIT = 1000;

  /** The entry under {@code key} in {@code namespace}; empty if absent or expired. */
  CompletableFuture<Optional<KvEntry>> get(String namespace, String key);

  /** Stores {@code entry} under {@code key}, replacing any previous one. */
  CompletableFuture<Void> put(String namespace, String key, KvEntry entry);

  /** Removes {@code key}; succeeds if it was absent. */
  CompletableFuture<Void> delete(String namespace, String key);

  /**
   * Up to {@code limit} unexpired keys of {@code namespace} that start with {@code prefix}, in
   * ascending order of their UTF-8 bytes, starting after the position {@code cursor} (a value a
   * previous page returned, or null for the first page).
   *
   * @throws IllegalArgumentException (or a future failed with it) for a cursor this store did not make
   */
  CompletableFuture<KvPage> list(String namespace, String prefix, int limit, String cursor);

  /** Releases connections or files; the default does nothing. */
  @Override
  default void close() {}
}
