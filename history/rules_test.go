package history_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/history"
)

// previousOf reads the evaluation's own evidence line "previous: DATE[..DATE] …"
// and returns the previous visit's start and end, derived by its script.
func previousOf(t *testing.T, c evalClaim, rel string) (start, end shuttle.Date) {
	t.Helper()
	for _, line := range c.Evidence {
		if rest, ok := strings.CutPrefix(line, rel+": "); ok {
			days, _, _ := strings.Cut(rest, " ")
			from, to, found := strings.Cut(days, "..")
			if !found {
				to = from
			}
			return shuttle.MustDate(from), shuttle.MustDate(to)
		}
	}
	return shuttle.Date{}, shuttle.Date{}
}

// TestSinceYearRules moves each first_since claim's year around the
// previous visit the evaluation found (P), and expects the README's rules:
// P itself supported, P-1 a year off (imprecise), P-2 contradicted (a visit
// after Y+1), P+1 imprecise (none after it, none in it either).
func TestSinceYearRules(t *testing.T) {
	r, _ := records(t)
	tested := 0
	for _, c := range evalClaims(t) {
		if c.Claim.Kind != history.FirstSince {
			continue
		}
		prev, _ := previousOf(t, c, "previous")
		if prev.IsZero() {
			continue
		}
		p := prev.Year()
		for _, tc := range []struct {
			year int
			want history.Verdict
		}{{p, history.Supported}, {p - 1, history.Imprecise}, {p - 2, history.Contradicted}, {p + 1, history.Imprecise}} {
			t.Run(c.ID+"/"+strconv.Itoa(tc.year), func(t *testing.T) {
				cl := c.normalised()
				cl.SinceYear, cl.SinceTraveler = tc.year, ""
				if got := r.Check(cl); got.Verdict != tc.want {
					t.Errorf("since %d: %s (%s), want %s\n%s", tc.year, got.Verdict, got.Reason, tc.want, texts(got))
				}
			})
			tested++
		}
	}
	if tested == 0 {
		t.Fatal("no first_since claim with a previous visit to vary")
	}
}

// TestYearsRules varies the number of years of the claims that have an
// event and a previous visit, around the full years between them computed
// here from the evaluation's own dates.
func TestYearsRules(t *testing.T) {
	r, _ := records(t)
	tested := 0
	for _, c := range evalClaims(t) {
		_, prevEnd := previousOf(t, c, "previous")
		event, _ := previousOf(t, c, "event")
		if prevEnd.IsZero() || event.IsZero() || c.Claim.Kind == history.NthVisit {
			continue
		}
		full := event.Year() - prevEnd.Year()
		if event.Format("01-02") < prevEnd.Format("01-02") {
			full--
		}
		for _, tc := range []struct {
			years     int
			qualifier string
			want      history.Verdict
		}{
			{full, "", history.Supported},
			{full + 3, "", history.Contradicted}, // a visit within the span claimed
			{full - 3, "", history.Imprecise},    // true, but understated
			{full, history.MoreThan, history.Supported},
			{full + 1, history.MoreThan, history.Imprecise},
			{full + 3, history.MoreThan, history.Contradicted},
			{full * 3, history.Nearly, history.Contradicted},
		} {
			t.Run(c.ID+"/"+tc.qualifier+strconv.Itoa(tc.years), func(t *testing.T) {
				cl := c.normalised()
				cl.Kind, cl.Years, cl.Qualifier = history.FirstInYears, tc.years, tc.qualifier
				if got := r.Check(cl); got.Verdict != tc.want {
					t.Errorf("%s %d years: %s (%s), want %s\n%s", tc.qualifier, tc.years, got.Verdict, got.Reason, tc.want, texts(got))
				}
			})
			tested++
		}
	}
	if tested == 0 {
		t.Fatal("no claim with an event and a previous visit")
	}
}

// TestFirstEverFollowsEarlier: a first-ever claim about a claim's event is
// supported exactly when the evaluation found no previous visit.
func TestFirstEverFollowsEarlier(t *testing.T) {
	r, _ := records(t)
	for _, c := range evalClaims(t) {
		if c.Claim.Kind == history.NthVisit || c.Claim.Role == shuttle.RolePresident {
			continue // nth evidence lists journeys; presidents have elect trips
		}
		prev, _ := previousOf(t, c, "previous")
		want := history.Contradicted
		if prev.IsZero() {
			want = history.Supported
		}
		cl := c.normalised()
		cl.Kind = history.FirstEver
		if got := r.Check(cl); got.Verdict != want {
			t.Errorf("%s first ever: %s, want %s\n%s", c.ID, got.Verdict, want, texts(got))
		}
	}
}

// TestCannotTell: what the records do not decide is never guessed.
func TestCannotTell(t *testing.T) {
	r, d := records(t)
	last := shuttle.Date{}
	for _, tr := range d.Trips {
		if tr.Role == shuttle.RoleSecretary && tr.End.After(last) {
			last = tr.End
		}
	}
	base := history.Claim{Kind: history.FirstSince, SinceYear: 1965,
		Visit: history.Visit{Role: shuttle.RoleSecretary, Country: "PY", Start: shuttle.MustDate("2019-04-13"), End: shuttle.MustDate("2019-04-13"), Exact: true}}
	for _, tc := range []struct {
		name   string
		modify func(*history.Claim)
		reason string
	}{
		{"unknown country", func(c *history.Claim) { c.Visit.Country = "QQ" }, "no country"},
		{"undated", func(c *history.Claim) { c.Visit.Start, c.Visit.End = shuttle.Date{}, shuttle.Date{} }, "date is not known"},
		{"after the records", func(c *history.Claim) { c.Visit.Start = last.AddDays(30); c.Visit.End = c.Visit.Start }, "after the records end"},
		{"role not covered", func(c *history.Claim) { c.Problem = "the records hold no Secretary of Defense's trips" }, "Defense"},
		{"unknown role", func(c *history.Claim) { c.Visit.Role = "vice-president" }, "hold no"},
		{"no such visit", func(c *history.Claim) { c.Visit.Start = shuttle.MustDate("2019-06-13"); c.Visit.End = c.Visit.Start }, "near"},
		{"another traveller", func(c *history.Claim) { c.Visit.Traveler = "kerry-john-forbes" }, "near"},
		{"before the records", func(c *history.Claim) {
			c.SinceYear = 1800
			c.Visit.Country = "DJ"
			c.Visit.Start = shuttle.MustDate("2015-05-06")
			c.Visit.End = c.Visit.Start
		}, "begin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			tc.modify(&c)
			got := r.Check(c)
			if got.Verdict != history.CannotTell || !strings.Contains(got.Reason, tc.reason) {
				t.Errorf("%s (%s), want cannot_tell with %q", got.Verdict, got.Reason, tc.reason)
			}
		})
	}
	if got := r.Check(base); got.Verdict != history.Supported {
		t.Errorf("the unmodified claim: %s (%s), want supported", got.Verdict, got.Reason)
	}
}
