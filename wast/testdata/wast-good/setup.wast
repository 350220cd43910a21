;; Setup calls before the threads, arguments, an early return, a kept
;; local name, an i64 check with eqz and ne, and a trap a thread expects.
(module $Mem
  (memory (export "shared") 1 2 shared)
  (func (export "init") (param $v i32)
    (i32.store (i32.const 8) (local.get $v)))
)
(register "mem")
(invoke "init" (i32.const 7))

(thread $W (shared (module $Mem))
  (register "mem" $Mem)
  (module
    (memory (import "mem" "shared") 1 2 shared)
    (func (export "put") (param $a i32) (param $x i64) (result i32)
      (local $old i32)
      (local.set $old (i32.load (i32.const 8)))
      (if (i32.eqz (local.get $old)) (then (return (i32.const -1))))
      (i64.atomic.store (local.get $a) (local.get $x))
      (local.get $old))
  )
  (assert_return (invoke "put" (i32.const 16) (i64.const 0x100000000)) (i32.const 7))
)

(thread $R (shared (module $Mem))
  (register "mem" $Mem)
  (module
    (memory (import "mem" "shared") 1 2 shared)
    (func (export "bad") (i32.store (i32.const 65536) (i32.const 1)))
  )
  (assert_trap (invoke "bad") "out of bounds memory access")
)

(wait $W)
(wait $R)

(module $Check
  (memory (import "mem" "shared") 1 2 shared)
  (func (export "check") (result i32)
    (i32.and
      (i64.ne (i64.load (i32.const 16)) (i64.const 0))
      (i32.eqz (i32.eqz (i32.eq (i32.load8_u offset=8 (i32.const 0)) (i32.const 7)))))))

(assert_return (invoke $Check "check") (i32.const 1))
