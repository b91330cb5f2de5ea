#!/usr/bin/env bash
# SQLite beside PostgreSQL on the same machine and data: the whole ingest
# (hyperfine) and the API's country series endpoint under load (wrk, loopback
# only). Prints both figures and the PostgreSQL/SQLite ratios.
# Usage: bench/stores.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
DATA=$(cd "${1:-../shared/data/hsg}" && pwd)
need() { command -v "$1" >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
need wrk wrk

out=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$out"; }
trap cleanup EXIT
eval "$(scripts/pg-test-server.sh start)"
PG="$SHUTTLE_TEST_POSTGRES"
go build -o "$out/shuttle" ./cmd/shuttle
mkdir -p bench/out

echo "== ingest"
hyperfine --warmup 2 --runs 10 --export-json "$out/ingest.json" \
	-n sqlite "$out/shuttle ingest --data $DATA --dir $out/sq" \
	-n postgres "$out/shuttle ingest --data $DATA --dir $out/pg --db $PG"
python3 - "$out/ingest.json" <<'PY' | tee bench/out/stores-ingest.txt
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
s, p = r["sqlite"]["mean"], r["postgres"]["mean"]
print(f"ingest: sqlite {s*1000:.0f} ms, postgres {p*1000:.0f} ms, postgres/sqlite = {p/s:.2f}")
PY

echo "== GET /api/v1/countries/FR/series (wrk, 10 s, 2 threads, 32 connections)"
serve() { # name port db
	"$out/shuttle" serve --addr "127.0.0.1:$2" --dir "$out/$1" --data "$DATA" --db "$3" --feeds "" >"$out/$1.log" 2>&1 &
	pids+=($!)
	for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/readyz" >/dev/null && return; sleep 0.1; done
	echo "server $1 did not become ready" >&2; cat "$out/$1.log" >&2; exit 1
}
serve sq 18181 "sqlite:$out/sq/shuttle.db"
serve pg 18182 "$PG"
rps() { wrk -t2 -c32 -d10s --latency "http://127.0.0.1:$1/api/v1/countries/FR/series?role=secretary" | tee "$out/wrk-$1.txt" | awk '/Requests\/sec/ {print $2}'; }
s=$(rps 18181); p=$(rps 18182)
grep -h -A4 'Latency Distribution' "$out"/wrk-*.txt || true
python3 -c "s,p=$s,$p; print(f'series: sqlite {s:.0f} req/s, postgres {p:.0f} req/s, postgres/sqlite = {p/s:.2f}')" | tee bench/out/stores-series.txt
