package enrich

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evalDir is the annotated articles shipped beside the repository (shared/eval
// next to the checkout); SHUTTLE_EVAL_DIR points elsewhere.
func evalDir(t testing.TB) string {
	if d := os.Getenv("SHUTTLE_EVAL_DIR"); d != "" {
		return d
	}
	d := filepath.Join("..", "..", "shared", "eval", "articles")
	if _, err := os.Stat(d); err != nil {
		t.Skipf("no annotated articles at %s (set SHUTTLE_EVAL_DIR)", d)
	}
	return d
}

// TestEvaluate holds enrichment to the quality targets on the annotated
// articles; it fails when a change makes any measure regress below them.
func TestEvaluate(t *testing.T) {
	r, err := Evaluate(evalDir(t))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	r.WriteTo(&b)
	if testing.Verbose() {
		r.WriteDetails(&b)
	}
	t.Log("\n" + b.String())
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"countries F1", r.Countries.F1(), 0.98},
		{"organizations F1", r.OrganizationTypes.F1(), 0.90},
		{"people F1", r.People.F1(), 0.90},
		{"quotes F1", r.Quotes.F1(), 0.85},
		{"primary entity accuracy", r.Primary.Value(), 0.85},
	} {
		if c.got < c.want {
			t.Errorf("%s = %.3f, want ≥ %.2f", c.name, c.got, c.want)
		}
	}
}
