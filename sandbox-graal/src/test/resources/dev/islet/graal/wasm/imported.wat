;; Imports a function and a global from JS: run(x) calls env.log(x * env.scale).
(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "scale" (global $scale i32))
  (func (export "run") (param $x i32)
    (call $log (i32.mul (local.get $x) (global.get $scale))))
)
