package ingest

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/shuttlenews/shuttle/gazetteer"
	"github.com/shuttlenews/shuttle/hsg"
)

// validISO serves the gsh ids the gazetteer does not know yet.
func TestValidISO(t *testing.T) {
	tests := []struct {
		code, want, err string
	}{
		{"jp", "JP", ""},
		{"bu", "MM", ""}, // deprecated, replaced by its successor
		{"xi", "XI", ""}, // user-assigned, historical
		{"qr", "QR", ""},
		{"ew", "", "not an ISO 3166-1 code"}, // estonia's, corrected by the gazetteer, not here
		{"an", "", "no longer"},              // the gazetteer gives the Netherlands Antilles theirs
		{"cs", "", "no longer"},
		{"", "", "not a two-letter code"},
		{"usa", "", "not a two-letter code"},
	}
	for _, tt := range tests {
		got, err := validISO(tt.code)
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("validISO(%q) = %q, %v; want %q, error containing %q", tt.code, got, err, tt.want, tt.err)
		}
	}
}

// readGSH decodes the real gsh countries-old table.
func readGSH(t *testing.T) []hsg.Country {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(hsgDir(t), "gsh", "data", "countries-old", "*.xml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("gsh countries-old: %v (%d files)", err, len(files))
	}
	var out []hsg.Country
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		d := hsg.NewCountryDecoder(r, f)
		for {
			c, err := d.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, c)
		}
		r.Close()
	}
	return out
}

// TestGazetteerMatchesGSH holds the gazetteer to upstream's table: it knows
// every gsh id (so no code comes from the fallback today), and its code is
// gsh's own, validated, except for the ids listed here, where gsh's code is
// wrong or withdrawn. A slip in the gazetteer's hsg ids fails here.
func TestGazetteerMatchesGSH(t *testing.T) {
	overridden := map[string]string{
		"estonia":              "EE", // gsh: ew, never an ISO code
		"cook-islands":         "CK", // gsh: cw, which is Curaçao
		"macau":                "MO", // gsh: xj; Macao has had MO since 1974
		"netherlands-antilles": "AN", // gsh: an, withdrawn in 2010 but reserved, hence the gazetteer's
	}
	gz := gazetteer.Default()
	seen := map[string]bool{}
	for _, g := range readGSH(t) {
		k, ok := gz.HSG(g.ID)
		if !ok {
			t.Errorf("gsh id %q (%s) is not in the gazetteer", g.ID, g.Label)
			continue
		}
		want, ok := overridden[g.ID]
		if ok {
			seen[g.ID] = true
		} else {
			var err error
			if want, err = validISO(g.ISO2); err != nil {
				t.Errorf("gsh id %q: %v, and no correction is expected", g.ID, err)
				continue
			}
		}
		if k.ISO != want {
			t.Errorf("gsh id %q (iso2 %q) is %s in the gazetteer, want %s", g.ID, g.ISO2, k.ISO, want)
		}
	}
	for id := range overridden {
		if !seen[id] {
			t.Errorf("gsh no longer lists %q: drop it from the expected corrections", id)
		}
	}
}

// TestResolvedIDs: every record resolves (Load fails on one that does not),
// one country per code with every id that resolves to it, and the ids the
// records use besides gsh's, renamed states among them, land on the state.
func TestResolvedIDs(t *testing.T) {
	d := realDatasetInternal(t)
	gsh := readGSH(t)
	codes := map[string]bool{}
	for _, c := range d.Countries {
		if codes[c.ISO] {
			t.Errorf("%s listed twice", c.ISO)
		}
		codes[c.ISO] = true
	}
	// Each gsh id is one entry, many ids may share a code: the dataset has a
	// country per distinct code, plus the places gsh does not list.
	gz := gazetteer.Default()
	fromGSH := map[string]bool{}
	for _, g := range gsh {
		k, _ := gz.HSG(g.ID)
		fromGSH[k.ISO] = true
	}
	if extra := len(d.Countries) - len(fromGSH); extra < 0 || extra > 10 {
		t.Errorf("%d countries from %d gsh codes: want the gsh ones and a few places it lacks", len(d.Countries), len(fromGSH))
	}
	for _, tr := range d.Trips {
		if !codes[tr.Country] {
			t.Errorf("%s %d resolves to %s, which is not among the countries", tr.Role, tr.ID, tr.Country)
		}
	}
	tests := []struct{ id, iso, name string }{
		{"turkiye", "TR", "Türkiye"},
		{"turkey", "TR", "Türkiye"},
		{"czechia", "CZ", "Czechia"},
		{"north-macedonia", "MK", "North Macedonia"},
		{"eswatini", "SZ", "Eswatini"},
		{"congo-kinshasa", "CD", "Democratic Republic of the Congo"},
		{"somoa", "WS", "Samoa"},
		{"west-bank", "PS", "Palestinian Territories"},
		{"burma", "MM", "Burma"},
		{"antarctica", "AQ", "Antarctica"},
		{"vietnam-south", "XH", "South Vietnam"},
		{"netherlands-antilles", "AN", "Netherlands Antilles"},
	}
	for _, tt := range tests {
		found := false
		for _, c := range d.Countries {
			if slices.Contains(c.IDs, tt.id) {
				found = true
				if c.ISO != tt.iso || c.Name != tt.name {
					t.Errorf("id %q is %s %q, want %s %q", tt.id, c.ISO, c.Name, tt.iso, tt.name)
				}
			}
		}
		if !found {
			t.Errorf("id %q is on no country", tt.id)
		}
	}
}

// TestCodesMatchNames catches a gsh code that is valid but belongs to
// another country (cook-islands gave CW, Curaçao): every real code's CLDR
// name must share a word with the country's name, or be listed here.
func TestCodesMatchNames(t *testing.T) {
	d := realDatasetInternal(t)
	differs := map[string]bool{ // same country, no word in common
		"MM": true, "CI": true, "VA": true, "PS": true, "GB": true, "XK": true,
		"MO": true, "SZ": true, "TR": true, // CLDR keeps Macau, Swaziland, Turkey
	}
	for _, c := range d.Countries {
		r := language.MustParseRegion(c.ISO)
		if r.IsPrivateUse() || differs[c.ISO] {
			continue
		}
		cldr := display.English.Regions().Name(r)
		if cldr == "" && c.ISO == "AN" {
			continue // withdrawn, reserved for the Netherlands Antilles; CLDR names it no more
		}
		if !shareWord(cldr, c.Name) {
			t.Errorf("%s is %q in CLDR but %q here: is the code right?", c.ISO, cldr, c.Name)
		}
	}
}

func shareWord(a, b string) bool {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !('a' <= r && r <= 'z') && r < 0x80 })
	}
	for _, x := range words(a) {
		for _, y := range words(b) {
			if len(x) > 2 && x == y {
				return true
			}
		}
	}
	return false
}

// The Netherlands Antilles (dissolved 2010) keep AN: ISO 3166-1 reserves it
// for them (ISO 3166-3: ANHH), and other datasets use it; a private-use code
// would join with nothing.
func TestNetherlandsAntillesAreAN(t *testing.T) {
	d := realDatasetInternal(t)
	n := 0
	for _, tr := range d.Trips {
		if tr.CountryID == "netherlands-antilles" || tr.CountryName == "Netherlands Antilles" {
			n++
			if tr.Country != "AN" {
				t.Errorf("%s %d (%s, %q) resolves to %s, want AN", tr.Role, tr.ID, tr.CountryID, tr.CountryName, tr.Country)
			}
		}
	}
	if n == 0 {
		t.Fatal("no Netherlands Antilles records: the test checks nothing")
	}
	if c, ok := gazetteer.LookupHSG("netherlands-antilles"); !ok || c.ISO != "AN" {
		t.Errorf("gazetteer: netherlands-antilles is %s, %v; want AN", c.ISO, ok)
	}
}
