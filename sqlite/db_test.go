package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/sqlite"
	"github.com/shuttlenews/shuttle/storetest"
	_ "modernc.org/sqlite"
)

// inspect opens the store's file with a plain connection, as an operator's
// sqlite3 shell would, to see what the store left there.
func inspect(t *testing.T, path string, query string) []string {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.QueryContext(t.Context(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// The file is in WAL mode (readers never wait for an ingest) and every
// connection enforces foreign keys.
func TestPragmas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shuttle.db")
	db, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for pragma, want := range map[string]string{"journal_mode": "wal", "page_size": "16384"} {
		if got := inspect(t, path, "PRAGMA "+pragma); !slices.Equal(got, []string{want}) {
			t.Errorf("%s = %v, want %s", pragma, got, want)
		}
	}
	// An article's countries go with it only if foreign keys are on.
	ctx := t.Context()
	a := shuttle.Article{Slug: "s", Title: "t", Countries: []string{"FR"}}
	if err := db.PutArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteArticle(ctx, "s"); err != nil {
		t.Fatal(err)
	}
	if got := inspect(t, path, "SELECT slug FROM article_countries"); len(got) != 0 {
		t.Errorf("article_countries after delete = %v: foreign keys are off", got)
	}
}

// Migrations are recorded by name and applied once; the data outlives the
// process that wrote it.
func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shuttle.db")
	var want shuttle.Version
	for i := range 2 {
		db, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatalf("Open #%d: %v", i+1, err)
		}
		if i == 0 {
			if want, err = db.ReplaceDataset(t.Context(), storetest.Small()); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Version(t.Context())
		if err != nil || got.ID != want.ID || !got.IngestedAt.Equal(want.IngestedAt) {
			t.Errorf("Open #%d: Version = %+v, %v; want %+v", i+1, got, err, want)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	got := inspect(t, path, "SELECT name FROM migrations ORDER BY name")
	if want := []string{"migrations/0001_dataset.sql", "migrations/0002_articles.sql", "migrations/0003_article_version.sql", "migrations/0004_article_changes.sql", "migrations/0005_feed_state.sql", "migrations/0006_editor_sessions.sql", "migrations/0007_trip_purpose.sql", "migrations/0008_trips_order.sql"}; !slices.Equal(got, want) {
		t.Errorf("recorded migrations %q, want %q", got, want)
	}
}

// A server notices another process's ingest through Version, one read per
// request; two stores on one file stand for the two processes.
func TestSeesOtherProcessIngest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shuttle.db")
	server, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	ingest, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer ingest.Close()
	for i, d := range []*shuttle.Dataset{storetest.Fixture(), storetest.Small()} {
		v, err := ingest.ReplaceDataset(t.Context(), d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := server.Version(t.Context())
		if err != nil || got.ID != v.ID || got.ID != int64(i+1) {
			t.Errorf("server sees %+v, %v after the ingest of %+v", got, err, v)
		}
		trips, err := server.Trips(t.Context(), shuttle.TripFilter{})
		if err != nil || len(trips) != len(d.Trips) {
			t.Errorf("server sees %d trips, %v; want %d", len(trips), err, len(d.Trips))
		}
	}
}

func TestOpenRefusesBadPath(t *testing.T) {
	for _, path := range []string{"", ":memory:", "data.db?mode=ro"} {
		if _, err := sqlite.Open(t.Context(), path); shuttle.ErrorCode(err) != shuttle.EINVALID {
			t.Errorf("Open(%q) = %v, want %s", path, err, shuttle.EINVALID)
		}
	}
	// A directory that cannot hold the file is an error too, not a panic.
	if _, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "missing", "shuttle.db")); err == nil {
		t.Error("Open in a missing directory succeeded")
	}
}
