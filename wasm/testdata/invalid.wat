;; Well-formed but invalid code: validation errors are listed after the text.
(local $x i64)
(local.set $x (i32.const 1))
(drop (i32.atomic.load align=1 (i32.const 0)))
(drop (block (result i32) (i64.const 0)))
br 3
i32.const 1
