package enrich

import (
	"slices"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/gazetteer"
)

// Insight ids, as the insight catalogue names them.
const (
	InsightCountrySeries  = "country-series"
	InsightMomentum       = "momentum"
	InsightTopDestination = "top-destinations"
)

// insights lists the data insights that fit the article, best first: the
// primary entity's own (a country's visit series, a body's members ranked by
// momentum), then the travel of any Secretary of State or President it names.
func (a *analysis) insights(pe *Entity) []shuttle.InsightRef {
	var out []shuttle.InsightRef
	add := func(in shuttle.InsightRef) {
		if !slices.ContainsFunc(out, func(x shuttle.InsightRef) bool { return sameInsight(x, in) }) {
			out = append(out, in)
		}
	}
	if pe != nil {
		switch {
		case pe.Type == "Country":
			if c, ok := a.e.g.CountryByName(pe.Name); ok {
				add(shuttle.InsightRef{ID: InsightCountrySeries, Params: map[string]string{"country": c.ISO}})
				add(shuttle.InsightRef{ID: InsightMomentum, Params: map[string]string{"role": string(shuttle.RoleSecretary)}})
			}
		case pe.Type == gazetteer.Multilateral:
			if o, ok := a.e.g.Organization(pe.Name); ok && len(o.Members) > 0 {
				add(shuttle.InsightRef{ID: InsightMomentum, Params: map[string]string{
					"role": string(shuttle.RoleSecretary), "countries": strings.Join(o.Members, ","), "org": o.Name}})
			}
		}
	}
	for _, m := range a.pmentions {
		if id := a.traveler(a.persons[m.p]); id != "" {
			add(shuttle.InsightRef{ID: InsightTopDestination, Params: map[string]string{"traveler": id}})
		}
	}
	return out
}

// traveler returns the travel-records id of a Secretary of State or President
// the text names as such.
func (a *analysis) traveler(p *person) string {
	if p.gz < 0 {
		return ""
	}
	g := a.e.g.People()[p.gz]
	if g.Traveler == "" {
		return ""
	}
	for _, l := range p.lows {
		if strings.Contains(l, "secretary of state") || (strings.Contains(l, "president") && !strings.Contains(l, "vice")) {
			return g.Traveler
		}
	}
	if len(p.lows) == 0 {
		return g.Traveler // named alone, by a name the records know
	}
	return ""
}

func sameInsight(x, y shuttle.InsightRef) bool {
	if x.ID != y.ID || len(x.Params) != len(y.Params) {
		return false
	}
	for k, v := range x.Params {
		if y.Params[k] != v {
			return false
		}
	}
	return true
}
