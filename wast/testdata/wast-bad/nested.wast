;; A thread spawned after its parent's first call: the child's events are
;; hb-after the parent's first call but not its later ones, which litmus
;; threads (a thread starts after others, or with them) cannot express.
;; Spawning and joining before the first call is supported (nested.wast).
(module $Mem (memory (export "shared") 1 1 shared))
(thread $T1 (shared (module $Mem))
  (register "mem" $Mem)
  (module (memory (import "mem" "shared") 1 1 shared)
    (func (export "run") (i32.store (i32.const 0) (i32.const 1))))
  (invoke "run")
  (thread $T11 (shared (module $Mem))
    (invoke "run"))
  (wait $T11)
)
(wait $T1)
;; ERROR 11:3: unsupported: a thread spawned after its parent's first call (needs hb from the middle of the parent)
