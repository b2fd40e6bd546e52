;; The happy path: pure functions, a bounded memory with a data segment, and a reader of that memory.
(module
  (memory (export "memory") 1 2)
  (data (i32.const 16) "hello from wasm")

  (func (export "add") (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b)))

  ;; Recursive on purpose: exercises calls and the guest stack.
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  ;; Sum of the bytes in [ptr, ptr + len).
  (func (export "sum") (param $ptr i32) (param $len i32) (result i32)
    (local $total i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $total (i32.add (local.get $total) (i32.load8_u (local.get $ptr))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $next)))
    (local.get $total))
)
