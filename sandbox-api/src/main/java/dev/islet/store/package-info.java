/**
 * Storage SPIs behind workers' bindings: {@link dev.islet.store.KvStore} for the Workers KV API and
 * {@link dev.islet.store.BlobStore} for the R2 API.
 * Implementations live in {@code sandbox-bindings} (in-memory, embedded persistent, Redis) or in the
 * embedding application; a runtime gets one with {@code IsletRuntime.Builder.kvStore}.
 */
package dev.islet.store;
