;; The main script calls a function while a thread runs, then a thread
;; starts after a join.
(module $Mem (memory (export "shared") 1 1 shared)
  (func (export "poke") (i32.store (i32.const 0) (i32.const 2))))
(register "mem")
(thread $T (shared (module $Mem))
  (register "mem" $Mem)
  (module (memory (import "mem" "shared") 1 1 shared)
    (func (export "run") (i32.store (i32.const 0) (i32.const 1))))
  (invoke "run"))
(invoke $Mem "poke")
(wait $T)
;; ERROR 11:1: unsupported: a call in the main script while threads run (the main script would have to be a test thread)
