// Package snapshot keeps what every page and API call reads — countries with
// their counts, yearly series, the insight engine — computed once per data
// version and shared until the store reports a new one. Several servers on
// one database each follow the store's version this way, with one cheap
// query per request.
package snapshot

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
)

// Snapshot is an immutable view of one data version.
type Snapshot struct {
	Version   shuttle.Version
	Countries []shuttle.CountryVisits // by name
	Regions   []shuttle.Region
	Travelers []shuttle.Traveler
	// Counts holds visits per country and year for each role.
	Counts map[shuttle.Role][]shuttle.YearCount
	// Insights answers every ranking and explanation for this version.
	Insights *insight.Engine

	byISO    map[string]int
	traveler map[string]int
	years    map[shuttle.Role][2]int
}

// Country finds a country by ISO code (upper case).
func (s *Snapshot) Country(iso string) (shuttle.CountryVisits, bool) {
	i, ok := s.byISO[iso]
	if !ok {
		return shuttle.CountryVisits{}, false
	}
	return s.Countries[i], true
}

// Traveler finds a Secretary or President by id.
func (s *Snapshot) Traveler(id string) (shuttle.Traveler, bool) {
	i, ok := s.traveler[id]
	if !ok {
		return shuttle.Traveler{}, false
	}
	return s.Travelers[i], true
}

// Years is the first and last year with a visit of the role, or ok=false when
// there are none.
func (s *Snapshot) Years(role shuttle.Role) (from, to int, ok bool) {
	y, ok := s.years[role]
	return y[0], y[1], ok
}

// AllYears spans every role's data.
func (s *Snapshot) AllYears() (from, to int, ok bool) {
	for _, r := range shuttle.Roles {
		f, t, has := s.Years(r)
		if !has {
			continue
		}
		if !ok || f < from {
			from = f
		}
		if !ok || t > to {
			to = t
		}
		ok = true
	}
	return from, to, ok
}

// Series returns one country's visits of a role for every year in [from, to],
// zeros included.
func (s *Snapshot) Series(role shuttle.Role, iso string, from, to int) []shuttle.YearCount {
	out := make([]shuttle.YearCount, 0, to-from+1)
	for y := from; y <= to; y++ {
		out = append(out, shuttle.YearCount{Country: iso, Year: y})
	}
	counts := s.Counts[role]
	i := sort.Search(len(counts), func(i int) bool { return counts[i].Country >= iso })
	for ; i < len(counts) && counts[i].Country == iso; i++ {
		if y := counts[i].Year; y >= from && y <= to {
			out[y-from].Visits = counts[i].Visits
		}
	}
	return out
}

// Build reads everything a Snapshot holds from the store. Each read is its own
// transaction, so an ingest landing in between would mix two datasets: Build
// checks the version again at the end and starts over if it moved.
func Build(ctx context.Context, st shuttle.DatasetStore) (*Snapshot, error) {
	for attempt := 0; ; attempt++ {
		s, err := build(ctx, st)
		if err != nil {
			return nil, err
		}
		v, err := st.Version(ctx)
		if err != nil {
			return nil, err
		}
		if v.ID == s.Version.ID {
			return s, nil
		}
		if attempt == 4 {
			return nil, shuttle.Errorf(shuttle.EUNAVAILABLE, "the data changed five times while being read; try again")
		}
	}
}

func build(ctx context.Context, st shuttle.DatasetStore) (*Snapshot, error) {
	v, err := st.Version(ctx)
	if err != nil {
		return nil, err
	}
	s := &Snapshot{Version: v, Counts: map[shuttle.Role][]shuttle.YearCount{}, years: map[shuttle.Role][2]int{}}
	if s.Countries, err = st.Countries(ctx); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if s.Regions, err = st.Regions(ctx); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if s.Travelers, err = st.Travelers(ctx, ""); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	for _, r := range shuttle.Roles {
		counts, err := st.YearCounts(ctx, r)
		if err != nil {
			return nil, fmt.Errorf("snapshot: %w", err)
		}
		s.Counts[r] = counts
		for i, c := range counts {
			y := s.years[r]
			if i == 0 || c.Year < y[0] {
				y[0] = c.Year
			}
			if i == 0 || c.Year > y[1] {
				y[1] = c.Year
			}
			s.years[r] = y
		}
	}
	trips, err := st.Trips(ctx, shuttle.TripFilter{})
	if err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	countries := make([]shuttle.Country, len(s.Countries))
	for i, c := range s.Countries {
		countries[i] = c.Country
	}
	s.Insights = insight.New(insight.Data{Counts: s.Counts, Countries: countries, Regions: s.Regions, Trips: trips})
	s.index()
	return s, nil
}

func (s *Snapshot) index() {
	s.byISO = make(map[string]int, len(s.Countries))
	for i, c := range s.Countries {
		s.byISO[c.ISO] = i
	}
	s.traveler = make(map[string]int, len(s.Travelers))
	for i, t := range s.Travelers {
		s.traveler[t.ID] = i
	}
}

// Source hands out the Snapshot of the store's current version, rebuilding it
// when another process (or this one) has ingested since.
type Source struct {
	Store shuttle.DatasetStore

	mu      sync.Mutex
	current *Snapshot
	noData  atomic.Pointer[string] // why the store holds no data (nodata.go)
}

// Get returns the current Snapshot. It costs one Version query when nothing
// changed. While the store holds no data it answers NoData: every reader of
// a snapshot needs the data, and an empty answer would say there is nothing
// to count.
func (src *Source) Get(ctx context.Context) (*Snapshot, error) {
	v, err := src.Store.Version(ctx)
	if err != nil {
		return nil, err
	}
	if v.ID == 0 {
		return nil, src.NoData()
	}
	src.mu.Lock()
	defer src.mu.Unlock()
	if src.current != nil && src.current.Version.ID == v.ID {
		return src.current, nil
	}
	s, err := Build(ctx, src.Store)
	if err != nil {
		return nil, err
	}
	src.current = s
	return s, nil
}
