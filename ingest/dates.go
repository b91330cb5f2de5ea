package ingest

import (
	"fmt"
	"strings"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/hsg"
)

// A record's dates must be plausible: a trip dated 9999 parses, passes every
// other check, and then stretches its country's series to the year 9999.
// The bounds are wide; they catch typos, not history.
const (
	// announcedDays is how far past the ingest day a record may reach: the
	// Office lists announced trips ahead of time, never years ahead.
	announcedDays = 366
	// termSlackDays: records begin and end on transition days, and a few
	// in the snapshot straddle them by a day or two.
	termSlackDays = 7
	// electDays is how long before a President's term his trips count:
	// the records list trips made as President-elect (Hoover's tour of
	// Latin America in November 1928, Eisenhower in Korea in December
	// 1952), and the longest transition, election to a March inauguration,
	// is four months (Wilson, 106 days ahead, is the snapshot's earliest).
	electDays = 122
)

// earliest is the first plausible date of any record: the United States'.
var earliest = shuttle.NewDate(1776, time.July, 4)

// dateBounds is the range a record's dates must fall in.
type dateBounds struct{ first, last shuttle.Date }

// boundsOn is the range for an ingest run on the day today.
func boundsOn(today time.Time) dateBounds {
	y, m, d := today.Date()
	return dateBounds{first: earliest, last: shuttle.NewDate(y, m, d).AddDays(announcedDays)}
}

// check refuses a start or end outside the bounds, naming the field.
func (b dateBounds) check(label string, start, end shuttle.Date, startPos, endPos hsg.Position) error {
	for _, f := range []struct {
		name string
		d    shuttle.Date
		pos  hsg.Position
	}{{"start-date", start, startPos}, {"end-date", end, endPos}} {
		switch {
		case f.d.Before(b.first):
			return &hsg.Error{Pos: f.pos, Record: label, Field: f.name, Err: fmt.Errorf("%s is before %s, the earliest plausible date", f.d, b.first)}
		case f.d.After(b.last):
			return &hsg.Error{Pos: f.pos, Record: label, Field: f.name, Err: fmt.Errorf("%s is after %s, a year past the day of this ingest", f.d, b.last)}
		}
	}
	return nil
}

// checkTerm refuses a trip its traveller could not have made in the role:
// it must fall within one of their terms in it, give or take the slack, and
// for a President from the four months before a term.
func checkTerm(tr *shuttle.Traveler, r hsg.Trip, label string) error {
	var terms []string
	startFits := false // then it is the end that is out, and the error says so
	for _, term := range tr.Terms {
		if term.Role != r.Role {
			continue
		}
		before := termSlackDays
		if r.Role == shuttle.RolePresident {
			before = electDays
		}
		startOK := !r.Start.Before(term.Start.AddDays(-before)) && (term.End.IsZero() || !r.Start.After(term.End.AddDays(termSlackDays)))
		if startOK && (term.End.IsZero() || !r.End.After(term.End.AddDays(termSlackDays))) {
			return nil
		}
		startFits = startFits || startOK
		terms = append(terms, term.Start.String()+".."+term.End.String())
	}
	pos, field := r.StartPos, "start-date"
	if startFits {
		pos, field = r.EndPos, "end-date"
	}
	return &hsg.Error{Pos: pos, Record: label, Field: field, Err: fmt.Errorf("%s to %s is outside %s's terms as %s (%s)",
		r.Start, r.End, r.Who, r.Role.Label(), strings.Join(terms, ", "))}
}
