package insight

import (
	"fmt"
	"slices"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/internal/synth"
)

// computeAll computes every catalogue entry with its default parameters,
// for the given travellers and country where one is required, with no limit:
// the most a page or the API can ask of one data version.
func computeAll(tb testing.TB, e *Engine, travelers map[shuttle.Role]string, country string) {
	for _, c := range e.Catalogue() {
		p := Params{Insight: c.ID, Role: c.Role}
		var err error
		switch c.Requires {
		case "traveler":
			p.Traveler = travelers[c.Role]
			_, err = e.Rank(p)
		case "country":
			p.Country = country
			_, err = e.CountrySeries(p)
		default:
			_, err = e.Rank(p)
		}
		if err != nil {
			tb.Fatalf("%s/%s: %v", c.ID, c.Role, err)
		}
	}
}

func BenchmarkCatalogue(b *testing.B) {
	e, _ := realEngine(b)
	who := map[shuttle.Role]string{shuttle.RoleSecretary: "blinken-antony-j", shuttle.RolePresident: "biden-joseph-r"}
	b.Run("defaults", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			computeAll(b, e, who, "FR")
		}
	})
	// The worst window: every year on record, 1866–2025 (n = 160).
	b.Run("all-years", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, r := range shuttle.Roles {
				first, last := e.Years(r)
				for _, id := range []string{IDMomentum, IDDeclining, IDMostVisited} {
					if _, err := e.Rank(Params{Insight: id, Role: r, From: first, To: last}); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	})
}

func BenchmarkNew(b *testing.B) {
	d := real(b)
	b.ReportAllocs()
	for b.Loop() {
		New(Data{Counts: d.counts, Countries: d.countries, Trips: d.trips})
	}
}

func BenchmarkRankWidget(b *testing.B) {
	e, _ := realEngine(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Rank(Params{Insight: IDMomentum, Limit: 5}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCatalogueSynth shows how the catalogue grows with the data: scale
// s has 200·s countries. Traveller trips are generated up to scale 100 only,
// as a thousand times the real trips is gigabytes of Trip values.
func BenchmarkCatalogueSynth(b *testing.B) {
	for _, scale := range []int{1, 10, 100, 1000} {
		d := synth.Generate(synth.Options{Seed: 1, Scale: scale, Trips: scale <= 100})
		e := New(Data{Counts: d.Counts, Countries: d.Countries, Trips: d.Trips})
		who := map[shuttle.Role]string{}
		for _, t := range d.Trips {
			if who[t.Role] == "" && t.TravelerID != "" {
				who[t.Role] = t.TravelerID
			}
		}
		b.Run(fmt.Sprintf("scale=%d", scale), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				computeAll(b, e, who, d.Countries[0].ISO)
			}
		})
		b.Run(fmt.Sprintf("widget/scale=%d", scale), func(b *testing.B) {
			for b.Loop() {
				if _, err := e.Rank(Params{Insight: IDMomentum, Limit: 5}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("new/scale=%d", scale), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				New(Data{Counts: d.Counts, Countries: d.Countries})
			}
		})
	}
}

// TestSynthCatalogue keeps the synthetic path working without benchmarks:
// every entry computes, and scale 1 lists about as many countries as the
// real records do.
func TestSynthCatalogue(t *testing.T) {
	d := synth.Generate(synth.Options{Seed: 1, Scale: 1, Trips: true})
	e := New(Data{Counts: d.Counts, Countries: d.Countries, Trips: d.Trips})
	computeAll(t, e, map[shuttle.Role]string{shuttle.RoleSecretary: "secretary-0-30", shuttle.RolePresident: "president-0-18"}, "X0001")
	r, err := e.Rank(Params{Insight: IDMostVisited})
	if err != nil || r.Total < 100 || !slices.IsSortedFunc(r.Rows, func(a, b Row) int { return b.Visits - a.Visits }) {
		t.Errorf("most-visited on synthetic data: %d rows, err %v", r.Total, err)
	}
}
