/**
 * Stores behind Islet's binding SPIs ({@link dev.islet.store.KvStore}, {@link
 * dev.islet.store.BlobStore}): one small public factory per backend, e.g. {@link
 * dev.islet.bindings.InMemory}, {@link dev.islet.bindings.Sqlite}, {@link
 * dev.islet.bindings.LocalFiles}, {@link dev.islet.bindings.Redis} and {@link dev.islet.bindings.S3}.
 */
module dev.islet.bindings {
  requires transitive dev.islet;
  requires java.sql;
  // sqlite-jdbc (Sqlite.kv): the driver's own module descriptor, org.xerial.sqlitejdbc.
  requires org.xerial.sqlitejdbc;
  // Lettuce (Redis.kv, Redis.kvCluster): an automatic module named by its manifest, lettuce.core.
  // Optional: only users of the Redis store need it (and add it to their own dependencies).
  requires static lettuce.core;
  // AWS SDK v2 (S3.blobs): automatic modules named in the jars' manifests. S3.config(S3Client) puts
  // the client type in our API; users of that overload require the SDK themselves. Optional, as Lettuce.
  requires static software.amazon.awssdk.services.s3;
  requires static software.amazon.awssdk.http.urlconnection;
  requires static software.amazon.awssdk.auth;
  requires static software.amazon.awssdk.core;
  requires static software.amazon.awssdk.regions;
  requires static software.amazon.awssdk.awscore;
  requires static software.amazon.awssdk.http;

  exports dev.islet.bindings;
}
