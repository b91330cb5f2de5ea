package ingest

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

func TestValidISO(t *testing.T) {
	tests := []struct {
		id, code, want, err string
	}{
		{"japan", "jp", "JP", ""},
		{"burma", "bu", "MM", ""}, // deprecated, replaced by its successor
		{"estonia", "ew", "EE", ""},
		{"cook-islands", "cw", "CK", ""},
		{"macau", "xj", "MO", ""},
		{"netherlands-antilles", "an", "XN", ""},
		{"yugoslavia", "xi", "XI", ""}, // user-assigned, historical
		{"parma", "qr", "QR", ""},
		{"somewhere", "ew", "", "not an ISO 3166-1 code"}, // the correction is per id
		{"serbia", "cs", "", "no longer"},
		{"x", "", "", "not a two-letter code"},
		{"x", "usa", "", "not a two-letter code"},
	}
	for _, tt := range tests {
		got, err := validISO(tt.id, tt.code)
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("validISO(%q, %q) = %q, %v; want %q, error containing %q", tt.id, tt.code, got, err, tt.want, tt.err)
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
