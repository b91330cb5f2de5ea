#!/usr/bin/env bash
# Serves one article page with shuttle and, beside it, the very same bytes as
# a static file with nginx, and loads both with wrk in the same run: the
# cached page path should be within 10% of nginx's requests per second.
# Two modes: identity (no Accept-Encoding, as wrk sends by default) and gzip
# (Accept-Encoding: gzip, as every browser sends; nginx serves the very same
# precompressed bytes with gzip_static).
#
# Usage: bench/site.sh [DATA_DIR]
#   DURATION=10s CONNECTIONS=64 THREADS=2 ROUNDS=3 bench/site.sh
# The two servers take turns, ROUNDS times, and the median of the rounds'
# ratios is reported: on a small shared machine one 10 s run of either
# varies by ±20%, and the machine drifts over minutes.
#   BENCH_KEEP=1 bench/site.sh   # leave the temp dir (and the servers) for a look
#   BASELINE=1 bench/site.sh   # also bare net/http with shuttle's headers,
#     timeouts and coalescing (bench/baseline): what shuttle adds, apart
#     from what net/http costs
#   SHUTTLE_BENCH_BIN=/path/to/binary bench/site.sh   # a prebuilt server taking
#     `serve --addr --dir --data --content` like cmd/shuttle
# Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
DATA=${1:-../shared/data/hsg}
DATA=$(cd "$DATA" && pwd)
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
SLUG=nato-foreign-ministers-75th-year
SHUTTLE_PORT=${SHUTTLE_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
BASELINE_PORT=${BASELINE_PORT:-18082}

need() { command -v "$1" >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need nginx nginx
need curl curl

tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx workers (www-data) read the page from here
server_pid=""
baseline_pid=""
cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
	[ -n "$baseline_pid" ] && kill "$baseline_pid" 2>/dev/null || true
	[ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "${BENCH_KEEP:-}" ] && trap - EXIT

bin=${SHUTTLE_BENCH_BIN:-}
if [ -z "$bin" ]; then
	go build -o "$tmp/shuttle" ./cmd/shuttle
	bin="$tmp/shuttle"
fi
"$bin" serve --addr "127.0.0.1:$SHUTTLE_PORT" --dir "$tmp/data" --data "$DATA" --content content/sample --feeds "" \
	>"$tmp/server.log" 2>&1 &
server_pid=$!

# The first start ingests the records; wait for the page itself.
page="http://127.0.0.1:$SHUTTLE_PORT/articles/$SLUG"
for _ in $(seq 1 240); do
	if [ "$(curl -s -o /dev/null -w '%{http_code}' "$page")" = 200 ]; then break; fi
	kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log"; echo "server exited" >&2; exit 1; }
	sleep 0.5
done
mkdir -p "$tmp/www"
curl -sf -D "$tmp/headers.txt" -o "$tmp/www/article.html" "$page" || { cat "$tmp/server.log"; exit 1; }
bytes=$(wc -c <"$tmp/www/article.html")
curl -sf -H 'Accept-Encoding: gzip' -o "$tmp/www/article.html.gz" "$page"
gzbytes=$(wc -c <"$tmp/www/article.html.gz")

# nginx serves the saved bytes with the same headers, as a tuned static
# server would: sendfile, keep-alive, no access log.
cat >"$tmp/nginx.conf" <<EOF
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	client_body_temp_path $tmp/nginx-body;
	proxy_temp_path $tmp/nginx-proxy;
	fastcgi_temp_path $tmp/nginx-fastcgi;
	uwsgi_temp_path $tmp/nginx-uwsgi;
	scgi_temp_path $tmp/nginx-scgi;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		location = /articles/$SLUG {
			alias $tmp/www/article.html;
			gzip_static on;
			default_type "text/html; charset=utf-8";
			add_header Content-Security-Policy "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
			add_header X-Content-Type-Options nosniff;
			add_header Cache-Control "public, max-age=60";
		}
	}
}
EOF
nginx -c "$tmp/nginx.conf" -p "$tmp"
npage="http://127.0.0.1:$NGINX_PORT/articles/$SLUG"
for _ in $(seq 1 20); do curl -sf -o /dev/null "$npage" && break; sleep 0.2; done
cmp -s "$tmp/www/article.html" <(curl -sf "$npage") || { echo "nginx does not serve the same bytes" >&2; exit 1; }

servers=(shuttle nginx)
url_shuttle=$page url_nginx=$npage
if [ -n "${BASELINE:-}" ]; then
	go build -o "$tmp/baseline" ./bench/baseline
	"$tmp/baseline" "127.0.0.1:$BASELINE_PORT" "$tmp/www/article.html" >"$tmp/baseline.log" 2>&1 &
	baseline_pid=$!
	url_baseline="http://127.0.0.1:$BASELINE_PORT/articles/$SLUG"
	for _ in $(seq 1 20); do curl -sf -o /dev/null "$url_baseline" && break; sleep 0.2; done
	cmp -s "$tmp/www/article.html" <(curl -sf "$url_baseline") || { echo "the baseline does not serve the same bytes" >&2; exit 1; }
	servers+=(baseline)
fi

run() { # name url round [wrk args]
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${@:4}" "$2" >"$tmp/$1.$3.wrk"
	rps=$(awk '/^Requests\/sec/ {print $2}' "$tmp/$1.$3.wrk")
	lat=$(awk '/^    Latency/ {print $2; exit}' "$tmp/$1.$3.wrk")
	p99=$(awk '/^ +99%/ {print $2; exit}' "$tmp/$1.$3.wrk")
	errors=$(awk '/Non-2xx|Socket errors/ {print}' "$tmp/$1.$3.wrk")
	printf 'round %d  %-8s %10s req/s   latency avg %-9s p99 %-9s %s\n' "$3" "$1" "$rps" "$lat" "$p99" "$errors"
	echo "$rps" >>"$tmp/$1.rps"
}
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "article page: $bytes bytes ($gzbytes gzipped), wrk -t$THREADS -c$CONNECTIONS -d$DURATION x $ROUNDS rounds on 127.0.0.1 ($(nproc) CPUs)"
curl -s -o /dev/null "$page" # warm
for mode in identity gzip; do
	hdr=()
	[ "$mode" = gzip ] && hdr=(-H 'Accept-Encoding: gzip')
	echo "== $mode"
	for round in $(seq 1 "$ROUNDS"); do
		for sv in "${servers[@]}"; do
			url=url_$sv
			run "$sv-$mode" "${!url}" "$round" "${hdr[@]}"
		done
	done
	s=$(median "$tmp/shuttle-$mode.rps")
	n=$(median "$tmp/nginx-$mode.rps")
	printf 'median   shuttle %10s req/s   nginx %10s req/s\n' "$s" "$n"
	# Each round's two runs are seconds apart, so their ratio is spared the
	# machine's slower drift; the median of those ratios is the figure.
	paste "$tmp/shuttle-$mode.rps" "$tmp/nginx-$mode.rps" | awk '{ print $1 / $2 }' >"$tmp/$mode.ratio"
	printf 'ratio shuttle/nginx (%s): %.3f (median of the rounds; of the medians %.3f)\n' "$mode" \
		"$(median "$tmp/$mode.ratio")" "$(awk -v s="$s" -v n="$n" 'BEGIN { print s / n }')"
	if [ -n "$baseline_pid" ]; then
		b=$(median "$tmp/baseline-$mode.rps")
		paste "$tmp/shuttle-$mode.rps" "$tmp/baseline-$mode.rps" | awk '{ print $1 / $2 }' >"$tmp/$mode.bratio"
		printf 'median   baseline (bare net/http) %10s req/s; ratio shuttle/baseline (%s): %.3f\n' "$b" "$mode" "$(median "$tmp/$mode.bratio")"
	fi
done
