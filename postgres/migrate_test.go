package postgres_test

import (
	"context"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/shuttlenews/shuttle/internal/pgtest"
	"github.com/shuttlenews/shuttle/postgres"
)

// Migrations are recorded by name and applied once, however often the store
// is opened or Migrate is called.
func TestMigrationsRecorded(t *testing.T) {
	u := pgtest.FreshURL(t)
	for range 2 {
		db, err := postgres.Open(t.Context(), u)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		db.Close()
	}
	conn, err := pgx.Connect(t.Context(), u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	rows, _ := conn.Query(t.Context(), `SELECT name FROM migrations ORDER BY name`)
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"migrations/0001_dataset.sql", "migrations/0002_articles.sql", "migrations/0003_article_version.sql", "migrations/0004_article_changes.sql", "migrations/0005_feed_state.sql", "migrations/0006_editor_sessions.sql", "migrations/0007_trip_purpose.sql", "migrations/0008_trips_order.sql"}
	if !slices.Equal(names, want) {
		t.Errorf("recorded migrations %q, want %q", names, want)
	}
}
