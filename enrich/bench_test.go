package enrich

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkEnrich reads the annotated articles' texts as one long article and
// reports throughput in MB/s.
func BenchmarkEnrich(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(evalSet(b, "articles"), "*.txt"))
	var bodies []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		d, err := ParseEval(data)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, d.Body)
	}
	doc := Doc{Title: "Benchmark", Body: strings.Join(bodies, "\n\n")}
	e := Default()
	b.SetBytes(int64(len(doc.Body)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e.Enrich(doc)
	}
}
