;; A growth bomb: the maximum is 65536 pages (4 GiB), above any worker's memory limit, and grow()
;; calls memory.grow until it fails. Islet must refuse it at deploy, before instantiation.
(module
  (memory (export "memory") 1 65536)
  (func (export "grow") (result i32)
    (local $pages i32)
    (block $full
      (loop $more
        ;; memory.grow returns -1 once the maximum (or the host) says no
        (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (local.set $pages (i32.add (local.get $pages) (i32.const 1)))
        (br $more)))
    (local.get $pages))
)
