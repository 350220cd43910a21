;; Parse errors are reported together, each at its token.
(local $x i32)
(i32.store (i32.const 0) (i32.cosnt 1))
(drop (i32.load align=3 (i32.const 0)))
i32.const 4294967296 drop
local.get $y drop
block $b br $c end
