package editor

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/content"
	"github.com/shuttlenews/shuttle/enrich"
)

// realEnrich is the enricher cmd/shuttle's newsroom uses.
var realEnrich = enrich.Default().EnrichArticle

// TestSourceRoundTrip: what the edit form shows, saved unchanged, gives the
// article back exactly, overrides kept and enrichment not frozen into them.
func TestSourceRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../content/sample/*.md")
	if len(files) == 0 {
		t.Fatal("no sample articles")
	}
	tricky := []byte("---\ntitle: \"yes\"\ndate: 2024-01-02\nslug: tricky-one\nsummary: |-\n  two\n  lines: here\n" +
		"image_alt: \"null\"\nquote: {text: \"He said: \\\"no\\\"\", speaker: Ann Lee, title: Minister}\n" +
		"insight: {id: momentum, to: \"2024\", from: \"1997\", role: secretary}\n---\n# Heading\n\nText about France.\n")
	sources := map[string][]byte{"tricky.md": tricky}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources[filepath.Base(f)] = b
	}
	for name, src := range sources {
		for enrichName, enrichFn := range map[string]func(*shuttle.Article){"none": nil, "fake": fakeEnrich, "real": realEnrich} {
			t.Run(name+"/"+enrichName, func(t *testing.T) {
				parse := func(src []byte) *shuttle.Article {
					t.Helper()
					a, err := content.Parse(name, src)
					if err != nil {
						t.Fatalf("%v\n%s", err, src)
					}
					if enrichFn != nil {
						enrichFn(a)
					}
					return a
				}
				orig := parse(src)
				out, err := markdownSource(*orig, enrichFn)
				if err != nil {
					t.Fatal(err)
				}
				again := parse([]byte(out))
				if !reflect.DeepEqual(orig, again) {
					t.Errorf("round trip changed the article:\n%+v\n%+v\nsource:\n%s", orig, again, out)
				}
				if enrichFn != nil && !strings.Contains(string(src), "tag:") && strings.Contains(out, "tag:") {
					t.Errorf("an enriched tag became an override:\n%s", out)
				}
			})
		}
	}
}
