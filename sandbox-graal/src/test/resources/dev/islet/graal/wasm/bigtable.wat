;; A funcref table with 10 elements and no maximum: Islet refuses it, since table.grow is unbounded.
(module
  (table (export "table") 10 funcref)
  (func (export "size") (result i32)
    (table.size 0))
)
