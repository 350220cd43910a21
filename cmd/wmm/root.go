package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"wmm/litmus"
)

// commands lists the constructors of wmm's subcommands, in the order the
// help shows them. A new subcommand is a file with its constructor, added
// to this list.
var commands = []func() *cobra.Command{
	newCampaignCmd,
	newCatalogCmd,
	newCheckCmd,
	newDiffCmd,
	newExplainCmd,
	newFmtCmd,
	newGenCmd,
	newGraphCmd,
	newReportCmd,
	newRunCmd,
	newServeCmd,
	newShowCmd,
	newValidateCmd,
	newVersionCmd,
}

const rootLong = `Wmm checks WebAssembly-threads litmus tests against the WebAssembly relaxed
memory model ("Weakening WebAssembly", OOPSLA 2019) and runs them on real
engines.

A litmus test is a YAML file: a few threads of WebAssembly code sharing one
memory, a condition over their final state in herd7 syntax, and the
expected observation (never, sometimes or always). See LITMUS.md for the
format.

Exit status: 0 on success, 1 when an expectation fails, 2 when some input
could not be read or checked, or on a usage error.`

const rootExample = `  wmm check mp.yaml           check the tests in mp.yaml
  wmm fmt -w catalog/         rewrite every test file of a directory in canonical form
  wmm help check              show the flags and examples of wmm check`

// The exit statuses of wmm.
const (
	exitOK     = 0
	exitFailed = 1 // an expectation failed
	exitInput  = 2 // input that could not be read or checked; a usage error
)

// newRootCmd builds the wmm command with its subcommands.
func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:               "wmm",
		Short:             "Check WebAssembly-threads litmus tests against the Wasm memory model",
		Long:              rootLong,
		Example:           rootExample,
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{cmd: cmd, err: err}
	})
	quiet = false
	root.PersistentFlags().BoolVarP(&quiet, "quiet", "q", false, "print no progress lines (they appear only on a terminal, for runs longer than a second)")
	root.SetHelpCommand(newHelpCmd(root))
	for _, newCmd := range commands {
		root.AddCommand(newCmd())
	}
	return root
}

// Main runs wmm on the process's arguments and returns its exit status.
func Main() int {
	return run(os.Args[1:], os.Stdout, os.Stderr)
}

// run runs wmm with args, writing to stdout and stderr, and returns the
// exit status. Errors are printed here, once.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	printError(stderr, err)
	return exitCode(err)
}

// printError prints err: a list of positioned errors one per line, a usage
// error with a pointer to the help, anything else prefixed with "wmm: ".
func printError(w io.Writer, err error) {
	var list litmus.ErrorList
	var usage *usageError
	var exit *exitError
	switch {
	case errors.As(err, &exit) && exit.err == nil:
		// The command has reported everything already.
	case errors.As(err, &list):
		for _, e := range list {
			if e.Pos == (litmus.Pos{}) {
				fmt.Fprintf(w, "wmm: %v\n", e) // an error of no file
				continue
			}
			fmt.Fprintln(w, e)
		}
	case errors.As(err, &usage):
		fmt.Fprintf(w, "wmm: %v\nRun '%s --help' for usage.\n", usage.err, usage.cmd.CommandPath())
	case strings.HasPrefix(err.Error(), "unknown command"):
		// Cobra's error for a command line naming no command.
		fmt.Fprintf(w, "wmm: %v\nRun 'wmm --help' for usage.\n", strings.TrimRight(err.Error(), "\n"))
	default:
		fmt.Fprintf(w, "wmm: %v\n", err)
	}
}

// exitCode returns the exit status for an error a command returned.
func exitCode(err error) int {
	var exit *exitError
	if errors.As(err, &exit) {
		return exit.code
	}
	return exitInput
}

// An exitError is an error with an exit status other than exitInput. A nil
// err means the command has already reported the failure.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// A usageError is a mistake in the command line.
type usageError struct {
	cmd *cobra.Command
	err error
}

func (e *usageError) Error() string { return e.err.Error() }

func (e *usageError) Unwrap() error { return e.err }

// noArgs is the Args check of commands that take no arguments.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return &usageError{cmd: cmd, err: fmt.Errorf("%s takes no arguments, found %q", cmd.CommandPath(), args[0])}
	}
	return nil
}

// needFiles is the Args check of commands that take one or more files.
func needFiles(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return &usageError{cmd: cmd, err: errors.New("no files given")}
	}
	return nil
}

// command builds a subcommand from its help texts, its check of the
// arguments (nil: any) and its run function.
func command(use, short, long, example string, args cobra.PositionalArgs, run func(cmd *cobra.Command, args []string) error) *cobra.Command {
	return &cobra.Command{Use: use, Short: short, Long: long, Example: example, Args: args, RunE: run}
}

// newHelpCmd is wmm help: cobra's, except that an unknown topic is a usage
// error (exit 2) rather than the root's help with exit status 0.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help prints the help of any command: wmm help check.",
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return &usageError{cmd: root, err: fmt.Errorf("unknown help topic %q", strings.Join(args, " "))}
			}
			target.InitDefaultHelpFlag()
			target.InitDefaultVersionFlag()
			return target.Help()
		},
	}
}
