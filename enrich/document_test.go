package enrich

import (
	"strings"
	"testing"
)

func TestParseEval(t *testing.T) {
	d, err := ParseEval([]byte("URL: https://example.org/a\nTITLE: A Title\n\nFirst paragraph.\n\nSecond."))
	if err != nil || d.URL != "https://example.org/a" || d.Title != "A Title" || d.Body != "First paragraph.\n\nSecond." {
		t.Fatalf("ParseEval = %+v, %v", d, err)
	}
	if _, err := ParseEval([]byte("TITLE: no url\n\nbody")); err == nil {
		t.Error("a file without URL: parsed")
	}
}

func TestParseMarkdown(t *testing.T) {
	src := "---\ntitle: \"Allies Meet\"\ndate: 2025-02-13\nurl: https://example.org/m\n---\n\n" +
		"**Kenya** and [Japan](https://x.test/jp) met. ![map](m.png) <b>Done</b>.\n"
	d, err := ParseArticle([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Allies Meet" || d.Date != "2025-02-13" || d.URL != "https://example.org/m" {
		t.Errorf("front matter = %+v", d)
	}
	if strings.ContainsAny(d.Body, "*[]()<>!") || !strings.Contains(d.Body, "Kenya") {
		t.Errorf("body keeps Markdown syntax: %q", d.Body)
	}
	// Syntax is blanked, not removed: the words keep their places.
	if i := strings.Index(src, "Japan"); !strings.HasSuffix(src[:i+5], "Japan") {
		t.Fatal("fixture")
	}
	r := Enrich(d)
	if strings.Join(r.Countries, ",") != "JP,KE" {
		t.Errorf("countries %v", r.Countries)
	}
	for _, m := range r.Mentions {
		if got := d.Body[m.Start:m.End]; m.Kind == KindCountry && got != "Kenya" && got != "Japan" {
			t.Errorf("mention offsets point at %q", got)
		}
	}
	if _, err := ParseMarkdown([]byte("---\ntitle: x\nno end")); err == nil {
		t.Error("unterminated front matter parsed")
	}
	if d, _ := ParseMarkdown([]byte("# Heading Title\n\nText.")); d.Title != "Heading Title" {
		t.Errorf("title from heading = %q", d.Title)
	}
}

func TestTokenize(t *testing.T) {
	text := "U.S. Gen. Ray Holt’s “visit” to Kosiniak-Kamysz, 1,000 troops. Yunus' bank"
	var words []string
	for _, tk := range tokenize(text) {
		words = append(words, text[tk.start:tk.end])
	}
	want := []string{"U.S.", "Gen.", "Ray", "Holt", "’s", "“", "visit", "”", "to", "Kosiniak", "-", "Kamysz", ",",
		"1,000", "troops", ".", "Yunus", "'", "bank"}
	if strings.Join(words, "|") != strings.Join(want, "|") {
		t.Errorf("tokens\n%q\nwant\n%q", words, want)
	}
}
