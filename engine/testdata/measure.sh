#!/bin/sh
# measure.sh: the harness figures of issue 13, short runs, rerunnable on any
# machine. Prints the load before each run, then for each engine and test
# the rate, the concurrency figure and the relaxed count.
#   engine/testdata/measure.sh [WMM] [ITERATIONS]
# WMM defaults to `go run ./cmd/wmm` built once into a temporary file;
# ITERATIONS to 300000 (batch tests; isolated and wait tests get 20000).
set -eu
cd "$(dirname "$0")/../.."
WMM=${1:-}
N=${2:-300000}
if [ -z "$WMM" ]; then
	WMM=$(mktemp -d)/wmm
	go build -o "$WMM" ./cmd/wmm
fi
ENGINES=${ENGINES:-"wazero wazero-interp node deno bun"}
run() { # engine test iterations [flags...]
	e=$1 t=$2 n=$3
	shift 3
	printf '%s %s n=%s %s | load %s\n' "$e" "$t" "$n" "$*" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
	"$WMM" validate --engine "$e" --catalog --test "^$(echo "$t" | sed "s/+/[+]/g")\$" -n "$n" --timeout 30s --memory imported "$@" 2>&1 |
		grep -E '^(Rate|Concurrency|Condition|Observation|Note|Coverage|Forbidden)' || true
}
for e in $ENGINES; do
	if ! "$WMM" run --engine "$e" --catalog --test '^SB$' -n 10 >/dev/null 2>&1; then
		echo "$e: not available"
		continue
	fi
	run "$e" SB "$N"
	run "$e" SB "$N" --spin 1000
	run "$e" MP+sc+waitne 20000
	run "$e" MP+grow+scflag+access 20000
done
