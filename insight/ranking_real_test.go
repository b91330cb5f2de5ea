package insight

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
)

// nato is the alliance's membership in 2024, a typical restriction.
var nato = []string{"AL", "BE", "BG", "CA", "HR", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IS", "IT",
	"LV", "LT", "LU", "ME", "NL", "MK", "NO", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "TR", "GB", "US"}

func realEngine(tb testing.TB) (*Engine, *realData) {
	d := real(tb)
	return New(Data{Counts: d.counts, Countries: d.countries, Trips: d.trips}), d
}

// compareRows checks every row of got against the reference, field by field.
func compareRows(t *testing.T, got []Row, want []refRow, names map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d rows, reference has %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		g, w := got[i], want[i]
		if g.Rank != i+1 || g.Country.ISO != w.iso {
			t.Fatalf("row %d: rank %d %s, want rank %d %s", i, g.Rank, g.Country.ISO, i+1, w.iso)
		}
		if name := names[w.iso]; g.Country.Name != name {
			t.Errorf("row %d %s: name %q, want %q", i, w.iso, g.Country.Name, name)
		}
		for _, f := range []struct {
			field     string
			got, want float64
		}{
			{"score", g.Score, w.score},
			{"points", g.Points, math.Round(w.score*10) / 10},
			{"trend", g.Trend, w.trend},
			{"consistency", g.Consistency, w.cons},
			{"p_value", g.PValue, w.pValue},
			{"sen_slope", g.SenSlope, w.sen},
		} {
			if math.Abs(f.got-f.want) > 1e-12 {
				t.Errorf("row %d %s: %s = %.17g, want %.17g", i, w.iso, f.field, f.got, f.want)
			}
		}
		if g.Visits != w.visits || !slices.Equal(g.Series, w.series) {
			t.Errorf("row %d %s: visits %d series %v, want %d %v", i, w.iso, g.Visits, g.Series, w.visits, w.series)
		}
	}
}

func TestRankMatchesReferenceOnRealData(t *testing.T) {
	e, d := realEngine(t)
	names, regions := map[string]string{}, map[string]string{}
	for _, c := range d.countries {
		names[c.ISO], regions[c.ISO] = c.Name, c.Region
	}
	inNATO := func(iso string) bool { return slices.Contains(nato, iso) }
	windows := [][2]int{{0, 0}, {1866, 2025}, {1945, 1991}, {2009, 2016}, {2024, 2024}}
	for _, role := range shuttle.Roles {
		first, last := e.Years(role)
		for _, id := range []string{IDMomentum, IDDeclining, IDMostVisited} {
			for _, w := range windows {
				from, to := cmpOr(w[0], DefaultFrom), cmpOr(w[1], DefaultTo)
				if from < first || to > last {
					continue
				}
				cases := []struct {
					name string
					p    Params
					keep func(string) bool
				}{
					{"all", Params{}, nil},
					{"eur", Params{Region: "eur"}, func(iso string) bool { return regions[iso] == "eur" }},
					{"nato", Params{Countries: nato}, inNATO},
					{"nato-eur", Params{Region: "EUR", Countries: nato}, func(iso string) bool { return inNATO(iso) && regions[iso] == "eur" }},
				}
				for _, c := range cases {
					t.Run(fmt.Sprintf("%s/%s/%d-%d/%s", id, role, from, to, c.name), func(t *testing.T) {
						p := c.p
						p.Insight, p.Role, p.From, p.To = id, role, w[0], w[1]
						r, err := e.Rank(p)
						if err != nil {
							t.Fatal(err)
						}
						if r.From != from || r.To != to || r.Role != role {
							t.Errorf("window %s %d–%d, want %s %d–%d", r.Role, r.From, r.To, role, from, to)
						}
						want := refRank(d.counts[role], id, from, to, c.keep)
						if r.Total != len(want) {
							t.Errorf("total %d, want %d", r.Total, len(want))
						}
						compareRows(t, r.Rows, want, names)
					})
				}
			}
		}
	}
}

func TestTopDestinationsMatchesReferenceOnRealData(t *testing.T) {
	e, d := realEngine(t)
	names := map[string]string{}
	for _, c := range d.countries {
		names[c.ISO] = c.Name
	}
	for _, who := range []string{"blinken-antony-j", "kerry-john-forbes", "clinton-hillary-rodham", "rice-condoleezza",
		"kissinger-henry-a", "seward-william-henry", "obama-barack", "trump-donald-j"} {
		t.Run(who, func(t *testing.T) {
			counts := refTripCounts(d.trips, who)
			if len(counts) == 0 {
				t.Fatalf("no trips for %s in the records", who)
			}
			from, to := counts[0].Year, counts[0].Year
			for _, c := range counts {
				from, to = min(from, c.Year), max(to, c.Year)
			}
			r, err := e.Rank(Params{Insight: IDTopDestinations, Traveler: who})
			if err != nil {
				t.Fatal(err)
			}
			if r.From != from || r.To != to {
				t.Errorf("window %d–%d, want the traveller's years %d–%d", r.From, r.To, from, to)
			}
			compareRows(t, r.Rows, refRank(counts, IDTopDestinations, from, to, nil), names)
		})
	}
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func TestMomentumSecretaryWidget(t *testing.T) {
	e, _ := realEngine(t)
	r, err := e.Rank(Params{Insight: IDMomentum, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := Ranking{
		Insight: IDMomentum, Role: shuttle.RoleSecretary, From: 1997, To: 2024, Unit: "points",
		Title:    "Countries with Increasing Secretary of State Visits",
		Subtitle: "with increasing frequency & consistency of Secretary of State visits",
		Source:   "U.S. Department of State, Diplomatic Travel Records",
		Note:     "Data represents diplomatic activity from 1997-2024",
	}
	if r.Title != want.Title || r.Subtitle != want.Subtitle || r.Source != want.Source || r.Note != want.Note ||
		r.Role != want.Role || r.From != want.From || r.To != want.To || r.Unit != want.Unit {
		t.Errorf("header %+v\nwant %+v", r, want)
	}
	if len(r.Rows) != 5 || r.Total <= 5 {
		t.Fatalf("%d rows of %d, want 5 of more", len(r.Rows), r.Total)
	}
	for _, row := range r.Rows {
		t.Logf("%d %s %-20s %5.1f  τ=%.3f c=%.3f p=%.2g sen=%.3f visits=%d", row.Rank, row.Country.ISO, row.Country.Name,
			row.Points, row.Trend, row.Consistency, row.PValue, row.SenSlope, row.Visits)
	}
}

func TestExplainMatchesRankOnRealData(t *testing.T) {
	e, _ := realEngine(t)
	for _, id := range []string{IDMomentum, IDDeclining, IDMostVisited} {
		p := Params{Insight: id}
		r, err := e.Rank(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range r.Rows {
			x, err := e.Explain(p, row.Country.ISO)
			if err != nil {
				t.Fatalf("%s %s: %v", id, row.Country.ISO, err)
			}
			if !x.Listed || x.Reason != "" || !rowsEqual(x.Row, row) {
				t.Fatalf("%s %s: explained %+v (listed %v, %q)\nranked %+v", id, row.Country.ISO, x.Row, x.Listed, x.Reason, row)
			}
			if x.S != x.Concordant-x.Discordant || x.Concordant+x.Discordant+x.TiedPairs != x.Years*(x.Years-1)/2 {
				t.Fatalf("%s %s: pair counts %+v do not add up", id, row.Country.ISO, x)
			}
		}
	}
}

func rowsEqual(a, b Row) bool {
	return a.Rank == b.Rank && a.Country == b.Country && a.Points == b.Points && a.Score == b.Score &&
		a.Trend == b.Trend && a.Consistency == b.Consistency && a.PValue == b.PValue &&
		a.SenSlope == b.SenSlope && a.Visits == b.Visits && slices.Equal(a.Series, b.Series)
}

func TestCountrySeriesRanksOnRealData(t *testing.T) {
	e, _ := realEngine(t)
	for _, iso := range []string{"CN", "DE", "UA", "IQ", "VA", "AQ"} {
		cs, err := e.CountrySeries(Params{Country: iso})
		if err != nil {
			t.Fatal(err)
		}
		if len(cs.Roles) != len(shuttle.Roles) {
			t.Fatalf("%s: %d roles, want %d", iso, len(cs.Roles), len(shuttle.Roles))
		}
		for _, rs := range cs.Roles {
			for _, id := range []string{IDMomentum, IDDeclining, IDMostVisited} {
				r, err := e.Rank(Params{Insight: id, Role: rs.Role})
				if err != nil {
					t.Fatal(err)
				}
				want := slices.IndexFunc(r.Rows, func(row Row) bool { return row.Country.ISO == iso }) + 1
				if rs.Ranks[id] != want {
					t.Errorf("%s %s %s: rank %d, want %d", iso, rs.Role, id, rs.Ranks[id], want)
				}
				if want > 0 && (!slices.Equal(rs.Series, r.Rows[want-1].Series) || rs.Trend != r.Rows[want-1].Trend) {
					t.Errorf("%s %s %s: series differs from the ranking's row", iso, rs.Role, id)
				}
			}
		}
	}
}

// TestGroup checks that a named country set (an organisation's members, as
// enrichment asks for) restricts the ranking and says so in the subtitle.
func TestGroup(t *testing.T) {
	e, _ := realEngine(t)
	ref := shuttle.InsightRef{ID: IDMomentum, Params: map[string]string{"role": "secretary", "countries": "DE,FR,GB,TR,UA", "org": "Sample"}}
	p, err := ParseRef(ref)
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Rank(p)
	if err != nil {
		t.Fatal(err)
	}
	if r.Group != "Sample" || !strings.HasSuffix(r.Subtitle, ", among Sample members") {
		t.Errorf("group %q, subtitle %q", r.Group, r.Subtitle)
	}
	for _, row := range r.Rows {
		if !strings.Contains("DE,FR,GB,TR,UA", row.Country.ISO) {
			t.Errorf("row %s is not in the group", row.Country.ISO)
		}
	}
	if _, err := e.Rank(Params{Insight: IDMomentum, Group: "NATO"}); err == nil || !strings.Contains(err.Error(), "group:") {
		t.Errorf("a group without countries: %v", err)
	}
}
