;; Well-formed and valid, but imports env.missing: instantiation fails when JS provides nothing.
(module
  (import "env" "missing" (func $missing))
  (func (export "call")
    (call $missing))
)
