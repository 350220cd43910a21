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
//	wmm campaign [--engine E]... [--model M]... FILE|DIR... | campaign --merge FILE...
//		run a family of tests through models and engines and tabulate the results
//	wmm catalog [--family F]... [--json]
//		list the bundled litmus tests
//	wmm check [FILE|DIR|NAME]...
//		check litmus tests against the memory model
//	wmm diff --model A --model B [FILE|DIR|NAME]...
//		compare the outcomes two models allow
//	wmm explain [--test NAME] [--outcome PROP] FILE...
//		explain why the model allows or forbids an outcome
//	wmm fmt [-w] [-l] [-f] FILE...
//		print litmus tests in canonical form
//	wmm gen CYCLE | gen --size N [--threads K] [--edges LIST] [-o DIR]
//		generate litmus tests from cycles of relaxations (diy7's manner)
//	wmm graph [--test NAME] [--outcome PROP] [--all] FILE...
//		draw executions of litmus tests (SVG or DOT)
//	wmm report --html OUT.html [--results FILE]... FILE...
//		write an HTML report of litmus tests, with graphs and engine results
//	wmm run [--engine E] [--iterations N] FILE...
//		run litmus tests on a real engine and print the observed outcomes
//	wmm serve [--addr HOST:PORT] [--export DIR]
//		serve the playground: the checker in the browser
//	wmm show NAME...
//		print bundled litmus tests with their docs
//	wmm validate [--engine E] [--model M] FILE...
//		run litmus tests on a real engine and compare with the model
//	wmm version
//		print the version of wmm
//
// Commands that check tests take --catalog to work on the bundled
// catalogue instead of files (names then select tests or families).
//
// Run "wmm help COMMAND" for a command's flags and examples. Exit status:
// 0 on success, 1 when an expectation fails, 2 when some input could not
// be read or checked, or on a usage error.
package main

import "os"

func main() {
	os.Exit(Main())
}
