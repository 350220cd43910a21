package wasm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FormatFunc returns the canonical text of a function body: one
// (local $x t) line per local, then the instructions in flat form, one per
// line, indented by two spaces inside blocks, with end and else on lines
// of their own. Names are used where the tree has them, offset= only when
// non-zero, align= only when not natural, integer constants in signed
// decimal and float constants in a form that parses back to the same
// bits. Parameters and results are not part of the body and are not
// printed. ParseFunc(FormatFunc(f)) gives f back, positions aside.
func FormatFunc(f *Func) string {
	var b strings.Builder
	pr := printer{b: &b, f: f}
	for _, im := range f.Imports {
		b.WriteString(formatImport(im) + "\n")
	}
	for i, p := range f.Params {
		b.WriteString(valueDecl("param", p, uint32(i), f) + "\n")
	}
	if len(f.Results) > 0 {
		b.WriteString(declList("result", f.Results) + "\n")
	}
	pr.locals("")
	pr.seq(f.Body, "")
	return b.String()
}

// formatImport returns a function import as a litmus function declares
// it: (import "m" "n" (func $id (param t*) (result t*))).
func formatImport(im Import) string {
	s := "(import " + quote(im.Module) + " " + quote(im.Name) + " (func"
	if isIDName(im.ID) {
		s += " $" + im.ID
	}
	if len(im.Params) > 0 {
		s += " " + declList("param", im.Params)
	}
	if len(im.Results) > 0 {
		s += " " + declList("result", im.Results)
	}
	return s + "))"
}

// typeList returns (kw t*).
func declList(kw string, ts []ValType) string {
	s := "(" + kw
	for _, t := range ts {
		s += " " + t.String()
	}
	return s + ")"
}

// FormatModule returns the canonical text of a module: its memory, then
// its functions, each with export, parameters, results, locals and body.
func FormatModule(m *Module) string {
	var b strings.Builder
	b.WriteString("(module")
	if isIDName(m.Name) {
		b.WriteString(" $" + m.Name)
	}
	b.WriteString("\n")
	if m.HasMemory {
		b.WriteString("  " + formatMemory(m.Memory) + "\n")
	}
	for _, mem := range m.MoreMemories {
		b.WriteString("  " + formatMemory(mem) + "\n")
	}
	for _, g := range m.Globals {
		b.WriteString("  (global")
		if g.Export != "" {
			b.WriteString(" (export " + quote(g.Export) + ")")
		}
		fmt.Fprintf(&b, " (mut %s) (%s.const 0))\n", g.Type, g.Type)
	}
	for i := range m.Funcs {
		formatModuleFunc(&b, &m.Funcs[i])
	}
	b.WriteString(")\n")
	return b.String()
}

// formatMemory returns the (memory ...) field for mem.
func formatMemory(mem Memory) string {
	s := "(memory"
	if mem.Export != "" {
		s += " (export " + quote(mem.Export) + ")"
	}
	if mem.Imported() {
		s += " (import " + quote(mem.ImportModule) + " " + quote(mem.ImportName) + ")"
	}
	s += fmt.Sprintf(" %d", mem.Min)
	if mem.HasMax {
		s += fmt.Sprintf(" %d", mem.Max)
	}
	if mem.Shared {
		s += " shared"
	}
	return s + ")"
}

// formatModuleFunc writes one (func ...) field.
func formatModuleFunc(b *strings.Builder, f *Func) {
	b.WriteString("  (func")
	if isIDName(f.Name) {
		b.WriteString(" $" + f.Name)
	}
	if f.Export != "" {
		b.WriteString(" (export " + quote(f.Export) + ")")
	}
	for i, p := range f.Params {
		b.WriteString(" " + valueDecl("param", p, uint32(i), f))
	}
	if len(f.Results) > 0 {
		b.WriteString(" (result")
		for _, t := range f.Results {
			b.WriteString(" " + t.String())
		}
		b.WriteString(")")
	}
	b.WriteString("\n")
	pr := printer{b: b, f: f}
	pr.locals("    ")
	pr.seq(f.Body, "    ")
	b.WriteString("  )\n")
}

// A printer writes instructions in flat form.
type printer struct {
	b      *strings.Builder
	f      *Func
	labels []string // enclosing block labels, innermost last
}

// locals writes one declaration line per local.
func (pr *printer) locals(indent string) {
	np := len(pr.f.Params)
	for i, l := range pr.f.Locals {
		pr.b.WriteString(indent + valueDecl("local", l, uint32(np+i), pr.f) + "\n")
	}
}

// valueDecl returns (kw $name t) or (kw t) for the value with index i;
// the name is left out when it would not refer back to this value.
func valueDecl(kw string, l Local, i uint32, f *Func) string {
	if isIDName(l.Name) {
		if j, ok := f.LocalIndex(l.Name); ok && j == i {
			return fmt.Sprintf("(%s $%s %s)", kw, l.Name, l.Type)
		}
	}
	return fmt.Sprintf("(%s %s)", kw, l.Type)
}

// seq writes a sequence of instructions at the given indentation.
func (pr *printer) seq(body []Instr, indent string) {
	for i := range body {
		pr.instr(&body[i], indent)
	}
}

// instr writes one instruction, and the body of a block.
func (pr *printer) instr(in *Instr, indent string) {
	b := pr.b
	b.WriteString(indent + in.Op.String())
	switch in.Op {
	case OpBlock, OpLoop, OpIf:
		pr.block(in, indent)
		return
	}
	if imm := pr.immediates(in); imm != "" {
		b.WriteString(" " + imm)
	}
	b.WriteString("\n")
}

// block writes the rest of a block, loop or if.
func (pr *printer) block(in *Instr, indent string) {
	b := pr.b
	label := ""
	if isIDName(in.Label) {
		label = in.Label
		b.WriteString(" $" + label)
	}
	if in.Result != 0 {
		b.WriteString(" (result " + in.Result.String() + ")")
	}
	b.WriteString("\n")
	pr.labels = append(pr.labels, label)
	pr.seq(in.Body, indent+"  ")
	if in.Op == OpIf && len(in.Else) > 0 {
		b.WriteString(indent + "else\n")
		pr.seq(in.Else, indent+"  ")
	}
	pr.labels = pr.labels[:len(pr.labels)-1]
	b.WriteString(indent + "end\n")
}

// immediates returns the immediates of a non-block instruction as text.
func (pr *printer) immediates(in *Instr) string {
	switch in.Op {
	case OpBr, OpBrIf:
		return pr.labelRef(in.Index)
	case OpLocalGet, OpLocalSet, OpLocalTee:
		return pr.localRef(in.Index)
	case OpCall:
		if int(in.Index) < len(pr.f.Imports) && isIDName(pr.f.Imports[in.Index].ID) {
			return "$" + pr.f.Imports[in.Index].ID
		}
		return strconv.FormatUint(uint64(in.Index), 10)
	case OpGlobalGet, OpGlobalSet:
		return strconv.FormatUint(uint64(in.Index), 10)
	case OpI32Const:
		return strconv.FormatInt(int64(int32(uint32(in.Value))), 10)
	case OpI64Const:
		return strconv.FormatInt(int64(in.Value), 10)
	case OpF32Const:
		return formatFloat(in.Value, 32)
	case OpF64Const:
		return formatFloat(in.Value, 64)
	case OpMemoryProtect:
		return strings.TrimSpace(memIndexText(in) + " " + Prot(in.Value).String())
	}
	ord := strings.TrimSpace(memIndexText(in) + " " + orderText(in))
	if in.Op.HasMemArg() {
		if m := memArgText(in.Op, in.Mem); m != "" {
			return strings.TrimSpace(ord + " " + m)
		}
	}
	return ord
}

// memIndexText returns the memory index immediates of a memory
// instruction, "" when they are all 0: "1", or "1 0" for memory.copy
// (destination, source).
func memIndexText(in *Instr) string {
	switch {
	case in.Op.Info().Class != ClassMemory || in.Op == OpAtomicFence:
		return ""
	case in.Op == OpMemoryCopy && (in.Mem.Mem != 0 || in.Mem.SrcMem != 0):
		return fmt.Sprintf("%d %d", in.Mem.Mem, in.Mem.SrcMem)
	case in.Op != OpMemoryCopy && in.Mem.Mem != 0:
		return strconv.FormatUint(uint64(in.Mem.Mem), 10)
	}
	return ""
}

// orderText returns the ordering immediate of an atomic instruction:
// "acqrel" when it has that ordering, "" for the default seqcst. An RMW
// whose read and write orderings differ has no text form; it prints as
// acqrel when either ordering is (the encoder keeps both).
func orderText(in *Instr) string {
	if in.Op.HasOrder() && (in.Mem.Order == AcqRel || in.Mem.WriteOrder == AcqRel) {
		return "acqrel"
	}
	return ""
}

// labelRef names the label at a depth: its $name when that name refers
// to it, else the depth.
func (pr *printer) labelRef(depth uint32) string {
	n := len(pr.labels)
	if int64(depth) < int64(n) {
		name := pr.labels[n-1-int(depth)]
		if name != "" && pr.innermost(name) == int(depth) {
			return "$" + name
		}
	}
	return strconv.FormatUint(uint64(depth), 10)
}

// innermost returns the depth of the innermost label called name.
func (pr *printer) innermost(name string) int {
	for i := len(pr.labels) - 1; i >= 0; i-- {
		if pr.labels[i] == name {
			return len(pr.labels) - 1 - i
		}
	}
	return -1
}

// localRef names a local: its $name when that name refers to it, else
// its index.
func (pr *printer) localRef(i uint32) string {
	var l *Local
	if np := uint32(len(pr.f.Params)); i < np {
		l = &pr.f.Params[i]
	} else if int64(i-np) < int64(len(pr.f.Locals)) {
		l = &pr.f.Locals[i-np]
	}
	if l != nil && isIDName(l.Name) {
		if j, ok := pr.f.LocalIndex(l.Name); ok && j == i {
			return "$" + l.Name
		}
	}
	return strconv.FormatUint(uint64(i), 10)
}

// memArgText returns "offset=N align=N", each part only when it is not
// the default.
func memArgText(op Op, m MemArg) string {
	var parts []string
	if m.Offset != 0 {
		parts = append(parts, fmt.Sprintf("offset=%d", m.Offset))
	}
	if m.Align != op.Info().Access.NaturalAlign() {
		parts = append(parts, "align="+alignText(m.Align))
	}
	return strings.Join(parts, " ")
}

// formatFloat returns a literal for the float with the given bits that
// parses back to exactly those bits: the shortest decimal for finite
// values, inf, nan for the canonical NaN and nan:0x... otherwise.
func formatFloat(v uint64, bits int) string {
	fb := floatFormat(bits)
	sign := ""
	if v&fb.signBit != 0 {
		sign = "-"
	}
	mag := v &^ fb.signBit
	switch {
	case mag == fb.expMask:
		return sign + "inf"
	case mag == fb.expMask|fb.quietBit:
		return sign + "nan"
	case mag > fb.expMask:
		return fmt.Sprintf("%snan:0x%x", sign, mag&fb.mantMask)
	}
	var f float64
	if bits == 32 {
		f = float64(math.Float32frombits(uint32(v)))
	} else {
		f = math.Float64frombits(v)
	}
	if a := math.Abs(f); a == 0 || a >= 1e-4 && a < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, bits)
	}
	return strconv.FormatFloat(f, 'e', -1, bits)
}

// isIDName reports whether name can follow "$" in an identifier.
func isIDName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isIDChar(name[i]) {
			return false
		}
	}
	return true
}

// quote returns s as a string literal: printable ASCII as is, except
// quote and backslash, and every other byte as \hh.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "\\%02x", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
