package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle/ingest"
	"github.com/shuttlenews/shuttle/internal/shared"
)

// edit replaces the first occurrence of old in a file of the tree.
func edit(t *testing.T, root, file, old, new string) {
	t.Helper()
	path := filepath.Join(root, file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBadData damages one record at a time and checks that the ingest
// fails with a message naming the file, line and record.
func TestBadData(t *testing.T) {
	const blinken = "travels/secretary-travels/blinken-antony-j.xml"
	tests := []struct {
		name     string
		file     string
		old, new string
		want     []string
	}{
		{"date does not parse", blinken, "<start-date>2021-03-15</start-date>", "<start-date>2021-03-32</start-date>",
			[]string{blinken + ":7:", "trip 3992", "start-date", `"2021-03-32"`}},
		{"end before start", blinken, "<end-date>2021-03-17</end-date>", "<end-date>2021-03-01</end-date>",
			[]string{blinken + ":8:", "trip 3992", "end-date", "before start date"}},
		{"unknown country id", blinken, `<country id="japan">`, `<country id="atlantis">`,
			[]string{blinken + ":3:", "trip 3992", "country", `"atlantis"`}},
		{"unknown traveller", blinken, `who="blinken-antony-j"`, `who="nobody-at-all"`,
			[]string{blinken + ":3:", "trip 3992", "who", `"nobody-at-all"`}},
		{"malformed XML", "visits/data/2020.xml", "<visitor>Prime Minister Kyriakos Mitsotakis</visitor>", "<visitor>Prime Minister Kyriakos Mitsotakis</visiter>",
			[]string{"visits/data/2020.xml:7:", "malformed XML"}},
		{"id reused", blinken, "<id>4019</id>", "<id>3992</id>",
			[]string{blinken + ":18:", "3992", "also used at " + blinken + ":3:"}},
		{"korea after 1948 under another name", "visits/data/2010.xml", `<from id="korea">Korea, South</from>`, `<from id="korea">Somewhere</from>`,
			[]string{"visits/data/2010.xml:", "korea", "ended in 1948", `"Somewhere"`}},
		// gsh's code counts only for an id the gazetteer does not know yet
		// (the gazetteer's code wins for the others: see
		// TestGazetteerOverridesGSHCode), so these damage a new id.
		{"invalid ISO code in gsh", "gsh/data/countries-old/japan.xml", "<id>japan</id>\n    <iso2>jp</iso2>", "<id>nippon</id>\n    <iso2>jq</iso2>",
			[]string{"gsh/data/countries-old/japan.xml:", "country nippon", "iso2", `"jq"`}},
		{"withdrawn ISO code in gsh", "gsh/data/countries-old/serbia.xml", "<id>serbia</id>\n    <iso2>rs</iso2>", "<id>serbia-new</id>\n    <iso2>cs</iso2>",
			[]string{"country serbia-new", `"cs" is no longer`}},
		{"a state's id gone from gsh", "gsh/data/countries-old/japan.xml", "<id>japan</id>\n    <iso2>jp</iso2>", "<id>nippon</id>\n    <iso2>xq</iso2>",
			[]string{"lists none of JP's ids [japan]", "add its id to the gazetteer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := shared.CopyHSG(t)
			edit(t, root, tt.file, tt.old, tt.new)
			_, err := ingest.Load(context.Background(), os.DirFS(root), root, nil)
			if err == nil {
				t.Fatal("ingest succeeded")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
		})
	}
}

func TestMissingLayout(t *testing.T) {
	root := shared.CopyHSG(t)
	if err := os.RemoveAll(filepath.Join(root, "visits")); err != nil {
		t.Fatal(err)
	}
	_, err := ingest.Load(context.Background(), os.DirFS(root), root, nil)
	if err == nil || !strings.Contains(err.Error(), "visits/data/*.xml") {
		t.Fatalf("got %v, want an error naming visits/data/*.xml", err)
	}
}

// A code gsh gets wrong under an id the gazetteer knows changes nothing: the
// gazetteer is where shuttle's country knowledge lives, gsh's iso2 is
// upstream's opinion (it already gives Estonia "ew").
func TestGazetteerOverridesGSHCode(t *testing.T) {
	root := shared.CopyHSG(t)
	edit(t, root, "gsh/data/countries-old/japan.xml", "<iso2>jp</iso2>", "<iso2>jq</iso2>")
	d, err := ingest.Load(context.Background(), os.DirFS(root), root, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, tr := range d.Trips {
		if tr.CountryID == "japan" {
			n++
			if tr.Country != "JP" {
				t.Fatalf("%s %d under japan resolves to %s, want JP", tr.Role, tr.ID, tr.Country)
			}
		}
	}
	if n < 100 {
		t.Errorf("%d records under japan, want the hundreds the data has", n)
	}
}
