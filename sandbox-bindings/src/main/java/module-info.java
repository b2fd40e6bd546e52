/**
 * Stores behind Islet's binding SPIs ({@link dev.islet.store.KvStore}, {@link dev.islet.store.BlobStore}):
 * one small public factory per backend, e.g. {@link dev.islet.bindings.InMemory}, {@link
 * dev.islet.bindings.Sqlite} and {@link dev.islet.bindings.S3}.
 */
module dev.islet.bindings {
  requires transitive dev.islet;
  requires java.sql;
  // sqlite-jdbc (Sqlite.kv): the driver's own module descriptor, org.xerial.sqlitejdbc.
  requires org.xerial.sqlitejdbc;
  // AWS SDK v2 (S3.blobs): automatic modules named in the jars' manifests. S3.config(S3Client) puts
  // the client type in our API, hence transitive.
  requires transitive software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.http;

  exports dev.islet.bindings;
}
