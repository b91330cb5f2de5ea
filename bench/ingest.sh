#!/usr/bin/env bash
# Times the whole `shuttle ingest` of the four datasets with hyperfine, beside
# `xmllint --noout` over the same files (a parse with no work done: the floor
# for any XML-based ingest). Usage: bench/ingest.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
DATA=${1:-../shared/data/hsg}
need() { command -v "$1" >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
need xmllint libxml2-utils

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/shuttle" ./cmd/shuttle
# The files an ingest reads (territories are not among them).
files=$(cd "$DATA" && ls travels/secretary-travels/*.xml travels/president-travels/*.xml travels/presidents/presidents.xml \
	visits/data/*.xml gsh/data/countries-old/*.xml gsh/data/regions/*.xml pocom/positions-principals/secretary.xml | sed "s|^|$DATA/|" | tr '\n' ' ')
mkdir -p bench/out
hyperfine --warmup 2 --runs 15 --export-markdown bench/out/ingest.md \
	-n "shuttle ingest (sqlite)" "$out/shuttle ingest --data $DATA --db sqlite:$out/bench.db" \
	-n "xmllint --noout" "xmllint --noout $files"
cat bench/out/ingest.md
