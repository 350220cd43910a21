(module
  (memory (import "env" "mem") 1 3 shared)
  (global (export "l0_0") (mut i64) (i64.const 0))
  (global (export "l0_1") (mut i64) (i64.const 0))
  (global (export "l0_2") (mut i64) (i64.const 0))
  (global (export "l0_3") (mut i64) (i64.const 0))
  (func (export "t0") (param i32) (param i32) (result i64 i64 i64 i64 i64)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i64)
    (local i64)
    (local f32)
    (local f32)
    (local f64)
    (local f64)
    (local i32)
    (local i32)
    i64.const 0
    global.set 0
    i64.const 0
    global.set 1
    i64.const 0
    global.set 2
    i64.const 0
    global.set 3
    local.get 0
    i32.const -1640531535
    i32.mul
    local.get 0
    i32.xor
    i32.const -2048144789
    i32.xor
    local.tee 22
    local.get 22
    i32.const 15
    i32.shr_u
    i32.xor
    i32.const 739982445
    i32.mul
    local.tee 22
    local.get 22
    i32.const 12
    i32.shr_u
    i32.xor
    local.get 1
    i32.rem_u
    local.set 22
    block
      loop
        local.get 22
        i32.eqz
        br_if 1
        local.get 22
        i32.const 1
        i32.sub
        local.set 22
        br 0
      end
    end
    block
      block
        block
          block
            i32.const 1
            memory.grow
            local.tee 2
            i64.extend_i32_u
            global.set 0
            i32.const 65536
            i32.const 42
            i32.store
            memory.size
            local.tee 3
            i64.extend_i32_u
            global.set 1
            i32.const 2
            memory.grow
            local.tee 4
            i64.extend_i32_u
            global.set 2
            i32.const 131072
            i32.load
            local.tee 5
            i64.extend_i32_u
            global.set 3
          end
          i32.const 1
          local.set 21
          br 2
        end
        i32.const 2
        local.set 21
        br 1
      end
      i32.const 3
      local.set 21
    end
    local.get 21
    i64.extend_i32_u
    local.get 2
    i64.extend_i32_u
    local.get 3
    i64.extend_i32_u
    local.get 4
    i64.extend_i32_u
    local.get 5
    i64.extend_i32_u
  )
  (func (export "setup") (result i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    (local i64)
    (local i64)
    (local f32)
    (local f32)
    (local f64)
    (local f64)
    (local i32)
    block
      block
        block
          block
          end
          i32.const 1
          local.set 15
          br 2
        end
        i32.const 2
        local.set 15
        br 1
      end
      i32.const 3
      local.set 15
    end
    local.get 15
  )
  (func (export "wake") (param i32) (result i32)
    local.get 0
    i32.const -1
    memory.atomic.notify
  )
)
