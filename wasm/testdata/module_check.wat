;; A checking module: imported shared memory, parameters and results.
(module $Check
  (memory (import "mem" "shared") 1 1 shared)
  (export "get" (func $get)) ;; refers forward
  (func $get (param $addr i32) (param i64) (result i32)
    (i32.load (local.get $addr)))
  (func (export "check") (result i32)
    (local i32 i32)
    (local.set 0 (i32.load (i32.const 24)))
    (local.set 1 (i32.load (i32.const 32)))
    (i32.and (i32.eq (local.get 0) (i32.const 1)) (i32.eq (local.get 1) (i32.const 42)))
    (return)))
