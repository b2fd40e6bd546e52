package dev.islet.bindings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.islet.store.KvStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Redis.kvCluster(seeds) keeps the KvStore contract on a 3-master Redis Cluster")
class RedisClusterKvStoreTest extends KvStoreContract {
  @TempDir static Path dir;
  static RedisServers cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = RedisServers.cluster(dir, 3);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected KvStore newStore() throws Exception {
    for (int i = 0; i < 3; i++) {
      cluster.cli(i, "flushall");
    }
    // One seed is enough: the client finds the other nodes.
    return Redis.kvCluster(List.of(cluster.uri(0)));
  }

  @Test
  @DisplayName("namespaces spread over every master and each still reads, lists and deletes")
  void namespacesSpread() throws Exception {
    List<String> namespaces = new ArrayList<>();
    for (int n = 0; n < 30; n++) {
      namespaces.add("tenant-" + n);
    }
    for (String ns : namespaces) {
      for (int i = 0; i < 3; i++) {
        put(ns, "k" + i, entry(ns + "/" + i));
      }
    }
    for (int i = 0; i < 3; i++) {
      long keys = Long.parseLong(cluster.cli(i, "dbsize").trim());
      assertTrue(keys > 0, "master " + i + " holds no keys");
    }
    for (String ns : namespaces) {
      assertArrayEquals(bytes(ns + "/1"), get(ns, "k1").orElseThrow().value());
      assertEquals(List.of("k0", "k1", "k2"), listAll(ns, "k", 2));
      store.delete(ns, "k1").join();
      assertEquals(List.of("k0", "k2"), listAll(ns, "", 10));
    }
  }
}
