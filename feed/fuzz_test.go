package feed

import (
	"bytes"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle/content"
)

// FuzzParseFeed runs the whole path from a feed body to articles: no input
// may panic, and every article must have a title, a valid slug and HTML the
// independent oracle finds safe. Seeds: testdata/fuzz/FuzzParseFeed and the
// sample feeds in testdata. Minimising new inputs dominates a run unless it
// is bounded:
//
//	go test ./feed -run '^$' -fuzz FuzzParseFeed -fuzzminimizetime 1s
func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"sample.rss", "sample.atom"} {
		f.Add(sampleFeed(f, name))
	}
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := parseFeed(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, it := range feed.Items {
			if it == nil {
				continue
			}
			a, keys, err := toArticle("https://example.org/feed", it, now)
			if err != nil {
				continue
			}
			if a.Title == "" || !content.ValidSlug(a.Slug) || a.Date.IsZero() || len(keys) == 0 {
				t.Fatalf("bad article: %+v keys %v", a, keys)
			}
			if err := unsafeHTML(a.HTML); err != nil {
				t.Fatalf("unsafe HTML (%v):\n%s", err, a.HTML)
			}
			if content.CheckImageURL(a.Image) != nil || (a.Source != "https://example.org/feed" && webURL(a.Source) == "") {
				t.Fatalf("unsafe image %q or source %q", a.Image, a.Source)
			}
		}
	})
}
