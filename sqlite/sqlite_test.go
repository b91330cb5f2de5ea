package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/sqlite"
	"github.com/shuttlenews/shuttle/storetest"
)

func open(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "shuttle.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) shuttle.Store { return open(t) })
}

func TestFeedSeenForgotten(t *testing.T) {
	db := open(t)
	storetest.FeedSeenForgotten(t, db, func(now func() time.Time) { db.Now = now })
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
