;; A WASI preview1 command (a CGI program) that prints its environment. It writes to stdout
;;   Content-Type: text/plain\r\n\r\n
;; then every environment variable as a `KEY=VALUE\n` line, in the order environ_get gives them,
;; then `path_open=<errno>\n`: the errno of opening "etc/passwd" under fd 3 (the first preopened
;; directory, if there were one). Last it writes one line to stderr,
;; `wasi_env: listed the environment`, and returns from _start (exit 0).
;;
;; Memory layout:
;;   0..7     one iovec (buf, len) for fd_write;  8..11 bytes written
;;   12..15   environment variable count;  16..19 environment buffer size;  20..23 path_open's fd
;;   32..47   decimal digits of a number
;;   64..     constant strings (data segments below)
;;   4096..   environ pointers, then the environment strings (up to the end of memory)
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))

  (memory (export "memory") 2 4)

  (data (i32.const 64) "Content-Type: text/plain\r\n\r\n")       ;; 28 bytes
  (data (i32.const 128) "path_open=")                            ;; 10 bytes
  (data (i32.const 144) "\n")                                    ;; 1 byte
  (data (i32.const 160) "wasi_env: listed the environment\n")    ;; 33 bytes
  (data (i32.const 208) "etc/passwd")                            ;; 10 bytes

  ;; Writes [ptr, ptr + len) to fd, looping over short writes; exits 1 if the write fails.
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 0) (local.get $ptr))
        (i32.store (i32.const 4) (local.get $len))
        (if (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))
          (then (call $proc_exit (i32.const 1))))
        (br_if $done (i32.eqz (i32.load (i32.const 8))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.load (i32.const 8))))
        (local.set $len (i32.sub (local.get $len) (i32.load (i32.const 8))))
        (br $more))))

  ;; Length of the NUL-terminated string at ptr.
  (func $strlen (param $ptr i32) (result i32)
    (local $end i32)
    (local.set $end (local.get $ptr))
    (block $found
      (loop $scan
        (br_if $found (i32.eqz (i32.load8_u (local.get $end))))
        (local.set $end (i32.add (local.get $end) (i32.const 1)))
        (br $scan)))
    (i32.sub (local.get $end) (local.get $ptr)))

  ;; Writes n in decimal to stdout.
  (func $writeNumber (param $n i32)
    (local $at i32)
    (local.set $at (i32.const 48))
    (loop $digit
      (local.set $at (i32.sub (local.get $at) (i32.const 1)))
      (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (call $write (i32.const 1) (local.get $at) (i32.sub (i32.const 48) (local.get $at))))

  (func (export "_start")
    (local $i i32)
    (local $entry i32)
    (call $write (i32.const 1) (i32.const 64) (i32.const 28))
    (if (call $environ_sizes_get (i32.const 12) (i32.const 16))
      (then (call $proc_exit (i32.const 2))))
    ;; pointers from 4096, strings after them; both must fit the memory's current size
    (if (i32.gt_u
          (i32.add (i32.const 4096)
            (i32.add (i32.mul (i32.load (i32.const 12)) (i32.const 4)) (i32.load (i32.const 16))))
          (i32.shl (memory.size) (i32.const 16)))
      (then (call $proc_exit (i32.const 3))))
    (if (call $environ_get
          (i32.const 4096)
          (i32.add (i32.const 4096) (i32.mul (i32.load (i32.const 12)) (i32.const 4))))
      (then (call $proc_exit (i32.const 4))))
    (block $listed
      (loop $next
        (br_if $listed (i32.ge_u (local.get $i) (i32.load (i32.const 12))))
        (local.set $entry (i32.load (i32.add (i32.const 4096) (i32.mul (local.get $i) (i32.const 4)))))
        (call $write (i32.const 1) (local.get $entry) (call $strlen (local.get $entry)))
        (call $write (i32.const 1) (i32.const 144) (i32.const 1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    ;; path_open(fd 3, dirflags 0, "etc/passwd", oflags 0, rights fd_read, 0, fdflags 0, &fd)
    (call $write (i32.const 1) (i32.const 128) (i32.const 10))
    (call $writeNumber
      (call $path_open (i32.const 3) (i32.const 0) (i32.const 208) (i32.const 10) (i32.const 0)
        (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 20)))
    (call $write (i32.const 1) (i32.const 144) (i32.const 1))
    (call $write (i32.const 2) (i32.const 160) (i32.const 33)))
)
