package engine

// A spinTuner adapts the barrier's spin limit between batches. When the
// threads of a test run at the same time, a thread reaches the barrier
// while the others are a few hundred cycles away, and spinning is what
// lets them start together. When they do not (more threads than free
// cores, a loaded machine), a spinning thread only burns the time slice
// its partner waits for, and every barrier ends in a sleep anyway. The
// tuner watches how often threads slept at the barrier in a batch: often,
// and it lowers the limit (not below spinFloor, which still lets
// co-scheduled threads meet); rarely, and it raises it back towards the
// configured limit.
type spinTuner struct {
	limit, max uint32
}

// spinFloor is the lowest spin limit the tuner sets. Measured on a loaded
// 2-core x86 machine, SB showed its weak outcome as often with 1000 as
// with 100000, and not at all with 100.
const spinFloor = 1000

func newSpinTuner(limit uint32) *spinTuner {
	return &spinTuner{limit: limit, max: limit}
}

// update takes the number of barrier sleeps of a batch of the given
// number of thread-instances.
func (s *spinTuner) update(sleeps uint32, arrivals int) {
	if arrivals <= 0 {
		return
	}
	ratio := float64(sleeps) / float64(arrivals)
	switch {
	case ratio > 0.25 && s.limit > spinFloor:
		s.limit = max(s.limit/8, spinFloor)
	case ratio < 0.02 && s.limit < s.max:
		s.limit = min(s.limit*4, s.max)
	}
}
