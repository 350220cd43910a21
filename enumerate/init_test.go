package enumerate_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"wmm/axioms"
	"wmm/enumerate"
	"wmm/litmus"
)

// TestInitOverlap pins the order of overlapping init: entries (issue 14):
// they apply in the order of the file, so i64[0]: 6 after i8[1]: 5 writes
// byte 1 back to 0 and an i32 load of address 0 reads 6, not 0x0506 =
// 1286 (which is what the allocation event gave when it kept only non-zero
// bytes while the value domain kept them all). Both the allocation event
// and the value domain come from Test.InitialContents. The other order
// gives 0x0506.
func TestInitOverlap(t *testing.T) {
	checkInit(t, "{i8[1]: 5, i64[0]: 6}", "T0:r0=6")
	checkInit(t, "{i64[0]: 6, i8[1]: 5}", "T0:r0=1286")
}

// checkInit checks that a test with the given init: and one thread that
// loads an i32 from address 0 allows exactly the outcome want.
func checkInit(t *testing.T, init, want string) {
	t.Helper()
	src := "name: Init\ninit: " + init + "\nthreads:\n  T0: |\n    (local $r0 i32)\n    (local.set $r0 (i32.load (i32.const 0)))\n"
	tests, err := litmus.Load("init.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	r, err := enumerate.Run(tests[0], axioms.Wasm(), enumerate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range r.Outcomes {
		got = append(got, o.String())
	}
	if d := cmp.Diff([]string{want}, got); d != "" {
		t.Errorf("init %s: outcomes (-want +got):\n%s", init, d)
	}
}
