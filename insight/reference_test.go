package insight

import (
	"math"
	"sort"

	"github.com/shuttlenews/shuttle"
)

// refRow is a ranking row as the straightforward reference computes it.
type refRow struct {
	iso                             string
	score, trend, cons, pValue, sen float64
	visits                          int
	series                          []int
}

// refRank computes ranking id from scratch, by the definitions and nothing
// shared with the engine: maps instead of sorted tracks, pairwise loops
// instead of merge sorts, math.Erf instead of Erfc, a full sort for Sen.
func refRank(counts []shuttle.YearCount, id string, from, to int, keep func(string) bool) []refRow {
	by := map[string]map[int]int{}
	for _, c := range counts {
		if by[c.Country] == nil {
			by[c.Country] = map[int]int{}
		}
		by[c.Country][c.Year] += c.Visits
	}
	n := to - from + 1
	var rows []refRow
	for iso, years := range by {
		if keep != nil && !keep(iso) {
			continue
		}
		x := make([]int, n)
		visits, active := 0, 0
		for y := from; y <= to; y++ {
			x[y-from] = years[y]
			visits += years[y]
			if years[y] > 0 {
				active++
			}
		}
		if visits == 0 {
			continue
		}
		c, d, _, tau := refKendall(x)
		cons := float64(active) / float64(n)
		row := refRow{iso: iso, trend: tau, cons: cons, visits: visits, series: x, sen: refSen(x)}
		up := true
		switch id {
		case IDMomentum:
			if visits < 5 || tau <= 0 {
				continue
			}
			row.score = 100 * math.Sqrt(tau*cons)
		case IDDeclining:
			if visits < 5 || tau >= 0 {
				continue
			}
			row.score = 100 * math.Sqrt(-tau*cons)
			up = false
		default:
			row.score = float64(visits)
		}
		row.pValue = refPValue(x, c-d, up)
		rows = append(rows, row)
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.visits != b.visits {
			return a.visits > b.visits
		}
		return a.iso < b.iso
	})
	return rows
}

// refPValue is the Mann–Kendall one-sided p-value, written out.
func refPValue(x []int, s int, up bool) float64 {
	n := float64(len(x))
	groups := map[int]int{}
	for _, v := range x {
		groups[v]++
	}
	v := n * (n - 1) * (2*n + 5)
	for _, t := range groups {
		v -= float64(t * (t - 1) * (2*t + 5))
	}
	v /= 18
	z := 0.0
	if s > 0 && v > 0 {
		z = float64(s-1) / math.Sqrt(v)
	} else if s < 0 && v > 0 {
		z = float64(s+1) / math.Sqrt(v)
	}
	phi := 0.5 * (1 + math.Erf(z/math.Sqrt2))
	if up {
		return 1 - phi
	}
	return phi
}

// refTripCounts counts one traveller's trips per country and start year.
func refTripCounts(trips []shuttle.Trip, traveler string) []shuttle.YearCount {
	var out []shuttle.YearCount
	for _, t := range trips {
		if t.TravelerID == traveler {
			out = append(out, shuttle.YearCount{Country: t.Country, Year: t.Start.Year(), Visits: 1})
		}
	}
	return out
}
