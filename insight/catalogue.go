package insight

import (
	"fmt"
	"slices"

	"github.com/shuttlenews/shuttle"
)

// Source is the source line of every insight: all of them are computed from
// the Office of the Historian's travel and visit records. Presenters add the
// "Source: " label, as they add "Note: " before Note.
const Source = "U.S. Department of State, Diplomatic Travel Records"

// Entry describes one insight the engine can compute, with the texts of its
// default window, for an index page or an editor's picker.
type Entry struct {
	ID       string       `json:"id"`
	Role     shuttle.Role `json:"role,omitempty"`
	Title    string       `json:"title"`
	Subtitle string       `json:"subtitle"`
	Source   string       `json:"source"`
	Note     string       `json:"note"`
	Unit     string       `json:"unit,omitempty"`
	From     int          `json:"from"`
	To       int          `json:"to"`
	// Requires names the parameter the insight cannot do without
	// ("traveler", "country"), or is empty.
	Requires string `json:"requires,omitempty"`
}

// Catalogue lists the insights this data version supports: the three
// rankings for each role with data, top-destinations for each role with
// travellers, and country-series.
func (e *Engine) Catalogue() []Entry { return slices.Clone(e.catalogue) }

func (e *Engine) buildCatalogue() []Entry {
	var out []Entry
	for _, id := range []string{IDMomentum, IDDeclining, IDMostVisited} {
		for _, r := range shuttle.Roles {
			if q, err := e.resolve(Params{Insight: id, Role: r}); err == nil {
				out = append(out, e.entry(q, ""))
			}
		}
	}
	for _, r := range shuttle.Roles {
		if e.roles[r] == nil || !e.hasTravelers(r) {
			continue
		}
		q := query{Params: Params{Insight: IDTopDestinations, Role: r}}
		q.From, q.To = e.Years(r)
		out = append(out, e.entry(q, "traveler"))
	}
	q := query{Params: Params{Insight: IDCountrySeries}}
	if q.From, q.To = e.span(); q.From != 0 {
		q.From, q.To = max(q.From, DefaultFrom), min(q.To, DefaultTo)
		out = append(out, e.entry(q, "country"))
	}
	return out
}

func (e *Engine) entry(q query, requires string) Entry {
	first, last := 0, 0
	for _, r := range shuttle.Roles {
		if s := e.roles[r]; s != nil && (q.Role == "" || q.Role == r) {
			f, l := s.activity(q.From, q.To)
			if f != 0 {
				first = minYear(first, f)
			}
			last = max(last, l)
		}
	}
	return Entry{
		ID: q.Insight, Role: q.Role, Title: title(q.Insight, q.Role, ""), Subtitle: subtitle(q.Insight, q.Role),
		Source: Source, Note: note(first, last, q.From, q.To), Unit: unit(q.Insight),
		From: q.From, To: q.To, Requires: requires,
	}
}

func (e *Engine) hasTravelers(r shuttle.Role) bool {
	for _, t := range e.travelers {
		if t.role == r {
			return true
		}
	}
	return false
}

// activity bounds the years in [from, to] in which any country has a visit.
func (s *set) activity(from, to int) (first, last int) {
	for i := range s.tracks {
		t := &s.tracks[i]
		if lo, hi := t.span(from, to); lo < hi {
			first = minYear(first, int(t.years[lo]))
			last = max(last, int(t.years[hi-1]))
		}
	}
	return first, last
}

// title is the widget's heading. who is the traveller's or the country's
// name; without one it is the catalogue's generic heading.
func title(id string, r shuttle.Role, who string) string {
	switch id {
	case IDMomentum:
		return byRole(r, "Countries with Increasing Secretary of State Visits",
			"Countries with Increasing Presidential Visits", "Countries Whose Leaders Increasingly Visit the U.S.")
	case IDDeclining:
		return byRole(r, "Countries with Declining Secretary of State Visits",
			"Countries with Declining Presidential Visits", "Countries Whose Leaders Visit the U.S. Less and Less")
	case IDMostVisited:
		return byRole(r, "Countries Most Visited by Secretaries of State",
			"Countries Most Visited by Presidents", "Countries Whose Leaders Visit the U.S. Most")
	case IDTopDestinations:
		if who != "" {
			return "Top Destinations of " + who
		}
		return byRole(r, "Top Destinations of a Secretary of State", "Top Destinations of a President", "Top Destinations")
	case IDCountrySeries:
		if who != "" {
			return who + " in U.S. Diplomatic Travel"
		}
		return "A Country in U.S. Diplomatic Travel"
	}
	return id
}

func byRole(r shuttle.Role, secretary, president, visit string) string {
	switch r {
	case shuttle.RolePresident:
		return president
	case shuttle.RoleVisit:
		return visit
	}
	return secretary
}

// subtitle says what the insight measures.
func subtitle(id string, r shuttle.Role) string {
	switch id {
	case IDMomentum:
		return "with increasing frequency & consistency of " + r.Plural()
	case IDDeclining:
		return "with decreasing frequency & consistency of " + r.Plural()
	case IDMostVisited:
		return "by number of " + r.Plural()
	case IDTopDestinations:
		return "countries by number of visits"
	case IDCountrySeries:
		return "visits per year by Secretaries of State, Presidents and foreign leaders, with the country's rank in each ranking"
	}
	return ""
}

// note states the years the data actually covers within the window [from,
// to], first and last being the years with any activity (0 for none).
func note(first, last, from, to int) string {
	if first == 0 {
		return fmt.Sprintf("No diplomatic activity recorded from %d-%d", from, to)
	}
	if first == last {
		return fmt.Sprintf("Data represents diplomatic activity in %d", first)
	}
	return fmt.Sprintf("Data represents diplomatic activity from %d-%d", first, last)
}

func unit(id string) string {
	if trendNeeded(id) {
		return "points"
	}
	if id == IDCountrySeries {
		return ""
	}
	return "visits"
}
