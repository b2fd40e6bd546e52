;; A WASI preview1 command that behaves as a CGI program. It reads REQUEST_METHOD from the
;; environment, reads all of stdin (fd 0) until fd_read returns 0 bytes, and writes to stdout (fd 1):
;;   Status: 200 OK\r\nContent-Type: text/plain\r\n\r\nmethod=<REQUEST_METHOD> body=<stdin>
;; then returns from _start (exit status 0).
;;
;; Memory layout (page 0 is scratch and environment, stdin goes from page 1 up, growing to the max):
;;   0..7     one iovec (buf, len) for fd_read / fd_write
;;   8..11    bytes read / written
;;   12..15   environment variable count; 16..19 environment buffer size
;;   64..     constant strings (data segments below)
;;   2048..   discard buffer once memory cannot grow any more (the rest of stdin is read, not kept)
;;   4096..   environ pointers, then the environment strings (skipped if they do not fit page 0)
;;   65536..  the request body
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))

  (memory (export "memory") 2 16)

  (data (i32.const 64) "Status: 200 OK\r\nContent-Type: text/plain\r\n\r\n") ;; 44 bytes
  (data (i32.const 128) "method=")                                         ;; 7 bytes
  (data (i32.const 136) " body=")                                          ;; 6 bytes
  (data (i32.const 144) "REQUEST_METHOD")                                  ;; 14 bytes

  (global $envCount (mut i32) (i32.const 0))
  (global $valueLength (mut i32) (i32.const 0))

  ;; Writes [ptr, ptr + len) to stdout, looping over short writes; exits 1 if stdout fails.
  (func $write (param $ptr i32) (param $len i32)
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 0) (local.get $ptr))
        (i32.store (i32.const 4) (local.get $len))
        (if (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))
          (then (call $proc_exit (i32.const 1))))
        (br_if $done (i32.eqz (i32.load (i32.const 8))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.load (i32.const 8))))
        (local.set $len (i32.sub (local.get $len) (i32.load (i32.const 8))))
        (br $more))))

  ;; Loads the environment at 4096 if it fits page 0.
  (func $loadEnvironment
    (if (call $environ_sizes_get (i32.const 12) (i32.const 16))
      (then (return)))
    (if (i32.gt_u
          (i32.add (i32.mul (i32.load (i32.const 12)) (i32.const 4)) (i32.load (i32.const 16)))
          (i32.const 61440))
      (then (return)))
    (if (call $environ_get
          (i32.const 4096)
          (i32.add (i32.const 4096) (i32.mul (i32.load (i32.const 12)) (i32.const 4))))
      (then (return)))
    (global.set $envCount (i32.load (i32.const 12))))

  ;; The value of the variable named [name, name + nameLength), or 0 when it is not set;
  ;; its length is left in $valueLength.
  (func $getenv (param $name i32) (param $nameLength i32) (result i32)
    (local $i i32)
    (local $entry i32)
    (local $j i32)
    (local $value i32)
    (global.set $valueLength (i32.const 0))
    (block $notFound
      (loop $nextEntry
        (br_if $notFound (i32.ge_u (local.get $i) (global.get $envCount)))
        (local.set $entry (i32.load (i32.add (i32.const 4096) (i32.mul (local.get $i) (i32.const 4)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        ;; compare the name byte by byte, then expect '='
        (local.set $j (i32.const 0))
        (block $mismatch
          (loop $nextByte
            (if (i32.lt_u (local.get $j) (local.get $nameLength))
              (then
                (br_if $mismatch
                  (i32.ne (i32.load8_u (i32.add (local.get $entry) (local.get $j)))
                          (i32.load8_u (i32.add (local.get $name) (local.get $j)))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $nextByte))))
          (br_if $mismatch
            (i32.ne (i32.load8_u (i32.add (local.get $entry) (local.get $nameLength))) (i32.const 61))) ;; '='
          ;; found: the value runs to the terminating NUL
          (local.set $value (i32.add (local.get $entry) (i32.add (local.get $nameLength) (i32.const 1))))
          (local.set $j (local.get $value))
          (block $end
            (loop $scan
              (br_if $end (i32.eqz (i32.load8_u (local.get $j))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $scan)))
          (global.set $valueLength (i32.sub (local.get $j) (local.get $value)))
          (return (local.get $value)))
        (br $nextEntry)))
    (i32.const 0))

  ;; Reads stdin to its end into memory from 65536, growing memory as it fills; returns the end.
  (func $readBody (result i32)
    (local $pos i32)
    (local $limit i32)
    (local.set $pos (i32.const 65536))
    (block $eof
      (loop $more
        (local.set $limit (i32.shl (memory.size) (i32.const 16)))
        (if (i32.ge_u (local.get $pos) (local.get $limit))
          (then
            (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1))
              (then
                ;; at the maximum: keep reading to the end, into the discard buffer
                (i32.store (i32.const 0) (i32.const 2048))
                (i32.store (i32.const 4) (i32.const 2048))
                (br_if $eof (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
                (br_if $eof (i32.eqz (i32.load (i32.const 8))))
                (br $more)))
            (local.set $limit (i32.shl (memory.size) (i32.const 16)))))
        (i32.store (i32.const 0) (local.get $pos))
        (i32.store (i32.const 4) (i32.sub (local.get $limit) (local.get $pos)))
        (br_if $eof (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
        (br_if $eof (i32.eqz (i32.load (i32.const 8))))
        (local.set $pos (i32.add (local.get $pos) (i32.load (i32.const 8))))
        (br $more)))
    (local.get $pos))

  (func (export "_start")
    (local $method i32)
    (local $methodLength i32)
    (local $bodyEnd i32)
    (call $loadEnvironment)
    (local.set $method (call $getenv (i32.const 144) (i32.const 14)))
    (local.set $methodLength (global.get $valueLength))
    (local.set $bodyEnd (call $readBody))
    (call $write (i32.const 64) (i32.const 44))
    (call $write (i32.const 128) (i32.const 7))
    (call $write (local.get $method) (local.get $methodLength))
    (call $write (i32.const 136) (i32.const 6))
    (call $write (i32.const 65536) (i32.sub (local.get $bodyEnd) (i32.const 65536))))
)
