;; A memory with a minimum of 1 page and no maximum: Islet refuses it, since nothing bounds its growth.
(module
  (memory (export "memory") 1)
)
