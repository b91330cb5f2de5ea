package enrich

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/internal/shared"
)

// TestClaimsRead reads each development claim's sentence as an article of
// its date and address, and compares what the reader finds with the
// evaluation's normalised claim: kind, role, country, and the visit's day
// within the evaluation's own 2-day tolerance.
func TestClaimsRead(t *testing.T) {
	b, err := os.ReadFile(shared.Path(t, "eval", "claims", "claims.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cs []struct {
		ID, URL, Published, Sentence string
		Claim                        struct {
			Kind      string       `json:"kind"`
			Role      shuttle.Role `json:"role"`
			Country   string       `json:"country"`
			EventDate shuttle.Date `json:"event_date"`
			SinceYear int          `json:"since_year"`
			Years     int          `json:"years"`
			N         int          `json:"n"`
		} `json:"claim"`
	}
	if err := json.Unmarshal(b, &cs); err != nil || len(cs) == 0 {
		t.Fatalf("claims.json: %v (%d claims)", err, len(cs))
	}
	e := Default()
	for _, c := range cs {
		t.Run(c.ID, func(t *testing.T) {
			d := Doc{URL: c.URL, Date: c.Published, Body: c.Sentence}
			r := e.Enrich(d)
			got := e.Claims(d, r, e.Visits(d, r))
			if len(got) != 1 {
				t.Fatalf("%d claims, want 1: %+v", len(got), got)
			}
			g, w := got[0], c.Claim
			if g.Kind != w.Kind || g.Role != w.Role || g.Country != w.Country || g.SinceYear != w.SinceYear || g.Years != w.Years || g.N != w.N {
				t.Errorf("read %s %s %s since %d years %d n %d, want %s %s %s since %d years %d n %d",
					g.Kind, g.Role, g.Country, g.SinceYear, g.Years, g.N, w.Kind, w.Role, w.Country, w.SinceYear, w.Years, w.N)
			}
			// Only the records can say which day a visit the text leaves
			// undated was; a day the text gives must be the event's.
			if g.When.Exact && (g.When.End.Before(w.EventDate.AddDays(-2)) || g.When.Start.After(w.EventDate.AddDays(2))) {
				t.Errorf("visit on %s..%s, want near %s", g.When.Start, g.When.End, w.EventDate)
			}
			if g.Start < 0 || g.End > len(c.Sentence) || c.Sentence[g.Start:g.End] != g.Sentence {
				t.Errorf("offsets %d..%d do not give the sentence", g.Start, g.End)
			}
		})
	}
}

// TestNoClaimsInPlainNews: the annotated government texts (read through)
// state no "first since" facts of the kinds read here; a reader that finds
// claims in every "first" fails here.
func TestNoClaimsInPlainNews(t *testing.T) {
	dir := shared.Path(t, "eval", "articles")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	e := Default()
	n := 0
	for _, f := range files {
		if len(f.Name()) < 4 || f.Name()[len(f.Name())-4:] != ".txt" {
			continue
		}
		data, err := os.ReadFile(dir + "/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseEval(data)
		if err != nil {
			t.Fatal(err)
		}
		r := e.Enrich(d)
		for _, c := range e.Claims(d, r, e.Visits(d, r)) {
			n++
			t.Logf("%s: %s claim %q (%s)", f.Name(), c.Kind, c.Sentence, c.Problem)
		}
	}
	if n > 0 {
		t.Errorf("%d claims in %s, which states none", n, dir)
	}
}
