package model

import "testing"

// TestEventString checks the one printer of events and actions: kind and ordering, notears,
// ranges half-open, values little-endian, sparse writes as zeros.
func TestEventString(t *testing.T) {
	tests := []struct {
		a    *Access
		want string
	}{
		{&Access{Region: Len, Kind: Read, Ord: Unord, Size: 1, LenRd: 65536}, "rd_unord len = 65536"},
		{&Access{Region: Len, Kind: RMW, Ord: SeqCst, Size: 1, LenRd: 65536, LenWr: 131072}, "rmw len 65536 → 131072"},
		{&Access{Region: Data, Kind: Read, Ord: SeqCst, Off: 4, Size: 4, NoTears: true, Rd: []byte{1, 2, 0, 0}}, "rd_seqcst notears data[4,8) = 513"},
		{&Access{Region: Data, Kind: RMW, Ord: SeqCst, Off: 0, Size: 2, Rd: []byte{1, 0}, Wr: []byte{2, 0}}, "rmw data[0,2) 1 → 2"},
		{&Access{Region: Data, Kind: Write, Ord: Init, Size: 65536, Sparse: map[uint64]byte{8: 7, 9: 1, 20: 0, 30: 255}}, "wr_init data[0,65536) = zeros but [8,10) = 263, [30,31) = 255"},
		{&Access{Region: Data, Kind: Write, Ord: Unord, Off: 65536, Size: 65536}, "wr_unord data[65536,131072) = zeros"},
		{&Access{Region: Data, Kind: Read, Ord: Unord, Off: 0, Size: 16, Rd: make([]byte, 16)}, "rd_unord data[0,16) = 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	}
	for _, tc := range tests {
		if got := tc.a.String(); got != tc.want {
			t.Errorf("Access.String = %q, want %q", got, tc.want)
		}
	}
	ev := &Event{Data: &Access{Region: Data, Kind: Read, Ord: SeqCst, Off: 0, Size: 4, Rd: []byte{0, 0, 0, 0}},
		Susp: &Susp{Kind: Wait, Addr: 0, Timeout: -1}, Trap: TrapOOB, Instr: "memory.atomic.wait32", Pos: "2:5"}
	if got, want := ev.String(), "memory.atomic.wait32 (2:5): rd_seqcst data[0,4) = 0; wait data[0] timeout -1; then trap (out of bounds)"; got != want {
		t.Errorf("Event.String = %q, want %q", got, want)
	}
}
