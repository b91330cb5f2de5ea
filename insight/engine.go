package insight

import (
	"slices"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// Data is what an Engine is built from: one data version, as the store gives
// it. Counts drive the country insights; Trips are needed only for
// top-destinations (CountTrips derives Counts from them where convenient).
type Data struct {
	Counts map[shuttle.Role][]shuttle.YearCount
	// Countries give names and regions; a code missing here is shown as is.
	Countries []shuttle.Country
	// Regions name the bureaus in subtitles ("in East Asia and the Pacific").
	Regions []shuttle.Region
	Trips   []shuttle.Trip
}

// Engine answers insight queries over one data version. Build it once per
// version: New does all the sorting and indexing, so each query only scans
// the countries it ranks. It is immutable and safe for concurrent use.
type Engine struct {
	countries  map[string]shuttle.Country
	regions    []string // sorted
	regionName map[string]string
	roles      map[shuttle.Role]*set
	travelers  map[string]*traveler
	catalogue  []Entry
}

// traveler is a Secretary's or President's own trips, as a set of counts.
type traveler struct {
	name string
	role shuttle.Role
	set  *set
}

// New indexes d. It never fails: counts for unknown roles are ignored and
// codes without a Country are still ranked, under their code.
func New(d Data) *Engine {
	e := &Engine{
		countries: make(map[string]shuttle.Country, len(d.Countries)),
		roles:     map[shuttle.Role]*set{},
	}
	for _, c := range d.Countries {
		e.countries[c.ISO] = c
		if c.Region != "" && !slices.Contains(e.regions, c.Region) {
			e.regions = append(e.regions, c.Region)
		}
	}
	slices.Sort(e.regions)
	e.regionName = map[string]string{}
	for _, r := range d.Regions {
		e.regionName[r.ID] = r.Name
	}
	for _, r := range shuttle.Roles {
		if s := newSet(d.Counts[r]); len(s.tracks) > 0 {
			e.roles[r] = s
		}
	}
	e.travelers = travelersOf(d.Trips)
	e.catalogue = e.buildCatalogue()
	return e
}

// travelersOf groups trips by traveller. The name is the one on the
// traveller's lowest trip id, so that it does not depend on trip order.
func travelersOf(trips []shuttle.Trip) map[string]*traveler {
	type acc struct {
		traveler
		lowest int64
		counts []shuttle.YearCount
	}
	by := map[string]*acc{}
	for _, t := range trips {
		if t.TravelerID == "" {
			continue
		}
		a := by[t.TravelerID]
		if a == nil {
			a = &acc{traveler: traveler{name: t.TravelerName, role: t.Role}, lowest: t.ID}
			by[t.TravelerID] = a
		}
		if t.ID < a.lowest {
			a.name, a.role, a.lowest = t.TravelerName, t.Role, t.ID
		}
		a.counts = append(a.counts, shuttle.YearCount{Country: t.Country, Year: t.Year(), Visits: 1})
	}
	out := make(map[string]*traveler, len(by))
	for id, a := range by {
		a.set = newSet(a.counts)
		out[id] = &a.traveler
	}
	return out
}

// Years is the range of years with visits of role r, or 0, 0 without any.
func (e *Engine) Years(r shuttle.Role) (first, last int) {
	if s := e.roles[r]; s != nil {
		return s.first, s.last
	}
	return 0, 0
}

// Regions lists the regional bureaus the countries belong to, for Params.Region.
func (e *Engine) Regions() []string { return slices.Clone(e.regions) }

// country is the display form of iso.
func (e *Engine) country(iso string) CountryRef {
	if c, ok := e.countries[iso]; ok {
		return CountryRef{ISO: iso, Name: c.Name}
	}
	return CountryRef{ISO: iso, Name: iso}
}

// known reports whether iso is a country the engine can speak of: listed in
// the countries or visited in some role.
func (e *Engine) known(iso string) bool {
	if _, ok := e.countries[iso]; ok {
		return true
	}
	for _, s := range e.roles {
		if s.find(iso) != nil {
			return true
		}
	}
	return false
}

// span is the range of years with visits across every role.
func (e *Engine) span() (first, last int) {
	for _, s := range e.roles {
		first = minYear(first, s.first)
		last = max(last, s.last)
	}
	return first, last
}

func normISO(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
