package insight

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
)

// seriesCounts turns dense series starting at from into year counts.
func seriesCounts(from int, series map[string][]int) []shuttle.YearCount {
	var out []shuttle.YearCount
	for iso, x := range series {
		for i, v := range x {
			if v > 0 {
				out = append(out, shuttle.YearCount{Country: iso, Year: from + i, Visits: v})
			}
		}
	}
	return out
}

var testCountries = []shuttle.Country{
	{ISO: "AA", Name: "Aland", Region: "eur"}, {ISO: "BB", Name: "Borduria", Region: "eur"},
	{ISO: "CC", Name: "Carpathia", Region: "eur"}, {ISO: "DD", Name: "Dorne", Region: "af"},
	{ISO: "EE", Name: "Estonia", Region: "eur"}, {ISO: "FF", Name: "Freedonia", Region: "wha"},
	{ISO: "GG", Name: "Genovia", Region: "eur"},
}

// smallEngine has a 2015–2024 window of secretary visits with one country
// per case the rules distinguish.
func smallEngine() *Engine {
	series := map[string][]int{
		"AA": {1, 1, 2, 2, 3, 3, 4, 4, 5, 5},   // rising every other year, every year
		"BB": {2, 2, 4, 4, 6, 6, 8, 8, 10, 10}, // AA doubled: same points, more visits
		"CC": {3, 3, 3, 3, 3, 3, 3, 3, 3, 3},   // constant: no trend
		"DD": {0, 0, 0, 0, 0, 0, 0, 1, 1, 1},   // rising but only 3 visits
		"EE": {5, 4, 4, 3, 3, 2, 2, 1, 1, 0},   // falling
		"FF": {0, 0, 0, 0, 0, 1, 0, 1, 1, 2},   // rising, sparse
		"GG": {1, 1, 2, 2, 3, 3, 4, 4, 5, 5},   // AA's twin: tie broken by code
	}
	return New(Data{
		Counts:    map[shuttle.Role][]shuttle.YearCount{shuttle.RoleSecretary: seriesCounts(2015, series)},
		Countries: testCountries,
	})
}

func isos(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Country.ISO
	}
	return out
}

func TestRankRules(t *testing.T) {
	e := smallEngine()
	tests := []struct {
		name  string
		p     Params
		want  []string
		total int
	}{
		// BB = 2×AA: equal points, more visits first; AA and GG equal: by code.
		{"momentum", Params{Insight: IDMomentum}, []string{"BB", "AA", "GG", "FF"}, 4},
		{"declining", Params{Insight: IDDeclining}, []string{"EE"}, 1},
		// AA, CC and GG all have 30 visits: by code.
		{"most-visited", Params{Insight: IDMostVisited}, []string{"BB", "AA", "CC", "GG", "EE", "FF", "DD"}, 7},
		{"limit", Params{Insight: IDMostVisited, Limit: 2}, []string{"BB", "AA"}, 7},
		{"region", Params{Insight: IDMomentum, Region: "wha"}, []string{"FF"}, 1},
		{"countries", Params{Insight: IDMomentum, Countries: []string{"gg", "FF", "DD"}}, []string{"GG", "FF"}, 2},
		{"region and countries", Params{Insight: IDMostVisited, Region: "eur", Countries: []string{"GG", "FF", "CC"}}, []string{"CC", "GG"}, 2},
		// FF has 4 visits in 2022–2024: below MinVisits.
		{"short window", Params{Insight: IDMomentum, From: 2022, To: 2024}, []string{"BB", "AA", "GG"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := e.Rank(tt.p)
			if err != nil {
				t.Fatal(err)
			}
			if got := isos(r.Rows); !slices.Equal(got, tt.want) || r.Total != tt.total {
				t.Errorf("rows %v of %d, want %v of %d", got, r.Total, tt.want, tt.total)
			}
			for i, row := range r.Rows {
				if row.Rank != i+1 || row.Points != math.Round(row.Score*10)/10 || len(row.Series) != r.To-r.From+1 {
					t.Errorf("row %d: rank %d, points %g for score %g, %d years", i, row.Rank, row.Points, row.Score, len(row.Series))
				}
			}
		})
	}
}

func TestMomentumComponents(t *testing.T) {
	e := New(Data{Counts: map[shuttle.Role][]shuttle.YearCount{shuttle.RoleSecretary: seriesCounts(2020, map[string][]int{
		"AA": {0, 1, 2, 3, 4},    // strictly increasing: τ-b = 1, 4 of 5 years
		"BB": {1, 2, 3, 4, 5, 6}, // runs into 2025, outside the default window
	})}})
	r, err := e.Rank(Params{Insight: IDMomentum})
	if err != nil {
		t.Fatal(err)
	}
	if r.From != 2020 || r.To != 2024 {
		t.Errorf("default window %d–%d, want 2020–2024 (1997–2024 clamped to the data)", r.From, r.To)
	}
	if len(r.Rows) != 2 {
		t.Fatalf("rows %v, want AA and BB", isos(r.Rows))
	}
	aa := r.Rows[1]
	if r.Rows[0].Country.ISO != "BB" || aa.Country.ISO != "AA" {
		t.Fatalf("order %v, want BB (every year) before AA", isos(r.Rows))
	}
	// AA: 100·√(1 · 4/5) = 89.44…; p from S=10, Var=300/18, Z=9/√(50/3).
	want := Row{Rank: 2, Country: CountryRef{"AA", "AA"}, Trend: 1, Consistency: 0.8, Score: 100 * math.Sqrt(0.8),
		Points: 89.4, PValue: 0.013743168055755177, SenSlope: 1, Visits: 10, Series: []int{0, 1, 2, 3, 4}}
	if !rowsClose(aa, want) {
		t.Errorf("AA row %+v\nwant    %+v", aa, want)
	}
	if r.Note != "Data represents diplomatic activity from 2020-2024" {
		t.Errorf("note %q", r.Note)
	}
}

func rowsClose(a, b Row) bool {
	near := func(x, y float64) bool { return math.Abs(x-y) < 1e-12 }
	return a.Rank == b.Rank && a.Country == b.Country && a.Points == b.Points && near(a.Score, b.Score) &&
		near(a.Trend, b.Trend) && near(a.Consistency, b.Consistency) && near(a.PValue, b.PValue) &&
		near(a.SenSlope, b.SenSlope) && a.Visits == b.Visits && slices.Equal(a.Series, b.Series)
}

// TestDecliningMirrorsMomentum reverses time: every rising country becomes a
// falling one with the same points and p-value, and the negated Sen's slope.
func TestDecliningMirrorsMomentum(t *testing.T) {
	d := real(t)
	from, to := DefaultFrom, DefaultTo
	var mirrored []shuttle.YearCount
	for _, c := range d.counts[shuttle.RoleSecretary] {
		if c.Year >= from && c.Year <= to {
			c.Year = from + to - c.Year
			mirrored = append(mirrored, c)
		}
	}
	e := New(Data{Counts: map[shuttle.Role][]shuttle.YearCount{shuttle.RoleSecretary: d.counts[shuttle.RoleSecretary]}})
	m := New(Data{Counts: map[shuttle.Role][]shuttle.YearCount{shuttle.RoleSecretary: mirrored}})
	for _, pair := range [][2]string{{IDMomentum, IDDeclining}, {IDDeclining, IDMomentum}} {
		a, err1 := e.Rank(Params{Insight: pair[0]})
		b, err2 := m.Rank(Params{Insight: pair[1]})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if len(a.Rows) == 0 || !slices.Equal(isos(a.Rows), isos(b.Rows)) {
			t.Fatalf("%s %v, mirrored %s %v", pair[0], isos(a.Rows), pair[1], isos(b.Rows))
		}
		for i := range a.Rows {
			x, y := a.Rows[i], b.Rows[i]
			if x.Score != y.Score || x.Trend != -y.Trend || math.Abs(x.PValue-y.PValue) > 1e-15 || x.SenSlope != -y.SenSlope {
				t.Errorf("%s: %+v\nmirrored %+v", x.Country.ISO, x, y)
			}
		}
	}
}

func TestConstantSeriesNeverListed(t *testing.T) {
	for _, v := range []int{1, 2, 7} {
		x := slices.Repeat([]int{v}, 28)
		e := New(Data{Counts: map[shuttle.Role][]shuttle.YearCount{shuttle.RoleSecretary: seriesCounts(1997, map[string][]int{"AA": x})}})
		for _, id := range []string{IDMomentum, IDDeclining} {
			r, err := e.Rank(Params{Insight: id})
			if err != nil || len(r.Rows) != 0 {
				t.Errorf("%s of constant %d: rows %v, err %v; want none", id, v, isos(r.Rows), err)
			}
		}
	}
}

func TestRankErrors(t *testing.T) {
	e := smallEngine()
	tests := []struct {
		name string
		p    Params
		code string
		msg  string // the parameter the message must name, and more
	}{
		{"unknown insight", Params{Insight: "trending"}, shuttle.EINVALID, `insight: unknown insight "trending"`},
		{"no insight", Params{}, shuttle.EINVALID, "insight: "},
		{"unknown role", Params{Insight: IDMomentum, Role: "ambassador"}, shuttle.EINVALID, `unknown role "ambassador"`},
		{"from after to", Params{Insight: IDMomentum, From: 2024, To: 2020}, shuttle.EINVALID, "from: 2024 is after to (2020)"},
		{"from after default to", Params{Insight: IDMomentum, From: 2025}, shuttle.EINVALID, "from: 2025 is after the last year of secretary visits (2024)"},
		{"from before data", Params{Insight: IDMomentum, From: 1990}, shuttle.EINVALID, "from: 1990 is before the first year of secretary visits (2015)"},
		{"to after data", Params{Insight: IDMomentum, To: 2030}, shuttle.EINVALID, "to: 2030 is after the last year of secretary visits (2024)"},
		{"negative year", Params{Insight: IDMomentum, From: -5}, shuttle.EINVALID, "from: "},
		{"negative limit", Params{Insight: IDMomentum, Limit: -1}, shuttle.EINVALID, "limit: -1 is negative"},
		{"role without data", Params{Insight: IDMomentum, Role: shuttle.RolePresident}, shuttle.ENOTFOUND, "role: no president visits in the data"},
		{"unknown region", Params{Insight: IDMomentum, Region: "mars"}, shuttle.EINVALID, `region: unknown region "mars" (want af, eur, wha)`},
		{"unknown country", Params{Insight: IDMomentum, Countries: []string{"AA", "ZZ"}}, shuttle.EINVALID, `countries: unknown country "ZZ"`},
		{"empty country", Params{Insight: IDMomentum, Countries: []string{""}}, shuttle.EINVALID, "countries: "},
		{"traveller missing", Params{Insight: IDTopDestinations}, shuttle.EINVALID, "traveler: "},
		{"unknown traveller", Params{Insight: IDTopDestinations, Traveler: "nobody"}, shuttle.ENOTFOUND, `traveler: no trips recorded for "nobody"`},
		{"traveller on a ranking", Params{Insight: IDMomentum, Traveler: "x"}, shuttle.EINVALID, "traveler: "},
		{"leaders have no travellers", Params{Insight: IDTopDestinations, Traveler: "x", Role: shuttle.RoleVisit}, shuttle.EINVALID, "role: "},
		{"series is no ranking", Params{Insight: IDCountrySeries, Country: "AA"}, shuttle.EINVALID, "insight: country-series is not a ranking"},
		{"country on a ranking", Params{Insight: IDMomentum, Country: "AA"}, shuttle.EINVALID, "country: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Rank(tt.p)
			if shuttle.ErrorCode(err) != tt.code || !strings.Contains(shuttle.ErrorMessage(err), tt.msg) {
				t.Errorf("error %v (%s), want %s containing %q", err, shuttle.ErrorCode(err), tt.code, tt.msg)
			}
		})
	}
}

func TestExplain(t *testing.T) {
	e := smallEngine()
	tests := []struct {
		name, iso string
		p         Params
		rank      int
		reason    string
	}{
		{"listed", "aa", Params{Insight: IDMomentum}, 2, ""},
		{"too few visits", "DD", Params{Insight: IDMomentum}, 0, "fewer than 5 visits in 2015–2024"},
		{"flat", "CC", Params{Insight: IDMomentum}, 0, "visits do not increase over the window (trend ≤ 0)"},
		{"rising, asked for decline", "AA", Params{Insight: IDDeclining}, 0, "visits do not decrease over the window (trend ≥ 0)"},
		{"outside region", "AA", Params{Insight: IDMomentum, Region: "wha"}, 0, "AA is not in region wha"},
		{"outside selection", "AA", Params{Insight: IDMostVisited, Countries: []string{"BB"}}, 0, "AA is not among the selected countries"},
		{"most visited", "FF", Params{Insight: IDMostVisited}, 6, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := e.Explain(tt.p, tt.iso)
			if err != nil {
				t.Fatal(err)
			}
			if x.Row.Rank != tt.rank || x.Listed != (tt.rank > 0) || x.Reason != tt.reason {
				t.Errorf("rank %d listed %v reason %q, want %d %q", x.Row.Rank, x.Listed, x.Reason, tt.rank, tt.reason)
			}
			if x.Years != 10 || x.S != x.Concordant-x.Discordant || x.Concordant+x.Discordant+x.TiedPairs != 45 {
				t.Errorf("components %+v do not add up over 10 years", x)
			}
		})
	}
	_, err := e.Explain(Params{Insight: IDMomentum}, "XX")
	if shuttle.ErrorCode(err) != shuttle.ENOTFOUND || shuttle.ErrorMessage(err) != "country XX has no secretary visits in 2015–2024" {
		t.Errorf("unknown country: %v", err)
	}
	_, err = e.Explain(Params{Insight: IDMomentum, From: 2015, To: 2019}, "DD")
	if shuttle.ErrorCode(err) != shuttle.ENOTFOUND || shuttle.ErrorMessage(err) != "country DD has no secretary visits in 2015–2019" {
		t.Errorf("country without visits in the window: %v", err)
	}
}

func TestRankingJSON(t *testing.T) {
	r, err := smallEngine().Rank(Params{Insight: IDMomentum, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"insight", "title", "subtitle", "source", "note", "role", "from", "to", "unit", "total", "rows"} {
		if _, ok := got[k]; !ok {
			t.Errorf("no %q in %s", k, b)
		}
	}
	row := got["rows"].([]any)[0].(map[string]any)
	for _, k := range []string{"rank", "country", "points", "score", "trend", "consistency", "p_value", "sen_slope", "visits", "series"} {
		if _, ok := row[k]; !ok {
			t.Errorf("row has no %q: %v", k, row)
		}
	}
	if c := row["country"].(map[string]any); c["iso"] != "BB" || c["name"] != "Borduria" {
		t.Errorf("country %v", c)
	}
}

func TestParseRef(t *testing.T) {
	p, err := ParseRef(shuttle.InsightRef{ID: "momentum", Params: map[string]string{
		"role": "president", "from": "2001", "to": " 2020", "region": "eur", "countries": "DE, FR", "limit": "5",
	}})
	want := Params{Insight: IDMomentum, Role: shuttle.RolePresident, From: 2001, To: 2020, Region: "eur", Countries: []string{"DE", "FR"}, Limit: 5}
	if err != nil || p.Insight != want.Insight || p.Role != want.Role || p.From != want.From || p.To != want.To ||
		p.Region != want.Region || !slices.Equal(p.Countries, want.Countries) || p.Limit != want.Limit {
		t.Errorf("ParseRef = %+v, %v; want %+v", p, err, want)
	}
	for _, bad := range []map[string]string{{"from": "nineteen"}, {"colour": "red"}} {
		if _, err := ParseRef(shuttle.InsightRef{ID: "momentum", Params: bad}); shuttle.ErrorCode(err) != shuttle.EINVALID {
			t.Errorf("ParseRef(%v) error %v, want invalid", bad, err)
		}
	}
}

func TestRegionSubtitle(t *testing.T) {
	var counts []shuttle.YearCount
	for y := 2000; y <= 2010; y++ {
		counts = append(counts, shuttle.YearCount{Country: "FR", Year: y, Visits: y - 1999})
	}
	e := New(Data{
		Counts:    map[shuttle.Role][]shuttle.YearCount{shuttle.RoleSecretary: counts},
		Countries: []shuttle.Country{{ISO: "FR", Name: "France", Region: "eur"}},
		Regions:   []shuttle.Region{{ID: "eur", Name: "Europe & Eurasia"}},
	})
	r, err := e.Rank(Params{Insight: IDMomentum, Region: "eur"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(r.Subtitle, ", in Europe & Eurasia") || len(r.Rows) != 1 {
		t.Errorf("subtitle %q, %d rows", r.Subtitle, len(r.Rows))
	}
}
