package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle/gazetteer"
)

// The committed codes.tsv is what the gazetteer gives today: a change to
// either without go generate ./web fails here.
func TestCodesUpToDate(t *testing.T) {
	f, err := os.Open("../../mapdata/countries.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, err := generate(f, gazetteer.Default())
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../mapdata/codes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("web/mapdata/codes.tsv is stale: run go generate ./web")
	}
}

func TestGenerate(t *testing.T) {
	tests := []struct {
		name, shapes, want, err string
	}{
		{"state", "840\tUnited States of America\tM0z\t\n", "840\tUnited States of America\tUS\n", ""},
		{"zeros kept", "004\tAfghanistan\tM0z\t\n", "004\tAfghanistan\tAF\n", ""},
		{"territory", "060\tBermuda\tM0z\t1,2\n", "060\tBermuda\tBM\n", ""},
		{"unnumbered state", "-\tKosovo\tM0z\t\n", "-\tKosovo\tXK\n", ""},
		{"unnumbered, no state", "-\tSomaliland\tM0z\t\n", "-\tSomaliland\t\n", ""},
		{"unnumbered, a demonym is no name", "-\tKosovar\tM0z\t\n", "-\tKosovar\t\n", ""},
		{"comments skipped", "# viewBox 0 0 960 431\n\n356\tIndia\tM0z\t\n", "356\tIndia\tIN\n", ""},
		{"unknown numeric", "999\tAtlantis\tM0z\t\n", "", "999 (Atlantis) has a numeric code the gazetteer does not know"},
		{"short line", "840\tUnited States\n", "", "line 1"},
	}
	for _, tt := range tests {
		got, err := generate(strings.NewReader(tt.shapes), gazetteer.Default())
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if body := strings.TrimPrefix(string(got), header); body != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, body, tt.want)
		}
	}
}
