package litmus

// Names returns the names an outcome of t binds, in order. With an
// observe: list, that list. Otherwise (LITMUS.md, "The outcome"): every
// declared local of every thread, threads in file order and locals in
// declaration order; then T:trap for each thread for which trapped(T) holds
// and T:stuck for each thread for which stuck(T) holds; then the memory
// atoms and size that the condition mentions.
//
// The model and the engine runners both build outcomes over these names,
// so that their outcome sets can be compared.
func (t *Test) Names(trapped, stuck func(thread string) bool) []Loc {
	if t.Observe != nil {
		return t.Observe
	}
	var out []Loc
	for _, th := range t.Threads {
		for _, name := range th.LocalNames() {
			out = append(out, Loc{Kind: LocLocal, Thread: th.Name, Local: name})
		}
	}
	for _, th := range t.Threads {
		if trapped != nil && trapped(th.Name) {
			out = append(out, Loc{Kind: LocTrap, Thread: th.Name})
		}
	}
	for _, th := range t.Threads {
		if stuck != nil && stuck(th.Name) {
			out = append(out, Loc{Kind: LocStuck, Thread: th.Name})
		}
	}
	if t.Condition != nil {
		for _, l := range Locs(t.Condition.Prop) {
			if l.Kind == LocMem || l.Kind == LocSize {
				out = append(out, l)
			}
		}
	}
	return out
}

// MemLocs returns the memory atoms (and size) that some outcome of t may
// bind: those of the observe: list, or those the condition mentions. They
// are what the final observer reads.
func (t *Test) MemLocs() []Loc {
	src := t.Observe
	if src == nil && t.Condition != nil {
		src = Locs(t.Condition.Prop)
	}
	var out []Loc
	for _, l := range src {
		if l.Kind == LocMem || l.Kind == LocSize {
			out = append(out, l)
		}
	}
	return out
}
