;; A script without threads: calls on one memory, a trap, and calls
;; after it, which replay the calls before the trap.
(module
  (memory 1 1 shared)
  (func (export "set") (param $a i32) (param $v i32) (i32.atomic.store (local.get $a) (local.get $v)))
  (func (export "get") (param $a i32) (result i32) (i32.atomic.load (local.get $a)))
  (func (export "add") (param $a i32) (param $v i32) (result i32) (i32.atomic.rmw.add (local.get $a) (local.get $v)))
)

(invoke "set" (i32.const 0) (i32.const 5))
(assert_return (invoke "add" (i32.const 0) (i32.const 2)) (i32.const 5))
(assert_trap (invoke "get" (i32.const 2)) "unaligned atomic")
(assert_return (invoke "get" (i32.const 0)) (i32.const 7))
(assert_return (invoke "set" (i32.const 4) (i32.const 1)))
