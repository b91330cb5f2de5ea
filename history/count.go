package history

import (
	"fmt"
	"math"

	"github.com/shuttlenews/shuttle"
)

// daysPerYear turns a gap in days into years: the mean Gregorian year, so
// that a gap over leap years is not overstated.
const daysPerYear = 365.25

// nearlyShare is how close to the claimed number "nearly N years" must come:
// within a tenth of it (27 of "nearly three decades").
const nearlyShare = 0.9

// Gap is the time between two visits.
type Gap struct {
	From  shuttle.Date `json:"from"` // the earlier visit's end
	To    shuttle.Date `json:"to"`   // the later visit's start
	Years float64      `json:"years"`
	// Full counts whole years (anniversaries passed); Calendar is the
	// difference of the years' numbers. A story may mean either.
	Full     int `json:"full"`
	Calendar int `json:"calendar"`
}

func gapBetween(from, to shuttle.Date) Gap {
	g := Gap{From: from, To: to, Calendar: to.Year() - from.Year()}
	g.Years = float64(days(from, to)) / daysPerYear
	g.Full = g.Calendar
	fm, fd := from.Time().Month(), from.Time().Day()
	tm, td := to.Time().Month(), to.Time().Day()
	if tm < fm || (tm == fm && td < fd) {
		g.Full-- // the anniversary has not come round yet
	}
	return g
}

func (g Gap) text() string {
	return fmt.Sprintf("gap: %.1f years (%d full years, %d calendar years)", g.Years, g.Full, g.Calendar)
}

func (r *Records) checkYears(c Claim, event shuttle.Trip, earlier []shuttle.Trip, span Span) Check {
	n := float64(c.Years)
	if len(earlier) == 0 {
		// The records give a lower bound only: no visit since they begin.
		bound := gapBetween(span.First, event.Start)
		ev := []Evidence{{Relation: "coverage", Text: fmt.Sprintf("no earlier visit in the records (they begin %d)", span.First.Year())}}
		switch {
		case c.Qualifier == MoreThan && bound.Years > n, c.Qualifier == "" && bound.Years > n+1:
			return Check{Verdict: Imprecise, Reason: "no earlier visit at all: the claim understates it", Evidence: ev}
		}
		return cannotTell("no earlier visit in the records, which begin %s", span.First)
	}
	last := earlier[len(earlier)-1]
	g := gapBetween(last.End, event.Start)
	ev := []Evidence{r.stopEvidence("previous", "previous: ", last), {Relation: "gap", Text: g.text()}}
	verdict := Imprecise
	switch c.Qualifier {
	case MoreThan:
		switch {
		case g.Years > n:
			verdict = Supported
		case g.Years <= n-1:
			verdict = Contradicted
		}
	case Nearly:
		switch {
		case g.Years >= nearlyShare*n && g.Years < n+0.5:
			verdict = Supported
		case g.Years < n+0.5 && g.Years < nearlyShare*n-1:
			verdict = Contradicted
		}
	default:
		switch {
		case c.Years == g.Full || c.Years == g.Calendar:
			verdict = Supported
		case abs(c.Years-g.Full) == 1 || abs(c.Years-g.Calendar) == 1:
			verdict = Imprecise
		case g.Years < n:
			verdict = Contradicted
		}
	}
	return Check{Verdict: verdict, Reason: fmt.Sprintf("the previous visit ended %.1f years before", g.Years), Evidence: ev}
}

func abs(x int) int { return int(math.Abs(float64(x))) }

// journeysTo are the distinct journeys (their first stop in the country)
// that count before the event: the traveller's own, or the role's when
// byRole, begun on or after from, President-elect trips left out.
func (r *Records) journeysTo(event shuttle.Trip, byRole bool, from shuttle.Date) []shuttle.Trip {
	earlier, _ := r.Earlier(event)
	seen := map[int]bool{}
	var out []shuttle.Trip
	for _, t := range earlier {
		if !byRole && who(t) != who(event) {
			continue
		}
		j := r.journeyOf(t)
		if seen[j] || (!from.IsZero() && r.JourneyStart(t).Before(from)) {
			continue
		}
		seen[j] = true
		out = append(out, t)
	}
	return out
}

func (r *Records) checkNth(c Claim, event shuttle.Trip) Check {
	prior := r.journeysTo(event, c.ByRole, c.WindowStart)
	k := len(prior) + 1
	whose := "of " + who(event)
	if c.ByRole {
		whose = "by any " + event.Role.Label()
	}
	since := ""
	if !c.WindowStart.IsZero() {
		since = " since " + c.WindowStart.String()
	}
	ev := []Evidence{r.evidence("earlier", fmt.Sprintf("earlier journeys %s including the country%s: %d", whose, since, len(prior)), prior...)}
	for _, t := range prior {
		ev = append(ev, r.stopEvidence("earlier", "  ", t))
	}
	ev = append(ev, Evidence{Relation: "rank", Text: fmt.Sprintf("so the event's journey is visit no. %d", k)})
	verdict := Contradicted
	switch abs(k - c.N) {
	case 0:
		verdict = Supported
	case 1:
		verdict = Imprecise
	}
	return Check{Verdict: verdict, Reason: fmt.Sprintf("the records make it visit no. %d, the claim no. %d", k, c.N), Evidence: ev}
}
