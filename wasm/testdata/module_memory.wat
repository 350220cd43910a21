;; A memory-only module, and the import and export forms of memories.
(module $Mem
  (memory $m (export "shared") 1 2 shared)
  (func (export "grow") (result i32) (memory.grow $m (i32.const 1))))
