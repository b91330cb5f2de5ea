package feed

import (
	"html"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
)

// blockTags end a paragraph when they open or close.
var blockTags = map[string]bool{
	"p": true, "div": true, "blockquote": true, "pre": true, "ul": true, "ol": true,
	"li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"table": true, "tr": true, "figure": true, "figcaption": true, "hr": true,
	"section": true, "article": true, "header": true, "footer": true,
}

// htmlToText extracts readable text: paragraphs separated by a blank line,
// <br> as a line break, list items prefixed "- ", whitespace collapsed and
// entities decoded. The content of script and style elements is dropped.
func htmlToText(s string) string {
	var t textBuilder
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0 // depth inside script/style
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return t.String() // io.EOF: a strings.Reader has no other error

		case xhtml.TextToken:
			if skip == 0 {
				t.text(string(z.Text()))
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tag == "script" || tag == "style":
				if tt == xhtml.StartTagToken {
					skip++
				} else if tt == xhtml.EndTagToken && skip > 0 {
					skip--
				}
			case tag == "br":
				t.lineBreak()
			case blockTags[tag]:
				t.paragraph()
				if tag == "li" && tt == xhtml.StartTagToken {
					t.pending = "- "
				}
			}
		}
	}
}

// textBuilder joins words with single spaces and paragraphs with blank lines.
type textBuilder struct {
	b       strings.Builder
	space   bool   // a space is due before the next word
	brk     string // a line or paragraph break is due
	pending string // a prefix for the next word ("- ")
}

func (t *textBuilder) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) {
			t.space = true
			continue
		}
		t.flush()
		t.b.WriteRune(r)
	}
}

func (t *textBuilder) flush() {
	switch {
	case t.b.Len() == 0:
	case t.brk != "":
		t.b.WriteString(t.brk)
	case t.space:
		t.b.WriteByte(' ')
	}
	t.b.WriteString(t.pending)
	t.brk, t.space, t.pending = "", false, ""
}

func (t *textBuilder) paragraph() { t.brk = "\n\n" }

func (t *textBuilder) lineBreak() {
	if t.brk == "" {
		t.brk = "\n"
	}
}

func (t *textBuilder) String() string { return t.b.String() }

// textToHTML turns a plain-text description into paragraphs, escaping it.
func textToHTML(s string) string {
	var b strings.Builder
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>")
			b.WriteString(html.EscapeString(p))
			b.WriteString("</p>\n")
		}
	}
	return b.String()
}
