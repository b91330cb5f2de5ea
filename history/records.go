// Package history answers what the Office of the Historian's records say
// about a visit a news story reports: which records it is, how many visits
// came before it, the previous one, the longest gap, and whether a claim such
// as "the first secretary of state to visit Paraguay since 1965" holds.
//
// It is pure and deterministic: the input is the dataset's trips and
// travellers as domain values, the output plain values. Reading the claim out
// of a text is enrich's business; history only checks what it is given.
package history

import (
	"cmp"
	"slices"

	"github.com/shuttlenews/shuttle"
)

// journeyLinkDays is how soon after one stop ends the next may begin and
// still be the same journey: the records date a stop by the days spent in a
// country, so a tour's next stop begins the day the last ended or the day
// after (an overnight flight).
const journeyLinkDays = 1

// termSlackDays is how long after a term's recorded end a trip still counts
// as made in office: the ingest allows a week, for records dated to the day
// a successor was sworn in.
const termSlackDays = 7

// Records is the dataset indexed for questions about one country and role.
// Build it once per data version with New; it is read-only afterwards and
// safe for concurrent use.
type Records struct {
	stops     map[roleCountry][]shuttle.Trip // by start, then id
	journeys  map[tripKey]journey            // each stop's journey
	travelers map[string]shuttle.Traveler
	coverage  map[shuttle.Role]Span
	countries map[string]string // ISO → today's name
}

type roleCountry struct {
	role    shuttle.Role
	country string
}

type tripKey struct {
	role shuttle.Role
	id   int64
}

// journey identifies a chain of one traveller's stops: its first day and a
// number unique within the role, so that two stops of a tour count once.
type journey struct {
	start shuttle.Date
	end   shuttle.Date
	id    int
}

// Span is the first and last day the records of a role cover.
type Span struct {
	First shuttle.Date `json:"first"`
	Last  shuttle.Date `json:"last"`
}

// New indexes trips (every role) with their travellers and countries.
func New(trips []shuttle.Trip, travelers []shuttle.Traveler, countries []shuttle.Country) *Records {
	r := &Records{stops: map[roleCountry][]shuttle.Trip{}, journeys: map[tripKey]journey{},
		travelers: map[string]shuttle.Traveler{}, coverage: map[shuttle.Role]Span{}, countries: map[string]string{}}
	for _, t := range travelers {
		r.travelers[t.ID] = t
	}
	for _, c := range countries {
		r.countries[c.ISO] = c.Name
	}
	byWho := map[string][]shuttle.Trip{}
	for _, t := range trips {
		k := roleCountry{t.Role, t.Country}
		r.stops[k] = append(r.stops[k], t)
		byWho[string(t.Role)+"\x00"+who(t)] = append(byWho[string(t.Role)+"\x00"+who(t)], t)
		span, ok := r.coverage[t.Role]
		if !ok || t.Start.Before(span.First) {
			span.First = t.Start
		}
		if t.End.After(span.Last) {
			span.Last = t.End
		}
		r.coverage[t.Role] = span
	}
	for k := range r.stops {
		slices.SortFunc(r.stops[k], byStart)
	}
	// Sorted keys keep journey numbers the same from run to run.
	keys := make([]string, 0, len(byWho))
	for k := range byWho {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	n := 0
	for _, k := range keys {
		n = r.chain(byWho[k], n)
	}
	return r
}

// who is whose journey a stop belongs to: the traveller's id, or for a
// foreign leader's visit the visitor as recorded.
func who(t shuttle.Trip) string {
	if t.TravelerID != "" {
		return t.TravelerID
	}
	return t.TravelerName
}

func byStart(a, b shuttle.Trip) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// chain splits one traveller's stops into journeys, numbering them from n.
func (r *Records) chain(stops []shuttle.Trip, n int) int {
	slices.SortFunc(stops, byStart)
	var members []shuttle.Trip
	var cur journey
	flush := func() {
		for _, t := range members {
			r.journeys[tripKey{t.Role, t.ID}] = cur
		}
		members = members[:0]
	}
	for i, t := range stops {
		if i == 0 || t.Start.After(cur.end.AddDays(journeyLinkDays)) {
			flush()
			n++
			cur = journey{start: t.Start, end: t.End, id: n}
		}
		if t.End.After(cur.end) {
			cur.end = t.End
		}
		members = append(members, t)
	}
	flush()
	return n
}

// Coverage is the span the records of role cover, and whether there are any.
func (r *Records) Coverage(role shuttle.Role) (Span, bool) {
	s, ok := r.coverage[role]
	return s, ok
}

// KnowsCountry reports whether the records know the ISO code at all.
func (r *Records) KnowsCountry(iso string) bool {
	_, ok := r.countries[iso]
	return ok
}

// CountryName is today's name of iso, or iso itself when unknown.
func (r *Records) CountryName(iso string) string {
	if n, ok := r.countries[iso]; ok {
		return n
	}
	return iso
}

// Stops are the records of role in country, by start date.
func (r *Records) Stops(role shuttle.Role, country string) []shuttle.Trip {
	return r.stops[roleCountry{role, country}]
}

// JourneyStart is the first day of the journey t is a stop of.
func (r *Records) JourneyStart(t shuttle.Trip) shuttle.Date {
	if j, ok := r.journeys[tripKey{t.Role, t.ID}]; ok {
		return j.start
	}
	return t.Start
}

func (r *Records) journeyOf(t shuttle.Trip) int { return r.journeys[tripKey{t.Role, t.ID}].id }

// Elect reports whether a President's stop was made before the traveller's
// term began (as President-elect: Eisenhower in Korea, 1952), which does not
// count as a President's visit.
func (r *Records) Elect(t shuttle.Trip) bool {
	if t.Role != shuttle.RolePresident {
		return false
	}
	tr, ok := r.travelers[t.TravelerID]
	if !ok {
		return false
	}
	for _, term := range tr.Terms {
		if term.Role != shuttle.RolePresident || t.Start.Before(term.Start) {
			continue
		}
		if term.End.IsZero() || !t.Start.After(term.End.AddDays(termSlackDays)) {
			return false
		}
	}
	return true
}

// Traveler is the traveller with the records' id.
func (r *Records) Traveler(id string) (shuttle.Traveler, bool) {
	t, ok := r.travelers[id]
	return t, ok
}

// InOffice is the traveller who held role on day, or "" (none recorded, or
// a role, such as a foreign leader's, that the travellers do not hold).
func (r *Records) InOffice(role shuttle.Role, day shuttle.Date) string {
	ids := make([]string, 0, len(r.travelers))
	for id := range r.travelers {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		for _, term := range r.travelers[id].Terms {
			if term.Role == role && !day.Before(term.Start) && (term.End.IsZero() || day.Before(term.End)) {
				return id
			}
		}
	}
	return ""
}
