(module
  (import "env" "mem" (memory 2 10 shared))
  (export "m" (memory 0))
  (func $run (export "run") (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))))
