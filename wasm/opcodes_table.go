// The opcode table: one row per instruction, in binary-encoding order.
package wasm

// The instructions litmus code may use.
const (
	OpInvalid                Op = iota
	OpUnreachable               // unreachable
	OpNop                       // nop
	OpBlock                     // block
	OpLoop                      // loop
	OpIf                        // if
	OpBr                        // br
	OpBrIf                      // br_if
	OpReturn                    // return
	OpCall                      // call
	OpDrop                      // drop
	OpSelect                    // select
	OpLocalGet                  // local.get
	OpLocalSet                  // local.set
	OpLocalTee                  // local.tee
	OpI32Load                   // i32.load
	OpI64Load                   // i64.load
	OpF32Load                   // f32.load
	OpF64Load                   // f64.load
	OpI32Load8S                 // i32.load8_s
	OpI32Load8U                 // i32.load8_u
	OpI32Load16S                // i32.load16_s
	OpI32Load16U                // i32.load16_u
	OpI64Load8S                 // i64.load8_s
	OpI64Load8U                 // i64.load8_u
	OpI64Load16S                // i64.load16_s
	OpI64Load16U                // i64.load16_u
	OpI64Load32S                // i64.load32_s
	OpI64Load32U                // i64.load32_u
	OpI32Store                  // i32.store
	OpI64Store                  // i64.store
	OpF32Store                  // f32.store
	OpF64Store                  // f64.store
	OpI32Store8                 // i32.store8
	OpI32Store16                // i32.store16
	OpI64Store8                 // i64.store8
	OpI64Store16                // i64.store16
	OpI64Store32                // i64.store32
	OpMemorySize                // memory.size
	OpMemoryGrow                // memory.grow
	OpI32Const                  // i32.const
	OpI64Const                  // i64.const
	OpF32Const                  // f32.const
	OpF64Const                  // f64.const
	OpI32Eqz                    // i32.eqz
	OpI32Eq                     // i32.eq
	OpI32Ne                     // i32.ne
	OpI32LtS                    // i32.lt_s
	OpI32LtU                    // i32.lt_u
	OpI32GtS                    // i32.gt_s
	OpI32GtU                    // i32.gt_u
	OpI32LeS                    // i32.le_s
	OpI32LeU                    // i32.le_u
	OpI32GeS                    // i32.ge_s
	OpI32GeU                    // i32.ge_u
	OpI64Eqz                    // i64.eqz
	OpI64Eq                     // i64.eq
	OpI64Ne                     // i64.ne
	OpI64LtS                    // i64.lt_s
	OpI64LtU                    // i64.lt_u
	OpI64GtS                    // i64.gt_s
	OpI64GtU                    // i64.gt_u
	OpI64LeS                    // i64.le_s
	OpI64LeU                    // i64.le_u
	OpI64GeS                    // i64.ge_s
	OpI64GeU                    // i64.ge_u
	OpI32Clz                    // i32.clz
	OpI32Ctz                    // i32.ctz
	OpI32Popcnt                 // i32.popcnt
	OpI32Add                    // i32.add
	OpI32Sub                    // i32.sub
	OpI32Mul                    // i32.mul
	OpI32DivS                   // i32.div_s
	OpI32DivU                   // i32.div_u
	OpI32RemS                   // i32.rem_s
	OpI32RemU                   // i32.rem_u
	OpI32And                    // i32.and
	OpI32Or                     // i32.or
	OpI32Xor                    // i32.xor
	OpI32Shl                    // i32.shl
	OpI32ShrS                   // i32.shr_s
	OpI32ShrU                   // i32.shr_u
	OpI32Rotl                   // i32.rotl
	OpI32Rotr                   // i32.rotr
	OpI64Clz                    // i64.clz
	OpI64Ctz                    // i64.ctz
	OpI64Popcnt                 // i64.popcnt
	OpI64Add                    // i64.add
	OpI64Sub                    // i64.sub
	OpI64Mul                    // i64.mul
	OpI64DivS                   // i64.div_s
	OpI64DivU                   // i64.div_u
	OpI64RemS                   // i64.rem_s
	OpI64RemU                   // i64.rem_u
	OpI64And                    // i64.and
	OpI64Or                     // i64.or
	OpI64Xor                    // i64.xor
	OpI64Shl                    // i64.shl
	OpI64ShrS                   // i64.shr_s
	OpI64ShrU                   // i64.shr_u
	OpI64Rotl                   // i64.rotl
	OpI64Rotr                   // i64.rotr
	OpI32WrapI64                // i32.wrap_i64
	OpI64ExtendI32S             // i64.extend_i32_s
	OpI64ExtendI32U             // i64.extend_i32_u
	OpI32ReinterpretF32         // i32.reinterpret_f32
	OpI64ReinterpretF64         // i64.reinterpret_f64
	OpF32ReinterpretI32         // f32.reinterpret_i32
	OpF64ReinterpretI64         // f64.reinterpret_i64
	OpI32Extend8S               // i32.extend8_s
	OpI32Extend16S              // i32.extend16_s
	OpI64Extend8S               // i64.extend8_s
	OpI64Extend16S              // i64.extend16_s
	OpI64Extend32S              // i64.extend32_s
	OpMemoryCopy                // memory.copy
	OpMemoryFill                // memory.fill
	OpMemoryDiscard             // memory.discard (feature discard)
	OpMemoryProtect             // memory.protect (feature protect)
	OpMemoryAtomicNotify        // memory.atomic.notify
	OpMemoryAtomicWait32        // memory.atomic.wait32
	OpMemoryAtomicWait64        // memory.atomic.wait64
	OpAtomicFence               // atomic.fence
	OpI32AtomicLoad             // i32.atomic.load
	OpI64AtomicLoad             // i64.atomic.load
	OpI32AtomicLoad8U           // i32.atomic.load8_u
	OpI32AtomicLoad16U          // i32.atomic.load16_u
	OpI64AtomicLoad8U           // i64.atomic.load8_u
	OpI64AtomicLoad16U          // i64.atomic.load16_u
	OpI64AtomicLoad32U          // i64.atomic.load32_u
	OpI32AtomicStore            // i32.atomic.store
	OpI64AtomicStore            // i64.atomic.store
	OpI32AtomicStore8           // i32.atomic.store8
	OpI32AtomicStore16          // i32.atomic.store16
	OpI64AtomicStore8           // i64.atomic.store8
	OpI64AtomicStore16          // i64.atomic.store16
	OpI64AtomicStore32          // i64.atomic.store32
	OpI32AtomicRmwAdd           // i32.atomic.rmw.add
	OpI64AtomicRmwAdd           // i64.atomic.rmw.add
	OpI32AtomicRmw8AddU         // i32.atomic.rmw8.add_u
	OpI32AtomicRmw16AddU        // i32.atomic.rmw16.add_u
	OpI64AtomicRmw8AddU         // i64.atomic.rmw8.add_u
	OpI64AtomicRmw16AddU        // i64.atomic.rmw16.add_u
	OpI64AtomicRmw32AddU        // i64.atomic.rmw32.add_u
	OpI32AtomicRmwSub           // i32.atomic.rmw.sub
	OpI64AtomicRmwSub           // i64.atomic.rmw.sub
	OpI32AtomicRmw8SubU         // i32.atomic.rmw8.sub_u
	OpI32AtomicRmw16SubU        // i32.atomic.rmw16.sub_u
	OpI64AtomicRmw8SubU         // i64.atomic.rmw8.sub_u
	OpI64AtomicRmw16SubU        // i64.atomic.rmw16.sub_u
	OpI64AtomicRmw32SubU        // i64.atomic.rmw32.sub_u
	OpI32AtomicRmwAnd           // i32.atomic.rmw.and
	OpI64AtomicRmwAnd           // i64.atomic.rmw.and
	OpI32AtomicRmw8AndU         // i32.atomic.rmw8.and_u
	OpI32AtomicRmw16AndU        // i32.atomic.rmw16.and_u
	OpI64AtomicRmw8AndU         // i64.atomic.rmw8.and_u
	OpI64AtomicRmw16AndU        // i64.atomic.rmw16.and_u
	OpI64AtomicRmw32AndU        // i64.atomic.rmw32.and_u
	OpI32AtomicRmwOr            // i32.atomic.rmw.or
	OpI64AtomicRmwOr            // i64.atomic.rmw.or
	OpI32AtomicRmw8OrU          // i32.atomic.rmw8.or_u
	OpI32AtomicRmw16OrU         // i32.atomic.rmw16.or_u
	OpI64AtomicRmw8OrU          // i64.atomic.rmw8.or_u
	OpI64AtomicRmw16OrU         // i64.atomic.rmw16.or_u
	OpI64AtomicRmw32OrU         // i64.atomic.rmw32.or_u
	OpI32AtomicRmwXor           // i32.atomic.rmw.xor
	OpI64AtomicRmwXor           // i64.atomic.rmw.xor
	OpI32AtomicRmw8XorU         // i32.atomic.rmw8.xor_u
	OpI32AtomicRmw16XorU        // i32.atomic.rmw16.xor_u
	OpI64AtomicRmw8XorU         // i64.atomic.rmw8.xor_u
	OpI64AtomicRmw16XorU        // i64.atomic.rmw16.xor_u
	OpI64AtomicRmw32XorU        // i64.atomic.rmw32.xor_u
	OpI32AtomicRmwXchg          // i32.atomic.rmw.xchg
	OpI64AtomicRmwXchg          // i64.atomic.rmw.xchg
	OpI32AtomicRmw8XchgU        // i32.atomic.rmw8.xchg_u
	OpI32AtomicRmw16XchgU       // i32.atomic.rmw16.xchg_u
	OpI64AtomicRmw8XchgU        // i64.atomic.rmw8.xchg_u
	OpI64AtomicRmw16XchgU       // i64.atomic.rmw16.xchg_u
	OpI64AtomicRmw32XchgU       // i64.atomic.rmw32.xchg_u
	OpI32AtomicRmwCmpxchg       // i32.atomic.rmw.cmpxchg
	OpI64AtomicRmwCmpxchg       // i64.atomic.rmw.cmpxchg
	OpI32AtomicRmw8CmpxchgU     // i32.atomic.rmw8.cmpxchg_u
	OpI32AtomicRmw16CmpxchgU    // i32.atomic.rmw16.cmpxchg_u
	OpI64AtomicRmw8CmpxchgU     // i64.atomic.rmw8.cmpxchg_u
	OpI64AtomicRmw16CmpxchgU    // i64.atomic.rmw16.cmpxchg_u
	OpI64AtomicRmw32CmpxchgU    // i64.atomic.rmw32.cmpxchg_u
	opCount
)

var opInfos = [opCount]OpInfo{
	OpUnreachable:            {Name: "unreachable", Prefix: 0x00, Code: 0x00, Class: ClassControl, In: nil, Out: nil},
	OpNop:                    {Name: "nop", Prefix: 0x00, Code: 0x01, Class: ClassControl, In: nil, Out: nil},
	OpBlock:                  {Name: "block", Prefix: 0x00, Code: 0x02, Class: ClassControl, In: nil, Out: nil},
	OpLoop:                   {Name: "loop", Prefix: 0x00, Code: 0x03, Class: ClassControl, In: nil, Out: nil},
	OpIf:                     {Name: "if", Prefix: 0x00, Code: 0x04, Class: ClassControl, In: nil, Out: nil},
	OpBr:                     {Name: "br", Prefix: 0x00, Code: 0x0C, Class: ClassControl, In: nil, Out: nil},
	OpBrIf:                   {Name: "br_if", Prefix: 0x00, Code: 0x0D, Class: ClassControl, In: nil, Out: nil},
	OpReturn:                 {Name: "return", Prefix: 0x00, Code: 0x0F, Class: ClassControl, In: nil, Out: nil},
	OpCall:                   {Name: "call", Prefix: 0x00, Code: 0x10, Class: ClassControl, In: nil, Out: nil},
	OpDrop:                   {Name: "drop", Prefix: 0x00, Code: 0x1A, Class: ClassParametric, In: nil, Out: nil},
	OpSelect:                 {Name: "select", Prefix: 0x00, Code: 0x1B, Class: ClassParametric, In: nil, Out: nil},
	OpLocalGet:               {Name: "local.get", Prefix: 0x00, Code: 0x20, Class: ClassLocal, In: nil, Out: nil},
	OpLocalSet:               {Name: "local.set", Prefix: 0x00, Code: 0x21, Class: ClassLocal, In: nil, Out: nil},
	OpLocalTee:               {Name: "local.tee", Prefix: 0x00, Code: 0x22, Class: ClassLocal, In: nil, Out: nil},
	OpI32Load:                {Name: "i32.load", Prefix: 0x00, Code: 0x28, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessLoad, Type: I32, Width: 4, Signed: false, Atomic: false}},
	OpI64Load:                {Name: "i64.load", Prefix: 0x00, Code: 0x29, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 8, Signed: false, Atomic: false}},
	OpF32Load:                {Name: "f32.load", Prefix: 0x00, Code: 0x2A, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{F32}, Access: &Access{Kind: AccessLoad, Type: F32, Width: 4, Signed: false, Atomic: false}},
	OpF64Load:                {Name: "f64.load", Prefix: 0x00, Code: 0x2B, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{F64}, Access: &Access{Kind: AccessLoad, Type: F64, Width: 8, Signed: false, Atomic: false}},
	OpI32Load8S:              {Name: "i32.load8_s", Prefix: 0x00, Code: 0x2C, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessLoad, Type: I32, Width: 1, Signed: true, Atomic: false}},
	OpI32Load8U:              {Name: "i32.load8_u", Prefix: 0x00, Code: 0x2D, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessLoad, Type: I32, Width: 1, Signed: false, Atomic: false}},
	OpI32Load16S:             {Name: "i32.load16_s", Prefix: 0x00, Code: 0x2E, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessLoad, Type: I32, Width: 2, Signed: true, Atomic: false}},
	OpI32Load16U:             {Name: "i32.load16_u", Prefix: 0x00, Code: 0x2F, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessLoad, Type: I32, Width: 2, Signed: false, Atomic: false}},
	OpI64Load8S:              {Name: "i64.load8_s", Prefix: 0x00, Code: 0x30, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 1, Signed: true, Atomic: false}},
	OpI64Load8U:              {Name: "i64.load8_u", Prefix: 0x00, Code: 0x31, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 1, Signed: false, Atomic: false}},
	OpI64Load16S:             {Name: "i64.load16_s", Prefix: 0x00, Code: 0x32, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 2, Signed: true, Atomic: false}},
	OpI64Load16U:             {Name: "i64.load16_u", Prefix: 0x00, Code: 0x33, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 2, Signed: false, Atomic: false}},
	OpI64Load32S:             {Name: "i64.load32_s", Prefix: 0x00, Code: 0x34, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 4, Signed: true, Atomic: false}},
	OpI64Load32U:             {Name: "i64.load32_u", Prefix: 0x00, Code: 0x35, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 4, Signed: false, Atomic: false}},
	OpI32Store:               {Name: "i32.store", Prefix: 0x00, Code: 0x36, Class: ClassMemory, In: []ValType{I32, I32}, Out: nil, Access: &Access{Kind: AccessStore, Type: I32, Width: 4, Signed: false, Atomic: false}},
	OpI64Store:               {Name: "i64.store", Prefix: 0x00, Code: 0x37, Class: ClassMemory, In: []ValType{I32, I64}, Out: nil, Access: &Access{Kind: AccessStore, Type: I64, Width: 8, Signed: false, Atomic: false}},
	OpF32Store:               {Name: "f32.store", Prefix: 0x00, Code: 0x38, Class: ClassMemory, In: []ValType{I32, F32}, Out: nil, Access: &Access{Kind: AccessStore, Type: F32, Width: 4, Signed: false, Atomic: false}},
	OpF64Store:               {Name: "f64.store", Prefix: 0x00, Code: 0x39, Class: ClassMemory, In: []ValType{I32, F64}, Out: nil, Access: &Access{Kind: AccessStore, Type: F64, Width: 8, Signed: false, Atomic: false}},
	OpI32Store8:              {Name: "i32.store8", Prefix: 0x00, Code: 0x3A, Class: ClassMemory, In: []ValType{I32, I32}, Out: nil, Access: &Access{Kind: AccessStore, Type: I32, Width: 1, Signed: false, Atomic: false}},
	OpI32Store16:             {Name: "i32.store16", Prefix: 0x00, Code: 0x3B, Class: ClassMemory, In: []ValType{I32, I32}, Out: nil, Access: &Access{Kind: AccessStore, Type: I32, Width: 2, Signed: false, Atomic: false}},
	OpI64Store8:              {Name: "i64.store8", Prefix: 0x00, Code: 0x3C, Class: ClassMemory, In: []ValType{I32, I64}, Out: nil, Access: &Access{Kind: AccessStore, Type: I64, Width: 1, Signed: false, Atomic: false}},
	OpI64Store16:             {Name: "i64.store16", Prefix: 0x00, Code: 0x3D, Class: ClassMemory, In: []ValType{I32, I64}, Out: nil, Access: &Access{Kind: AccessStore, Type: I64, Width: 2, Signed: false, Atomic: false}},
	OpI64Store32:             {Name: "i64.store32", Prefix: 0x00, Code: 0x3E, Class: ClassMemory, In: []ValType{I32, I64}, Out: nil, Access: &Access{Kind: AccessStore, Type: I64, Width: 4, Signed: false, Atomic: false}},
	OpMemorySize:             {Name: "memory.size", Prefix: 0x00, Code: 0x3F, Class: ClassMemory, In: nil, Out: []ValType{I32}, Access: &Access{Kind: AccessSize, Type: I32, Width: 0, Signed: false, Atomic: false}},
	OpMemoryGrow:             {Name: "memory.grow", Prefix: 0x00, Code: 0x40, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessGrow, Type: I32, Width: 0, Signed: false, Atomic: false}},
	OpI32Const:               {Name: "i32.const", Prefix: 0x00, Code: 0x41, Class: ClassConst, In: nil, Out: []ValType{I32}},
	OpI64Const:               {Name: "i64.const", Prefix: 0x00, Code: 0x42, Class: ClassConst, In: nil, Out: []ValType{I64}},
	OpF32Const:               {Name: "f32.const", Prefix: 0x00, Code: 0x43, Class: ClassConst, In: nil, Out: []ValType{F32}},
	OpF64Const:               {Name: "f64.const", Prefix: 0x00, Code: 0x44, Class: ClassConst, In: nil, Out: []ValType{F64}},
	OpI32Eqz:                 {Name: "i32.eqz", Prefix: 0x00, Code: 0x45, Class: ClassNumeric, In: []ValType{I32}, Out: []ValType{I32}},
	OpI32Eq:                  {Name: "i32.eq", Prefix: 0x00, Code: 0x46, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32Ne:                  {Name: "i32.ne", Prefix: 0x00, Code: 0x47, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32LtS:                 {Name: "i32.lt_s", Prefix: 0x00, Code: 0x48, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32LtU:                 {Name: "i32.lt_u", Prefix: 0x00, Code: 0x49, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32GtS:                 {Name: "i32.gt_s", Prefix: 0x00, Code: 0x4A, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32GtU:                 {Name: "i32.gt_u", Prefix: 0x00, Code: 0x4B, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32LeS:                 {Name: "i32.le_s", Prefix: 0x00, Code: 0x4C, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32LeU:                 {Name: "i32.le_u", Prefix: 0x00, Code: 0x4D, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32GeS:                 {Name: "i32.ge_s", Prefix: 0x00, Code: 0x4E, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32GeU:                 {Name: "i32.ge_u", Prefix: 0x00, Code: 0x4F, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI64Eqz:                 {Name: "i64.eqz", Prefix: 0x00, Code: 0x50, Class: ClassNumeric, In: []ValType{I64}, Out: []ValType{I32}},
	OpI64Eq:                  {Name: "i64.eq", Prefix: 0x00, Code: 0x51, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I32}},
	OpI64Ne:                  {Name: "i64.ne", Prefix: 0x00, Code: 0x52, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I32}},
	OpI64LtS:                 {Name: "i64.lt_s", Prefix: 0x00, Code: 0x53, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I32}},
	OpI64LtU:                 {Name: "i64.lt_u", Prefix: 0x00, Code: 0x54, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I32}},
	OpI64GtS:                 {Name: "i64.gt_s", Prefix: 0x00, Code: 0x55, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I32}},
	OpI64GtU:                 {Name: "i64.gt_u", Prefix: 0x00, Code: 0x56, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I32}},
	OpI64LeS:                 {Name: "i64.le_s", Prefix: 0x00, Code: 0x57, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I32}},
	OpI64LeU:                 {Name: "i64.le_u", Prefix: 0x00, Code: 0x58, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I32}},
	OpI64GeS:                 {Name: "i64.ge_s", Prefix: 0x00, Code: 0x59, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I32}},
	OpI64GeU:                 {Name: "i64.ge_u", Prefix: 0x00, Code: 0x5A, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I32}},
	OpI32Clz:                 {Name: "i32.clz", Prefix: 0x00, Code: 0x67, Class: ClassNumeric, In: []ValType{I32}, Out: []ValType{I32}},
	OpI32Ctz:                 {Name: "i32.ctz", Prefix: 0x00, Code: 0x68, Class: ClassNumeric, In: []ValType{I32}, Out: []ValType{I32}},
	OpI32Popcnt:              {Name: "i32.popcnt", Prefix: 0x00, Code: 0x69, Class: ClassNumeric, In: []ValType{I32}, Out: []ValType{I32}},
	OpI32Add:                 {Name: "i32.add", Prefix: 0x00, Code: 0x6A, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32Sub:                 {Name: "i32.sub", Prefix: 0x00, Code: 0x6B, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32Mul:                 {Name: "i32.mul", Prefix: 0x00, Code: 0x6C, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32DivS:                {Name: "i32.div_s", Prefix: 0x00, Code: 0x6D, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32DivU:                {Name: "i32.div_u", Prefix: 0x00, Code: 0x6E, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32RemS:                {Name: "i32.rem_s", Prefix: 0x00, Code: 0x6F, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32RemU:                {Name: "i32.rem_u", Prefix: 0x00, Code: 0x70, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32And:                 {Name: "i32.and", Prefix: 0x00, Code: 0x71, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32Or:                  {Name: "i32.or", Prefix: 0x00, Code: 0x72, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32Xor:                 {Name: "i32.xor", Prefix: 0x00, Code: 0x73, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32Shl:                 {Name: "i32.shl", Prefix: 0x00, Code: 0x74, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32ShrS:                {Name: "i32.shr_s", Prefix: 0x00, Code: 0x75, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32ShrU:                {Name: "i32.shr_u", Prefix: 0x00, Code: 0x76, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32Rotl:                {Name: "i32.rotl", Prefix: 0x00, Code: 0x77, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI32Rotr:                {Name: "i32.rotr", Prefix: 0x00, Code: 0x78, Class: ClassNumeric, In: []ValType{I32, I32}, Out: []ValType{I32}},
	OpI64Clz:                 {Name: "i64.clz", Prefix: 0x00, Code: 0x79, Class: ClassNumeric, In: []ValType{I64}, Out: []ValType{I64}},
	OpI64Ctz:                 {Name: "i64.ctz", Prefix: 0x00, Code: 0x7A, Class: ClassNumeric, In: []ValType{I64}, Out: []ValType{I64}},
	OpI64Popcnt:              {Name: "i64.popcnt", Prefix: 0x00, Code: 0x7B, Class: ClassNumeric, In: []ValType{I64}, Out: []ValType{I64}},
	OpI64Add:                 {Name: "i64.add", Prefix: 0x00, Code: 0x7C, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64Sub:                 {Name: "i64.sub", Prefix: 0x00, Code: 0x7D, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64Mul:                 {Name: "i64.mul", Prefix: 0x00, Code: 0x7E, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64DivS:                {Name: "i64.div_s", Prefix: 0x00, Code: 0x7F, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64DivU:                {Name: "i64.div_u", Prefix: 0x00, Code: 0x80, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64RemS:                {Name: "i64.rem_s", Prefix: 0x00, Code: 0x81, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64RemU:                {Name: "i64.rem_u", Prefix: 0x00, Code: 0x82, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64And:                 {Name: "i64.and", Prefix: 0x00, Code: 0x83, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64Or:                  {Name: "i64.or", Prefix: 0x00, Code: 0x84, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64Xor:                 {Name: "i64.xor", Prefix: 0x00, Code: 0x85, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64Shl:                 {Name: "i64.shl", Prefix: 0x00, Code: 0x86, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64ShrS:                {Name: "i64.shr_s", Prefix: 0x00, Code: 0x87, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64ShrU:                {Name: "i64.shr_u", Prefix: 0x00, Code: 0x88, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64Rotl:                {Name: "i64.rotl", Prefix: 0x00, Code: 0x89, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI64Rotr:                {Name: "i64.rotr", Prefix: 0x00, Code: 0x8A, Class: ClassNumeric, In: []ValType{I64, I64}, Out: []ValType{I64}},
	OpI32WrapI64:             {Name: "i32.wrap_i64", Prefix: 0x00, Code: 0xA7, Class: ClassNumeric, In: []ValType{I64}, Out: []ValType{I32}},
	OpI64ExtendI32S:          {Name: "i64.extend_i32_s", Prefix: 0x00, Code: 0xAC, Class: ClassNumeric, In: []ValType{I32}, Out: []ValType{I64}},
	OpI64ExtendI32U:          {Name: "i64.extend_i32_u", Prefix: 0x00, Code: 0xAD, Class: ClassNumeric, In: []ValType{I32}, Out: []ValType{I64}},
	OpI32ReinterpretF32:      {Name: "i32.reinterpret_f32", Prefix: 0x00, Code: 0xBC, Class: ClassNumeric, In: []ValType{F32}, Out: []ValType{I32}},
	OpI64ReinterpretF64:      {Name: "i64.reinterpret_f64", Prefix: 0x00, Code: 0xBD, Class: ClassNumeric, In: []ValType{F64}, Out: []ValType{I64}},
	OpF32ReinterpretI32:      {Name: "f32.reinterpret_i32", Prefix: 0x00, Code: 0xBE, Class: ClassNumeric, In: []ValType{I32}, Out: []ValType{F32}},
	OpF64ReinterpretI64:      {Name: "f64.reinterpret_i64", Prefix: 0x00, Code: 0xBF, Class: ClassNumeric, In: []ValType{I64}, Out: []ValType{F64}},
	OpI32Extend8S:            {Name: "i32.extend8_s", Prefix: 0x00, Code: 0xC0, Class: ClassNumeric, In: []ValType{I32}, Out: []ValType{I32}},
	OpI32Extend16S:           {Name: "i32.extend16_s", Prefix: 0x00, Code: 0xC1, Class: ClassNumeric, In: []ValType{I32}, Out: []ValType{I32}},
	OpI64Extend8S:            {Name: "i64.extend8_s", Prefix: 0x00, Code: 0xC2, Class: ClassNumeric, In: []ValType{I64}, Out: []ValType{I64}},
	OpI64Extend16S:           {Name: "i64.extend16_s", Prefix: 0x00, Code: 0xC3, Class: ClassNumeric, In: []ValType{I64}, Out: []ValType{I64}},
	OpI64Extend32S:           {Name: "i64.extend32_s", Prefix: 0x00, Code: 0xC4, Class: ClassNumeric, In: []ValType{I64}, Out: []ValType{I64}},
	OpMemoryCopy:             {Name: "memory.copy", Prefix: 0xFC, Code: 0x0A, Class: ClassMemory, In: []ValType{I32, I32, I32}, Out: nil, Access: &Access{Kind: AccessCopy, Type: I32, Width: 0, Signed: false, Atomic: false}},
	OpMemoryFill:             {Name: "memory.fill", Prefix: 0xFC, Code: 0x0B, Class: ClassMemory, In: []ValType{I32, I32, I32}, Out: nil, Access: &Access{Kind: AccessFill, Type: I32, Width: 0, Signed: false, Atomic: false}},
	OpMemoryDiscard:          {Name: "memory.discard", Prefix: 0xFC, Code: 0x12, Class: ClassMemory, In: []ValType{I32, I32}, Out: nil, Access: &Access{Kind: AccessDiscard, Type: I32, Width: 0, Signed: false, Atomic: false}},
	OpMemoryProtect:          {Name: "memory.protect", Prefix: 0xFC, Code: 0x17, Class: ClassMemory, In: []ValType{I32, I32}, Out: nil, Access: &Access{Kind: AccessProtect, Type: I32, Width: 0, Signed: false, Atomic: false}},
	OpMemoryAtomicNotify:     {Name: "memory.atomic.notify", Prefix: 0xFE, Code: 0x00, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessNotify, Type: I32, Width: 4, Signed: false, Atomic: true}},
	OpMemoryAtomicWait32:     {Name: "memory.atomic.wait32", Prefix: 0xFE, Code: 0x01, Class: ClassMemory, In: []ValType{I32, I32, I64}, Out: []ValType{I32}, Access: &Access{Kind: AccessWait, Type: I32, Width: 4, Signed: false, Atomic: true}},
	OpMemoryAtomicWait64:     {Name: "memory.atomic.wait64", Prefix: 0xFE, Code: 0x02, Class: ClassMemory, In: []ValType{I32, I64, I64}, Out: []ValType{I32}, Access: &Access{Kind: AccessWait, Type: I64, Width: 8, Signed: false, Atomic: true}},
	OpAtomicFence:            {Name: "atomic.fence", Prefix: 0xFE, Code: 0x03, Class: ClassMemory, In: nil, Out: nil, Access: &Access{Kind: AccessFence, Type: I32, Width: 0, Signed: false, Atomic: true}},
	OpI32AtomicLoad:          {Name: "i32.atomic.load", Prefix: 0xFE, Code: 0x10, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessLoad, Type: I32, Width: 4, Signed: false, Atomic: true}},
	OpI64AtomicLoad:          {Name: "i64.atomic.load", Prefix: 0xFE, Code: 0x11, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 8, Signed: false, Atomic: true}},
	OpI32AtomicLoad8U:        {Name: "i32.atomic.load8_u", Prefix: 0xFE, Code: 0x12, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessLoad, Type: I32, Width: 1, Signed: false, Atomic: true}},
	OpI32AtomicLoad16U:       {Name: "i32.atomic.load16_u", Prefix: 0xFE, Code: 0x13, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessLoad, Type: I32, Width: 2, Signed: false, Atomic: true}},
	OpI64AtomicLoad8U:        {Name: "i64.atomic.load8_u", Prefix: 0xFE, Code: 0x14, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 1, Signed: false, Atomic: true}},
	OpI64AtomicLoad16U:       {Name: "i64.atomic.load16_u", Prefix: 0xFE, Code: 0x15, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 2, Signed: false, Atomic: true}},
	OpI64AtomicLoad32U:       {Name: "i64.atomic.load32_u", Prefix: 0xFE, Code: 0x16, Class: ClassMemory, In: []ValType{I32}, Out: []ValType{I64}, Access: &Access{Kind: AccessLoad, Type: I64, Width: 4, Signed: false, Atomic: true}},
	OpI32AtomicStore:         {Name: "i32.atomic.store", Prefix: 0xFE, Code: 0x17, Class: ClassMemory, In: []ValType{I32, I32}, Out: nil, Access: &Access{Kind: AccessStore, Type: I32, Width: 4, Signed: false, Atomic: true}},
	OpI64AtomicStore:         {Name: "i64.atomic.store", Prefix: 0xFE, Code: 0x18, Class: ClassMemory, In: []ValType{I32, I64}, Out: nil, Access: &Access{Kind: AccessStore, Type: I64, Width: 8, Signed: false, Atomic: true}},
	OpI32AtomicStore8:        {Name: "i32.atomic.store8", Prefix: 0xFE, Code: 0x19, Class: ClassMemory, In: []ValType{I32, I32}, Out: nil, Access: &Access{Kind: AccessStore, Type: I32, Width: 1, Signed: false, Atomic: true}},
	OpI32AtomicStore16:       {Name: "i32.atomic.store16", Prefix: 0xFE, Code: 0x1A, Class: ClassMemory, In: []ValType{I32, I32}, Out: nil, Access: &Access{Kind: AccessStore, Type: I32, Width: 2, Signed: false, Atomic: true}},
	OpI64AtomicStore8:        {Name: "i64.atomic.store8", Prefix: 0xFE, Code: 0x1B, Class: ClassMemory, In: []ValType{I32, I64}, Out: nil, Access: &Access{Kind: AccessStore, Type: I64, Width: 1, Signed: false, Atomic: true}},
	OpI64AtomicStore16:       {Name: "i64.atomic.store16", Prefix: 0xFE, Code: 0x1C, Class: ClassMemory, In: []ValType{I32, I64}, Out: nil, Access: &Access{Kind: AccessStore, Type: I64, Width: 2, Signed: false, Atomic: true}},
	OpI64AtomicStore32:       {Name: "i64.atomic.store32", Prefix: 0xFE, Code: 0x1D, Class: ClassMemory, In: []ValType{I32, I64}, Out: nil, Access: &Access{Kind: AccessStore, Type: I64, Width: 4, Signed: false, Atomic: true}},
	OpI32AtomicRmwAdd:        {Name: "i32.atomic.rmw.add", Prefix: 0xFE, Code: 0x1E, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 4, Signed: false, Atomic: true, RMW: RMWAdd}},
	OpI64AtomicRmwAdd:        {Name: "i64.atomic.rmw.add", Prefix: 0xFE, Code: 0x1F, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 8, Signed: false, Atomic: true, RMW: RMWAdd}},
	OpI32AtomicRmw8AddU:      {Name: "i32.atomic.rmw8.add_u", Prefix: 0xFE, Code: 0x20, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 1, Signed: false, Atomic: true, RMW: RMWAdd}},
	OpI32AtomicRmw16AddU:     {Name: "i32.atomic.rmw16.add_u", Prefix: 0xFE, Code: 0x21, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 2, Signed: false, Atomic: true, RMW: RMWAdd}},
	OpI64AtomicRmw8AddU:      {Name: "i64.atomic.rmw8.add_u", Prefix: 0xFE, Code: 0x22, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 1, Signed: false, Atomic: true, RMW: RMWAdd}},
	OpI64AtomicRmw16AddU:     {Name: "i64.atomic.rmw16.add_u", Prefix: 0xFE, Code: 0x23, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 2, Signed: false, Atomic: true, RMW: RMWAdd}},
	OpI64AtomicRmw32AddU:     {Name: "i64.atomic.rmw32.add_u", Prefix: 0xFE, Code: 0x24, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 4, Signed: false, Atomic: true, RMW: RMWAdd}},
	OpI32AtomicRmwSub:        {Name: "i32.atomic.rmw.sub", Prefix: 0xFE, Code: 0x25, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 4, Signed: false, Atomic: true, RMW: RMWSub}},
	OpI64AtomicRmwSub:        {Name: "i64.atomic.rmw.sub", Prefix: 0xFE, Code: 0x26, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 8, Signed: false, Atomic: true, RMW: RMWSub}},
	OpI32AtomicRmw8SubU:      {Name: "i32.atomic.rmw8.sub_u", Prefix: 0xFE, Code: 0x27, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 1, Signed: false, Atomic: true, RMW: RMWSub}},
	OpI32AtomicRmw16SubU:     {Name: "i32.atomic.rmw16.sub_u", Prefix: 0xFE, Code: 0x28, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 2, Signed: false, Atomic: true, RMW: RMWSub}},
	OpI64AtomicRmw8SubU:      {Name: "i64.atomic.rmw8.sub_u", Prefix: 0xFE, Code: 0x29, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 1, Signed: false, Atomic: true, RMW: RMWSub}},
	OpI64AtomicRmw16SubU:     {Name: "i64.atomic.rmw16.sub_u", Prefix: 0xFE, Code: 0x2A, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 2, Signed: false, Atomic: true, RMW: RMWSub}},
	OpI64AtomicRmw32SubU:     {Name: "i64.atomic.rmw32.sub_u", Prefix: 0xFE, Code: 0x2B, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 4, Signed: false, Atomic: true, RMW: RMWSub}},
	OpI32AtomicRmwAnd:        {Name: "i32.atomic.rmw.and", Prefix: 0xFE, Code: 0x2C, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 4, Signed: false, Atomic: true, RMW: RMWAnd}},
	OpI64AtomicRmwAnd:        {Name: "i64.atomic.rmw.and", Prefix: 0xFE, Code: 0x2D, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 8, Signed: false, Atomic: true, RMW: RMWAnd}},
	OpI32AtomicRmw8AndU:      {Name: "i32.atomic.rmw8.and_u", Prefix: 0xFE, Code: 0x2E, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 1, Signed: false, Atomic: true, RMW: RMWAnd}},
	OpI32AtomicRmw16AndU:     {Name: "i32.atomic.rmw16.and_u", Prefix: 0xFE, Code: 0x2F, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 2, Signed: false, Atomic: true, RMW: RMWAnd}},
	OpI64AtomicRmw8AndU:      {Name: "i64.atomic.rmw8.and_u", Prefix: 0xFE, Code: 0x30, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 1, Signed: false, Atomic: true, RMW: RMWAnd}},
	OpI64AtomicRmw16AndU:     {Name: "i64.atomic.rmw16.and_u", Prefix: 0xFE, Code: 0x31, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 2, Signed: false, Atomic: true, RMW: RMWAnd}},
	OpI64AtomicRmw32AndU:     {Name: "i64.atomic.rmw32.and_u", Prefix: 0xFE, Code: 0x32, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 4, Signed: false, Atomic: true, RMW: RMWAnd}},
	OpI32AtomicRmwOr:         {Name: "i32.atomic.rmw.or", Prefix: 0xFE, Code: 0x33, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 4, Signed: false, Atomic: true, RMW: RMWOr}},
	OpI64AtomicRmwOr:         {Name: "i64.atomic.rmw.or", Prefix: 0xFE, Code: 0x34, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 8, Signed: false, Atomic: true, RMW: RMWOr}},
	OpI32AtomicRmw8OrU:       {Name: "i32.atomic.rmw8.or_u", Prefix: 0xFE, Code: 0x35, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 1, Signed: false, Atomic: true, RMW: RMWOr}},
	OpI32AtomicRmw16OrU:      {Name: "i32.atomic.rmw16.or_u", Prefix: 0xFE, Code: 0x36, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 2, Signed: false, Atomic: true, RMW: RMWOr}},
	OpI64AtomicRmw8OrU:       {Name: "i64.atomic.rmw8.or_u", Prefix: 0xFE, Code: 0x37, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 1, Signed: false, Atomic: true, RMW: RMWOr}},
	OpI64AtomicRmw16OrU:      {Name: "i64.atomic.rmw16.or_u", Prefix: 0xFE, Code: 0x38, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 2, Signed: false, Atomic: true, RMW: RMWOr}},
	OpI64AtomicRmw32OrU:      {Name: "i64.atomic.rmw32.or_u", Prefix: 0xFE, Code: 0x39, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 4, Signed: false, Atomic: true, RMW: RMWOr}},
	OpI32AtomicRmwXor:        {Name: "i32.atomic.rmw.xor", Prefix: 0xFE, Code: 0x3A, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 4, Signed: false, Atomic: true, RMW: RMWXor}},
	OpI64AtomicRmwXor:        {Name: "i64.atomic.rmw.xor", Prefix: 0xFE, Code: 0x3B, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 8, Signed: false, Atomic: true, RMW: RMWXor}},
	OpI32AtomicRmw8XorU:      {Name: "i32.atomic.rmw8.xor_u", Prefix: 0xFE, Code: 0x3C, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 1, Signed: false, Atomic: true, RMW: RMWXor}},
	OpI32AtomicRmw16XorU:     {Name: "i32.atomic.rmw16.xor_u", Prefix: 0xFE, Code: 0x3D, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 2, Signed: false, Atomic: true, RMW: RMWXor}},
	OpI64AtomicRmw8XorU:      {Name: "i64.atomic.rmw8.xor_u", Prefix: 0xFE, Code: 0x3E, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 1, Signed: false, Atomic: true, RMW: RMWXor}},
	OpI64AtomicRmw16XorU:     {Name: "i64.atomic.rmw16.xor_u", Prefix: 0xFE, Code: 0x3F, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 2, Signed: false, Atomic: true, RMW: RMWXor}},
	OpI64AtomicRmw32XorU:     {Name: "i64.atomic.rmw32.xor_u", Prefix: 0xFE, Code: 0x40, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 4, Signed: false, Atomic: true, RMW: RMWXor}},
	OpI32AtomicRmwXchg:       {Name: "i32.atomic.rmw.xchg", Prefix: 0xFE, Code: 0x41, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 4, Signed: false, Atomic: true, RMW: RMWXchg}},
	OpI64AtomicRmwXchg:       {Name: "i64.atomic.rmw.xchg", Prefix: 0xFE, Code: 0x42, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 8, Signed: false, Atomic: true, RMW: RMWXchg}},
	OpI32AtomicRmw8XchgU:     {Name: "i32.atomic.rmw8.xchg_u", Prefix: 0xFE, Code: 0x43, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 1, Signed: false, Atomic: true, RMW: RMWXchg}},
	OpI32AtomicRmw16XchgU:    {Name: "i32.atomic.rmw16.xchg_u", Prefix: 0xFE, Code: 0x44, Class: ClassMemory, In: []ValType{I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessRMW, Type: I32, Width: 2, Signed: false, Atomic: true, RMW: RMWXchg}},
	OpI64AtomicRmw8XchgU:     {Name: "i64.atomic.rmw8.xchg_u", Prefix: 0xFE, Code: 0x45, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 1, Signed: false, Atomic: true, RMW: RMWXchg}},
	OpI64AtomicRmw16XchgU:    {Name: "i64.atomic.rmw16.xchg_u", Prefix: 0xFE, Code: 0x46, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 2, Signed: false, Atomic: true, RMW: RMWXchg}},
	OpI64AtomicRmw32XchgU:    {Name: "i64.atomic.rmw32.xchg_u", Prefix: 0xFE, Code: 0x47, Class: ClassMemory, In: []ValType{I32, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessRMW, Type: I64, Width: 4, Signed: false, Atomic: true, RMW: RMWXchg}},
	OpI32AtomicRmwCmpxchg:    {Name: "i32.atomic.rmw.cmpxchg", Prefix: 0xFE, Code: 0x48, Class: ClassMemory, In: []ValType{I32, I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessCmpxchg, Type: I32, Width: 4, Signed: false, Atomic: true}},
	OpI64AtomicRmwCmpxchg:    {Name: "i64.atomic.rmw.cmpxchg", Prefix: 0xFE, Code: 0x49, Class: ClassMemory, In: []ValType{I32, I64, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessCmpxchg, Type: I64, Width: 8, Signed: false, Atomic: true}},
	OpI32AtomicRmw8CmpxchgU:  {Name: "i32.atomic.rmw8.cmpxchg_u", Prefix: 0xFE, Code: 0x4A, Class: ClassMemory, In: []ValType{I32, I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessCmpxchg, Type: I32, Width: 1, Signed: false, Atomic: true}},
	OpI32AtomicRmw16CmpxchgU: {Name: "i32.atomic.rmw16.cmpxchg_u", Prefix: 0xFE, Code: 0x4B, Class: ClassMemory, In: []ValType{I32, I32, I32}, Out: []ValType{I32}, Access: &Access{Kind: AccessCmpxchg, Type: I32, Width: 2, Signed: false, Atomic: true}},
	OpI64AtomicRmw8CmpxchgU:  {Name: "i64.atomic.rmw8.cmpxchg_u", Prefix: 0xFE, Code: 0x4C, Class: ClassMemory, In: []ValType{I32, I64, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessCmpxchg, Type: I64, Width: 1, Signed: false, Atomic: true}},
	OpI64AtomicRmw16CmpxchgU: {Name: "i64.atomic.rmw16.cmpxchg_u", Prefix: 0xFE, Code: 0x4D, Class: ClassMemory, In: []ValType{I32, I64, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessCmpxchg, Type: I64, Width: 2, Signed: false, Atomic: true}},
	OpI64AtomicRmw32CmpxchgU: {Name: "i64.atomic.rmw32.cmpxchg_u", Prefix: 0xFE, Code: 0x4E, Class: ClassMemory, In: []ValType{I32, I64, I64}, Out: []ValType{I64}, Access: &Access{Kind: AccessCmpxchg, Type: I64, Width: 4, Signed: false, Atomic: true}},
}
