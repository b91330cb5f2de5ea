// Package synth generates synthetic travel data shaped like the Office of
// the Historian's records, at any multiple of their size, for benchmarks and
// load tests. It is deterministic: the same seed and scale give the same
// data, and the first 200 countries are the same at every scale, so timings
// at different scales compare like with like.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/shuttlenews/shuttle"
)

// Countries per unit of scale: about as many as the records visit.
const perScale = 200

// Options says what to generate.
type Options struct {
	Seed uint64
	// Scale multiplies the number of countries (and travellers); 1 is about
	// the size of the real records, 1000 is a thousand times larger.
	Scale int
	// Trips asks for one Trip per visit too (about 7,500 per unit of
	// scale), for traveller insights; counts alone are far smaller.
	Trips bool
}

// Data is a synthetic data version.
type Data struct {
	Countries []shuttle.Country                    `json:"countries"`
	Counts    map[shuttle.Role][]shuttle.YearCount `json:"counts"`
	Trips     []shuttle.Trip                       `json:"trips,omitempty"`
}

// role is how one role's records look: the years they span, the share of
// countries with any visit, and the typical visits per year once started,
// tuned so that scale 1 has about the real number of visits per role.
type role struct {
	first, last int
	reach       float64
	rate        float64
	terms       int // travellers per unit of scale (0: none recorded)
}

var roles = map[shuttle.Role]role{
	shuttle.RoleSecretary: {1866, 2025, 0.86, 0.30, 34},
	shuttle.RolePresident: {1906, 2025, 0.57, 0.17, 21},
	shuttle.RoleVisit:     {1874, 2025, 0.98, 0.25, 0},
}

var regions = []string{"af", "eap", "eur", "nea", "sca", "wha"}

// Generate builds the data for o. Each country's series depends only on
// the seed, the country's index and the role.
func Generate(o Options) Data {
	n := perScale * max(o.Scale, 1)
	d := Data{Countries: make([]shuttle.Country, n), Counts: map[shuttle.Role][]shuttle.YearCount{}}
	for i := range d.Countries {
		d.Countries[i] = shuttle.Country{ISO: code(i), Name: fmt.Sprintf("Synthland %d", i), Region: regions[i%len(regions)]}
	}
	var id int64
	for ri, r := range shuttle.Roles {
		spec := roles[r]
		for i, c := range d.Countries {
			rng := rand.New(rand.NewPCG(o.Seed, uint64(i)<<2|uint64(ri)))
			for _, yc := range series(rng, spec, c.ISO) {
				d.Counts[r] = append(d.Counts[r], yc)
				if !o.Trips {
					continue
				}
				for range yc.Visits {
					id++
					d.Trips = append(d.Trips, trip(r, spec, id, i/perScale, yc))
				}
			}
		}
	}
	return d
}

// series draws one country's visits per year: a start year skewed late (most
// countries enter the records after 1945), a rate that grows or shrinks
// exponentially, and Poisson counts around it.
func series(rng *rand.Rand, spec role, iso string) []shuttle.YearCount {
	if rng.Float64() >= spec.reach {
		return nil
	}
	span := float64(spec.last - spec.first)
	start := spec.first + int(span*math.Pow(rng.Float64(), 0.35))
	rate := spec.rate * math.Exp(rng.NormFloat64()*0.8)
	growth := rng.NormFloat64() * 0.04
	mid := float64(start+spec.last) / 2
	var out []shuttle.YearCount
	for y := start; y <= spec.last; y++ {
		lambda := min(rate*math.Exp(growth*(float64(y)-mid)), 12)
		if v := poisson(rng, lambda); v > 0 {
			out = append(out, shuttle.YearCount{Country: iso, Year: y, Visits: v})
		}
	}
	return out
}

// poisson is Knuth's method, fine for the small rates visits have.
func poisson(rng *rand.Rand, lambda float64) int {
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= rng.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// trip is one visit of yc, by the traveller whose term covers its year; each
// unit of scale has its own travellers (block), so a traveller's trips stay
// about as many as a real one's.
func trip(r shuttle.Role, spec role, id int64, block int, yc shuttle.YearCount) shuttle.Trip {
	t := shuttle.Trip{Role: r, ID: id, SourceIDs: []int64{id}, Country: yc.Country, CountryID: yc.Country,
		Start: shuttle.NewDate(yc.Year, 6, 1), End: shuttle.NewDate(yc.Year, 6, 2), TravelerName: "Visitor"}
	if spec.terms > 0 {
		term := (yc.Year - spec.first) * spec.terms / (spec.last - spec.first + 1)
		t.TravelerID = fmt.Sprintf("%s-%d-%d", r, block, term)
		t.TravelerName = fmt.Sprintf("Synthetic %s %d.%d", r.Label(), block, term)
	}
	return t
}

// code is a country code that cannot clash with ISO 3166-1 alpha-2: the
// prefix X is user-assigned, and the digits make it longer.
func code(i int) string { return fmt.Sprintf("X%04d", i) }
