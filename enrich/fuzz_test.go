package enrich

import (
	"testing"
)

// FuzzEnrich feeds arbitrary text to the reader: it must not panic, and every
// offset it reports must lie within the body and on a rune boundary.
func FuzzEnrich(f *testing.F) {
	for _, s := range []string{
		"",
		`"A," he said. "B."`,
		"U.S. Secretary of State Jane Ortiz said: “It’s done.”\n\nShe left.",
		"Gen. [John R.] Allen, Jr., of Jordan’s",
		"Władysław Kosiniak-Kamysz — Sébastien Lecornu said",
		"\"unclosed quote\n\n“and another",
		"By\n\nthe\"'’s'’-–[(",
		"\xff\xfe broken utf8 “\xe2\x80",
	} {
		f.Add("Title", s)
	}
	f.Fuzz(func(t *testing.T, title, body string) {
		r := Enrich(Doc{Title: title, Body: body})
		// Rune boundaries as Go decodes the text: an invalid byte is a rune
		// of its own.
		boundary := map[int]bool{len(body): true}
		for i := range body {
			boundary[i] = true
		}
		check := func(what string, s, e int) {
			if s < 0 || e > len(body) || s > e {
				t.Fatalf("%s offsets [%d,%d) outside a body of %d bytes", what, s, e, len(body))
			}
			if !boundary[s] || !boundary[e] {
				t.Fatalf("%s offsets [%d,%d) split a rune", what, s, e)
			}
		}
		for _, m := range r.Mentions {
			check(m.Kind, m.Start, m.End)
		}
		for _, q := range r.Quotes {
			check("quote", q.Start, q.End)
		}
	})
}
