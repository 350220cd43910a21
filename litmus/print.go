package litmus

import (
	"fmt"
	"slices"
	"strings"

	"wmm/wasm"
)

// Format returns the canonical YAML form of a test: the keys in a fixed
// order (name, doc, features, memory, init, setup, threads, condition, observe,
// expect, unroll), code re-printed by wasm.FormatFunc as block scalars,
// the condition in canonical herd syntax, and defaults left out. Comments
// of the original file are not kept.
//
// Loading the result gives the same test again, except for positions and
// the code's original text (Thread.Text).
func Format(t *Test) string {
	var b strings.Builder
	b.WriteString("name: " + yamlString(t.Name, 0) + "\n")
	if t.Doc != "" {
		b.WriteString("doc: " + yamlString(t.Doc, 2) + "\n")
	}
	if len(t.Features) > 0 {
		b.WriteString("features: [" + strings.Join(t.Features, ", ") + "]\n")
	}
	if len(t.Memories) > 0 {
		b.WriteString("memories: |\n")
		for _, m := range t.Memories {
			b.WriteString("  (memory")
			if m.Name != "" {
				b.WriteString(" $" + m.Name)
			}
			fmt.Fprintf(&b, " %d %d shared)\n", m.Pages, m.Max)
		}
	} else {
		formatMemory(&b, t.Memory)
	}
	if len(t.Init) > 0 {
		b.WriteString("init:\n")
		for _, in := range t.Init {
			format := "  %s: %d\n"
			if in.Hex {
				format = "  %s: %#x\n"
			}
			fmt.Fprintf(&b, format, Loc{Kind: LocMem, Width: in.Width, Addr: in.Addr}, in.Value)
		}
	}
	if t.Setup != nil {
		b.WriteString("setup: " + codeBlock(t.Setup, 2) + "\n")
	}
	if len(t.Functions) > 0 {
		b.WriteString("functions:\n")
		for _, f := range t.Functions {
			formatCode(&b, f.Name, f.JS != nil, f.Text, f.Code)
		}
	}
	b.WriteString("threads:\n")
	for _, th := range t.Threads {
		formatCode(&b, th.Name, th.JS != nil, th.Text, th.Code)
	}
	var after []string
	for _, th := range t.Threads {
		if len(th.After) > 0 {
			after = append(after, th.Name+": ["+strings.Join(th.After, ", ")+"]")
		}
	}
	if len(after) > 0 {
		b.WriteString("after: {" + strings.Join(after, ", ") + "}\n")
	}
	if t.Condition != nil {
		b.WriteString("condition: " + yamlString(t.Condition.String(), 2) + "\n")
	}
	if t.Observe != nil {
		b.WriteString("observe: " + formatObserve(t.Observe) + "\n")
	}
	formatExpect(&b, t.Expect)
	if t.UnrollSet {
		fmt.Fprintf(&b, "unroll: %d\n", t.Unroll)
	}
	return b.String()
}

// formatCode writes one entry of threads: or functions:: JS code as
// written, under js:, or Wasm code in canonical form.
func formatCode(b *strings.Builder, name string, isJS bool, text string, code *wasm.Func) {
	if isJS {
		b.WriteString("  " + name + ":\n    js: " + yamlString(text, 6) + "\n")
		return
	}
	b.WriteString("  " + name + ": " + codeBlock(code, 4) + "\n")
}

// FormatFile returns the canonical form of several tests as one file: the
// tests' forms separated by YAML document markers (---).
func FormatFile(tests []*Test) string {
	parts := make([]string, len(tests))
	for i, t := range tests {
		parts[i] = Format(t)
	}
	return strings.Join(parts, "---\n")
}

func formatMemory(b *strings.Builder, m Memory) {
	if m.Pages == 1 && m.Max == 1 {
		return
	}
	b.WriteString("memory:\n")
	if m.Pages != 1 {
		fmt.Fprintf(b, "  pages: %d\n", m.Pages)
	}
	if m.Max != m.Pages {
		fmt.Fprintf(b, "  max: %d\n", m.Max)
	}
}

// codeBlock returns code as a YAML literal block scalar whose lines are
// indented by indent spaces.
func codeBlock(f *wasm.Func, indent int) string {
	text := strings.TrimRight(wasm.FormatFunc(f), "\n")
	if text == "" {
		return `""`
	}
	return blockScalar(text+"\n", indent)
}

// formatObserve prints an observe: list in flow style. Memory names are
// quoted: YAML does not allow [ inside a plain scalar in a flow sequence.
func formatObserve(locs []Loc) string {
	names := make([]string, len(locs))
	for i, l := range locs {
		names[i] = l.String()
		if l.Kind == LocMem {
			names[i] = `"` + names[i] + `"`
		}
	}
	return "[" + strings.Join(names, ", ") + "]"
}

// formatExpect prints expect: as a single word when it only concerns the
// default model, and as a mapping otherwise: the default model and its
// variants first, then the other models in alphabetical order.
func formatExpect(b *strings.Builder, expect map[string]Expect) {
	if len(expect) == 0 {
		return
	}
	if e, ok := expect[DefaultModel]; ok && len(expect) == 1 {
		b.WriteString("expect: " + e.Word + "\n")
		return
	}
	keys := make([]string, 0, len(expect))
	for k := range expect {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareModelKeys)
	b.WriteString("expect:\n")
	for _, k := range keys {
		b.WriteString("  " + k + ": " + expect[k].Word + "\n")
	}
}

// compareModelKeys orders the keys of an expect: mapping.
func compareModelKeys(a, b string) int {
	da := a == DefaultModel || strings.HasPrefix(a, DefaultModel+"+")
	db := b == DefaultModel || strings.HasPrefix(b, DefaultModel+"+")
	switch {
	case da && !db:
		return -1
	case db && !da:
		return 1
	}
	return strings.Compare(a, b)
}
