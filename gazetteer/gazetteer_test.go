package gazetteer

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"
)

func validISO(code string) bool {
	r, err := language.ParseRegion(code)
	return err == nil && r.String() == code && r.IsCountry() && r.ISO3() != "ZZZ"
}

// claim records which entry owns a folded name and reports a second owner, so
// that no name means two things.
func claim(t *testing.T, owners map[string]string, table, name, owner string) {
	t.Helper()
	k := Key(name)
	if prev, ok := owners[k]; ok && prev != owner {
		t.Errorf("%s: %q names both %s and %s", table, name, prev, owner)
	}
	owners[k] = owner
}

func TestCountries(t *testing.T) {
	g := Default()
	iso := map[string]bool{}
	names := map[string]string{}
	un := 0
	for _, c := range g.Countries() {
		if !validISO(c.ISO) {
			t.Errorf("%s: not an ISO 3166-1 alpha-2 country code", c.ISO)
		}
		if iso[c.ISO] {
			t.Errorf("%s listed twice", c.ISO)
		}
		iso[c.ISO] = true
		for _, n := range slices.Concat([]string{c.Name}, c.Names, c.Demonyms, c.Capitals) {
			claim(t, names, "countries", n, c.ISO)
		}
		if c.UNMember {
			un++
		}
	}
	if un != 193 {
		t.Errorf("%d UN members, want 193", un)
	}
}

func TestOrganizations(t *testing.T) {
	g := Default()
	names := map[string]string{}
	for _, o := range g.Organizations() {
		if !slices.Contains(Types, o.Type) {
			t.Errorf("%s: type %q is not in the closed list", o.Name, o.Type)
		}
		if o.Country != "" {
			if _, ok := g.Country(o.Country); !ok {
				t.Errorf("%s: country %s is unknown", o.Name, o.Country)
			}
		}
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			claim(t, names, "organizations", n, o.Name)
		}
		for _, m := range o.Members {
			if _, ok := g.Country(m); !ok {
				t.Errorf("%s: member %s is not a known country", o.Name, m)
			}
		}
		if len(o.Members) > 0 && o.Type != Multilateral {
			t.Errorf("%s: only multilateral bodies have members", o.Name)
		}
	}
	for name, want := range map[string]int{"NATO": 32, "European Union": 27, "G7": 7, "ASEAN": 11,
		"United Nations": 193, "African Union": 54, "OSCE": 57, "Arab League": 22, "NATO-Ukraine Council": 33} {
		if got := len(g.Members(name)); got != want {
			t.Errorf("%s has %d members, want %d", name, got, want)
		}
	}
}

func TestPeopleAndTitles(t *testing.T) {
	g := Default()
	names := map[string]string{}
	travelers := map[string]bool{}
	idShape := regexp.MustCompile(`^[a-z]+(-[a-z]+)+$`)
	for _, p := range g.People() {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			claim(t, names, "people", n, p.Name)
		}
		if p.Country != "" {
			if _, ok := g.Country(p.Country); !ok {
				t.Errorf("%s: country %s is unknown", p.Name, p.Country)
			}
		}
		if p.Traveler != "" {
			if !idShape.MatchString(p.Traveler) || travelers[p.Traveler] {
				t.Errorf("%s: traveler id %q is malformed or taken", p.Name, p.Traveler)
			}
			travelers[p.Traveler] = true
		}
	}
	forms := map[string]string{}
	for _, ti := range g.Titles() {
		claim(t, forms, "titles", ti.Form, ti.Form)
		if ti.Kind != Office && ti.Kind != Rank && ti.Kind != Honorific {
			t.Errorf("%s: kind %q", ti.Form, ti.Kind)
		}
	}
}

func TestLookups(t *testing.T) {
	g := Default()
	for name, want := range map[string]string{
		"U.S.": "US", "America": "US", "UK": "GB", "Britain": "GB", "ROK": "KR", "Lao PDR": "LA",
		"PRC": "CN", "People’s Republic of China": "CN", "Russian Federation": "RU", "Ukrainian": "UA",
		"Djiboutian": "DJ", "Somalis": "SO", "Türkiye": "TR", "Turkey": "TR", "ke": "KE",
	} {
		if c, ok := g.CountryByName(name); !ok || c.ISO != want {
			t.Errorf("CountryByName(%q) = %q, %v; want %s", name, c.ISO, ok, want)
		}
	}
	for name, want := range map[string]string{
		"State Department": "U.S. Department of State", "the Pentagon": "U.S. Department of Defense",
		"AFRICOM": "U.S. Africa Command", "U.N. Security Council": "United Nations Security Council",
		"al Shabaab": "al-Shabaab", "nato": "NATO",
	} {
		if o, ok := LookupOrganization(name); !ok || o.Name != want {
			t.Errorf("Organization(%q) = %q, %v; want %s", name, o.Name, ok, want)
		}
	}
	if p, ok := g.Person("Joseph R. Biden"); !ok || p.Name != "Joe Biden" || p.Traveler != "biden-joseph-r" {
		t.Errorf("Person(Joseph R. Biden) = %+v, %v", p, ok)
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"The U.S. Army":         "us army",
		"NATO–Ukraine  Council": "nato-ukraine council",
		"People’s Republic":     "people's republic",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMeetingSeries checks the meeting series the trip purposes name: the
// guideline's organisations are there, each linked row is a known
// organisation, and a record's name reaches its series.
func TestMeetingSeries(t *testing.T) {
	g := Default()
	byName := map[string]MeetingSeries{}
	for _, m := range g.MeetingSeries() {
		if _, dup := byName[m.Name]; dup {
			t.Errorf("meeting series %s listed twice", m.Name)
		}
		byName[m.Name] = m
	}
	tests := []struct{ series, name string }{
		{"NATO", "North Atlantic Council"},
		{"G7", "Economic Summit"},
		{"G7", "G-8"},
		{"OSCE", "CSCE"},
		{"CENTO", "Baghdad Pact"},
		{"African Union", "OAU"},
		{"OAS", "International Conference of American States"},
		{"Summit of the Americas", "Summit of the Americas"},
		{"Council of Foreign Ministers", "Council of Foreign Ministers"},
	}
	for _, tt := range tests {
		m, ok := byName[tt.series]
		if !ok {
			t.Errorf("no meeting series %s", tt.series)
			continue
		}
		if !slices.Contains(slices.Concat(m.Names, m.Summits, m.Ministerials), tt.name) {
			t.Errorf("%s: %q is not among its names", tt.series, tt.name)
		}
	}
	if m := byName["SEATO"]; m.Level != "ministerial" {
		t.Errorf("SEATO level %q, want ministerial (its Council meets at ministerial level)", m.Level)
	}
}

func TestMeetingSeriesRefused(t *testing.T) {
	base := func(meetings string) fstest.MapFS {
		return fstest.MapFS{
			"data/countries.yaml":     {Data: []byte("[]")},
			"data/territories.yaml":   {Data: []byte("[]")},
			"data/organizations.yaml": {Data: []byte("- {name: NATO, type: Multilateral Organization}\n")},
			"data/people.yaml":        {Data: []byte("[]")},
			"data/titles.yaml":        {Data: []byte("{}")},
			"data/places.yaml":        {Data: []byte("{}")},
			"data/names.yaml":         {Data: []byte("{}")},
			"data/meetings.yaml":      {Data: []byte(meetings)},
		}
	}
	tests := []struct{ meetings, err string }{
		{"- {name: NATO}\n", "row 1: name and at least one name"},
		{"- {name: X, organization: Nowhere, names: [X]}\n", `organization "Nowhere" is not in organizations.yaml`},
		{"- {name: X, names: [X], level: plenary}\n", `level "plenary"`},
		{"- {name: X, names: [X]}\n- {name: Y, names: [X]}\n", `Y: "X" already names X`},
	}
	for _, tt := range tests {
		_, err := Load(base(tt.meetings))
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%q: Load: %v, want an error containing %q", tt.meetings, err, tt.err)
		}
	}
	if _, err := Load(base("- {name: NATO, organization: NATO, names: [NATO]}\n")); err != nil {
		t.Errorf("a good file: %v", err)
	}
}
