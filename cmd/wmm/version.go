package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

const versionLong = `Version prints the version of wmm (the module version it was built from,
and the source revision when the build recorded one) and the Go version and
platform it was built with.`

const versionExample = `  wmm version`

func newVersionCmd() *cobra.Command {
	return command("version", "Print the version of wmm", versionLong, versionExample, noArgs,
		func(cmd *cobra.Command, args []string) error {
			return doVersion(cmd.OutOrStdout())
		})
}

func doVersion(w io.Writer) error {
	version, revision := "(devel)", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		revision = buildRevision(bi)
	}
	_, err := fmt.Fprintf(w, "wmm %s%s\nbuilt with %s for %s/%s\n",
		version, revision, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return err
}

// buildRevision returns " (revision abc123)" when the build recorded the
// version control revision, with "+modified" for a dirty tree.
func buildRevision(bi *debug.BuildInfo) string {
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+modified"
			}
		}
	}
	if rev == "" {
		return ""
	}
	return " (revision " + rev + modified + ")"
}
