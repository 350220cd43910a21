;; Errors in scripts and commands left out, one per section (a module
;; that defines a shared memory starts a section).
(module $M1 (memory (export "shared") 1 1 shared))
(invoke $Nope "f")

(module $M2 (memory (export "shared") 1 1 shared))
(thread $T2
  (module (memory 1 1 shared) (func (export "f")))
  (invoke "f"))

(module $M3 (memory (export "shared") 1 1 shared)
  (func (export "bad") (unreachable))
  (func (export "ok")))
(thread $T3 (shared (module $M3))
  (assert_trap (invoke $M3 "bad") "unreachable")
  (invoke $M3 "ok"))

(module $M4 (memory (export "shared") 1 1 shared)
  (func (export "two") (result i32 i32) (i32.const 1) (i32.const 2)))
(invoke "two")

(module $M5 (memory (export "shared") 1 1 shared))
(wait $Nobody)

(module $M6 (memory (export "shared") 1 1 shared))
(register "m6")
(assert_unlinkable (module (memory (import "m6" "shared") 1 1 shared)) "unknown import")

(module $M7 (memory (export "shared") 1 1 shared))
(module (memory (import "m7" "shared") 1 1 shared))

(module $M8 (memory (export "shared") 1 1 shared)
  (func (export "f") (param i32)))
(invoke "f")

(module $M9 (memory (export "shared") 1 1 shared)
  (func (export "f") (result f32) (f32.load (i32.const 0))))
(assert_return (invoke "f") (f32.const nan:canonical))

(module $M10 (memory (export "shared") 1 1 shared))
(assert_invalid (module (func (result i32))) "type mismatch")

(module $M11 (memory (export "shared") 1 1 shared)
  (func (export "get") (result i32) (i32.load (i32.const 0))))
(assert_return (invoke "get") (i32.const 0))
(thread $T11 (shared (module $M11)) (invoke $M11 "get"))
(wait $T11)

(module $M12 (memory (export "shared") 1 1 shared))
(assert_return (get "g") (i32.const 0))

(module $M13 (memory (export "shared") 1 1 shared)
  (func (export "f")))
(thread (shared (module $M13)) (invoke $M13 "f"))

(module $M14 (memory (export "shared") 1 1 shared)
  (func (export "f") (i32.frob)))
;; ERROR 4:1: invoke: unknown module $Nope
;; ERROR 8:3: unsupported: a memory defined inside a thread (thread T2)
;; ERROR 16:3: unsupported: a call after an asserted trap in thread T3 (a trap ends a litmus thread)
;; ERROR 20:1: unsupported: a call of "two", which has 2 results
;; ERROR 23:1: wait: unknown thread $Nobody
;; ERROR 27:1: assertion fails: the module links in the main script
;; ERROR 30:1: link failure: unknown import "m7"."shared": no module is registered as "m7" in the main script
;; ERROR 34:1: invoke: "f" has 1 parameters, found 0 arguments
;; ERROR 38:29: unsupported: the expected result (f32.const nan:canonical): NaN patterns are not compared
;; ERROR 41:1: unsupported: assert_invalid: validation and parsing are not memory-model questions
;; ERROR 45:1: unsupported: an assertion before the threads start (the setup's results are not observable); the call is kept, its assertion left out
;; ERROR 50:1: unsupported: assert_return on anything but (invoke ...)
;; ERROR 54:1: unsupported: a thread without a $name
;; ERROR 57:23: unknown instruction i32.frob
