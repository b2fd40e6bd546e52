/**
 * Stores behind Islet's binding SPIs ({@link dev.islet.store.KvStore}): one small public factory per
 * backend, e.g. {@link dev.islet.bindings.InMemory}.
 */
module dev.islet.bindings {
  requires transitive dev.islet;

  exports dev.islet.bindings;
}
