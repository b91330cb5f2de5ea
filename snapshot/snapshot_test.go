package snapshot_test

import (
	"path/filepath"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/snapshot"
	"github.com/shuttlenews/shuttle/sqlite"
	"github.com/shuttlenews/shuttle/storetest"
)

func TestSourceFollowsVersion(t *testing.T) {
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ReplaceDataset(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	src := &snapshot.Source{Store: st}
	a, err := src.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := src.Get(ctx); b != a {
		t.Error("a second Get without an ingest rebuilt the snapshot")
	}
	if a.Insights == nil || len(a.Countries) == 0 {
		t.Fatalf("empty snapshot: %+v", a.Version)
	}

	// Series fills the years without visits with zeros.
	c := a.Countries[0]
	from, to, ok := a.Years(shuttle.RoleSecretary)
	if !ok {
		t.Fatal("no secretary years in the fixture")
	}
	series := a.Series(shuttle.RoleSecretary, c.ISO, from-2, to+1)
	if len(series) != to-from+4 || series[0].Visits != 0 || series[0].Year != from-2 {
		t.Errorf("series %v for %d–%d", series, from-2, to+1)
	}
	sum := 0
	for _, y := range series {
		sum += y.Visits
	}
	if sum != c.Visits[shuttle.RoleSecretary] {
		t.Errorf("series of %s adds up to %d, the country lists %d", c.ISO, sum, c.Visits[shuttle.RoleSecretary])
	}

	if _, err := st.ReplaceDataset(ctx, storetest.Small()); err != nil {
		t.Fatal(err)
	}
	b, err := src.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b == a || b.Version.ID == a.Version.ID {
		t.Error("the snapshot did not follow a new data version")
	}
}

// A store with no data answers NoData: "still being loaded", or why the
// first ingest failed once that is known, and data once it has landed.
func TestSourceWithoutData(t *testing.T) {
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	src := &snapshot.Source{Store: st}
	says := func(want string) {
		t.Helper()
		_, err := src.Get(ctx)
		if shuttle.ErrorCode(err) != shuttle.EUNAVAILABLE || shuttle.ErrorMessage(err) != want {
			t.Errorf("Get on an empty store: %v, want EUNAVAILABLE %q", err, want)
		}
	}
	says("The data is still being loaded. Please try again in a minute.")
	src.IngestFailed("The first ingest failed: no network.")
	says("The first ingest failed: no network.")
	src.IngestFailed("")
	says("The data is still being loaded. Please try again in a minute.")
	if _, err := st.ReplaceDataset(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	if snap, err := src.Get(ctx); err != nil || snap.Version.ID == 0 {
		t.Errorf("after an ingest: %v, %v", snap, err)
	}
}
