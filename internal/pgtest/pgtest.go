// Package pgtest gives tests a PostgreSQL database of their own on the server
// named by SHUTTLE_TEST_POSTGRES: an empty schema per test, dropped when the
// test ends. Without a server the tests skip, except on CI, where they fail.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

// ServerURL is the test server's URL. Without one the tests skip, except on
// CI, where a missing server must not pass for a green run.
func ServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("SHUTTLE_TEST_POSTGRES")
	switch {
	case u != "":
		return u
	case os.Getenv("CI") != "":
		t.Fatal("SHUTTLE_TEST_POSTGRES not set on CI: start a server with scripts/pg-test-server.sh start")
	default:
		t.Skip("SHUTTLE_TEST_POSTGRES not set: start a server with scripts/pg-test-server.sh start")
	}
	return ""
}

var schemas atomic.Int64 // makes schema names unique within a process

// FreshURL creates an empty schema for one test, dropped when it ends, and
// returns a URL whose search_path points into it: tests stay isolated on one
// database and may run in parallel.
func FreshURL(t testing.TB) string {
	t.Helper()
	base := ServerURL(t)
	schema := fmt.Sprintf("test_%d_%d", os.Getpid(), schemas.Add(1))
	admin, err := pgx.Connect(t.Context(), base)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer admin.Close(context.Background())
	if _, err := admin.Exec(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin, err := pgx.Connect(context.Background(), base)
		if err != nil {
			t.Errorf("connect to drop schema %s: %v", schema, err)
			return
		}
		defer admin.Close(context.Background())
		if _, err := admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("SHUTTLE_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
