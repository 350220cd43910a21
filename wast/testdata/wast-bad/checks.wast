;; Checks the importer cannot evaluate. The test is still made, with the
;; assertions it can express.
(module $Mem (memory (export "shared") 1 1 shared))
(register "mem")
(thread $T (shared (module $Mem))
  (register "mem" $Mem)
  (module (memory (import "mem" "shared") 1 1 shared)
    (func (export "run") (i32.store (i32.const 0) (i32.const 1))))
  (invoke "run"))
(wait $T)
(module $Check (memory (import "mem" "shared") 1 1 shared)
  (func (export "atomic") (result i32) (i32.atomic.load (i32.const 0)))
  (func (export "sum") (result i32) (i32.add (i32.load (i32.const 4)) (i32.load (i32.const 8))))
  (func (export "again") (result i32) (i32.load (i32.const 4)))
  (func (export "signed") (result i32) (i32.load8_s (i32.const 12)))
  (func (export "branch") (result i32) (if (result i32) (i32.load (i32.const 16)) (then (i32.const 1)) (else (i32.const 0))))
  (func (export "far") (result i32) (i32.load (i32.const 65534)))
  (func (export "store") (result i32) (i32.store (i32.const 20) (i32.const 1)) (i32.const 1))
  (func (export "ok") (result i32) (i32.load (i32.const 0))))
(assert_return (invoke $Check "atomic") (i32.const 1))
(assert_return (invoke $Check "sum") (i32.const 0))
(assert_return (invoke $Check "again") (i32.const 0))
(assert_return (invoke $Check "signed") (i32.const 0))
(assert_return (invoke $Check "branch") (i32.const 0))
(assert_return (invoke $Check "far") (i32.const 0))
(assert_return (invoke $Check "store") (i32.const 1))
(assert_return (invoke $Check "ok") (i32.const 1))
;; ERROR 12:41: unsupported: the check "atomic" (line 20) uses i32.atomic.load: the final observer reads with plain loads
;; ERROR 13:38: unsupported: the check "sum" (line 21) uses i32.add: the importer evaluates only eq, ne, eqz, and, or
;; ERROR 14:40: unsupported: the check "again" (line 22) uses i32.load: i32[4] is loaded a second time (first on line 13), and the final observer reads each location once
;; ERROR 15:41: unsupported: the check "signed" (line 23) uses i32.load8_s: only unsigned integer loads are observed
;; ERROR 16:41: unsupported: the check "branch" (line 24) uses if: the importer evaluates only straight-line checks
;; ERROR 17:38: unsupported: the check "far" (line 25) uses i32.load: the address 65534 is beyond the memory's initial size
;; ERROR 18:40: unsupported: the check "store" (line 26) uses i32.store: a check must only read the memory after the threads are joined
;; ERROR 27:16: unsupported: the calls from here on: the call on line 26 may have written memory
