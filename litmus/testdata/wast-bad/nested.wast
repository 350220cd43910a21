;; A thread inside a thread, joined before its parent runs: the model's
;; test threads are all concurrent, so this cannot be expressed.
(module $Mem (memory (export "shared") 1 1 shared))
(thread $T1 (shared (module $Mem))
  (register "mem" $Mem)
  (module (memory (import "mem" "shared") 1 1 shared)
    (func (export "run") (i32.store (i32.const 0) (i32.const 1))))
  (thread $T11 (shared (module $Mem))
    (invoke "run"))
  (wait $T11)
  (invoke "run")
)
(wait $T1)
;; ERROR 8:3: unsupported: nested threads with join (needs hb between test threads)
