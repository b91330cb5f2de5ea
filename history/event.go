package history

import (
	"fmt"

	"github.com/shuttlenews/shuttle"
)

// How far from the days a text gives a record may lie and still be the visit
// it reports.
const (
	// exactSlackDays: the records date a stop by local days in the country,
	// a story by its dateline's day, so an arrival late on the 12th can be
	// recorded on the 13th (Kerry in Hanoi, 2017).
	exactSlackDays = 2
	// pastWindowDays: a story dated but not telling when the visit was
	// ("arrived", "visited") reports one of the last days; a week and a half
	// covers a story filed at the end of a long tour.
	pastWindowDays = 10
	// aheadWindowDays: an announced visit ("will visit") is announced
	// days to weeks ahead, rarely more than a month.
	aheadWindowDays = 30
)

// Visit is a visit as a text reports it, in the records' terms.
type Visit struct {
	Role shuttle.Role
	// Traveler is the records' traveller id, "" when the text names no one
	// the records know (and always for foreign leaders, matched by country).
	Traveler string
	Country  string
	// Start and End are the days the text gives, or the article's date.
	Start, End shuttle.Date
	// Exact says the days come from the text ("on Sunday", "March 23");
	// otherwise only the article's date is known.
	Exact bool
	// Ahead says the text reports the visit as still to come.
	Ahead bool
}

// window is the range of days in which v's records may start or end.
func (v Visit) window() (from, to shuttle.Date) {
	end := v.End
	if end.IsZero() || end.Before(v.Start) {
		end = v.Start
	}
	switch {
	case v.Exact:
		return v.Start.AddDays(-exactSlackDays), end.AddDays(exactSlackDays)
	case v.Ahead:
		return v.Start.AddDays(-exactSlackDays), end.AddDays(aheadWindowDays)
	}
	return v.Start.AddDays(-pastWindowDays), end.AddDays(exactSlackDays)
}

// Event finds the record of the visit v reports: the stop of v's role in v's
// country (by v's traveller, when known) nearest v's days within the window
// the text allows. ok is false when there is none.
func (r *Records) Event(v Visit) (shuttle.Trip, bool) {
	from, to := v.window()
	var best shuttle.Trip
	bestDist := -1
	for _, t := range r.Stops(v.Role, v.Country) {
		if v.Traveler != "" && v.Role != shuttle.RoleVisit && t.TravelerID != v.Traveler {
			continue
		}
		if t.End.Before(from) || t.Start.After(to) {
			continue
		}
		if d := distance(t, v.Start, v.End); bestDist < 0 || d < bestDist {
			best, bestDist = t, d
		}
	}
	return best, bestDist >= 0
}

// distance is the number of days between a stop and the span [start, end]
// (0 when they overlap).
func distance(t shuttle.Trip, start, end shuttle.Date) int {
	if end.IsZero() || end.Before(start) {
		end = start
	}
	switch {
	case t.End.Before(start):
		return days(t.End, start)
	case t.Start.After(end):
		return days(end, t.Start)
	}
	return 0
}

func days(a, b shuttle.Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }

// EventStops are the stops in the event's country made on the event's
// journey (a tour may return to a country): the records a reader is shown.
func (r *Records) EventStops(event shuttle.Trip) []shuttle.Trip {
	var out []shuttle.Trip
	j := r.journeyOf(event)
	for _, t := range r.Stops(event.Role, event.Country) {
		if r.journeyOf(t) == j && who(t) == who(event) {
			out = append(out, t)
		}
	}
	return out
}

// Earlier are the stops of the event's role in its country that ended before
// the event's journey began, by start date; a President's stops as
// President-elect are returned apart, since they do not count as a
// President's visit.
func (r *Records) Earlier(event shuttle.Trip) (earlier, elect []shuttle.Trip) {
	began := r.JourneyStart(event)
	for _, t := range r.Stops(event.Role, event.Country) {
		if !t.End.Before(began) {
			continue
		}
		if r.Elect(t) {
			elect = append(elect, t)
		} else {
			earlier = append(earlier, t)
		}
	}
	return earlier, elect
}

// Link is what the records hold of a reported visit.
type Link struct {
	// Records are the matching stops; empty when the records do not hold
	// the visit (yet).
	Records []Record `json:"records"`
	// Note says why there are none: "not in the records yet (they run to
	// 2025-01-15)", or that the records hold no such visit.
	Note string `json:"note,omitempty"`
}

// Link finds the records of a reported visit, or says why there are none.
func (r *Records) Link(v Visit) Link {
	if event, ok := r.Event(v); ok {
		var l Link
		for _, t := range r.EventStops(event) {
			l.Records = append(l.Records, r.record(t))
		}
		return l
	}
	span, ok := r.Coverage(v.Role)
	switch {
	case !ok:
		return Link{Note: fmt.Sprintf("the records hold no %s", v.Role.Plural())}
	case !r.KnowsCountry(v.Country):
		return Link{Note: fmt.Sprintf("the records know no country %q", v.Country)}
	case !v.Start.Before(span.Last.AddDays(-exactSlackDays)):
		return Link{Note: fmt.Sprintf("not in the records yet (they run to %s)", span.Last)}
	}
	return Link{Note: fmt.Sprintf("the records hold no %s to %s near %s", v.Role.Plural(), r.CountryName(v.Country), v.Start)}
}

// Where is the one country the records place v's traveller in within the
// window of v's days, for a text that names the traveller but no country
// ("Pompeo … the former dictatorship"). ok is false when the records place
// them in none or in several: then the country is not the records' to say.
func (r *Records) Where(v Visit) (string, bool) {
	if v.Traveler == "" {
		return "", false
	}
	from, to := v.window()
	found := ""
	for k, stops := range r.stops {
		if k.role != v.Role {
			continue
		}
		for _, t := range stops {
			if t.TravelerID != v.Traveler || distance(t, v.Start, v.End) > exactSlackDays || t.End.Before(from) || t.Start.After(to) {
				continue
			}
			if found != "" && found != t.Country {
				return "", false
			}
			found = t.Country
		}
	}
	return found, found != ""
}
