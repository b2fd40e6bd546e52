;; A WASI preview1 command that answers 503 and exits with status 3 through proc_exit:
;;   Status: 503 Service Unavailable\r\n\r\nbusy
;; (a single fd_write; a short write is not retried, which is fine for 39 bytes to a pipe).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))

  (memory (export "memory") 1 1)

  (data (i32.const 64) "Status: 503 Service Unavailable\r\n\r\nbusy") ;; 39 bytes

  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 64))
    (i32.store (i32.const 4) (i32.const 39))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 3)))
)
