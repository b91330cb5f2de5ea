package insight

import (
	"cmp"
	"math"
	"slices"

	"github.com/shuttlenews/shuttle"
)

// Ranking is one insight computed: the widget's texts and its rows in order.
type Ranking struct {
	Insight  string       `json:"insight"`
	Title    string       `json:"title"`
	Subtitle string       `json:"subtitle"`
	Source   string       `json:"source"`
	Note     string       `json:"note"`
	Role     shuttle.Role `json:"role"`
	From     int          `json:"from"`
	To       int          `json:"to"`
	// Region, Countries and Traveler echo the resolved filters.
	Region    string   `json:"region,omitempty"`
	Countries []string `json:"countries,omitempty"`
	Group     string   `json:"group,omitempty"`
	Traveler  string   `json:"traveler,omitempty"`
	// Unit is what Points counts: "points" for momentum and declining,
	// "visits" for the rankings by volume.
	Unit string `json:"unit"`
	// Total is the number of countries listed before Limit, for "See More".
	Total int   `json:"total"`
	Rows  []Row `json:"rows"`
}

// CountryRef is a country as a row shows it.
type CountryRef struct {
	ISO  string `json:"iso"`
	Name string `json:"name"`
}

// Row is one country in a Ranking. Trend, PValue and SenSlope describe the
// window's series whatever the insight; PValue is one-sided in the
// insight's direction (downward for declining, upward otherwise).
type Row struct {
	Rank    int        `json:"rank"`
	Country CountryRef `json:"country"`
	// Score is the ordering key: the momentum (or decline) score unrounded,
	// or the visits for the volume rankings. Points is Score rounded to one
	// decimal, what the widget prints; ordering by Score keeps two rows that
	// both show 48.7 in their true order.
	Points      float64 `json:"points"`
	Score       float64 `json:"score"`
	Trend       float64 `json:"trend"`
	Consistency float64 `json:"consistency"`
	PValue      float64 `json:"p_value"`
	SenSlope    float64 `json:"sen_slope"`
	Visits      int     `json:"visits"`
	// Series is the visits per year from From to To, for sparklines.
	Series []int `json:"series"`
}

// Rank computes a ranking insight (every id but country-series).
func (e *Engine) Rank(p Params) (Ranking, error) {
	q, err := e.resolve(p)
	if err != nil {
		return Ranking{}, err
	}
	if q.Insight == IDCountrySeries {
		return Ranking{}, shuttle.Errorf(shuttle.EINVALID, "insight: %s is not a ranking; ask for CountrySeries", q.Insight)
	}
	ms, first, last := measure(q, trendNeeded(q.Insight))
	ranked := order(q.Insight, ms)
	r := Ranking{
		Insight: q.Insight, Role: q.Role, From: q.From, To: q.To,
		Title: title(q.Insight, q.Role, q.who), Subtitle: subtitle(q.Insight, q.Role),
		Source: Source, Note: note(first, last, q.From, q.To), Unit: unit(q.Insight),
		Region: q.Region, Countries: q.Countries, Group: q.Group, Traveler: q.Traveler,
		Total: len(ranked),
	}
	if q.Group != "" {
		r.Subtitle += ", among " + q.Group + " members"
	}
	if name := e.regionName[q.Region]; name != "" {
		r.Subtitle += ", in " + name
	}
	if q.Limit > 0 && len(ranked) > q.Limit {
		ranked = ranked[:q.Limit]
	}
	r.Rows = make([]Row, len(ranked))
	var senBuf []float64
	work := make([]int, 2*(q.To-q.From+1))
	for i, m := range ranked {
		r.Rows[i], senBuf = e.row(q, m, work, senBuf)
		r.Rows[i].Rank = i + 1
	}
	return r, nil
}

// measured is one country's window, with its trend when the insight needs it.
type measured struct {
	t      *track
	lo, hi int
	visits int
	// k is complete only when hasK; k.n is always the window's length.
	k     kendall
	hasK  bool
	trend float64
	score float64
}

// consistency is the share of the window's years with at least one visit.
func (m measured) consistency() float64 { return float64(m.hi-m.lo) / float64(m.k.n) }

func trendNeeded(id string) bool { return id == IDMomentum || id == IDDeclining }

// measure scans the countries q keeps that have visits in the window; with
// trend it computes Kendall's statistics for those with MinVisits or more
// (the others can never be listed by trend). first and last bound the years
// with any visit among them: what the note may honestly claim to cover.
func measure(q query, trend bool) (ms []measured, first, last int) {
	n := q.To - q.From + 1
	x := make([]int, 3*n)
	x, work := x[:n], x[n:]
	for i := range q.set.tracks {
		t := &q.set.tracks[i]
		if q.keep != nil && !q.keep(t.iso) {
			continue
		}
		lo, hi := t.span(q.From, q.To)
		if lo == hi {
			continue
		}
		first = minYear(first, int(t.years[lo]))
		last = max(last, int(t.years[hi-1]))
		m := measured{t: t, lo: lo, hi: hi, visits: t.total(lo, hi), k: kendall{n: n}}
		if trend && m.visits >= MinVisits {
			t.fill(x, q.From, lo, hi)
			m.k, m.hasK = kendallOf(x, work), true
			m.trend = m.k.tauB()
		}
		ms = append(ms, m)
	}
	return ms, first, last
}

// order keeps the countries insight id lists, scores them and sorts them:
// score descending, then visits descending, then ISO code. ms is not
// modified, so one measure can serve several orders.
func order(id string, ms []measured) []measured {
	out := make([]measured, 0, len(ms))
	for _, m := range ms {
		switch id {
		case IDMomentum:
			if m.visits < MinVisits || m.trend <= 0 {
				continue
			}
			m.score = points(m.trend, m.consistency())
		case IDDeclining:
			if m.visits < MinVisits || m.trend >= 0 {
				continue
			}
			m.score = points(-m.trend, m.consistency())
		default:
			m.score = float64(m.visits)
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b measured) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(b.visits, a.visits), cmp.Compare(a.t.iso, b.t.iso))
	})
	return out
}

// points is the momentum score 100 × √(trend × consistency): a geometric
// mean, so neither a burst nor a steady but flat presence scores high alone.
func points(trend, consistency float64) float64 {
	if trend <= 0 {
		return 0
	}
	return 100 * math.Sqrt(trend*consistency)
}

// row completes m into a Row; only rows shown pay for Sen's slope.
func (e *Engine) row(q query, m measured, work []int, senBuf []float64) (Row, []float64) {
	n := q.To - q.From + 1
	x := make([]int, n)
	m.t.fill(x, q.From, m.lo, m.hi)
	k := m.k
	if !m.hasK {
		k = kendallOf(x, work)
	}
	r := Row{
		Country: e.country(m.t.iso), Score: m.score, Points: round1(m.score),
		Trend: k.tauB(), Consistency: m.consistency(), PValue: k.pUp(),
		Visits: m.visits, Series: x,
	}
	if q.Insight == IDDeclining {
		r.PValue = k.pDown()
	}
	r.SenSlope, senBuf = senSlope(x, k, senBuf)
	return r, senBuf
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
