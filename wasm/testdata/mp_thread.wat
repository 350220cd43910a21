;; Message passing, reader side: two loads into named locals.
(local $r0 i32) (local $r1 i32)
(local.set $r0 (i32.atomic.load offset=4 (i32.const 0)))
(local.set $r1
  (i32.load (i32.const 0)))   ;; plain load of the data
