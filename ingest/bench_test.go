package ingest_test

import (
	"context"
	"os"
	"testing"

	"github.com/shuttlenews/shuttle/ingest"
	"github.com/shuttlenews/shuttle/internal/shared"
)

// BenchmarkLoad is the whole ingest of the real records, less the store:
// decoding, country resolution, dedupe, the date checks and each stop's
// purpose.
func BenchmarkLoad(b *testing.B) {
	dir := shared.HSG(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ingest.Load(context.Background(), os.DirFS(dir), dir, nil); err != nil {
			b.Fatal(err)
		}
	}
}
