;; An expected trap before the threads start: the setup code cannot go on
;; after a trap, so the section gives no test. Then a thread of a stopped
;; section is skipped, and waiting for it later is no error.
(module $M (memory (export "shared") 1 1 shared)
  (func (export "oob") (i32.store (i32.const 65536) (i32.const 1)))
  (func (export "w") (i32.store (i32.const 0) (i32.const 1))))
(assert_trap (invoke "oob") "out of bounds memory access")
(thread $T (shared (module $M)) (invoke $M "w"))
(wait $T)

(module $N (memory (export "shared") 1 1 shared) (func (export "w") (i32.store (i32.const 0) (i32.const 1))))
(invoke $N "nosuch")
(thread $U (shared (module $N)) (invoke $N "w"))
(module $O (memory (export "shared") 1 1 shared))
(wait $U)
;; ERROR 7:1: unsupported: assert_trap before the threads start (a trap would end the setup code)
;; ERROR 12:1: invoke: the module has no exported function "nosuch"
