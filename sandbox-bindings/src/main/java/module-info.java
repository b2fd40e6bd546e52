/**
 * Store implementations behind Islet's binding SPIs (KV, blob): in-memory, embedded persistent,
 * Redis, S3. Filled in by the bindings work; for now only the module exists.
 */
module dev.islet.bindings {
  requires dev.islet;
}
