;; A hostile guest: spin() never returns, so only the CPU watchdog can stop it. Its memory is bounded.
(module
  (memory (export "memory") 1 1)
  (func (export "spin")
    (loop $forever
      (br $forever)))
)
