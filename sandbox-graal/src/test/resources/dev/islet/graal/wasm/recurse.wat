;; Hostile: unbounded recursion. recurse(n) calls itself with n + 1 forever, so the Wasm call stack
;; overflows; the guest must get a RuntimeError and the host and the next request must be fine.
(module
  (memory (export "memory") 1 1)
  (func $recurse (export "recurse") (param $n i32) (result i32)
    (i32.add (i32.const 1) (call $recurse (i32.add (local.get $n) (i32.const 1))))))
