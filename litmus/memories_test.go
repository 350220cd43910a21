package litmus

import "testing"

// TestMem checks that Mem gives memory 0 from Memory and memory k from
// Memories, and no memory for an index the test does not declare.
func TestMem(t *testing.T) {
	one := &Test{Memory: Memory{Pages: 1, Max: 2}}
	two := &Test{Memory: Memory{Name: "a", Pages: 1, Max: 1}, Memories: []Memory{{Name: "a", Pages: 1, Max: 1}, {Name: "b", Pages: 2, Max: 3}}}
	for _, tc := range []struct {
		t    *Test
		k    uint32
		want Memory
		ok   bool
	}{
		{one, 0, Memory{Pages: 1, Max: 2}, true},
		{one, 1, Memory{}, false},
		{two, 0, Memory{Name: "a", Pages: 1, Max: 1}, true},
		{two, 1, Memory{Name: "b", Pages: 2, Max: 3}, true},
		{two, 2, Memory{}, false},
	} {
		if got, ok := tc.t.Mem(tc.k); got != tc.want || ok != tc.ok {
			t.Errorf("Mem(%d) of %d memories = %+v, %v; want %+v, %v", tc.k, len(tc.t.MemNames()), got, ok, tc.want, tc.ok)
		}
	}
}
