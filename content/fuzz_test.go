package content

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, that every failure is an
// *Error naming the file, and that every success has a title, a valid slug
// and HTML the independent oracle finds safe. Seeds: testdata/fuzz/FuzzParse
// and the sample articles.
func FuzzParse(f *testing.F) {
	samples, _ := filepath.Glob(filepath.Join("sample", "*.md"))
	for _, p := range samples {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		a, err := Parse("fuzz.md", src)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) || ce.File != "fuzz.md" {
				t.Fatalf("error %v is not an *Error for fuzz.md", err)
			}
			return
		}
		if a.Title == "" || !ValidSlug(a.Slug) || a.Date.IsZero() {
			t.Fatalf("bad article: title %q slug %q date %v", a.Title, a.Slug, a.Date)
		}
		if err := CheckImageURL(a.Image); err != nil {
			t.Fatalf("image passed validation at parse time but not now: %v", err)
		}
		if err := unsafeHTML(a.HTML); err != nil {
			t.Fatalf("unsafe HTML (%v):\n%s", err, a.HTML)
		}
	})
}
