package insight

import (
	"slices"

	"github.com/shuttlenews/shuttle"
)

// CountrySeries is one country's yearly visits in every role, with where it
// stands in each role's rankings: the country page's chart and badges.
type CountrySeries struct {
	Insight  string       `json:"insight"`
	Title    string       `json:"title"`
	Subtitle string       `json:"subtitle"`
	Source   string       `json:"source"`
	Note     string       `json:"note"`
	Country  CountryRef   `json:"country"`
	From     int          `json:"from"`
	To       int          `json:"to"`
	Roles    []RoleSeries `json:"roles"`
}

// RoleSeries is the country's series in one role.
type RoleSeries struct {
	Role        shuttle.Role `json:"role"`
	Visits      int          `json:"visits"`
	Trend       float64      `json:"trend"`
	Consistency float64      `json:"consistency"`
	Series      []int        `json:"series"`
	// Ranks maps momentum, declining and most-visited to the country's rank
	// in that ranking for the role (same window and filters); an insight
	// that does not list the country is absent.
	Ranks map[string]int `json:"ranks"`
}

// CountrySeries computes the country-series insight; p.Insight may be left
// empty. Region and Countries restrict the rankings the ranks come from.
func (e *Engine) CountrySeries(p Params) (CountrySeries, error) {
	if p.Insight == "" {
		p.Insight = IDCountrySeries
	}
	if p.Insight != IDCountrySeries {
		return CountrySeries{}, shuttle.Errorf(shuttle.EINVALID, "insight: %s is a ranking; ask for Rank", p.Insight)
	}
	q, err := e.resolve(p)
	if err != nil {
		return CountrySeries{}, err
	}
	cs := CountrySeries{
		Insight: q.Insight, Title: title(q.Insight, "", q.who), Subtitle: subtitle(q.Insight, ""),
		Source: Source, Country: e.country(q.Country), From: q.From, To: q.To,
	}
	n := q.To - q.From + 1
	first, last := 0, 0
	for _, r := range shuttle.Roles {
		s := e.roles[r]
		if s == nil {
			continue
		}
		rs := RoleSeries{Role: r, Series: make([]int, n), Ranks: map[string]int{}}
		if t := s.find(q.Country); t != nil {
			lo, hi := t.span(q.From, q.To)
			t.fill(rs.Series, q.From, lo, hi)
			rs.Visits, rs.Consistency = t.total(lo, hi), float64(hi-lo)/float64(n)
			if lo < hi {
				first = minYear(first, int(t.years[lo]))
				last = max(last, int(t.years[hi-1]))
			}
		}
		rs.Trend = kendallOf(rs.Series, make([]int, 2*n)).tauB()
		rq := q
		rq.Role, rq.set = r, s
		ms, _, _ := measure(rq, true)
		for _, id := range []string{IDMomentum, IDDeclining, IDMostVisited} {
			if i := slices.IndexFunc(order(id, ms), func(m measured) bool { return m.t.iso == q.Country }); i >= 0 {
				rs.Ranks[id] = i + 1
			}
		}
		cs.Roles = append(cs.Roles, rs)
	}
	cs.Note = note(first, last, q.From, q.To)
	return cs, nil
}
