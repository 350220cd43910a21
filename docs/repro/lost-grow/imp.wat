(module (import "env" "mem" (memory 0 16 shared))
 (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
 (func (export "size") (result i32) (memory.size)))
