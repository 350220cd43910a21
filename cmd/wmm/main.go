// Wmm checks WebAssembly-threads litmus tests against the WebAssembly
// relaxed memory model, and runs them on real engines.
//
// A litmus test is a YAML file (the format is described in LITMUS.md):
//
//	name: MP+sc
//	threads:
//	  T0: |
//	    (i32.atomic.store (i32.const 0) (i32.const 42))
//	    (i32.atomic.store (i32.const 4) (i32.const 1))
//	  T1: |
//	    (local $r0 i32) (local $r1 i32)
//	    (local.set $r0 (i32.atomic.load (i32.const 4)))
//	    (local.set $r1 (i32.atomic.load (i32.const 0)))
//	condition: exists (T1:r0=1 /\ T1:r1=0)
//	expect: never
//
// Usage:
//
//	wmm check FILE...      load and check litmus tests
//	wmm fmt [-w] FILE...   print (or rewrite) tests in canonical form
//	wmm version            print the version of wmm
//
// Run "wmm help COMMAND" for a command's flags and examples. Exit status:
// 0 on success, 1 when an expectation fails, 2 when some input could not
// be read or checked, or on a usage error.
package main

import "os"

func main() {
	os.Exit(Main())
}
