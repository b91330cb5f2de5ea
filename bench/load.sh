#!/usr/bin/env bash
# load.sh — HTTP load on a real `shuttle serve`: builds it, starts it on a
# loopback port with a temporary data directory (SQLite, the real records,
# the sample articles, no feeds), then runs wrk against an article page, an
# insight page and two API routes and reports requests/s, p99 latency,
# non-2xx answers, socket errors and the server's peak RSS. The server is
# stopped at the end, whatever happens.
#
# Environment: DURATION (wrk -d, default 30s), CONNS (default 256), THREADS
# (default: the number of CPUs), DATA (default ../shared/data/hsg).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
DURATION=${DURATION:-30s}
CONNS=${CONNS:-256}
THREADS=${THREADS:-$(nproc)}
DATA=${DATA:-../shared/data/hsg}
CONTENT=content/sample

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need curl curl
ulimit -n 65536 2>/dev/null || true # 256 connections on each side, with room

work=$(mktemp -d /tmp/shuttle-load.XXXXXX)
pid=
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid"
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/shuttle" ./cmd/shuttle

# Flags the server may not have yet are passed only when it knows them; no
# feeds, so the run touches nothing but loopback.
args=(serve --addr 127.0.0.1:0 --dir "$work/data" --data "$DATA")
help=$("$work/shuttle" serve -h 2>&1 || true)
grep -q -- '-content' <<<"$help" && args+=(--content "$CONTENT")
grep -q -- '-feeds ' <<<"$help" && args+=(--feeds "")
"$work/shuttle" "${args[@]}" >"$work/stdout" 2>"$work/server.log" &
pid=$!

# The server prints its URL once it listens; then wait for the first-start
# ingest (readyz) and for the sample articles to be published.
base=
for _ in $(seq 1 100); do
	base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/stdout" 2>/dev/null | head -n 1 || true)
	[ -n "$base" ] && break
	kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
	sleep 0.1
done
[ -n "$base" ] || { echo "the server printed no URL" >&2; exit 1; }
for _ in $(seq 1 600); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break
	sleep 0.1
done
sleep 2 # the content watcher's first poll

slug_of() { # the slug content.Parse gives a file: front matter slug, else its name
	local s
	s=$(sed -n '2,/^---/s/^slug:[[:space:]]*//p' "$1" | head -n 1)
	echo "${s:-$(basename "$1" .md)}"
}
slug=$(slug_of "$(ls "$CONTENT"/*.md | head -n 1)")

kib() { awk -v k="$1" '/^'"$1"':/ {print $2}' "/proc/$pid/status"; }
echo "shuttle serve at $base (pid $pid), ready with $(kib VmRSS) KiB resident; wrk -t$THREADS -c$CONNS -d$DURATION --latency"
printf '%-44s %6s %10s %10s %9s %-28s %10s\n' path first req/s p99 non-2xx "socket errors" "peak RSS"
for path in "/articles/$slug" "/insights/momentum" "/api/v1/rankings/momentum?limit=3" "/api/v1/countries/FR/series"; do
	first=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
	wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$base$path" >"$work/wrk.txt" 2>&1 || true
	rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
	p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
	non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/wrk.txt")
	sock=$(awk -F'Socket errors: ' '/Socket errors:/ {print $2}' "$work/wrk.txt")
	printf '%-44s %6s %10s %10s %9s %-28s %7s KiB\n' "$path" "$first" "${rps:-?}" "${p99:-?}" "${non2xx:-0}" "${sock:-none}" "$(kib VmHWM)"
done
echo "server peak RSS (VmHWM) $(kib VmHWM) KiB; its log: $(wc -l <"$work/server.log") lines, $(grep -c 'level=ERROR' "$work/server.log" || true) errors"
