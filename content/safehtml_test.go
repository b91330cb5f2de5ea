package content

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shuttlenews/shuttle/internal/xss"
)

// unsafeHTML is the test oracle for the sanitiser: the first thing in s a
// page must not serve. It is shared with feed's tests (internal/xss), and
// written independently of the policy it checks.
func unsafeHTML(s string) error { return xss.CheckFragment(s) }

// TestSanitizeVectors feeds every vector of the shared corpus, as raw HTML,
// to the policy: what a feed could deliver.
func TestSanitizeVectors(t *testing.T) {
	for _, v := range xss.Vectors() {
		if out := Sanitize(v.Payload); unsafeHTML(out) != nil {
			t.Errorf("%s: Sanitize let through %v:\n%s", v.Name, unsafeHTML(out), out)
		}
	}
}

// TestParseVectors puts every vector in an article's Markdown body, alone
// and embedded in the Markdown constructs that give it a different context
// (link text, list item, blockquote, table cell), and checks the HTML.
func TestParseVectors(t *testing.T) {
	contexts := map[string]string{
		"alone":      "%s\n",
		"paragraph":  "Before %s after.\n",
		"link text":  "[%s](https://example.org/)\n",
		"list item":  "- %s\n- next\n",
		"blockquote": "> %s\n",
		"table cell": "| a |\n|---|\n| %s |\n",
		"emphasis":   "**%s**\n",
	}
	for _, v := range xss.Vectors() {
		for ctx, tmpl := range contexts {
			body := strings.Replace(tmpl, "%s", v.Payload, 1)
			a, err := Parse("a.md", []byte("---\ntitle: T\ndate: 2024-01-02\n---\n"+body))
			if !utf8.ValidString(v.Payload) {
				// Invalid UTF-8 is refused outright, with the line.
				var ce *Error
				if !errors.As(err, &ce) || ce.Line == 0 || !strings.Contains(err.Error(), "not valid UTF-8") {
					t.Errorf("%s (%s): err = %v, want a line-numbered UTF-8 error", v.Name, ctx, err)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s (%s): %v", v.Name, ctx, err)
				continue
			}
			if err := unsafeHTML(a.HTML); err != nil {
				t.Errorf("%s (%s): unsafe HTML (%v):\n%s", v.Name, ctx, err, a.HTML)
			}
		}
	}
}

// TestOracleCatches keeps the oracle honest: raw, most vectors are unsafe,
// so an oracle that passes them would make every test above vacuous.
func TestOracleCatches(t *testing.T) {
	caught, vs := 0, xss.Vectors()
	for _, v := range vs {
		if unsafeHTML(v.Payload) != nil {
			caught++
		}
	}
	// The rest are Markdown, text-only encodings and attribute breakouts,
	// which are not HTML until a renderer or a template makes them so.
	if caught < len(vs)*2/3 {
		t.Errorf("the oracle flags only %d of %d raw vectors", caught, len(vs))
	}
	for _, s := range []string{`<a href="jav&#x09;ascript:x">`, `<button formaction="javascript:x">`, `<p STYLE="x">`, `<img srcset="x, javascript:y 2x">`} {
		if unsafeHTML(s) == nil {
			t.Errorf("oracle passes %s", s)
		}
	}
}
