package ingest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/internal/shared"
)

// purposeLabel is one hand-labelled stop of ../shared/eval/purpose/labels.json.
type purposeLabel struct {
	ID           string  `json:"id"`
	Role         string  `json:"role"`
	Remarks      string  `json:"remarks"`
	Purpose      string  `json:"purpose"`
	Organization *string `json:"organization"`
	Meeting      *string `json:"meeting"`
	Evidence     string  `json:"evidence"`
}

// readPurposeLabels reads the development labels; without them the test
// skips, except under CI, where a missing file is a failure.
func readPurposeLabels(t *testing.T) []purposeLabel {
	t.Helper()
	path := shared.Path(t, "eval", "purpose", "labels.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && os.Getenv("CI") == "" {
		t.Skipf("%s: %v", path, err)
	}
	if err != nil {
		t.Fatalf("purpose labels: %v", err)
	}
	var labels []purposeLabel
	if err := json.Unmarshal(b, &labels); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(labels) == 0 {
		t.Fatalf("%s holds no labels", path)
	}
	return labels
}

// tally counts right answers of one role.
type tally struct{ stops, purpose, multi, org, meeting int }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestPurposeAccuracy measures the purpose read at ingest against the
// development labels (the stops labelled to develop on; other stops, labelled
// by the same guideline, measure it beyond the repository). Each label is
// matched to the real record by its id, so the figures are those of the
// ingest, not of a copy of the remark. The floors are today's figures: a
// change that loses accuracy fails here.
func TestPurposeAccuracy(t *testing.T) {
	labels := readPurposeLabels(t)
	d := realDataset(t)
	byID := map[string]shuttle.Trip{}
	for _, tr := range d.Trips {
		for _, id := range tr.SourceIDs {
			byID[fmt.Sprintf("%s/%d", tr.Role, id)] = tr
		}
	}
	// Floors per role on the development labels: purpose accuracy, and the
	// organisation's accuracy on the stops labelled multilateral.
	floors := map[string]struct{ purpose, org float64 }{
		"secretary": {0.95, 1.00},
		"president": {0.95, 1.00},
	}
	got := map[string]*tally{}
	for _, l := range labels {
		tr, ok := byID[l.Role+"/"+l.ID]
		if !ok {
			t.Errorf("label %s/%s: no such record in the snapshot", l.Role, l.ID)
			continue
		}
		if got[l.Role] == nil {
			got[l.Role] = &tally{}
		}
		c := got[l.Role]
		c.stops++
		if string(tr.Purpose) == l.Purpose {
			c.purpose++
		} else {
			t.Logf("%s/%s: purpose %s (evidence %q), labelled %s (%q)", l.Role, l.ID, tr.Purpose, tr.PurposeEvidence, l.Purpose, l.Evidence)
		}
		if l.Purpose != string(shuttle.PurposeMultilateral) {
			continue
		}
		c.multi++
		if l.Organization != nil && tr.Organization == *l.Organization {
			c.org++
		} else {
			t.Logf("%s/%s: organization %q, labelled %v", l.Role, l.ID, tr.Organization, deref(l.Organization))
		}
		if l.Meeting != nil && tr.Meeting == *l.Meeting {
			c.meeting++
		} else {
			t.Logf("%s/%s: meeting %q, labelled %v", l.Role, l.ID, tr.Meeting, deref(l.Meeting))
		}
	}
	for _, role := range []string{"secretary", "president"} {
		c := got[role]
		if c == nil {
			t.Errorf("%s: no labelled stops", role)
			continue
		}
		p, o := ratio(c.purpose, c.stops), ratio(c.org, c.multi)
		t.Logf("development labels, %s: purpose %d/%d = %.3f; organisation %d/%d = %.3f; meeting %d/%d = %.3f",
			role, c.purpose, c.stops, p, c.org, c.multi, o, c.meeting, c.multi, ratio(c.meeting, c.multi))
		if f := floors[role]; p < f.purpose || o < f.org {
			t.Errorf("%s: purpose %.3f (floor %.2f), organisation %.3f (floor %.2f)", role, p, f.purpose, o, f.org)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// TestPurposeOnEveryStop reads the purpose of all the real stops: every
// Secretary's and President's stop has one that agrees with itself, its
// evidence is words of its remark, foreign leaders' visits have none, and the
// counts the attendance insight will stand on are in the log (go test -v).
func TestPurposeOnEveryStop(t *testing.T) {
	d := realDataset(t)
	counts := map[shuttle.Role]map[shuttle.Purpose]int{}
	nato := map[int]int{}
	for _, tr := range d.Trips {
		if tr.Role == shuttle.RoleVisit {
			if tr.Purpose != "" {
				t.Errorf("visit %d: purpose %q, want none", tr.ID, tr.Purpose)
			}
			continue
		}
		if tr.Purpose == "" {
			t.Errorf("%s/%d: no purpose", tr.Role, tr.ID)
		}
		if !strings.Contains(strings.Join(strings.Fields(tr.Remarks), " "), tr.PurposeEvidence) {
			t.Errorf("%s/%d: evidence %q is not in the remark %q", tr.Role, tr.ID, tr.PurposeEvidence, tr.Remarks)
		}
		if counts[tr.Role] == nil {
			counts[tr.Role] = map[shuttle.Purpose]int{}
		}
		counts[tr.Role][tr.Purpose]++
		if tr.Role == shuttle.RoleSecretary && tr.Organization == "NATO" {
			nato[tr.Year()]++
		}
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, role := range []shuttle.Role{shuttle.RoleSecretary, shuttle.RolePresident} {
		var b strings.Builder
		for _, p := range shuttle.Purposes {
			fmt.Fprintf(&b, " %s=%d", p, counts[role][p])
		}
		t.Logf("%s stops by purpose:%s", role, b.String())
	}
	var years []string
	for y := 1997; y <= 2024; y++ {
		years = append(years, fmt.Sprintf("%d:%d", y, nato[y]))
	}
	t.Logf("Secretary's NATO stops per year, 1997–2024: %s", strings.Join(years, " "))
	// Secretaries attend NATO's foreign ministers about twice a year; 2020,
	// when the ministerials met by video, is the one year without a stop.
	// More gaps would be the reader losing NATO's meetings.
	var gaps []int
	for y := 1997; y <= 2024; y++ {
		if nato[y] == 0 {
			gaps = append(gaps, y)
		}
	}
	if !slices.Equal(gaps, []int{2020}) {
		t.Errorf("years 1997–2024 without a Secretary's NATO stop: %v, want [2020]", gaps)
	}
	if m := counts[shuttle.RoleSecretary][shuttle.PurposeMultilateral]; m < 400 {
		t.Errorf("%d multilateral Secretary's stops; the remarks name NATO alone at about 270", m)
	}
	if !slices.Contains(shuttle.Purposes, shuttle.PurposeOther) {
		t.Fatal("purposes lack transit_or_other")
	}
}
