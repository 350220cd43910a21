package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"wmm/gen"
	"wmm/litmus"
)

const genLong = `Gen generates litmus tests from cycles of relaxations, in the manner of
diy7. A cycle is a sequence of edges between memory accesses; the test
made from it has one thread per external edge, one location per change of
location, and a condition that holds exactly when every edge of the cycle
is observed, so sequential consistency forbids it and the test asks what
the memory model allows.

Edges:
  Rfe Fre Coe     reads-from, from-reads, coherence between threads
  Rfi Fri Coi     the same inside a thread (in program order)
  PodXY PosXY     program order to a different (d) or the same (s)
                  location, from an access X to an access Y (R or W)

An edge may annotate its two accesses, first its source then its target:
an ordering (P plain, Sc SC atomic, _ left open) and an optional width (8,
16, 32 or 64 bits): PodWRScSc, RfeP64P8, PosWR_16_32. An access takes the
annotation of either edge next to it (they must agree) and is otherwise a
plain 32-bit access. Edges are separated by spaces or by + as in diy's
names; a cycle may also be a classic shape's name: SB, MP, LB, S, R, IRIW,
WRC, RWC, ISA2, 2+2W, CoRR.

With a cycle, gen prints its test in canonical form (as wmm fmt prints
it), named by the cycle's diy name and with a doc that names the cycle
and, for a classic shape, the shape. Errors name the column of the edge
at fault.

With --size, gen generates every cycle of at most --size edges over the
chosen edges (--edges, or the default set: Rfe, Fre, Coe and every PodXY
with each end plain or SC) with at most --threads threads. Cycles that
differ only by where they start, which is a renaming of threads and
locations, give one test, as do cycles whose tests are equal; a Co edge
that only a final value could show but that does not end at the
location's last write is left out. With -o DIR each test is written to
DIR/NAME.yaml (the directory is created); without it the tests are
printed, separated by ---. The same flags give the same files.`

const genExample = `  wmm gen SB                                  the store-buffering test, plain accesses
  wmm gen PodWRScSc Fre PodWRScSc Fre         SB with SC atomic accesses
  wmm gen 'PodWWPSc+RfeScSc+PodRRScP+Fre'     MP with an SC flag and plain data
  wmm gen SB | wmm check /dev/stdin           generate and check
  wmm gen --size 6 --threads 4 -o family/     the default family (about 1,100 tests)
  wmm gen --size 4 --edges 'Rfe Fre PodWR PodRR' -o small/
  wmm check family/                           check the family`

// genFlags are the flags of wmm gen.
type genFlags struct {
	size, threads int
	edges, out    string
}

func newGenCmd() *cobra.Command {
	var flags genFlags
	cmd := command("gen CYCLE | gen --size N [--threads K] [--edges LIST] [-o DIR]", "Generate litmus tests from cycles of relaxations", genLong, genExample, nil,
		func(cmd *cobra.Command, args []string) error {
			family := cmd.Flags().Changed("size") || cmd.Flags().Changed("edges") || cmd.Flags().Changed("output")
			switch {
			case family && len(args) > 0:
				return &usageError{cmd: cmd, err: errors.New("give either a cycle or --size, not both")}
			case !family && len(args) == 0:
				return &usageError{cmd: cmd, err: errors.New("no cycle given (for example wmm gen SB, or wmm gen --size 4 for a family)")}
			case family:
				return doGenFamily(cmd.OutOrStdout(), cmd.ErrOrStderr(), flags)
			}
			return doGenCycle(cmd.OutOrStdout(), strings.Join(args, " "))
		})
	cmd.Flags().IntVar(&flags.size, "size", 4, "the most edges in a generated cycle")
	cmd.Flags().IntVar(&flags.threads, "threads", 4, "the most threads in a generated test")
	cmd.Flags().StringVar(&flags.edges, "edges", gen.DefaultEdges, "the edges cycles are made of, separated by spaces, commas or +")
	cmd.Flags().StringVarP(&flags.out, "output", "o", "", "write each test to `DIR`/NAME.yaml instead of printing them")
	return cmd
}

// doGenCycle prints the test of one cycle.
func doGenCycle(w io.Writer, cycle string) error {
	t, err := gen.BuildString(cycle)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, litmus.Format(t))
	return err
}

// doGenFamily generates every cycle the flags allow and prints the tests
// or writes them to flags.out, with a summary on stderr.
func doGenFamily(stdout, stderr io.Writer, flags genFlags) error {
	edges, err := gen.ParseEdges(flags.edges)
	if err != nil {
		return err
	}
	if flags.size < 2 || flags.threads < 2 {
		return fmt.Errorf("--size and --threads must be at least 2 (a cycle has at least two external edges)")
	}
	fam, err := gen.Enumerate(gen.Options{Size: flags.size, Threads: flags.threads, Edges: edges})
	if err != nil {
		return err
	}
	if flags.out == "" {
		_, err := io.WriteString(stdout, litmus.FormatFile(fam.Tests))
		fmt.Fprintf(stderr, "wmm gen: %s\n", fam.Summary())
		return err
	}
	if err := os.MkdirAll(flags.out, 0o755); err != nil {
		return err
	}
	for _, t := range fam.Tests {
		if err := os.WriteFile(filepath.Join(flags.out, gen.FileName(t)), []byte(litmus.Format(t)), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "wmm gen: wrote %s to %s\n", fam.Summary(), flags.out)
	return nil
}
