package dev.islet.graal;

import dev.islet.bindings.Sqlite;
import dev.islet.store.KvStore;
import java.nio.file.Files;
import org.junit.jupiter.api.DisplayName;

@DisplayName("KV bindings on the embedded SQLite store: every KV binding test again")
class KvBindingOnSqliteTest extends KvBindingTest {
  @Override
  protected KvStore newStore() throws Exception {
    return Sqlite.kv(Files.createTempDirectory("islet-kv-test").resolve("kv.sqlite"));
  }
}
