package insight

import (
	"slices"
	"testing"

	"github.com/shuttlenews/shuttle"
)

func TestCatalogueOnRealData(t *testing.T) {
	e, _ := realEngine(t)
	cat := e.Catalogue()
	type key struct {
		id   string
		role shuttle.Role
	}
	got := map[key]Entry{}
	for _, c := range cat {
		got[key{c.ID, c.Role}] = c
		if c.Source != Source || c.Title == "" || c.Subtitle == "" || c.Note == "" {
			t.Errorf("%s/%s: incomplete %+v", c.ID, c.Role, c)
		}
	}
	if len(cat) != 12 || len(got) != 12 {
		t.Errorf("%d entries, want 3 rankings × 3 roles + 2 top-destinations + country-series", len(cat))
	}
	want := []Entry{
		{ID: IDMomentum, Role: shuttle.RoleSecretary, Title: "Countries with Increasing Secretary of State Visits",
			Subtitle: "with increasing frequency & consistency of Secretary of State visits",
			Note:     "Data represents diplomatic activity from 1997-2024", Unit: "points", From: 1997, To: 2024},
		{ID: IDMomentum, Role: shuttle.RolePresident, Title: "Countries with Increasing Presidential Visits",
			Subtitle: "with increasing frequency & consistency of Presidential visits",
			Note:     "Data represents diplomatic activity from 1997-2024", Unit: "points", From: 1997, To: 2024},
		{ID: IDMomentum, Role: shuttle.RoleVisit, Title: "Countries Whose Leaders Increasingly Visit the U.S.",
			Subtitle: "with increasing frequency & consistency of foreign leaders' visits to the U.S.",
			Note:     "Data represents diplomatic activity from 1997-2024", Unit: "points", From: 1997, To: 2024},
		{ID: IDDeclining, Role: shuttle.RoleSecretary, Title: "Countries with Declining Secretary of State Visits",
			Subtitle: "with decreasing frequency & consistency of Secretary of State visits",
			Note:     "Data represents diplomatic activity from 1997-2024", Unit: "points", From: 1997, To: 2024},
		{ID: IDMostVisited, Role: shuttle.RoleSecretary, Title: "Countries Most Visited by Secretaries of State",
			Subtitle: "by number of Secretary of State visits",
			Note:     "Data represents diplomatic activity from 1997-2024", Unit: "visits", From: 1997, To: 2024},
		{ID: IDTopDestinations, Role: shuttle.RoleSecretary, Title: "Top Destinations of a Secretary of State",
			Subtitle: "countries by number of visits",
			Note:     "Data represents diplomatic activity from 1866-2025", Unit: "visits", From: 1866, To: 2025, Requires: "traveler"},
		{ID: IDCountrySeries, Title: "A Country in U.S. Diplomatic Travel",
			Subtitle: "visits per year by Secretaries of State, Presidents and foreign leaders, with the country's rank in each ranking",
			Note:     "Data represents diplomatic activity from 1997-2024", From: 1997, To: 2024, Requires: "country"},
	}
	for _, w := range want {
		w.Source = Source
		if g := got[key{w.ID, w.Role}]; g != w {
			t.Errorf("entry %+v\nwant  %+v", g, w)
		}
	}
	if first, last := e.Years(shuttle.RoleSecretary); first != 1866 || last != 2025 {
		t.Errorf("secretary years %d–%d, want 1866–2025", first, last)
	}
	if !slices.Equal(e.Regions(), []string{"af", "eap", "eur", "nea", "sca", "wha"}) {
		t.Errorf("regions %v", e.Regions())
	}
	// Every entry computes with its defaults plus the parameter it requires.
	for _, c := range cat {
		p := Params{Insight: c.ID, Role: c.Role}
		var err error
		switch c.Requires {
		case "traveler":
			p.Traveler = map[shuttle.Role]string{shuttle.RoleSecretary: "blinken-antony-j", shuttle.RolePresident: "biden-joseph-r"}[c.Role]
			_, err = e.Rank(p)
		case "country":
			p.Country = "FR"
			_, err = e.CountrySeries(p)
		default:
			var r Ranking
			r, err = e.Rank(p)
			if err == nil && (r.Title != c.Title || r.Note != c.Note) {
				t.Errorf("%s/%s: ranking says %q / %q, catalogue %q / %q", c.ID, c.Role, r.Title, r.Note, c.Title, c.Note)
			}
		}
		if err != nil {
			t.Errorf("%s/%s: %v", c.ID, c.Role, err)
		}
	}
}

func TestCatalogueFollowsData(t *testing.T) {
	// Only secretary data up to 2010, no trips: three entries and the
	// country series, with notes stating the years the data covers.
	e := New(Data{Counts: map[shuttle.Role][]shuttle.YearCount{shuttle.RoleSecretary: {
		{Country: "FR", Year: 1999, Visits: 2}, {Country: "DE", Year: 2010, Visits: 1}, {Country: "DE", Year: 1990, Visits: 1},
	}}})
	cat := e.Catalogue()
	var ids []string
	for _, c := range cat {
		ids = append(ids, c.ID+"/"+string(c.Role))
		if c.From != 1997 || c.To != 2010 || c.Note != "Data represents diplomatic activity from 1999-2010" {
			t.Errorf("%s/%s: window %d–%d note %q", c.ID, c.Role, c.From, c.To, c.Note)
		}
	}
	want := []string{"momentum/secretary", "declining/secretary", "most-visited/secretary", "country-series/"}
	if !slices.Equal(ids, want) {
		t.Errorf("entries %v, want %v", ids, want)
	}
}

func TestNote(t *testing.T) {
	tests := []struct {
		first, last, from, to int
		want                  string
	}{
		{1997, 2024, 1997, 2024, "Data represents diplomatic activity from 1997-2024"},
		{1999, 2021, 1997, 2024, "Data represents diplomatic activity from 1999-2021"},
		{2024, 2024, 2020, 2024, "Data represents diplomatic activity in 2024"},
		{0, 0, 1997, 2024, "No diplomatic activity recorded from 1997-2024"},
	}
	for _, tt := range tests {
		if got := note(tt.first, tt.last, tt.from, tt.to); got != tt.want {
			t.Errorf("note(%d, %d) = %q, want %q", tt.first, tt.last, got, tt.want)
		}
	}
}

func TestCountrySeries(t *testing.T) {
	e := smallEngine()
	cs, err := e.CountrySeries(Params{Country: "ff"})
	if err != nil {
		t.Fatal(err)
	}
	if cs.Country != (CountryRef{"FF", "Freedonia"}) || cs.From != 2015 || cs.To != 2024 || cs.Title != "Freedonia in U.S. Diplomatic Travel" ||
		cs.Note != "Data represents diplomatic activity from 2020-2024" || len(cs.Roles) != 1 {
		t.Fatalf("header %+v", cs)
	}
	rs := cs.Roles[0]
	wantRanks := map[string]int{IDMomentum: 4, IDMostVisited: 6}
	if rs.Role != shuttle.RoleSecretary || rs.Visits != 5 || rs.Consistency != 0.4 ||
		!slices.Equal(rs.Series, []int{0, 0, 0, 0, 0, 1, 0, 1, 1, 2}) || len(rs.Ranks) != 2 ||
		rs.Ranks[IDMomentum] != wantRanks[IDMomentum] || rs.Ranks[IDMostVisited] != wantRanks[IDMostVisited] {
		t.Errorf("series %+v, want ranks %v", rs, wantRanks)
	}
	if _, err := e.CountrySeries(Params{Country: "ZZ"}); shuttle.ErrorCode(err) != shuttle.ENOTFOUND {
		t.Errorf("unknown country: %v, want not found", err)
	}
	if _, err := e.CountrySeries(Params{Insight: IDMomentum}); shuttle.ErrorCode(err) != shuttle.EINVALID {
		t.Errorf("a ranking id: %v, want invalid", err)
	}
}
