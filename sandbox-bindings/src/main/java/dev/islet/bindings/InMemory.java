package dev.islet.bindings;

import dev.islet.store.BlobStore;
import dev.islet.store.KvStore;

/**
 * Stores that keep everything in the JVM heap: for tests, development and single-process caches.
 * Nothing survives a restart.
 *
 * <pre>{@code
 * IsletRuntime runtime = IsletRuntime.newBuilder().kvStore(InMemory.kv()).blobStore(InMemory.blobs()).build();
 * }</pre>
 */
public final class InMemory {
  private InMemory() {}

  /** A new, empty in-memory KV store. Thread-safe. */
  public static KvStore kv() {
    return new MemoryKvStore();
  }

  /** A new, empty in-memory blob store. Thread-safe. */
  public static BlobStore blobs() {
    return new MemoryBlobStore();
  }
}
