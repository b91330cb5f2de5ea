package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
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

// ingestDay is the day the tests ingest on: after the snapshot's last
// record (2025-02-19), so that a year's margin ends on 2026-03-01.
var ingestDay = time.Date(2025, time.February, 28, 15, 4, 5, 0, time.UTC)

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
		// Dates that parse but cannot be: the review's 9999 made Germany's
		// series run to the year 9999.
		{"trip dated 9999", blinken, "<start-date>2021-06-23</start-date>\n        <end-date>2021-06-24</end-date>",
			"<start-date>9999-06-23</start-date>\n        <end-date>9999-06-24</end-date>",
			[]string{blinken + ":321:", "trip 4010", "start-date", "9999-06-23 is after 2026-03-01, a year past the day of this ingest"}},
		{"trip dated 0001", blinken, "<start-date>2021-06-23</start-date>\n        <end-date>2021-06-24</end-date>",
			"<start-date>0001-06-23</start-date>\n        <end-date>0001-06-24</end-date>",
			[]string{blinken + ":321:", "trip 4010", "start-date", "0001-06-23 is before 1776-07-04"}},
		{"trip ending past the horizon", blinken, "<end-date>2021-06-24</end-date>", "<end-date>2031-06-24</end-date>",
			[]string{blinken + ":322:", "trip 4010", "end-date", "2031-06-24 is after 2026-03-01"}},
		{"trip before the traveller's term", blinken, "<start-date>2021-06-23</start-date>\n        <end-date>2021-06-24</end-date>",
			"<start-date>2019-06-23</start-date>\n        <end-date>2019-06-24</end-date>",
			[]string{blinken + ":321:", "trip 4010", "start-date", "2019-06-23 to 2019-06-24 is outside blinken-antony-j's terms as Secretary of State (2021-01-26..2025-01-20)"}},
		{"trip after the traveller's term", blinken, "<end-date>2021-06-24</end-date>", "<end-date>2025-06-24</end-date>",
			[]string{blinken + ":322:", "trip 4010", "end-date", "2021-06-23 to 2025-06-24 is outside blinken-antony-j's terms"}},
		{"visit dated 9999", "visits/data/2020.xml", "<start-date>2020-01-07</start-date>\n        <end-date>2020-01-07</end-date>",
			"<start-date>9999-01-07</start-date>\n        <end-date>9999-01-07</end-date>",
			[]string{"visits/data/2020.xml:5:", "visit 2991", "start-date", "9999-01-07 is after"}},
		{"visit dated 1700", "visits/data/2020.xml", "<start-date>2020-01-07</start-date>\n        <end-date>2020-01-07</end-date>",
			"<start-date>1700-01-07</start-date>\n        <end-date>1700-01-07</end-date>",
			[]string{"visits/data/2020.xml:5:", "visit 2991", "start-date", "1700-01-07 is before 1776-07-04"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := shared.CopyHSG(t)
			edit(t, root, tt.file, tt.old, tt.new)
			_, err := ingest.LoadOn(context.Background(), os.DirFS(root), root, nil, ingestDay)
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

// TestPlausibleDatesKeepTheRecord ingests the real snapshot under the date
// checks: none of its 7,531 trips is refused, and the 17 trips Presidents
// made as President-elect (15 to 106 days before taking office) are kept.
// Secretaries' trips all fall within their terms; the slack covers the
// records dated on a transition day.
func TestPlausibleDatesKeepTheRecord(t *testing.T) {
	root := shared.HSG(t)
	d, err := ingest.LoadOn(context.Background(), os.DirFS(root), root, nil, ingestDay)
	if err != nil {
		t.Fatalf("the real snapshot is refused: %v", err)
	}
	terms := map[string]shuttle.Date{}
	for _, tr := range d.Travelers {
		for _, term := range tr.Terms {
			if _, seen := terms[tr.ID]; term.Role == shuttle.RolePresident && !seen {
				terms[tr.ID] = term.Start // the first: Terms are in order
			}
		}
	}
	elect := map[string]int{}
	for _, tr := range d.Trips {
		if start, ok := terms[tr.TravelerID]; ok && tr.Role == shuttle.RolePresident && tr.Start.Before(start) {
			elect[tr.TravelerID]++
		}
	}
	want := map[string]int{"taft-william-howard": 1, "wilson-woodrow": 1, "harding-warren-g": 2, "hoover-herbert-c": 10,
		"roosevelt-franklin-d": 1, "eisenhower-dwight-d": 1, "reagan-ronald": 1}
	if fmt.Sprint(elect) != fmt.Sprint(want) {
		t.Errorf("trips made before taking office: %v\nwant %v", elect, want)
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
