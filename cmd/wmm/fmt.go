package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"wmm/litmus"
)

const fmtLong = `Fmt prints litmus tests in canonical form: the keys in a fixed order (name,
doc, memory, init, setup, threads, condition, observe, expect, unroll), each
thread's code re-printed in the flat WebAssembly text format, the condition
in canonical herd7 syntax, and default values left out.

With -w, fmt rewrites each file whose form differs instead of printing it;
with -l, it lists those files. A file with an error is neither printed nor
rewritten. The canonical form does not keep comments, YAML or WebAssembly:
-w leaves a file that has comments as it is and says so, unless -f is
given.`

const fmtExample = `  wmm fmt mp.yaml             print mp.yaml in canonical form
  wmm fmt -l catalog/         list the files of catalog/ that are not canonical
  wmm fmt -w -f catalog/      rewrite them, dropping their comments`

// fmtFlags are the flags of wmm fmt.
type fmtFlags struct {
	write, list, force bool
}

func newFmtCmd() *cobra.Command {
	var flags fmtFlags
	cmd := command("fmt [-w] [-l] [-f] FILE...", "Print litmus tests in canonical form", fmtLong, fmtExample, needFiles,
		func(cmd *cobra.Command, args []string) error {
			return doFmt(cmd.OutOrStdout(), cmd.ErrOrStderr(), args, flags)
		})
	cmd.Flags().BoolVarP(&flags.write, "write", "w", false, "rewrite files whose form differs instead of printing them")
	cmd.Flags().BoolVarP(&flags.list, "list", "l", false, "list files whose form differs instead of printing them")
	cmd.Flags().BoolVarP(&flags.force, "force", "f", false, "with -w, rewrite files even when their comments are lost")
	return cmd
}

// doFmt formats each file. Files are handled independently: one with an
// error is skipped and the error returned with the others'.
func doFmt(stdout, stderr io.Writer, paths []string, flags fmtFlags) error {
	files, err := litmus.LoadPaths(paths)
	var errs litmus.ErrorList
	errs.Wrap(litmus.Pos{}, err)
	printed := false
	for _, f := range files {
		if f.Err != nil || len(f.Tests) == 0 {
			continue
		}
		old, rerr := os.ReadFile(f.Path)
		if rerr != nil {
			errs.Add(litmus.Pos{File: f.Path}, litmus.PathErr(rerr).Error())
			continue
		}
		out := []byte(litmus.FormatFile(f.Tests))
		changed := !bytes.Equal(old, out)
		if (flags.list || flags.write) && !isYAMLFile(f.Path) {
			// A .wast script is converted, not formatted: never replace it.
			fmt.Fprintf(stderr, "%s: not a YAML litmus file: wmm fmt prints its tests as YAML (redirect that output to keep it)\n", f.Path)
			continue
		}
		switch {
		case flags.list:
			if changed {
				fmt.Fprintln(stdout, f.Path)
			}
		case flags.write:
			if changed {
				errs.Wrap(litmus.Pos{}, rewrite(stderr, f.Path, old, out, flags.force))
			}
		default:
			if printed {
				io.WriteString(stdout, "---\n")
			}
			stdout.Write(out)
			printed = true
		}
	}
	return errs.Err()
}

// isYAMLFile reports whether path names a YAML litmus file.
func isYAMLFile(path string) bool {
	return strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")
}

// rewrite replaces the file at path, which holds old, with out, keeping
// its permissions. A file with comments is left alone unless force is set.
func rewrite(stderr io.Writer, path string, old, out []byte, force bool) error {
	if !force && litmus.HasComments(old) {
		fmt.Fprintf(stderr, "%s: not rewritten: it has comments, which the canonical form does not keep (-f rewrites it anyway)\n", path)
		return nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return errors.New(path + ": " + litmus.PathErr(err).Error())
	}
	if err := os.WriteFile(path, out, info.Mode().Perm()); err != nil {
		return errors.New(path + ": " + litmus.PathErr(err).Error())
	}
	return nil
}
