package litmus

import (
	"slices"

	"gopkg.in/yaml.v3"
)

// after loads the after: mapping, thread → the threads it starts after,
// for example after: {T1: [T11]}. Every name must be a thread of the test,
// a thread may not wait for itself, and the waits may not form a cycle.
func (l *loader) after(f field) {
	n := l.node(f, yaml.MappingNode, "a mapping from a thread to the threads it starts after, such as {T1: [T0]}")
	if n == nil {
		return
	}
	for _, kv := range l.pairs(n, "thread") {
		th := l.afterThread(kv.key)
		if th == nil {
			continue
		}
		list := resolveAlias(kv.value)
		if list.Kind != yaml.SequenceNode {
			l.errorf(list, "expected a list of threads such as [T0, T2], found %s", describe(list))
			continue
		}
		for _, item := range list.Content {
			other := l.afterThread(item)
			switch {
			case other == nil:
			case other == th:
				l.errorf(item, "thread %s cannot start after itself", th.Name)
			case slices.Contains(th.After, other.Name):
				l.errorf(item, "thread %s is listed twice", other.Name)
			default:
				th.After = append(th.After, other.Name)
			}
		}
	}
	if name, ok := afterCycle(l.t.Threads); !ok {
		l.errorf(n, "the after: lists form a cycle through thread %s: no thread of it could ever start", name)
	}
}

// afterThread returns the thread a scalar node names, or reports an error.
func (l *loader) afterThread(n *yaml.Node) *Thread {
	n = resolveAlias(n)
	if n.Kind != yaml.ScalarNode {
		l.errorf(n, "expected a thread name, found %s", describe(n))
		return nil
	}
	for i := range l.t.Threads {
		if l.t.Threads[i].Name == n.Value {
			return &l.t.Threads[i]
		}
	}
	l.errorf(n, "unknown thread %s", n.Value)
	return nil
}

// afterCycle reports whether the after: lists are acyclic; if not, it
// returns a thread on a cycle.
func afterCycle(threads []Thread) (string, bool) {
	index := map[string]int{}
	for i, t := range threads {
		index[t.Name] = i
	}
	state := make([]int, len(threads)) // 0 new, 1 on the path, 2 done
	var visit func(i int) (string, bool)
	visit = func(i int) (string, bool) {
		switch state[i] {
		case 1:
			return threads[i].Name, false
		case 2:
			return "", true
		}
		state[i] = 1
		for _, a := range threads[i].After {
			if name, ok := visit(index[a]); !ok {
				return name, false
			}
		}
		state[i] = 2
		return "", true
	}
	for i := range threads {
		if name, ok := visit(i); !ok {
			return name, false
		}
	}
	return "", true
}
