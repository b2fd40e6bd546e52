package dev.islet.graal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.bindings.InMemory;
import dev.islet.store.KvStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Host-side KV checks that a guest cannot reach through one typed array (values over 8 MiB). */
@DisplayName("KV binding: host-side checks")
class KvBindingLimitsTest {
  private final KvStore store = InMemory.kv();

  private static String failure(CompletableFuture<Object> f) {
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
    return assertInstanceOf(GuestFacingException.class, e.getCause()).getMessage();
  }

  @Test
  @DisplayName("a value over 25 MiB is refused with Workers' 413; one at the limit is stored")
  void valueSize() throws Exception {
    KvBinding.Call big = new KvBinding.Call("put", "k", null, new byte[KvStore.MAX_VALUE_BYTES + 1], null, null, null, null, null);
    assertEquals("KV PUT failed: 413 Value length of 26214401 exceeds limit of 26214400.",
        failure(KvBinding.run(store, "ns", big)));
    KvBinding.Call max = new KvBinding.Call("put", "k", null, new byte[KvStore.MAX_VALUE_BYTES], null, null, null, null, null);
    KvBinding.run(store, "ns", max).get();
    assertEquals(KvStore.MAX_VALUE_BYTES, store.get("ns", "k").get().orElseThrow().value().length);
  }

  @Test
  @DisplayName("an unknown operation and a bulk get without keys are refused")
  void badCalls() {
    assertTrue(failure(KvBinding.run(store, "ns", new KvBinding.Call("drop", "k", null, null, null, null, null, null, null)))
        .startsWith("unknown KV operation"));
    assertEquals("KV GET_BULK failed: 400 You must request at least one key",
        failure(KvBinding.run(store, "ns", new KvBinding.Call("getBulk", null, new String[0], null, null, null, null, null, null))));
  }
}
