package ingest

import (
	"sort"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/hsg"
)

// travelerTable collects Secretaries (pocom) and Presidents (presidents.xml)
// with their terms; every trip must name someone who held its role.
type travelerTable struct {
	byID map[string]*shuttle.Traveler
}

func newTravelerTable(secretaries []hsg.Principal, presidents []hsg.President) *travelerTable {
	t := &travelerTable{byID: map[string]*shuttle.Traveler{}}
	for _, p := range secretaries {
		tr := t.get(p.PersonID)
		tr.Terms = append(tr.Terms, shuttle.Term{Role: shuttle.RoleSecretary, Start: p.Started, End: p.Ended})
	}
	for _, p := range presidents {
		tr := t.get(p.ID)
		tr.Name = p.Name
		tr.Terms = append(tr.Terms, shuttle.Term{Role: shuttle.RolePresident, Start: p.TookOffice, End: p.LeftOffice})
	}
	return t
}

func (t *travelerTable) get(id string) *shuttle.Traveler {
	tr, ok := t.byID[id]
	if !ok {
		tr = &shuttle.Traveler{ID: id, Name: nameFromID(id)}
		t.byID[id] = tr
	}
	return tr
}

// nameFromID turns "jefferson-thomas" into "Thomas Jefferson": the data gives
// full names only on trip records, and many early Secretaries made none.
func nameFromID(id string) string {
	parts := strings.Split(id, "-")
	if len(parts) < 2 {
		return id
	}
	words := append(parts[1:], parts[0])
	for i, w := range words {
		switch {
		case len(w) == 1:
			words[i] = strings.ToUpper(w) + "."
		case w != "":
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// travelers lists them by first term, then id.
func (t *travelerTable) travelers() []shuttle.Traveler {
	out := make([]shuttle.Traveler, 0, len(t.byID))
	for _, tr := range t.byID {
		sort.Slice(tr.Terms, func(i, j int) bool { return tr.Terms[i].Start.Before(tr.Terms[j].Start) })
		out = append(out, *tr)
	}
	sort.Slice(out, func(i, j int) bool {
		if c := out[i].Terms[0].Start.Compare(out[j].Terms[0].Start); c != 0 {
			return c < 0
		}
		return out[i].ID < out[j].ID
	})
	return out
}
