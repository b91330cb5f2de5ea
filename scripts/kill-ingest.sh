#!/usr/bin/env bash
# kill-ingest.sh [sqlite|postgres] [RUNS] — crash-tests the atomic ingest.
#
# Builds cmd/shuttle, ingests two datasets that differ (the real data, and a
# copy made at run time without one Secretary's trip file) to learn what each
# looks like, then RUNS times starts `shuttle ingest` of the dataset not
# currently served and SIGKILLs it after a random delay between 0 and an
# ingest's typical duration. After every kill the database must open, pass its
# integrity check, and serve exactly the previous dataset or (if the kill came
# after the commit) the complete new one: never a mix. PostgreSQL runs on the
# loopback server of scripts/pg-test-server.sh, in its own database.
#
# Environment: RUNS (default 20), KILL_SEED (bash RANDOM seed, for repeating a
# sequence of delays), DATA (default ../shared/data/hsg).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

STORE=${1:-sqlite}
RUNS=${2:-${RUNS:-20}}
DATA=${DATA:-../shared/data/hsg}
SEED=${KILL_SEED:-$$}
RANDOM=$SEED
case "$STORE" in sqlite | postgres) ;; *)
	echo "usage: $0 [sqlite|postgres] [RUNS]" >&2
	exit 2
	;;
esac
[[ "$RUNS" =~ ^[0-9]+$ ]] || { echo "RUNS must be a number, not $RUNS" >&2; exit 2; }

work=$(mktemp -d /tmp/shuttle-kill.XXXXXX)
pg_started=
cleanup() {
	if [ "$STORE" = postgres ] && [ -n "${PSQL_URL:-}" ]; then
		psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS shuttle_kill WITH (FORCE)" >/dev/null 2>&1 || true
	fi
	[ -n "$pg_started" ] && scripts/pg-test-server.sh stop || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/shuttle" ./cmd/shuttle

# Dataset B: the real data minus one Secretary of State's trips, so that a
# served dataset says by its counts and its ranking which one it is.
cp -r "$DATA" "$work/data-b"
rm "$work/data-b/travels/secretary-travels/blinken-antony-j.xml"
DATA_A=$DATA
DATA_B=$work/data-b

case "$STORE" in
sqlite)
	command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
	DBFILE=$work/kill.db
	DB=sqlite:$DBFILE
	sql() { sqlite3 -batch -noheader "$DBFILE" "$1"; }
	integrity() {
		local r
		r=$(sql "PRAGMA integrity_check") && [ "$r" = ok ] && [ -z "$(sql 'PRAGMA foreign_key_check')" ]
	}
	;;
postgres)
	scripts/pg-test-server.sh status >/dev/null 2>&1 || pg_started=1
	eval "$(scripts/pg-test-server.sh start)"
	ADMIN_URL=$SHUTTLE_TEST_POSTGRES
	PSQL_URL=${ADMIN_URL/\/shuttle_test\?/\/shuttle_kill?}
	PGOPTIONS="-c client_min_messages=warning" psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS shuttle_kill WITH (FORCE)" -c "CREATE DATABASE shuttle_kill" >/dev/null
	DB=$PSQL_URL
	sql() { psql "$PSQL_URL" -XAtqc "$1"; }
	# The server does its own crash recovery; what can go wrong is ours:
	# a dataset whose recorded size differs from its rows.
	integrity() { [ "$(sql 'SELECT 1')" = 1 ]; }
	;;
esac

# fingerprint describes the served dataset: the version row's trip count,
# the rows per role with a checksum of their content, and a hash of the
# ranking `shuttle rank` prints. It fails if the version row and the rows
# disagree.
fingerprint() {
	local recorded rows rank
	recorded=$(sql "SELECT trips FROM data_version ORDER BY id DESC LIMIT 1") || return 1
	rows=$(sql "SELECT role || ':' || count(*) || ':' || sum(year) || ':' || sum(length(locale) + length(remarks)) FROM trips GROUP BY role ORDER BY role" | tr '\n' ' ') || return 1
	local total
	total=$(sql "SELECT count(*) FROM trips") || return 1
	if [ "$recorded" != "$total" ]; then
		echo "data_version.trips=$recorded but $total rows" >&2
		return 1
	fi
	rank=$("$work/shuttle" rank --db "$DB" --format json 2>/dev/null | sha256sum | cut -c1-12) || return 1
	echo "trips=$total ${rows}rank=$rank"
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# ingest_full runs one complete ingest and prints its wall time in ms.
ingest_full() {
	local t0
	t0=$(now_ms)
	"$work/shuttle" ingest --db "$DB" --data "$1" >/dev/null 2>"$work/ingest.log" || { cat "$work/ingest.log" >&2; return 1; }
	echo $(($(now_ms) - t0))
}

echo "store $STORE, $RUNS runs, seed $SEED; A = $DATA_A, B = A without blinken-antony-j.xml"
tb=$(ingest_full "$DATA_B")
FP_B=$(fingerprint)
ta=$(ingest_full "$DATA_A") # A is the baseline served when the runs start
FP_A=$(fingerprint)
ta2=$(ingest_full "$DATA_A")
[ "$(fingerprint)" = "$FP_A" ] || { echo "ingesting A twice gave two fingerprints" >&2; exit 1; }
TYPICAL=$(((ta + tb + ta2) / 3))
echo "A: $FP_A"
echo "B: $FP_B"
echo "full ingests took $tb, $ta, $ta2 ms; kill delays are drawn from 0–$TYPICAL ms"
[ "$FP_A" != "$FP_B" ] || { echo "the two datasets look the same; the test would prove nothing" >&2; exit 1; }

cur=A
passed=0 failed=0 kept_old=0 got_new=0
for run in $(seq 1 "$RUNS"); do
	if [ $cur = A ]; then next=B dir=$DATA_B; else next=A dir=$DATA_A; fi
	delay=$((RANDOM % (TYPICAL + 1)))
	"$work/shuttle" ingest --db "$DB" --data "$dir" >/dev/null 2>"$work/run.log" &
	pid=$!
	sleep "$((delay / 1000)).$(printf %03d $((delay % 1000)))"
	kill -KILL "$pid" 2>/dev/null || true
	rc=0
	wait "$pid" 2>/dev/null || rc=$? # 2>: no "Killed" job notice
	if [ $rc = 137 ]; then how="killed at $delay ms"; else how="finished (rc $rc) before the kill at $delay ms"; fi

	verdict=PASS served= why=
	if ! integrity; then
		verdict=FAIL why="integrity check failed"
	elif ! fp=$(fingerprint 2>"$work/fp.err"); then
		verdict=FAIL why="inconsistent: $(cat "$work/fp.err")"
	else
		eval "want_cur=\$FP_$cur want_next=\$FP_$next"
		if [ "$fp" = "$want_next" ]; then
			served="new ($next)"
			got_new=$((got_new + 1))
			cur=$next
		elif [ "$fp" = "$want_cur" ]; then
			served="previous ($cur)"
			kept_old=$((kept_old + 1))
			if [ $rc = 0 ]; then verdict=FAIL why="the ingest succeeded but the old dataset is served"; fi
		else
			verdict=FAIL why="a mix: $fp"
		fi
	fi
	if [ $verdict = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
	printf 'run %2d/%d: %-40s integrity ok=%s served %-14s %s %s\n' "$run" "$RUNS" "$how" \
		"$([ "$why" = "integrity check failed" ] && echo no || echo yes)" "${served:--}" "$verdict" "$why"
done
echo "$passed passed, $failed failed ($kept_old kept the previous dataset, $got_new served the new one)"
[ "$failed" = 0 ]
