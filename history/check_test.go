package history_test

import (
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/history"
)

// TestCheckNormalisedClaims checks the evaluation's claims as it normalised
// them: the verdicts and the decisive records are the evaluation's, derived
// by its own script from the same snapshot.
func TestCheckNormalisedClaims(t *testing.T) {
	r, _ := records(t)
	for _, c := range evalClaims(t) {
		t.Run(c.ID, func(t *testing.T) {
			got := r.Check(c.normalised())
			if got.Verdict != c.Verdict {
				t.Errorf("verdict %s (%s), want %s\n%s", got.Verdict, got.Reason, c.Verdict, texts(got))
			}
			// The evaluation's event and previous records start on the days
			// its evidence prints; ours must name the same days.
			for _, line := range c.Evidence {
				rel, rest, ok := strings.Cut(line, ": ")
				if !ok || (rel != "event" && rel != "previous") {
					continue
				}
				day := rest[:len(shuttle.DateLayout)]
				if !hasEvidence(got, rel, day) {
					t.Errorf("no %s record starting %s in\n%s", rel, day, texts(got))
				}
			}
		})
	}
}

func hasEvidence(c history.Check, rel, day string) bool {
	for _, e := range c.Evidence {
		for _, rec := range e.Records {
			if e.Relation == rel && rec.Start.String() == day {
				return true
			}
		}
	}
	return false
}

func texts(c history.Check) string {
	var b strings.Builder
	for _, e := range c.Evidence {
		b.WriteString("  " + e.Text + "\n")
	}
	return b.String()
}
