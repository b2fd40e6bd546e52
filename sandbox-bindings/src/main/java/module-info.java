/**
 * Stores behind Islet's binding SPIs ({@link dev.islet.store.KvStore}, {@link
 * dev.islet.store.BlobStore}): one small public factory per backend, e.g. {@link
 * dev.islet.bindings.InMemory}, {@link dev.islet.bindings.Sqlite}, {@link
 * dev.islet.bindings.LocalFiles} and {@link dev.islet.bindings.Redis}.
 */
module dev.islet.bindings {
  requires transitive dev.islet;
  requires java.sql;
  // sqlite-jdbc (Sqlite.kv): the driver's own module descriptor, org.xerial.sqlitejdbc.
  requires org.xerial.sqlitejdbc;
  // Lettuce (Redis.kv, Redis.kvCluster): an automatic module named by its manifest, lettuce.core.
  // Optional: only users of the Redis store need it (and add it to their own dependencies).
  requires static lettuce.core;

  exports dev.islet.bindings;
}
