package checker

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
)

func TestCompile(t *testing.T) {
	resp := Compile(Request{Source: source(t, "SB+sc"), Iterations: 3000, Cores: 1})
	if len(resp.Errors) > 0 || resp.Job == nil {
		t.Fatalf("errors %v", resp.Errors)
	}
	var cfg struct {
		Iterations int
		SpinLimit  uint32
		Locals     []int
		Defined    bool
	}
	if err := json.Unmarshal(resp.Job.Config, &cfg); err != nil {
		t.Fatal(err)
	}
	// Two threads on one core: the barrier sleeps soon, as wmm run's does
	// on such a machine; every thread records its one local.
	if cfg.Iterations != 3000 || cfg.SpinLimit != 500 || len(cfg.Locals) != 2 || cfg.Locals[0] != 1 || resp.Threads != 2 {
		t.Errorf("config %+v, %d threads", cfg, resp.Threads)
	}
	// The module is a binary module (magic), and the workers' is the same
	// one, since the harness imports its memory by default.
	if !strings.HasPrefix(string(resp.Job.Module), "\x00asm") || string(resp.Job.WorkerModule) != string(resp.Job.Module) {
		t.Errorf("modules %q..., worker's the same: %v", resp.Job.Module[:4], string(resp.Job.WorkerModule) == string(resp.Job.Module))
	}
	js := Compile(Request{Source: "name: J\nthreads:\n  T0:\n    js: |\n      let r0 = 1;\ncondition: exists (T0:r0=1)\n"})
	if len(js.Errors) == 0 || !strings.Contains(js.Errors[0].Text, "JavaScript threads") {
		t.Errorf("a JS thread: errors %v", js.Errors)
	}
}

// key is the raw outcome key of SB+sc's two threads, done, with r0 values
// a and b (engine/result.go: per thread a status byte and 8 bytes per
// local, no atoms).
func key(a, b byte) string {
	k := make([]byte, 18)
	k[0], k[1], k[9], k[10] = 1, a, 1, b
	return hex.EncodeToString(k)
}

func TestJudge(t *testing.T) {
	// The model forbids both loads reading 0 in SB+sc (its doc): a result
	// with that key has 5 forbidden runs, and the key is marked.
	result := `{"result":{"counts":{"` + key(0, 0) + `":5,"` + key(0, 1) + `":10,"` + key(1, 1) + `":2},"iterations":17,"version":"test engine"}}`
	resp := Judge(Request{Source: source(t, "SB+sc"), Result: json.RawMessage(result)})
	if len(resp.Errors) > 0 || resp.Run == nil {
		t.Fatalf("errors %v", resp.Errors)
	}
	rec := resp.Run.Record
	if rec.Iterations != 17 || rec.ForbiddenSeen == nil || *rec.ForbiddenSeen != 5 || !rec.ConditionSeen || rec.Engine != Engine || rec.Version != "test engine" {
		t.Errorf("record %+v", rec)
	}
	// T0:r0=1; T1:r0=0 is allowed and not seen.
	if rec.NotSeen == nil || len(*rec.NotSeen) != 1 || (*rec.NotSeen)[0].String() != "T0:r0=1; T1:r0=0" {
		t.Errorf("not seen %v", rec.NotSeen)
	}
	want := map[string]bool{key(0, 0): false, key(0, 1): true, key(1, 1): true}
	for _, k := range resp.Run.Keys {
		if allowed, ok := want[k.Key]; !ok || allowed != k.Allowed {
			t.Errorf("key %s (%s): allowed %v", k.Key, k.Outcome, k.Allowed)
		}
		delete(want, k.Key)
	}
	if len(want) > 0 {
		t.Errorf("keys missing: %v", want)
	}
	bad := Judge(Request{Source: source(t, "SB+sc"), Result: json.RawMessage(`{"result":{"counts":{"01":1}}}`)})
	if len(bad.Errors) == 0 {
		t.Error("a key of the wrong size was accepted")
	}
}
