package postgres_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/postgres"
	"github.com/shuttlenews/shuttle/storetest"
)

// serverURL is the test server's URL. Without one the tests skip, except on
// CI, where a missing server must not pass for a green run.
func serverURL(t testing.TB) string {
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

var schemas atomic.Int64

// freshURL creates an empty schema for one test, dropped when it ends, and
// returns a URL whose search_path points into it: tests stay isolated on one
// database and may run in parallel.
func freshURL(t testing.TB) string {
	t.Helper()
	base := serverURL(t)
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

func open(t testing.TB) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(t.Context(), freshURL(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return db
}

func TestStore(t *testing.T) {
	serverURL(t)
	storetest.Run(t, func(t *testing.T) shuttle.Store { return open(t) })
}

func BenchmarkReplaceDataset(b *testing.B) {
	db := open(b)
	defer db.Close()
	storetest.BenchmarkReplaceDataset(b, db)
}

func BenchmarkYearCounts(b *testing.B) {
	db := open(b)
	defer db.Close()
	storetest.BenchmarkYearCounts(b, db)
}

func BenchmarkVersion(b *testing.B) {
	db := open(b)
	defer db.Close()
	storetest.BenchmarkVersion(b, db)
}
