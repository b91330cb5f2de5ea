package insight

import (
	"fmt"

	"github.com/shuttlenews/shuttle"
)

// Explanation is why a country has its place in a ranking: its row, computed
// even when it is not listed, and the counts behind trend and p-value, so a
// page can show the arithmetic.
type Explanation struct {
	Insight string       `json:"insight"`
	Role    shuttle.Role `json:"role"`
	From    int          `json:"from"`
	To      int          `json:"to"`
	// Row.Rank is 0 when the country is not listed; Reason then says why.
	Row    Row    `json:"row"`
	Listed bool   `json:"listed"`
	Reason string `json:"reason,omitempty"`
	// Years is n, the window's length; ActiveYears have at least one visit.
	Years       int `json:"years"`
	ActiveYears int `json:"active_years"`
	// Concordant and Discordant count the pairs of years whose visits rise
	// or fall with time; TiedPairs those with equal visits.
	Concordant int `json:"concordant"`
	Discordant int `json:"discordant"`
	TiedPairs  int `json:"tied_pairs"`
	// S = Concordant − Discordant; VarS and Z are the Mann–Kendall test's.
	S    int     `json:"s"`
	VarS float64 `json:"var_s"`
	Z    float64 `json:"z"`
}

// Explain computes iso's components under p, a ranking insight. A country
// without visits in the window has nothing to explain: ENOTFOUND.
func (e *Engine) Explain(p Params, iso string) (Explanation, error) {
	q, err := e.resolve(p)
	if err != nil {
		return Explanation{}, err
	}
	if q.Insight == IDCountrySeries {
		return Explanation{}, shuttle.Errorf(shuttle.EINVALID, "insight: %s is not a ranking and has no explanation", q.Insight)
	}
	iso = normISO(iso)
	t := q.set.find(iso)
	lo, hi := 0, 0
	if t != nil {
		lo, hi = t.span(q.From, q.To)
	}
	if lo == hi {
		return Explanation{}, shuttle.Errorf(shuttle.ENOTFOUND, "country %s has no %s in %d–%d", iso, dataName(q.Role), q.From, q.To)
	}
	rank := 0
	ms, _, _ := measure(q, trendNeeded(q.Insight))
	for i, m := range order(q.Insight, ms) {
		if m.t == t {
			rank = i + 1
			break
		}
	}
	n := q.To - q.From + 1
	work := make([]int, 2*n)
	x := Explanation{Insight: q.Insight, Role: q.Role, From: q.From, To: q.To, Listed: rank > 0}
	x.Row, _ = e.row(q, measured{t: t, lo: lo, hi: hi, visits: t.total(lo, hi), k: kendall{n: n}}, work, nil)
	x.Row.Rank = rank
	x.Row.Score = x.score()
	x.Row.Points = round1(x.Row.Score)
	if !x.Listed {
		x.Reason = x.reason(q)
	}
	k := kendallOf(x.Row.Series, work)
	x.Years, x.ActiveYears = n, hi-lo
	x.Concordant, x.Discordant, x.TiedPairs = k.concordant, k.discordant, k.tiedPairs
	x.S, x.VarS, x.Z = k.s(), k.varS(), k.z()
	return x, nil
}

// score is what the country would score if it were listed.
func (x Explanation) score() float64 {
	switch x.Insight {
	case IDMomentum:
		return points(x.Row.Trend, x.Row.Consistency)
	case IDDeclining:
		return points(-x.Row.Trend, x.Row.Consistency)
	}
	return float64(x.Row.Visits)
}

// reason says why an unlisted country is not listed, in the order the
// rules apply.
func (x Explanation) reason(q query) string {
	iso := x.Row.Country.ISO
	switch {
	case q.keep != nil && !q.keep(iso) && q.Region != "" && len(q.Countries) == 0:
		return fmt.Sprintf("%s is not in region %s", iso, q.Region)
	case q.keep != nil && !q.keep(iso):
		return fmt.Sprintf("%s is not among the selected countries", iso)
	case trendNeeded(q.Insight) && x.Row.Visits < MinVisits:
		return fmt.Sprintf("fewer than %d visits in %d–%d", MinVisits, q.From, q.To)
	case q.Insight == IDMomentum:
		return "visits do not increase over the window (trend ≤ 0)"
	case q.Insight == IDDeclining:
		return "visits do not decrease over the window (trend ≥ 0)"
	}
	return ""
}
