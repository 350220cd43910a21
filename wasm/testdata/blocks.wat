;; Control flow in flat and folded forms, with and without labels.
(local $i i32)
block $exit
  loop $top
    (br_if $exit (i32.ge_u (local.get $i) (i32.const 3)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    br $top
  end
end
(if (i32.eqz (local.get $i))
  (then (local.set $i (i32.const 7)))
  (else nop))
local.get $i
if $f (result i64)
  i64.const 1
else $f
  (block (result i64) (br 0 (i64.const 2)))
end $f
drop
;; an inner label shadows an outer one of the same name
block $a block $a br 1 br $a end end
(block (block (block (br 2))))
