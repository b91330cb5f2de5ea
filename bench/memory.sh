#!/usr/bin/env bash
# memory.sh — what an anonymous attacker can make `shuttle serve` hold.
# Builds the server, starts it on loopback (SQLite, the real records, the
# sample articles, no feeds), then at once:
#   - crawls: REQUESTS (20,000) GETs over every GET route of the site and the
#     API, each with a query string no other request used (year windows,
#     zero-padded limits, unknown parameters), with wrk and bench/crawl.lua;
#   - holds SLOW (400) connections that announce a 4 MiB body to the write
#     routes and send one byte, then dribble;
#   - asks for the cached article every half second, as a reader would.
# It reports the server's resident memory before, its peak (VmHWM), the Go
# heap after, and how the reader's requests fared. Aim: peak under 256 MB,
# every reader request answered 200.
#
# Environment: REQUESTS, SLOW, DATA (default ../shared/data/hsg).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
REQUESTS=${REQUESTS:-20000}
SLOW=${SLOW:-400}
DATA=${DATA:-../shared/data/hsg}

need() { command -v "$1" >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need curl curl
need python3 python3
ulimit -n 65536 2>/dev/null || true

work=$(mktemp -d /tmp/shuttle-memory.XXXXXX)
pid= slow_pid= reader_pid=
cleanup() {
	for p in $slow_pid $reader_pid $pid; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/shuttle" ./cmd/shuttle
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SHUTTLE_EDITOR_TOKENS=memory-bench-token-7f3a9c2e5b81d4 "$work/shuttle" serve --addr "127.0.0.1:$port" \
	--metrics-addr "127.0.0.1:$mport" --dir "$work/data" --data "$DATA" --content content/sample --feeds "" \
	>"$work/stdout" 2>"$work/server.log" &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ] && break
	kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
	sleep 0.1
done
sleep 2 # the content watcher's first poll
article="$base/articles/nato-foreign-ministers-75th-year"
kib() { awk '/^'"$1"':/ {print $2}' "/proc/$pid/status"; }
heap() { curl -s "http://127.0.0.1:$mport/metrics" | awk '/^go_memstats_heap_inuse_bytes/ {printf "%.1f MB", $2/1e6}'; }
echo "ready: $(kib VmRSS) KiB resident, heap in use $(heap)"

# The slow bodies: each connection announces 4 MiB and sends one byte, then
# one more every few seconds, for as long as the crawl runs.
python3 - "$port" "$SLOW" >"$work/slow.log" 2>&1 <<'PY' &
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
routes = ["/api/v1/ingest", "/api/v1/articles", "/api/v1/feeds/poll", "/editor/login"]
conns, answered = [], 0
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: text/markdown\r\nContent-Length: 4194304\r\n\r\nx" % routes[i % len(routes)]).encode())
    s.setblocking(False)
    conns.append(s)
end = time.time() + 45
while time.time() < end and conns:
    time.sleep(2)
    for s in conns[:]:
        try:
            if s.recv(4096):
                answered += 1
                conns.remove(s); s.close()
                continue
            conns.remove(s); s.close()
        except BlockingIOError:
            try: s.send(b"x")
            except OSError: conns.remove(s)
        except OSError:
            conns.remove(s)
print("slow connections: %d of %d answered before sending their body, %d still open at the end" % (answered, n, len(conns)))
PY
slow_pid=$!

# The reader.
(ok=0 bad=0; while true; do
	c=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$article" || true)
	if [ "$c" = 200 ]; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
	echo "$ok $bad" >"$work/reader"
	sleep 0.5
done) &
reader_pid=$!

sleep 1
began=$(date +%s.%N)
REQUESTS=$REQUESTS wrk -t2 -c32 -d"${DURATION:-120s}" -s bench/crawl.lua "$base" >"$work/wrk.txt" 2>&1 || true
grep -q "PANIC\|unprotected\|script" "$work/wrk.txt" && { cat "$work/wrk.txt" >&2; exit 1; }
took=$(echo "$(date +%s.%N) - $began" | bc)
sleep 3
read -r ok bad <"$work/reader"
echo "crawl: $(awk '/requests in/ {print $1}' "$work/wrk.txt") requests in ${took%.*} s; $(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt") non-2xx (the unknown-parameter and out-of-range ones are refused)"
kill "$slow_pid" 2>/dev/null || true
wait "$slow_pid" 2>/dev/null || true
slow_pid=
cat "$work/slow.log"
echo "reader: $ok of $((ok + bad)) requests for the article answered 200 meanwhile"
echo "peak resident: $(kib VmHWM) KiB ($(( $(kib VmHWM) / 1024 )) MiB); now $(kib VmRSS) KiB; heap in use $(heap)"
