package dev.islet.bindings;

import dev.islet.store.BlobStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemory.blobs() keeps the BlobStore contract")
class MemoryBlobStoreTest extends BlobStoreContract {
  @Override
  protected BlobStore newStore() {
    return InMemory.blobs();
  }
}
