package storetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/shuttlenews/shuttle"
)

// state is everything a reader can see of a dataset. Comparing two states
// tells whether a store kept or lost anything.
type state struct {
	Version    shuttle.Version
	Regions    []shuttle.Region
	Countries  []shuttle.CountryVisits
	Travelers  []shuttle.Traveler
	Trips      []shuttle.Trip
	YearCounts map[shuttle.Role][]shuttle.YearCount
}

func snapshot(t *testing.T, s shuttle.Store) state {
	t.Helper()
	ctx := t.Context()
	var st state
	var err error
	check := func(what string) {
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	st.Version, err = s.Version(ctx)
	check("Version")
	st.Regions, err = s.Regions(ctx)
	check("Regions")
	st.Countries, err = s.Countries(ctx)
	check("Countries")
	st.Travelers, err = s.Travelers(ctx, "")
	check("Travelers")
	st.Trips, err = s.Trips(ctx, shuttle.TripFilter{})
	check("Trips")
	st.YearCounts = make(map[shuttle.Role][]shuttle.YearCount)
	for _, r := range append([]shuttle.Role{""}, shuttle.Roles...) {
		st.YearCounts[r], err = s.YearCounts(ctx, r)
		check("YearCounts " + string(r))
	}
	return st
}

// sameData compares two states but for their Version.
func sameData(t *testing.T, what string, got, want state) {
	t.Helper()
	got.Version, want.Version = shuttle.Version{}, shuttle.Version{}
	same(t, what, got, want)
}

func testEmpty(t *testing.T, s shuttle.Store) {
	ctx := t.Context()
	st := snapshot(t, s)
	same(t, "Version of an empty store", st.Version, shuttle.Version{})
	notNil(t, "Regions", st.Regions)
	notNil(t, "Countries", st.Countries)
	notNil(t, "Travelers", st.Travelers)
	notNil(t, "Trips", st.Trips)
	for r, yc := range st.YearCounts {
		notNil(t, "YearCounts "+string(r), yc)
	}
	if len(st.Regions)+len(st.Countries)+len(st.Travelers)+len(st.Trips) != 0 {
		t.Errorf("empty store is not empty: %+v", st)
	}
	_, err := s.Country(ctx, "FR")
	wantCode(t, "Country(FR)", err, shuttle.ENOTFOUND)
	_, err = s.Traveler(ctx, "blinken-antony-j")
	wantCode(t, "Traveler", err, shuttle.ENOTFOUND)
}

func testReplaceVersion(t *testing.T, s shuttle.Store) {
	tests := []struct {
		d      *shuttle.Dataset
		id     int64
		source string
		trips  int
	}{
		{Fixture(), 1, "fixture:A", 22},
		{Small(), 2, "fixture:B", 3},
		{Fixture(), 3, "fixture:A", 22},
	}
	var prev shuttle.Version
	for _, tt := range tests {
		v := mustReplace(t, s, tt.d)
		if v.ID != tt.id || v.Source != tt.source || v.Trips != tt.trips {
			t.Errorf("ReplaceDataset(%s) = %+v, want id %d, %d trips", tt.source, v, tt.id, tt.trips)
		}
		if v.IngestedAt.IsZero() || v.IngestedAt.Before(prev.IngestedAt) {
			t.Errorf("ReplaceDataset(%s): IngestedAt %v after %v", tt.source, v.IngestedAt, prev.IngestedAt)
		}
		got, err := s.Version(t.Context())
		if err != nil {
			t.Fatalf("Version: %v", err)
		}
		if !sameVersion(got, v) {
			t.Errorf("Version() = %+v, want what ReplaceDataset returned: %+v", got, v)
		}
		prev = v
	}
}

func sameVersion(a, b shuttle.Version) bool {
	return a.ID == b.ID && a.Source == b.Source && a.Trips == b.Trips && a.IngestedAt.Equal(b.IngestedAt)
}

// An empty dataset is valid (a fresh install ingesting nothing) and still
// counts as an ingest.
func testReplaceEmptyDataset(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	v := mustReplace(t, s, &shuttle.Dataset{Stats: shuttle.IngestStats{Source: "empty"}})
	if v.ID != 2 || v.Trips != 0 || v.Source != "empty" {
		t.Errorf("ReplaceDataset(empty) = %+v", v)
	}
	st := snapshot(t, s)
	if len(st.Regions)+len(st.Countries)+len(st.Travelers)+len(st.Trips) != 0 {
		t.Errorf("store still holds data after an empty dataset: %+v", st)
	}
	// Foreign leaders' visits need no travellers.
	visits := Small()
	visits.Travelers, visits.Trips = nil, visits.Trips[2:]
	mustReplace(t, s, visits)
	if st := snapshot(t, s); len(st.Trips) != 1 || len(st.Travelers) != 0 {
		t.Errorf("visits only: %d trips, %d travellers; want 1 and 0", len(st.Trips), len(st.Travelers))
	}
}

func testReplaceEverything(t *testing.T, s shuttle.Store) {
	ctx := t.Context()
	mustReplace(t, s, Fixture())
	a := snapshot(t, s)
	mustReplace(t, s, Small())
	b := snapshot(t, s)

	same(t, "Regions after B", b.Regions, Small().Regions)
	same(t, "Travelers after B", b.Travelers, Small().Travelers)
	same(t, "Countries after B", b.Countries, []shuttle.CountryVisits{
		{Country: Small().Countries[0], Visits: visits(1, 0, 0)},
		{Country: Small().Countries[1], Visits: visits(1, 0, 1)},
	})
	same(t, "Trips after B", keys(b.Trips), []string{"secretary/500", "visit/900", "secretary/501"})
	same(t, "YearCounts(secretary) after B", b.YearCounts[shuttle.RoleSecretary],
		[]shuttle.YearCount{{Country: "DE", Year: 1974, Visits: 1}, {Country: "FR", Year: 1975, Visits: 1}})
	same(t, "YearCounts(president) after B", b.YearCounts[shuttle.RolePresident], []shuttle.YearCount{})
	for _, iso := range []string{"TR", "JP", "AQ", "XI"} {
		_, err := s.Country(ctx, iso)
		wantCode(t, "Country("+iso+") after B", err, shuttle.ENOTFOUND)
	}
	_, err := s.Traveler(ctx, "trump-donald-j")
	wantCode(t, "Traveler(trump) after B", err, shuttle.ENOTFOUND)

	mustReplace(t, s, Fixture())
	sameData(t, "A after A, B, A", snapshot(t, s), a)
}

// Datasets that Validate refuses never reach a transaction.
func testReplaceInvalid(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	before := snapshot(t, s)
	tests := []struct {
		name   string
		mutate func(d *shuttle.Dataset)
	}{
		{"unknown country", func(d *shuttle.Dataset) { d.Trips[5].Country = "ZZ" }},
		{"unknown traveller", func(d *shuttle.Dataset) { d.Trips[5].TravelerID = "nobody" }},
		{"end before start", func(d *shuttle.Dataset) { d.Trips[5].End = d.Trips[5].Start.AddDays(-1) }},
		{"duplicate trip", func(d *shuttle.Dataset) { d.Trips = append(d.Trips, d.Trips[5]) }},
		{"duplicate country", func(d *shuttle.Dataset) { d.Countries = append(d.Countries, d.Countries[0]) }},
		{"unknown role", func(d *shuttle.Dataset) { d.Trips[5].Role = "ambassador" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Fixture()
			tt.mutate(d)
			_, err := s.ReplaceDataset(t.Context(), d)
			wantCode(t, "ReplaceDataset", err, shuttle.EINVALID)
			after := snapshot(t, s)
			sameData(t, "state after a refused replace", after, before)
			same(t, "Version after a refused replace", after.Version, before.Version)
		})
	}
	_, err := s.ReplaceDataset(t.Context(), nil)
	wantCode(t, "ReplaceDataset(nil)", err, shuttle.EINVALID)
}

// These datasets pass Validate but break the schema's keys, so the store
// finds out only after it has deleted the old rows and inserted some new
// ones: the transaction must roll all of it back.
func testReplaceFailure(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Small())
	before := snapshot(t, s)
	tests := []struct {
		name   string
		mutate func(d *shuttle.Dataset)
	}{
		{"duplicate traveller id", func(d *shuttle.Dataset) {
			dup := d.Travelers[2]
			dup.Name = "Someone Else"
			d.Travelers = append(d.Travelers, dup)
		}},
		{"duplicate region id", func(d *shuttle.Dataset) { d.Regions = append(d.Regions, d.Regions[1]) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Fixture()
			tt.mutate(d)
			if err := d.Validate(); err != nil {
				t.Fatalf("Validate now refuses this dataset (%v): pick a fault that only the database sees", err)
			}
			_, err := s.ReplaceDataset(t.Context(), d)
			if err == nil {
				t.Fatal("ReplaceDataset succeeded")
			}
			wantCode(t, "ReplaceDataset", err, shuttle.EINVALID)
			t.Logf("refused: %v", err)
			after := snapshot(t, s)
			sameData(t, "state after a failed replace", after, before)
			same(t, "Version after a failed replace", after.Version, before.Version)
		})
	}
	// A failed ingest must not use up a version number either.
	if v := mustReplace(t, s, Fixture()); v.ID != before.Version.ID+1 {
		t.Errorf("next successful ReplaceDataset has id %d, want %d", v.ID, before.Version.ID+1)
	}
}

// countdownContext cancels itself on the n-th time anyone looks at it. The
// stores look at their context before each statement, so sweeping n cancels
// a ReplaceDataset at every point of its transaction in turn, without timing.
type countdownContext struct {
	context.Context
	cancel context.CancelFunc
	left   atomic.Int64
}

func newCountdown(parent context.Context, n int64) *countdownContext {
	ctx, cancel := context.WithCancel(parent)
	c := &countdownContext{Context: ctx, cancel: cancel}
	c.left.Store(n)
	return c
}

func (c *countdownContext) tick() {
	if c.left.Add(-1) == 0 {
		c.cancel()
	}
}

func (c *countdownContext) Done() <-chan struct{} { c.tick(); return c.Context.Done() }
func (c *countdownContext) Err() error            { c.tick(); return c.Context.Err() }

func testReplaceCancelled(t *testing.T, s shuttle.Store) {
	datasets := []*shuttle.Dataset{Small(), Fixture()}
	mustReplace(t, s, datasets[0])
	failures := 0
	for n := int64(1); n < 1<<20; n += n/4 + 1 {
		before := snapshot(t, s)
		ctx := newCountdown(t.Context(), n)
		v, err := s.ReplaceDataset(ctx, datasets[1])
		ctx.cancel()
		after := snapshot(t, s)
		if err != nil {
			failures++
			sameData(t, "state after a cancelled replace", after, before)
			same(t, "Version after a cancelled replace", after.Version, before.Version)
			if t.Failed() {
				t.Fatalf("cancelled on look %d at the context", n)
			}
			continue
		}
		// Cancelled too late to matter: the replace must then be complete.
		if v.ID != before.Version.ID+1 || !sameVersion(after.Version, v) {
			t.Errorf("after a replace that succeeded at n=%d: Version %+v, returned %+v, before %+v", n, after.Version, v, before.Version)
		}
		if len(after.Trips) != len(datasets[1].Trips) {
			t.Errorf("after a replace that succeeded at n=%d: %d trips, want %d", n, len(after.Trips), len(datasets[1].Trips))
		}
		t.Logf("ReplaceDataset failed at %d points of cancellation, and succeeded once the context lasted %d looks", failures, n)
		if failures == 0 {
			t.Error("ReplaceDataset never failed: the store does not pass its context on")
		}
		return
	}
	t.Error("ReplaceDataset never succeeded with a context that is cancelled late")
}

// testConcurrentReaders replaces A by B and back while readers loop; every
// read must match A or B exactly. Each read method is one transaction, so a
// reader that straddles a commit sees the old snapshot or the new one.
func testConcurrentReaders(t *testing.T, s shuttle.Store) {
	datasets := []*shuttle.Dataset{Fixture(), Small()}
	var want []state
	for _, d := range datasets {
		mustReplace(t, s, d)
		want = append(want, snapshot(t, s))
	}
	readWhileReplacing(t, s, datasets, want)
}

// readWhileReplacing is the heart of testConcurrentReaders: readers loop
// while the writer swaps the datasets, want holding what each one reads as.
func readWhileReplacing(t testing.TB, s shuttle.Store, datasets []*shuttle.Dataset, want []state) {
	ctx := t.Context()
	const readers, rounds = 4, 16
	var started, wg sync.WaitGroup
	done := make(chan struct{})
	started.Add(readers)
	for range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Started once, on every path: a reader whose first read fails
			// must not leave the writer waiting for it, or the suite hangs
			// instead of reporting the failure.
			var once sync.Once
			defer once.Do(started.Done)
			var lastID int64
			for {
				ok := readOnce(t, s, want, &lastID)
				once.Do(started.Done)
				if !ok {
					return
				}
				select {
				case <-done:
					return
				default:
				}
			}
		}()
	}
	// The writer starts once every reader is in its loop, so that reads and
	// ingests overlap for certain.
	started.Wait()
	for i := range rounds {
		if _, err := s.ReplaceDataset(ctx, datasets[i%2]); err != nil {
			t.Errorf("ReplaceDataset round %d: %v", i, err)
			break
		}
	}
	close(done)
	wg.Wait()
}

// readOnce reads once through each method and reports whether the reader
// should go on. It runs in a goroutine, so it reports with Errorf.
func readOnce(t testing.TB, s shuttle.Store, want []state, lastID *int64) bool {
	ctx := t.Context()
	v, err := s.Version(ctx)
	if err != nil {
		t.Errorf("Version: %v", err)
		return false
	}
	if v.ID < *lastID || (v.Trips != want[0].Version.Trips && v.Trips != want[1].Version.Trips) {
		t.Errorf("Version %+v after id %d: neither A nor B", v, *lastID)
		return false
	}
	*lastID = v.ID
	c, err := s.Countries(ctx)
	if err != nil || !(same2(c, want[0].Countries) || same2(c, want[1].Countries)) {
		t.Errorf("Countries: %v, neither A nor B: %+v", err, c)
		return false
	}
	yc, err := s.YearCounts(ctx, "")
	if err != nil || !(same2(yc, want[0].YearCounts[""]) || same2(yc, want[1].YearCounts[""])) {
		t.Errorf("YearCounts: %v, neither A nor B: %+v", err, yc)
		return false
	}
	tr, err := s.Travelers(ctx, "")
	if err != nil || !(same2(tr, want[0].Travelers) || same2(tr, want[1].Travelers)) {
		t.Errorf("Travelers: %v, neither A nor B: %+v", err, tr)
		return false
	}
	return true
}
