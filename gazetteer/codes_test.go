package gazetteer

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"
)

// Every numeric code agrees with CLDR's UN M.49 code for the alpha-2 code,
// which for a country is its ISO 3166-1 numeric code: the tables were
// written from the standard, and x/text is a second, independent copy.
func TestNumericCodesAgreeWithCLDR(t *testing.T) {
	g := Default()
	n := 0
	for _, c := range append(g.Countries(), g.Territories()...) {
		if c.Numeric == "" {
			continue
		}
		n++
		r, err := language.ParseRegion(c.ISO)
		if err != nil {
			t.Errorf("%s: %v", c.ISO, err)
			continue
		}
		if want := fmt.Sprintf("%03d", r.M49()); c.Numeric != want {
			t.Errorf("%s (%s): numeric %s, CLDR has %s", c.ISO, c.Name, c.Numeric, want)
		}
	}
	// Every state but Kosovo, and the dependencies the map draws.
	if states := len(g.Countries()) - 1; n < states+40 {
		t.Errorf("%d numeric codes, want every state's (%d) and the territories'", n, states)
	}
}

// Territories are places, not states, and never shadow one.
func TestTerritories(t *testing.T) {
	g := Default()
	for _, c := range g.Territories() {
		if c.State || c.UNMember {
			t.Errorf("%s: a territory marked as a state or UN member", c.ISO)
		}
		if _, ok := g.Country(c.ISO); ok {
			t.Errorf("%s is both a state and a territory", c.ISO)
		}
		r, err := language.ParseRegion(c.ISO)
		if err != nil {
			t.Errorf("%s: not an ISO 3166-1 code nor a user-assigned one: %v", c.ISO, err)
			continue
		}
		if r.IsPrivateUse() && len(c.HSG) == 0 {
			t.Errorf("%s: a user-assigned code serves only an Office of the Historian entity, and has no hsg ids", c.ISO)
		}
	}
	for _, c := range g.Countries() {
		if !c.State {
			t.Errorf("%s: a state not marked as one", c.ISO)
		}
	}
}

func TestCodeLookups(t *testing.T) {
	tests := []struct {
		lookup, key string
		iso, name   string // "" iso: not found
		record      string // RecordName
		until       int
	}{
		{"hsg", "afghanistan", "AF", "Afghanistan", "Afghanistan", 0},
		{"hsg", "turkey", "TR", "Türkiye", "Türkiye", 0},
		{"hsg", "turkiye", "TR", "Türkiye", "Türkiye", 0}, // the records' id since the rename
		{"hsg", "czechia", "CZ", "Czechia", "Czechia", 0},
		{"hsg", "somoa", "WS", "Samoa", "Samoa", 0}, // a typo in the visits data
		{"hsg", "west-bank", "PS", "Palestine", "Palestinian Territories", 0},
		{"hsg", "burma", "MM", "Myanmar", "Burma", 0},
		{"hsg", "estonia", "EE", "Estonia", "Estonia", 0}, // gsh gives "ew"
		{"hsg", "cook-islands", "CK", "Cook Islands", "Cook Islands", 0},
		{"hsg", "macau", "MO", "Macao", "Macao", 0},
		{"hsg", "korea", "XB", "Korea", "Korea", 1948},
		{"hsg", "yugoslavia", "XI", "Yugoslavia", "Yugoslavia", 0},
		{"hsg", "Turkey", "", "", "", 0}, // ids are exact
		{"hsg", "atlantis", "", "", "", 0},
		{"numeric", "004", "AF", "Afghanistan", "Afghanistan", 0},
		{"numeric", "4", "AF", "Afghanistan", "Afghanistan", 0},
		{"numeric", "840", "US", "United States", "United States", 0},
		{"numeric", "060", "BM", "Bermuda", "Bermuda", 0}, // a territory
		{"numeric", "010", "AQ", "Antarctica", "Antarctica", 0},
		{"numeric", "999", "", "", "", 0},
		{"numeric", "", "", "", "", 0},
	}
	for _, tt := range tests {
		var c Country
		var ok bool
		if tt.lookup == "hsg" {
			c, ok = LookupHSG(tt.key)
		} else {
			c, ok = LookupNumeric(tt.key)
		}
		if ok != (tt.iso != "") || c.ISO != tt.iso || c.Name != tt.name || c.RecordName() != tt.record || c.HSGUntil != tt.until {
			t.Errorf("%s(%q) = %s %q (record name %q, until %d), %v; want %s %q (%q, %d)",
				tt.lookup, tt.key, c.ISO, c.Name, c.RecordName(), c.HSGUntil, ok, tt.iso, tt.name, tt.record, tt.until)
		}
	}
}

// HSGCountries are exactly the places with ids, and each id is found again.
func TestHSGCountries(t *testing.T) {
	g := Default()
	ids := 0
	for _, c := range g.HSGCountries() {
		for _, id := range c.HSG {
			ids++
			if got, ok := g.HSG(id); !ok || got.ISO != c.ISO {
				t.Errorf("HSG(%q) = %s, %v; want %s", id, got.ISO, ok, c.ISO)
			}
		}
	}
	if len(g.byHSG) != ids {
		t.Errorf("%d ids indexed, %d listed", len(g.byHSG), ids)
	}
}

// Load refuses tables whose codes would make a lookup ambiguous or wrong.
func TestLoadRejectsBadCodes(t *testing.T) {
	tests := []struct {
		name, countries, territories, err string
	}{
		{"hsg id twice", "- {iso: AF, name: Afghanistan, hsg: [afghanistan]}\n- {iso: AL, name: Albania, hsg: [afghanistan]}\n", "",
			`hsg id "afghanistan" is already AF's`},
		{"hsg id in both files", "- {iso: AF, name: Afghanistan, hsg: [afghanistan]}\n", "- {iso: XB, name: Korea, hsg: [afghanistan]}\n",
			`territories.yaml: XB: hsg id "afghanistan" is already AF's`},
		{"numeric twice", "- {iso: AF, name: Afghanistan, numeric: \"004\"}\n", "- {iso: BM, name: Bermuda, numeric: \"004\"}\n",
			"numeric 004 is already AF's"},
		{"unquoted numeric", "- {iso: AF, name: Afghanistan, numeric: 4}\n", "", `numeric "4" is not three digits`},
		{"code in both files", "- {iso: AF, name: Afghanistan}\n", "- {iso: AF, name: Afghanistan}\n", "territories.yaml: AF listed twice"},
		{"until without ids", "", "- {iso: XB, name: Korea, hsg_until: 1948}\n", "hsg_until without hsg ids"},
		{"state with a region", "- {iso: AF, name: Afghanistan, region: sca}\n", "", "belong in territories.yaml"},
		{"territory with demonyms", "", "- {iso: BM, name: Bermuda, demonyms: [Bermudian]}\n", "text is not matched against territories"},
		{"territory without a name", "", "- {iso: BM}\n", "territories.yaml: row 1: iso and name are required"},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{
			"data/countries.yaml":     {Data: []byte(tt.countries)},
			"data/territories.yaml":   {Data: []byte(tt.territories)},
			"data/organizations.yaml": {Data: []byte("[]")},
			"data/people.yaml":        {Data: []byte("[]")},
			"data/titles.yaml":        {Data: []byte("{}")},
			"data/places.yaml":        {Data: []byte("{}")},
			"data/names.yaml":         {Data: []byte("{}")},
		}
		_, err := Load(fsys)
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: Load: %v, want an error containing %q", tt.name, err, tt.err)
		}
	}
}
