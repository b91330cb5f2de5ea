#!/usr/bin/env bash
# Runs every fuzz target of the module for a while each (default 5m), two at a
# time on a 2-core machine, and prints executions and findings per target.
# New failing inputs land in the package's testdata/fuzz/ (commit them with
# the fix). Usage: scripts/fuzz.sh [DURATION] [PARALLEL]
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
DUR=${1:-5m}
PAR=${2:-2}
out=$(mktemp -d)
targets=()
for pkg in $(go list ./...); do
	for f in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz'); do
		targets+=("$pkg $f")
	done
done
echo "${#targets[@]} fuzz targets, $DUR each, $PAR at a time"
run() { # pkg target
	local log="$out/$(basename "$1")-$2.log"
	go test "$1" -run '^$' -fuzz "^$2\$" -fuzztime "$DUR" -fuzzminimizetime 10s -parallel 1 >"$log" 2>&1
	local rc=$?
	local execs
	execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | awk '{print $2}')
	if [ $rc -eq 0 ]; then echo "ok   $1 $2 execs=${execs:-?}"; else echo "FAIL $1 $2 execs=${execs:-?} (see $log)"; tail -20 "$log"; fi
}
i=0
for t in "${targets[@]}"; do
	run $t &
	i=$((i + 1))
	if [ $((i % PAR)) -eq 0 ]; then wait; fi
done
wait
echo "logs in $out"
