package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/ingest"
	"github.com/shuttlenews/shuttle/internal/shared"
	"github.com/shuttlenews/shuttle/sqlite"
)

// ingestInto is what `shuttle ingest` does: load, then swap in; a load
// error leaves the store alone.
func ingestInto(t *testing.T, db *sqlite.DB, root string) error {
	t.Helper()
	today := time.Date(2025, time.February, 28, 0, 0, 0, 0, time.UTC)
	d, err := ingest.LoadOn(t.Context(), os.DirFS(root), root, nil, today)
	if err != nil {
		return err
	}
	_, err = db.ReplaceDataset(context.WithoutCancel(t.Context()), d)
	return err
}

// lastYear is the last year of a country's series for a role.
func lastYear(t *testing.T, db *sqlite.DB, role shuttle.Role, iso string) int {
	t.Helper()
	ycs, err := db.YearCounts(t.Context(), role)
	if err != nil {
		t.Fatal(err)
	}
	last := 0
	for _, yc := range ycs {
		if yc.Country == iso {
			last = max(last, yc.Year)
		}
	}
	return last
}

// TestImplausibleDateKeepsTheDataServed is the review's case: one of
// Blinken's trips to Germany dated 9999 made Germany's series run to the
// year 9999. Now the ingest fails naming the file, line and record, and the
// store still serves the first dataset.
func TestImplausibleDateKeepsTheDataServed(t *testing.T) {
	db := open(t)
	defer db.Close()
	if err := ingestInto(t, db, shared.CopyHSG(t)); err != nil {
		t.Fatalf("ingest of the real snapshot: %v", err)
	}
	v1, err := db.Version(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	germany := lastYear(t, db, shuttle.RoleSecretary, "DE")

	bad := shared.CopyHSG(t)
	const file = "travels/secretary-travels/blinken-antony-j.xml"
	path := filepath.Join(bad, file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	damaged := strings.Replace(string(b), "<start-date>2021-06-23</start-date>\n        <end-date>2021-06-24</end-date>",
		"<start-date>9999-06-23</start-date>\n        <end-date>9999-06-24</end-date>", 1)
	if damaged == string(b) {
		t.Fatalf("%s no longer holds trip 4010's dates", file)
	}
	if err := os.WriteFile(path, []byte(damaged), 0o644); err != nil {
		t.Fatal(err)
	}
	err = ingestInto(t, db, bad)
	if err == nil || !strings.Contains(err.Error(), file+":321:") || !strings.Contains(err.Error(), "trip 4010") {
		t.Fatalf("ingest of a trip dated 9999: %v; want an error naming %s:321 and trip 4010", err, file)
	}

	v2, err := db.Version(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if v2.ID != v1.ID || v2.Trips != v1.Trips {
		t.Errorf("Version moved from %+v to %+v after a failed ingest", v1, v2)
	}
	if got := lastYear(t, db, shuttle.RoleSecretary, "DE"); got != germany || got > 2025 {
		t.Errorf("Germany's series ends in %d after the failed ingest, want %d", got, germany)
	}
}
