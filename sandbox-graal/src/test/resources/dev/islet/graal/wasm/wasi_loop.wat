;; A hostile WASI command: _start never returns, so only the CPU watchdog can stop it. It imports
;; fd_write (unused) so it links against wasi_snapshot_preview1 like a real program.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1 1)
  (func (export "_start")
    (loop $forever
      (br $forever)))
)
