#!/usr/bin/env bash
# The test command the README gives: vet, then every test of every package.
# PostgreSQL tests run when SHUTTLE_TEST_POSTGRES names a server
# (scripts/pg-test-server.sh start prints the line to export); in CI they must.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi
go vet ./...
go test -count=1 -timeout 20m ./... "$@"
