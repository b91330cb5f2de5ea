package ingest

import (
	"fmt"
	"sort"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/hsg"
)

// tripKey identifies one visit for deduplication. Travel records are keyed by
// who, when and where: the snapshot repeats a few trips under new ids, some
// with reworded remarks (Shultz in Israel, 1988-02-28), which are still one
// visit. Foreign leaders' visits carry no traveller id, only the visitor as
// free text, so the description is part of their key: Gordon Brown's two
// 2009-09-24 visits (a New York meeting, the Pittsburgh G-20) are two events.
type tripKey struct {
	role                 shuttle.Role
	who                  string
	start, end           shuttle.Date
	country, description string
}

// tripSet accumulates decoded records into deduplicated trips.
type tripSet struct {
	countries  *countryTable
	travelers  *travelerTable
	purposes   *PurposeReader
	bounds     dateBounds
	byKey      map[tripKey]int // index into trips
	ids        map[string]hsg.Position
	trips      []shuttle.Trip
	read       map[shuttle.Role]int
	duplicates map[shuttle.Role]int
}

func newTripSet(c *countryTable, t *travelerTable, b dateBounds) *tripSet {
	return &tripSet{
		countries: c, travelers: t, bounds: b, purposes: defaultPurposes(),
		byKey: map[tripKey]int{}, ids: map[string]hsg.Position{},
		read: map[shuttle.Role]int{}, duplicates: map[shuttle.Role]int{},
	}
}

// checkID refuses a record id used twice within a role's id space.
func (s *tripSet) checkID(role shuttle.Role, id int64, pos hsg.Position) error {
	space := "travels"
	if role == shuttle.RoleVisit {
		space = "visits"
	}
	key := fmt.Sprintf("%s/%d", space, id)
	if prev, dup := s.ids[key]; dup {
		return &hsg.Error{Pos: pos, Record: fmt.Sprintf("trip %d", id), Field: "id", Err: fmt.Errorf("id %d is also used at %s", id, prev)}
	}
	s.ids[key] = pos
	return nil
}

func (s *tripSet) addTrip(r hsg.Trip) error {
	label := fmt.Sprintf("trip %d", r.ID)
	if err := s.checkID(r.Role, r.ID, r.Pos); err != nil {
		return err
	}
	if err := s.bounds.check(label, r.Start, r.End, r.StartPos, r.EndPos); err != nil {
		return err
	}
	tr, ok := s.travelers.byID[r.Who]
	if !ok || !tr.Held(r.Role) {
		return &hsg.Error{Pos: r.Pos, Record: label, Field: "who", Err: fmt.Errorf("traveller %q is not a known %s", r.Who, r.Role.Label())}
	}
	if err := checkTerm(tr, r, label); err != nil {
		return err
	}
	iso, err := s.countries.resolve(r.CountryID, r.CountryName, r.Start.Year())
	if err != nil {
		return &hsg.Error{Pos: r.Pos, Record: label, Field: "country", Err: err}
	}
	if tr.Name == nameFromID(tr.ID) {
		tr.Name = r.Name // the records' full name beats one made from the id
	}
	p := s.purposes.Read(r.Role, r.Remarks)
	s.add(tripKey{role: r.Role, who: r.Who, start: r.Start, end: r.End, country: iso}, shuttle.Trip{
		Role: r.Role, ID: r.ID, TravelerID: r.Who, TravelerName: r.Name,
		Start: r.Start, End: r.End, Country: iso, CountryID: r.CountryID, CountryName: r.CountryName,
		Locale: r.Locale, Remarks: r.Remarks,
		Purpose: p.Purpose, Organization: p.Organization, Meeting: p.Meeting, PurposeEvidence: p.Evidence,
	})
	return nil
}

func (s *tripSet) addVisit(v hsg.Visit) error {
	label := fmt.Sprintf("visit %d", v.ID)
	if err := s.checkID(shuttle.RoleVisit, v.ID, v.Pos); err != nil {
		return err
	}
	if err := s.bounds.check(label, v.Start, v.End, v.StartPos, v.EndPos); err != nil {
		return err
	}
	iso, err := s.countries.resolve(v.FromID, v.FromName, v.Start.Year())
	if err != nil {
		return &hsg.Error{Pos: v.Pos, Record: label, Field: "from", Err: err}
	}
	s.add(tripKey{role: shuttle.RoleVisit, who: v.Visitor, start: v.Start, end: v.End, country: iso, description: v.Description}, shuttle.Trip{
		Role: shuttle.RoleVisit, ID: v.ID, TravelerName: v.Visitor,
		Start: v.Start, End: v.End, Country: iso, CountryID: v.FromID, CountryName: v.FromName,
		Remarks: v.Description,
	})
	return nil
}

// add keeps the record with the lowest id among duplicates and remembers
// every source id.
func (s *tripSet) add(k tripKey, t shuttle.Trip) {
	s.read[t.Role]++
	i, dup := s.byKey[k]
	if !dup {
		t.SourceIDs = []int64{t.ID}
		s.byKey[k] = len(s.trips)
		s.trips = append(s.trips, t)
		return
	}
	s.duplicates[t.Role]++
	kept := &s.trips[i]
	ids := append(kept.SourceIDs, t.ID)
	sort.Slice(ids, func(a, b int) bool { return ids[a] < ids[b] })
	if t.ID < kept.ID {
		*kept = t
	}
	kept.SourceIDs = ids
	kept.ID = ids[0]
}

// sorted returns the trips by start date, role and id: the order stores and
// the API use.
func (s *tripSet) sorted() []shuttle.Trip {
	out := append([]shuttle.Trip(nil), s.trips...)
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if c := a.Start.Compare(b.Start); c != 0 {
			return c < 0
		}
		if a.Role != b.Role {
			return a.Role < b.Role
		}
		return a.ID < b.ID
	})
	return out
}
