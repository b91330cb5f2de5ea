package insight

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/shuttlenews/shuttle"
)

// everything computes every insight an engine offers, as JSON.
func everything(t *testing.T, e *Engine) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, c := range e.Catalogue() {
		p := Params{Insight: c.ID, Role: c.Role}
		var v any
		var err error
		switch c.Requires {
		case "traveler":
			p.Traveler = map[shuttle.Role]string{shuttle.RoleSecretary: "kerry-john-forbes", shuttle.RolePresident: "obama-barack"}[c.Role]
			v, err = e.Rank(p)
		case "country":
			p.Country = "KR"
			v, err = e.CountrySeries(p)
		default:
			v, err = e.Rank(p)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func TestDeterministic(t *testing.T) {
	d := real(t)
	want := everything(t, New(Data{Counts: d.counts, Countries: d.countries, Trips: d.trips}))
	r := rand.New(rand.NewPCG(3, 5))
	shuffle := func(n int, swap func(i, j int)) { r.Shuffle(n, swap) }
	counts := map[shuttle.Role][]shuttle.YearCount{}
	for role, c := range d.counts {
		c = slices.Clone(c)
		shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
		counts[role] = c
	}
	countries, trips := slices.Clone(d.countries), slices.Clone(d.trips)
	shuffle(len(countries), func(i, j int) { countries[i], countries[j] = countries[j], countries[i] })
	shuffle(len(trips), func(i, j int) { trips[i], trips[j] = trips[j], trips[i] })
	if got := everything(t, New(Data{Counts: counts, Countries: countries, Trips: trips})); !bytes.Equal(got, want) {
		t.Error("the same data in another order gives other insights")
	}
}

func TestCountsAddUp(t *testing.T) {
	// Repeated (country, year) entries are summed, and non-positive ones
	// dropped, so per-trip counts give the same engine as per-year counts.
	split := []shuttle.YearCount{{Country: "FR", Year: 2020, Visits: 1}, {Country: "FR", Year: 2020, Visits: 2},
		{Country: "FR", Year: 2021, Visits: 0}, {Country: "FR", Year: 2022, Visits: -4}, {Country: "FR", Year: 2023, Visits: 1}}
	s := newSet(split)
	if len(s.tracks) != 1 || !slices.Equal(s.tracks[0].years, []int32{2020, 2023}) ||
		!slices.Equal(s.tracks[0].visits, []int32{3, 1}) || !slices.Equal(s.tracks[0].cum, []int32{0, 3, 4}) ||
		s.first != 2020 || s.last != 2023 {
		t.Errorf("set %+v", s)
	}
}

func TestConcurrentUse(t *testing.T) {
	e := smallEngine()
	want, err := e.Rank(Params{Insight: IDMomentum})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				got, err := e.Rank(Params{Insight: IDMomentum})
				if err != nil || !slices.EqualFunc(got.Rows, want.Rows, rowsEqual) {
					t.Error("concurrent Rank differs")
					return
				}
			}
		})
	}
	wg.Wait()
}
