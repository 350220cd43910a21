//go:build linux || darwin

package engine

import (
	"context"
	"sync"
	"syscall"

	"github.com/tetratelabs/wazero/experimental"
)

// mmapAllocator gives wazero's shared memories pages of their own, mapped
// at the memory's maximum (a shared memory cannot move) without reserving
// swap for them, and unmapped when the module closes. Wazero's default,
// a Go slice with the maximum as its capacity, makes the Go runtime zero
// all of it whenever it reuses freed heap: 4 GiB per instance for a test
// whose maximum is 65536 pages, and an out-of-memory crash after a few.
// Fresh mappings are zero for free, and only the pages touched cost.
type mmapAllocator struct{}

// Allocate implements experimental.MemoryAllocator.
func (mmapAllocator) Allocate(_, maxBytes uint64) experimental.LinearMemory {
	return &mmapMemory{max: maxBytes}
}

// An mmapMemory's mapping is guarded by mu: a run cut short by its
// deadline closes the instance from the host while a thread's goroutine
// may be growing the memory, or closing its module on the same deadline
// (both end in Free).
type mmapMemory struct {
	mu     sync.Mutex
	mapped []byte // the whole mapping, nil until the first Reallocate
	max    uint64
}

// Reallocate returns the first size bytes of the mapping, mapping it on
// the first call; nil when size is beyond the maximum or mapping fails.
func (m *mmapMemory) Reallocate(size uint64) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.mapped == nil {
		n := max(m.max, size, pageSize)
		b, err := syscall.Mmap(-1, 0, int(n), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|syscall.MAP_NORESERVE)
		if err != nil {
			return nil
		}
		m.mapped = b
	}
	if size > uint64(len(m.mapped)) {
		return nil
	}
	return m.mapped[:size:len(m.mapped)]
}

// Free unmaps the memory, once.
func (m *mmapMemory) Free() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.mapped != nil {
		syscall.Munmap(m.mapped)
		m.mapped = nil
	}
}

// withAllocator makes the instantiations under ctx use mmapAllocator.
func withAllocator(ctx context.Context) context.Context {
	return experimental.WithMemoryAllocator(ctx, mmapAllocator{})
}
