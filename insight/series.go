package insight

import (
	"cmp"
	"slices"

	"github.com/shuttlenews/shuttle"
)

// track is one country's visits in the years it has any, ascending by year.
// It is sparse so that memory follows the data, not countries × years, and
// cum gives any window's total in two binary searches.
type track struct {
	iso    string
	years  []int32
	visits []int32
	// cum[k] is the sum of visits[:k].
	cum []int32
}

// span returns the index range [lo, hi) of the years inside [from, to].
func (t *track) span(from, to int) (lo, hi int) {
	lo, _ = slices.BinarySearch(t.years, int32(from))
	hi, _ = slices.BinarySearch(t.years, int32(to)+1)
	return lo, hi
}

func (t *track) total(lo, hi int) int { return int(t.cum[hi] - t.cum[lo]) }

// fill writes the dense series of the window starting at from into x, zeros
// in the years without visits; lo and hi come from span.
func (t *track) fill(x []int, from, lo, hi int) {
	clear(x)
	for k := lo; k < hi; k++ {
		x[int(t.years[k])-from] = int(t.visits[k])
	}
}

// set is every country's track for one role, or for one traveller, sorted
// by ISO code; first and last bound the years with visits (0 when empty).
type set struct {
	tracks      []track
	first, last int
}

// newSet builds a set from counts in any order. Entries for the same country
// and year add up, so per-trip counts work too; entries without a positive
// count carry no visit and are dropped.
func newSet(counts []shuttle.YearCount) *set {
	c := make([]shuttle.YearCount, 0, len(counts))
	for _, yc := range counts {
		if yc.Visits > 0 && yc.Country != "" {
			c = append(c, yc)
		}
	}
	slices.SortFunc(c, func(a, b shuttle.YearCount) int {
		return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(a.Year, b.Year))
	})
	countries := 0
	for i := range c {
		if i == 0 || c[i].Country != c[i-1].Country {
			countries++
		}
	}
	s := &set{tracks: make([]track, 0, countries)}
	// One backing array per field for all tracks: few allocations at any scale.
	years := make([]int32, 0, len(c))
	visits := make([]int32, 0, len(c))
	cum := make([]int32, 0, len(c)+countries)
	for i := 0; i < len(c); {
		t := track{iso: c[i].Country}
		y0, c0 := len(years), len(cum)
		cum = append(cum, 0)
		for ; i < len(c) && c[i].Country == t.iso; i++ {
			last := len(years) - 1
			if last >= y0 && years[last] == int32(c[i].Year) {
				visits[last] += int32(c[i].Visits)
				cum[len(cum)-1] += int32(c[i].Visits)
				continue
			}
			years = append(years, int32(c[i].Year))
			visits = append(visits, int32(c[i].Visits))
			cum = append(cum, cum[len(cum)-1]+int32(c[i].Visits))
		}
		t.years, t.visits = years[y0:len(years):len(years)], visits[y0:len(visits):len(visits)]
		t.cum = cum[c0:len(cum):len(cum)]
		s.tracks = append(s.tracks, t)
	}
	for _, t := range s.tracks {
		s.first = minYear(s.first, int(t.years[0]))
		s.last = max(s.last, int(t.years[len(t.years)-1]))
	}
	return s
}

// find returns the track of iso, or nil.
func (s *set) find(iso string) *track {
	i, ok := slices.BinarySearchFunc(s.tracks, iso, func(t track, iso string) int { return cmp.Compare(t.iso, iso) })
	if !ok {
		return nil
	}
	return &s.tracks[i]
}

// CountTrips turns trips into the year counts New expects, one visit per trip
// in the year it starts, for callers that hold trips rather than counts.
func CountTrips(trips []shuttle.Trip) map[shuttle.Role][]shuttle.YearCount {
	type key struct {
		role    shuttle.Role
		country string
		year    int
	}
	n := map[key]int{}
	for _, t := range trips {
		n[key{t.Role, t.Country, t.Year()}]++
	}
	out := map[shuttle.Role][]shuttle.YearCount{}
	for k, v := range n {
		out[k.role] = append(out[k.role], shuttle.YearCount{Country: k.country, Year: k.year, Visits: v})
	}
	for _, c := range out {
		slices.SortFunc(c, func(a, b shuttle.YearCount) int {
			return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(a.Year, b.Year))
		})
	}
	return out
}

// minYear is min where 0 stands for no year yet.
func minYear(a, b int) int {
	if a == 0 {
		return b
	}
	return min(a, b)
}
