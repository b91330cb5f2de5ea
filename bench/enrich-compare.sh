#!/usr/bin/env bash
# Compares package enrich with the npm package compromise on the annotated
# articles: throughput in MB/s on one core, and F1 by enrich's own metric
# (bench/compromise/score). compromise is installed from npm at run time.
#
# usage: bench/enrich-compare.sh [ARTICLES_DIR]   (default: ../shared/eval/articles)
set -euo pipefail
cd "$(dirname "$0")/.."
articles=$(realpath "${1:-../shared/eval/articles}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export SHUTTLE_EVAL_DIR="$articles"

echo "== enrich (Go, one core)" >&2
go_mbs=$(go test -run '^$' -bench '^BenchmarkEnrich$' -benchtime 3s -cpu 1 -count 3 ./enrich/ |
	awk '/^BenchmarkEnrich/ { for (i = 1; i <= NF; i++) if ($(i+1) == "MB/s" && $i > best) best = $i } END { print best }')

echo "== compromise (Node $(node --version))" >&2
(cd bench/compromise && npm install --no-audit --no-fund --silent >&2)
js=$(node bench/compromise/enrich.mjs "$articles" "$out/compromise" 5)
js_mbs=$(node -e 'console.log(JSON.parse(process.argv[1]).mb_per_s.toFixed(3))' "$js")

echo >&2
go run ./bench/compromise/score -gold "$articles" -pred "$out/compromise" -go-mbs "$go_mbs" -js-mbs "$js_mbs"
