package dev.islet.bindings;

import dev.islet.store.KvStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("InMemory.kv() keeps the KvStore contract")
class MemoryKvStoreTest extends KvStoreContract {
  @Override
  protected KvStore newStore() {
    return InMemory.kv();
  }
}
