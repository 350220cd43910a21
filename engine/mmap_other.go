//go:build !(linux || darwin)

package engine

import "context"

// withAllocator leaves wazero's own allocator in place where mmap.go's is
// not built.
func withAllocator(ctx context.Context) context.Context { return ctx }
