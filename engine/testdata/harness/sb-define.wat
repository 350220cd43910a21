(module
  (memory (export "mem") 7 7 shared)
  (func (export "t0") (param i32) (param i32) (param i32) (param i32)
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
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    block
      local.get 0
      i32.eqz
      br_if 0
      loop
        i32.const 128
        i32.atomic.load
        local.set 6
        i32.const 0
        i32.const 1
        i32.atomic.rmw.add
        i32.const 1
        i32.eq
        if
          i32.const 1
          local.set 24
          i32.const 0
          i32.const 0
          i32.atomic.store
          i32.const 512
          i32.const 0
          i32.atomic.store
          i32.const 128
          i32.const 1
          i32.atomic.rmw.add
          drop
          i32.const 64
          i32.atomic.load
          if
            i32.const 128
            i32.const -1
            memory.atomic.notify
            drop
            i32.const 2
            local.set 24
          end
        else
          i32.const 0
          local.set 24
          i32.const 0
          local.set 23
          block
            loop
              i32.const 448
              i32.atomic.load
              if
                return
              end
              i32.const 128
              i32.atomic.load
              local.get 6
              i32.ne
              br_if 1
              local.get 23
              i32.const 1
              i32.add
              local.tee 23
              local.get 3
              i32.lt_u
              br_if 0
              i32.const 64
              i32.const 1
              i32.atomic.rmw.add
              drop
              i32.const 384
              i32.const 1
              i32.atomic.rmw.add
              drop
              i32.const 128
              local.get 6
              i64.const -1
              memory.atomic.wait32
              drop
              i32.const 64
              i32.const -1
              i32.atomic.rmw.add
              drop
              i32.const 0
              local.set 23
              br 0
            end
          end
        end
        local.get 24
        i32.const 2
        i32.eq
        if
          block
            loop
              i32.const 448
              i32.atomic.load
              if
                return
              end
              i32.const 512
              i32.atomic.load
              i32.const 1
              i32.ge_u
              br_if 1
              br 0
            end
          end
          i32.const 0
          local.set 24
        end
        local.get 24
        i32.eqz
        if
          i32.const 512
          i32.const 1
          i32.atomic.rmw.add
          drop
        end
        i32.const 0
        local.set 4
        local.get 20
        i32.const 64
        i32.mul
        i32.const 143360
        i32.add
        local.set 5
        local.get 20
        i32.const 16
        i32.mul
        i32.const 12288
        i32.add
        local.set 21
        local.get 20
        i32.const -1640531535
        i32.mul
        local.get 1
        i32.xor
        i32.const -2048144789
        i32.xor
        local.tee 23
        local.get 23
        i32.const 15
        i32.shr_u
        i32.xor
        i32.const 739982445
        i32.mul
        local.tee 23
        local.get 23
        i32.const 12
        i32.shr_u
        i32.xor
        local.get 2
        i32.rem_u
        local.set 23
        local.get 24
        i32.const 2
        i32.shl
        i32.const 2048
        i32.add
        i32.load
        local.get 23
        i32.add
        local.set 23
        block
          loop
            local.get 23
            i32.eqz
            br_if 1
            local.get 23
            i32.const 1
            i32.sub
            local.set 23
            br 0
          end
        end
        i32.const 0
        local.set 25
        i32.const 4160
        i32.load
        local.get 20
        i32.le_u
        i32.const 1
        i32.shl
        local.get 25
        i32.or
        local.set 25
        block
          block
            block
              block
                i32.const 0
                i32.const 1
                local.set 12
                local.get 5
                i32.add
                local.get 12
                i32.store
                i32.const 4
                local.get 5
                i32.add
                i32.load
                local.set 4
              end
              i32.const 1
              local.set 22
              br 2
            end
            i32.const 2
            local.set 22
            br 1
          end
          i32.const 3
          local.set 22
        end
        i32.const 4096
        local.get 20
        i32.const 1
        i32.add
        i32.store
        local.get 25
        i32.const 8
        i32.shl
        local.get 22
        i32.or
        local.set 22
        local.get 21
        local.get 4
        i64.extend_i32_u
        i64.store offset=8
        local.get 21
        local.get 22
        i64.extend_i32_u
        local.get 24
        i64.extend_i32_u
        i64.const 32
        i64.shl
        i64.or
        i64.store
        local.get 20
        i32.const 1
        i32.add
        local.tee 20
        local.get 0
        i32.lt_u
        br_if 0
      end
    end
    i32.const 128
    i32.atomic.load
    local.set 6
    i32.const 0
    i32.const 1
    i32.atomic.rmw.add
    i32.const 1
    i32.eq
    if
      i32.const 1
      local.set 24
      i32.const 0
      i32.const 0
      i32.atomic.store
      i32.const 512
      i32.const 0
      i32.atomic.store
      i32.const 128
      i32.const 1
      i32.atomic.rmw.add
      drop
      i32.const 64
      i32.atomic.load
      if
        i32.const 128
        i32.const -1
        memory.atomic.notify
        drop
        i32.const 2
        local.set 24
      end
    else
      i32.const 0
      local.set 24
      i32.const 0
      local.set 23
      block
        loop
          i32.const 448
          i32.atomic.load
          if
            return
          end
          i32.const 128
          i32.atomic.load
          local.get 6
          i32.ne
          br_if 1
          local.get 23
          i32.const 1
          i32.add
          local.tee 23
          local.get 3
          i32.lt_u
          br_if 0
          i32.const 64
          i32.const 1
          i32.atomic.rmw.add
          drop
          i32.const 384
          i32.const 1
          i32.atomic.rmw.add
          drop
          i32.const 128
          local.get 6
          i64.const -1
          memory.atomic.wait32
          drop
          i32.const 64
          i32.const -1
          i32.atomic.rmw.add
          drop
          i32.const 0
          local.set 23
          br 0
        end
      end
    end
  )
  (func (export "t1") (param i32) (param i32) (param i32) (param i32)
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
    (local i32)
    (local i32)
    (local i32)
    (local i32)
    block
      local.get 0
      i32.eqz
      br_if 0
      loop
        i32.const 128
        i32.atomic.load
        local.set 6
        i32.const 0
        i32.const 1
        i32.atomic.rmw.add
        i32.const 1
        i32.eq
        if
          i32.const 1
          local.set 24
          i32.const 0
          i32.const 0
          i32.atomic.store
          i32.const 512
          i32.const 0
          i32.atomic.store
          i32.const 128
          i32.const 1
          i32.atomic.rmw.add
          drop
          i32.const 64
          i32.atomic.load
          if
            i32.const 128
            i32.const -1
            memory.atomic.notify
            drop
            i32.const 2
            local.set 24
          end
        else
          i32.const 0
          local.set 24
          i32.const 0
          local.set 23
          block
            loop
              i32.const 448
              i32.atomic.load
              if
                return
              end
              i32.const 128
              i32.atomic.load
              local.get 6
              i32.ne
              br_if 1
              local.get 23
              i32.const 1
              i32.add
              local.tee 23
              local.get 3
              i32.lt_u
              br_if 0
              i32.const 64
              i32.const 1
              i32.atomic.rmw.add
              drop
              i32.const 384
              i32.const 1
              i32.atomic.rmw.add
              drop
              i32.const 128
              local.get 6
              i64.const -1
              memory.atomic.wait32
              drop
              i32.const 64
              i32.const -1
              i32.atomic.rmw.add
              drop
              i32.const 0
              local.set 23
              br 0
            end
          end
        end
        local.get 24
        i32.const 2
        i32.eq
        if
          block
            loop
              i32.const 448
              i32.atomic.load
              if
                return
              end
              i32.const 512
              i32.atomic.load
              i32.const 1
              i32.ge_u
              br_if 1
              br 0
            end
          end
          i32.const 0
          local.set 24
        end
        local.get 24
        i32.eqz
        if
          i32.const 512
          i32.const 1
          i32.atomic.rmw.add
          drop
        end
        i32.const 0
        local.set 4
        local.get 20
        i32.const 64
        i32.mul
        i32.const 143360
        i32.add
        local.set 5
        local.get 20
        i32.const 16
        i32.mul
        i32.const 77824
        i32.add
        local.set 21
        local.get 20
        i32.const -1640531535
        i32.mul
        local.get 1
        i32.xor
        i32.const 198677718
        i32.xor
        local.tee 23
        local.get 23
        i32.const 15
        i32.shr_u
        i32.xor
        i32.const 739982445
        i32.mul
        local.tee 23
        local.get 23
        i32.const 12
        i32.shr_u
        i32.xor
        local.get 2
        i32.rem_u
        local.set 23
        local.get 24
        i32.const 2
        i32.shl
        i32.const 2056
        i32.add
        i32.load
        local.get 23
        i32.add
        local.set 23
        block
          loop
            local.get 23
            i32.eqz
            br_if 1
            local.get 23
            i32.const 1
            i32.sub
            local.set 23
            br 0
          end
        end
        i32.const 0
        local.set 25
        i32.const 4096
        i32.load
        local.get 20
        i32.le_u
        i32.const 0
        i32.shl
        local.get 25
        i32.or
        local.set 25
        block
          block
            block
              block
                i32.const 4
                i32.const 1
                local.set 12
                local.get 5
                i32.add
                local.get 12
                i32.store
                i32.const 0
                local.get 5
                i32.add
                i32.load
                local.set 4
              end
              i32.const 1
              local.set 22
              br 2
            end
            i32.const 2
            local.set 22
            br 1
          end
          i32.const 3
          local.set 22
        end
        i32.const 4160
        local.get 20
        i32.const 1
        i32.add
        i32.store
        local.get 25
        i32.const 8
        i32.shl
        local.get 22
        i32.or
        local.set 22
        local.get 21
        local.get 4
        i64.extend_i32_u
        i64.store offset=8
        local.get 21
        local.get 22
        i64.extend_i32_u
        local.get 24
        i64.extend_i32_u
        i64.const 32
        i64.shl
        i64.or
        i64.store
        local.get 20
        i32.const 1
        i32.add
        local.tee 20
        local.get 0
        i32.lt_u
        br_if 0
      end
    end
    i32.const 128
    i32.atomic.load
    local.set 6
    i32.const 0
    i32.const 1
    i32.atomic.rmw.add
    i32.const 1
    i32.eq
    if
      i32.const 1
      local.set 24
      i32.const 0
      i32.const 0
      i32.atomic.store
      i32.const 512
      i32.const 0
      i32.atomic.store
      i32.const 128
      i32.const 1
      i32.atomic.rmw.add
      drop
      i32.const 64
      i32.atomic.load
      if
        i32.const 128
        i32.const -1
        memory.atomic.notify
        drop
        i32.const 2
        local.set 24
      end
    else
      i32.const 0
      local.set 24
      i32.const 0
      local.set 23
      block
        loop
          i32.const 448
          i32.atomic.load
          if
            return
          end
          i32.const 128
          i32.atomic.load
          local.get 6
          i32.ne
          br_if 1
          local.get 23
          i32.const 1
          i32.add
          local.tee 23
          local.get 3
          i32.lt_u
          br_if 0
          i32.const 64
          i32.const 1
          i32.atomic.rmw.add
          drop
          i32.const 384
          i32.const 1
          i32.atomic.rmw.add
          drop
          i32.const 128
          local.get 6
          i64.const -1
          memory.atomic.wait32
          drop
          i32.const 64
          i32.const -1
          i32.atomic.rmw.add
          drop
          i32.const 0
          local.set 23
          br 0
        end
      end
    end
  )
  (func (export "setup") (param i32) (result i32)
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
    block
      local.get 0
      i32.eqz
      br_if 0
      loop
        local.get 16
        i32.const 64
        i32.mul
        i32.const 143360
        i32.add
        local.set 1
        block
          block
            block
              block
              end
              i32.const 1
              local.set 17
              br 2
            end
            i32.const 2
            local.set 17
            br 1
          end
          i32.const 3
          local.set 17
        end
        local.get 17
        i32.const 1
        i32.ne
        if
          local.get 16
          i32.const 1
          i32.add
          return
        end
        local.get 16
        i32.const 1
        i32.add
        local.tee 16
        local.get 0
        i32.lt_u
        br_if 0
      end
    end
    i32.const 0
  )
  (func (export "wake") (param i32) (result i32)
    local.get 0
    i32.const -1
    memory.atomic.notify
  )
  (func (export "ctl") (param i32) (result i32)
    local.get 0
    i32.atomic.load
  )
  (func (export "setctl") (param i32) (param i32)
    local.get 0
    local.get 1
    i32.atomic.store
  )
)
