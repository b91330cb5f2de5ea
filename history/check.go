package history

import (
	"fmt"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// Kind is the kind of a claim, as ../shared/eval/claims/README.md names them.
type Kind string

const (
	FirstSince   Kind = "first_since"    // "the first … to visit X since 1965"
	FirstEver    Kind = "first_ever"     // "the first-ever visit"
	FirstSitting Kind = "first_sitting"  // "the first sitting president to visit"
	FirstInYears Kind = "first_in_years" // "the first … in 28 years"
	NthVisit     Kind = "nth_visit"      // "his fourth trip to Vietnam"
)

// Qualifiers of a claimed number of years.
const (
	MoreThan = "more_than" // "in more than two decades"
	Nearly   = "nearly"    // "in nearly three decades", "almost"
)

// Verdict is what the records say of a claim.
type Verdict string

const (
	Supported    Verdict = "supported"
	Contradicted Verdict = "contradicted"
	// Imprecise is right in substance, wrong in a detail such as the year.
	Imprecise Verdict = "imprecise"
	// CannotTell is a claim the records do not decide: a role or a time they
	// do not cover, a country they do not know, a date the text leaves open.
	CannotTell Verdict = "cannot_tell"
)

// Claim is a claim about the history of a reported visit, in the records'
// terms. The verdict rules are those of ../shared/eval/claims/README.md.
type Claim struct {
	Kind  Kind
	Visit Visit // the visit the claim is about
	// SinceYear and SinceTraveler (first_since): the claimed previous
	// visit's year, and its traveller (a records id or a name) when named.
	SinceYear     int
	SinceTraveler string
	// Years and Qualifier (first_in_years).
	Years     int
	Qualifier string
	// N (nth_visit) is the claimed rank, counted from WindowStart when it is
	// set; ByRole counts every traveller of the role ("the third visit by a
	// U.S. president"), not only the visit's own ("his fourth trip").
	N           int
	WindowStart shuttle.Date
	ByRole      bool
	// Problem, when set, is why the text cannot be checked (a role the
	// records do not cover, a date it does not resolve): the verdict is
	// cannot_tell with this reason, never a guess.
	Problem string
}

// Check is the verdict on a claim, why, and the records that decide it.
type Check struct {
	Verdict  Verdict    `json:"verdict"`
	Reason   string     `json:"reason,omitempty"`
	Evidence []Evidence `json:"evidence"`
}

func cannotTell(format string, args ...any) Check {
	return Check{Verdict: CannotTell, Reason: fmt.Sprintf(format, args...), Evidence: []Evidence{}}
}

// Check decides a claim against the records.
func (r *Records) Check(c Claim) Check {
	v := c.Visit
	if c.Problem != "" {
		return cannotTell("%s", c.Problem)
	}
	var where []Evidence
	if v.Country == "" && !v.Start.IsZero() {
		if iso, ok := r.Where(v); ok {
			v.Country, c.Visit.Country = iso, iso
			where = append(where, Evidence{Relation: "country", Text: fmt.Sprintf("the text names no country; the records place %s in %s then", v.Traveler, r.CountryName(iso))})
		}
	}
	span, ok := r.Coverage(v.Role)
	switch {
	case !ok:
		return cannotTell("the records hold no %s", v.Role.Plural())
	case v.Country == "":
		return cannotTell("the text names no country the visit is to, and the records do not place the traveller in one")
	case !r.KnowsCountry(v.Country):
		return cannotTell("the records know no country %q", v.Country)
	case v.Start.IsZero():
		return cannotTell("the visit's date is not known: the text gives none and the article is undated")
	case v.Start.After(span.Last.AddDays(exactSlackDays)):
		return cannotTell("the visit is after the records end (they run to %s)", span.Last)
	}
	event, ok := r.Event(v)
	if !ok {
		return cannotTell("the records hold no %s to %s near %s by the traveller the text names", v.Role.Plural(), r.CountryName(v.Country), v.Start)
	}
	earlier, elect := r.Earlier(event)
	var out Check
	switch c.Kind {
	case FirstEver, FirstSitting:
		out = r.checkFirst(c.Kind, earlier, elect, span)
	case FirstSince:
		out = r.checkSince(c, earlier, span)
	case FirstInYears:
		out = r.checkYears(c, event, earlier, span)
	case NthVisit:
		out = r.checkNth(c, event)
	default:
		return cannotTell("unknown kind of claim %q", c.Kind)
	}
	out.Evidence = append(append(where, r.stopEvidence("event", "event: ", event)), out.Evidence...)
	return out
}

func (r *Records) checkFirst(kind Kind, earlier, elect []shuttle.Trip, span Span) Check {
	switch {
	case len(earlier) > 0:
		return Check{Verdict: Contradicted, Reason: fmt.Sprintf("the records hold %d earlier visits", len(earlier)),
			Evidence: []Evidence{r.stopEvidence("first", "first: ", earlier[0]), r.stopEvidence("previous", "previous: ", earlier[len(earlier)-1])}}
	case len(elect) > 0 && kind == FirstEver:
		return Check{Verdict: Imprecise, Reason: "the only earlier visits were made as President-elect",
			Evidence: []Evidence{r.stopEvidence("previous", "previous: ", elect[len(elect)-1])}}
	}
	return Check{Verdict: Supported, Reason: "no earlier visit in the records",
		Evidence: []Evidence{{Relation: "coverage", Text: fmt.Sprintf("no earlier visit in the records (they begin %d)", span.First.Year())}}}
}

func (r *Records) checkSince(c Claim, earlier []shuttle.Trip, span Span) Check {
	y := c.SinceYear
	var inYear, after []shuttle.Trip
	for _, t := range earlier {
		switch {
		case t.Year() == y:
			inYear = append(inYear, t)
		case t.Year() > y:
			after = append(after, t)
		}
	}
	var ev []Evidence
	if len(earlier) > 0 {
		ev = append(ev, r.stopEvidence("previous", "previous: ", earlier[len(earlier)-1]))
	}
	if len(after) > 0 {
		ev = append(ev, r.stopEvidence("after", fmt.Sprintf("visits after %d: %d, the first: ", y, len(after)), after[0]))
	}
	switch {
	case len(after) == 0 && len(inYear) > 0:
		if c.SinceTraveler != "" && !anyBy(inYear, c.SinceTraveler) {
			return Check{Verdict: Imprecise, Reason: fmt.Sprintf("the %d visit was by someone else", y), Evidence: ev}
		}
		return Check{Verdict: Supported, Reason: fmt.Sprintf("the previous visit was in %d", y), Evidence: ev}
	case len(after) > 0 && after[len(after)-1].Year() == y+1:
		return Check{Verdict: Imprecise, Reason: fmt.Sprintf("the previous visit was in %d, a year after %d", y+1, y), Evidence: ev}
	case len(after) > 0:
		return Check{Verdict: Contradicted, Reason: fmt.Sprintf("the records hold %d visits after %d", len(after), y), Evidence: ev}
	case y < span.First.Year():
		return cannotTell("the records begin in %d, after %d", span.First.Year(), y)
	}
	return Check{Verdict: Imprecise, Reason: fmt.Sprintf("no visit after %d, but none in %d either", y, y), Evidence: ev}
}

// anyBy reports whether one of the stops was made by who: a records id, or
// a name whose last word is in the recorded name ("Colin Powell").
func anyBy(stops []shuttle.Trip, who string) bool {
	words := strings.Fields(who)
	last := ""
	if len(words) > 0 {
		last = strings.ToLower(words[len(words)-1])
	}
	for _, t := range stops {
		if t.TravelerID == who || (last != "" && strings.Contains(strings.ToLower(t.TravelerName), last)) {
			return true
		}
	}
	return false
}
