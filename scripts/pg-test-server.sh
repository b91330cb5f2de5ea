#!/usr/bin/env bash
# pg-test-server.sh start|stop|status|env — a throwaway PostgreSQL cluster on
# loopback for the postgres store's tests. It keeps nothing: stop removes the
# cluster, so every start is a clean server. Run as root (it uses su postgres).
set -euo pipefail

PORT=${SHUTTLE_PG_PORT:-55432}
STATE=/tmp/shuttle-pg-test-server.$PORT # holds the cluster's directory
DB=shuttle_test
URL="postgres://postgres@127.0.0.1:$PORT/$DB?sslmode=disable"

# pgbin is the newest installed server's bin directory (15 on bookworm).
pgbin() {
	find /usr/lib/postgresql -path '*/bin/initdb' 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname
}

install() {
	PGBIN=$(pgbin)
	[ -n "$PGBIN" ] && return
	# stdout is for the export line only: callers eval it.
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
	PGBIN=$(pgbin)
}

running() {
	PGBIN=${PGBIN:-$(pgbin)}
	[ -n "$PGBIN" ] && [ -f "$STATE" ] && su postgres -c "$PGBIN/pg_ctl -D $(cat "$STATE")/data status" >/dev/null 2>&1
}

start() {
	install
	if running; then
		echo "export SHUTTLE_TEST_POSTGRES='$URL'"
		return
	fi
	# A state file without a running server is a leftover from a crash or reboot.
	[ -f "$STATE" ] && rm -rf "$(cat "$STATE")" "$STATE"
	dir=$(mktemp -d /tmp/shuttle-pg.XXXXXX)
	chown postgres:postgres "$dir"
	echo "$dir" >"$STATE"
	su postgres -c "$PGBIN/initdb -D $dir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log"
	# Durability is worth nothing in a cluster that stop deletes, and fsync
	# makes every test's DDL wait on a shared disk.
	opts="-c listen_addresses=127.0.0.1 -p $PORT -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	su postgres -c "$PGBIN/pg_ctl -D $dir/data -l $dir/pg.log -o \"$opts\" -w start" >/dev/null
	psql -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE $DB" >/dev/null
	echo "export SHUTTLE_TEST_POSTGRES='$URL'"
}

stop() {
	[ -f "$STATE" ] || return 0
	dir=$(cat "$STATE")
	if running; then
		su postgres -c "$PGBIN/pg_ctl -D $dir/data -m fast -w stop" >/dev/null
	fi
	rm -rf "$dir" "$STATE"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) if running; then echo "running: $URL"; else echo "stopped"; exit 1; fi ;;
env) echo "export SHUTTLE_TEST_POSTGRES='$URL'" ;;
*)
	echo "usage: $0 start|stop|status|env" >&2
	exit 2
	;;
esac
