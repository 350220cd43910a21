#!/bin/sh
# results.sh: the per-engine tables of docs/ENGINES-RESULTS.md. For each
# engine, `wmm validate --json --catalog` over the whole catalogue, both
# memory ways, one engine at a time; the JSON lines are kept in OUT
# (default $TMPDIR/wmm-results, /tmp/wmm-results) and turned into a markdown table per engine by
# engine/testdata/results/main.go.
#   engine/testdata/results.sh [WMM] [ITERATIONS] [TIMEOUT]
# WMM defaults to ./cmd/wmm built into a temporary file; ITERATIONS to
# 2000 per test and way; TIMEOUT (per test and way) to 3s. deno and bun are
# found as wmm finds them (WMM_DENO, WMM_BUN, the PATH or node_modules).
set -u
cd "$(dirname "$0")/../.."
WMM=${1:-}
N=${2:-2000}
T=${3:-3s}
OUT=${OUT:-${TMPDIR:-/tmp}/wmm-results}
ENGINES=${ENGINES:-"wazero node deno bun"}
if [ -z "$WMM" ]; then
	WMM=$(mktemp -d)/wmm
	go build -o "$WMM" ./cmd/wmm || exit 2
fi
mkdir -p "$OUT"
for e in $ENGINES; do
	if ! "$WMM" run --engine "$e" --catalog --test '^SB$' -n 10 >/dev/null 2>&1; then
		echo "$e: not available" >&2
		continue
	fi
	start=$(date +%s)
	load0=$(cut -d' ' -f1-3 /proc/loadavg)
	"$WMM" validate --engine "$e" --catalog --json -n "$N" --timeout "$T" --memory both \
		>"$OUT/$e.jsonl" 2>"$OUT/$e.stderr"
	rc=$?
	load1=$(cut -d' ' -f1-3 /proc/loadavg)
	{
		echo "### $e"
		echo
		echo "\`wmm validate --engine $e --catalog --json -n $N --timeout $T --memory both\` (exit $rc),"
		echo "$(date -u +%Y-%m-%d), $(($(date +%s) - start)) s, load average $load0 before and $load1 after,"
		echo "$(nproc) cores."
		echo
		go run ./engine/testdata/results "$OUT/$e.jsonl"
		echo
		echo "Skipped: $(grep -c "skipped:" "$OUT/$e.stderr" || true) test runs (test and way): $(grep "skipped:" "$OUT/$e.stderr" | sed "s/.*skipped: //; s/ T[0-9]*:.*//" | sort | uniq -c | sed "s/^ *//" | paste -sd";" -)."
		echo
	} >"$OUT/$e.md"
	cat "$OUT/$e.md"
done
