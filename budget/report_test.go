package budget

import (
	"testing"
	"time"
)

func TestReportTo(t *testing.T) {
	defer ReportTo(0, nil)
	for _, tc := range []struct {
		name       string
		every      time.Duration
		candidates int
		paths      int
		want       []int64 // the candidates of each report
	}{
		{"every look reports", 0, 2*(reportMask+1) + 5, 0, []int64{reportMask + 1, 2 * (reportMask + 1)}},
		{"fewer than a look", 0, reportMask, 0, nil},
		{"the interval has not passed", time.Hour, 4 * (reportMask + 1), 0, nil},
		{"paths report too", 0, 0, reportMask + 1, []int64{0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []int64
			m := New(Limits{})
			m.Name = "test"
			ReportTo(tc.every, func(r *Meter, p Progress) {
				if r != m {
					t.Errorf("report of another meter")
				}
				got = append(got, p.Candidates)
			})
			for range tc.candidates {
				m.Candidate()
			}
			for i := range tc.paths {
				m.Path("T0", i)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("reports at candidates %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("reports at candidates %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestOutcomes(t *testing.T) {
	m := New(Limits{})
	m.Outcome()
	m.Outcome()
	if p := m.Progress(); p.Outcomes != 2 {
		t.Errorf("outcomes %d, want 2", p.Outcomes)
	}
	var nilMeter *Meter
	nilMeter.Outcome() // no panic
}
