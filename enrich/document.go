package enrich

import (
	"bytes"
	"fmt"
	"github.com/shuttlenews/shuttle"
	"strings"
)

// Doc is an article as enrichment reads it. Mentions' offsets are bytes into
// Body, which is plain text with paragraphs separated by blank lines.
type Doc struct {
	URL   string
	Title string
	Date  string
	Body  string
}

// ParseEval reads the evaluation format: "URL: …", "TITLE: …", a blank line,
// then the paragraphs.
func ParseEval(data []byte) (Doc, error) {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.SplitN(s, "\n", 4)
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "URL: ") || !strings.HasPrefix(lines[1], "TITLE: ") || lines[2] != "" {
		return Doc{}, fmt.Errorf("not the evaluation format: want URL:, TITLE: and a blank line")
	}
	d := Doc{URL: strings.TrimPrefix(lines[0], "URL: "), Title: strings.TrimPrefix(lines[1], "TITLE: ")}
	if len(lines) == 4 {
		d.Body = lines[3]
	}
	return d, nil
}

// ParseMarkdown reads a Markdown article with front matter between "---"
// lines (title, date, url or source). Markdown syntax in the body is blanked
// out rather than removed, so offsets into Body are offsets into the source
// after the front matter.
func ParseMarkdown(data []byte) (Doc, error) {
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	var d Doc
	if rest, ok := strings.CutPrefix(s, "---\n"); ok {
		fm, body, found := strings.Cut(rest, "\n---")
		if !found {
			return Doc{}, fmt.Errorf("front matter has no closing ---")
		}
		for _, line := range strings.Split(fm, "\n") {
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			v = unquote(strings.TrimSpace(v))
			switch strings.TrimSpace(strings.ToLower(k)) {
			case "title":
				d.Title = v
			case "date":
				d.Date = v
			case "url", "source", "link":
				d.URL = v
			}
		}
		_, body, _ = strings.Cut(body, "\n")
		s = body
	}
	if d.Title == "" {
		// Without front matter, a leading "# Heading" is the title.
		first, _, _ := strings.Cut(strings.TrimLeft(s, " \n"), "\n")
		if h, ok := strings.CutPrefix(first, "# "); ok {
			d.Title = strings.TrimSpace(h)
		}
	}
	d.Body = blankMarkdown(s)
	return d, nil
}

// ParseArticle reads either format, telling them apart by their first line.
func ParseArticle(data []byte) (Doc, error) {
	if bytes.HasPrefix(data, []byte("URL: ")) {
		return ParseEval(data)
	}
	return ParseMarkdown(data)
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}

// blankMarkdown replaces Markdown syntax with spaces of the same byte length:
// heading marks, emphasis, code ticks, link targets, images and HTML tags.
// Text keeps its offsets, and no syntax is read as words.
func blankMarkdown(s string) string {
	b := []byte(s)
	lineStart := true
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\n':
			lineStart = true
			continue
		case lineStart && (c == '#' || c == '>' || c == ' ' || c == '\t'):
			if c == '#' || c == '>' {
				b[i] = ' '
			}
			continue
		case c == '*' || c == '`' || c == '~':
			b[i] = ' '
		case c == '_' && (i == 0 || !isWordByte(b[i-1]) || i+1 == len(b) || !isWordByte(b[i+1])):
			b[i] = ' '
		case c == '!' && i+1 < len(b) && b[i+1] == '[':
			if end := linkEnd(b, i+1); end > 0 {
				blank(b, i, end)
				i = end - 1
			}
		case c == '[':
			if end := linkEnd(b, i); end > 0 {
				text := bytes.IndexByte(b[i:end], ']') + i
				b[i] = ' '
				blank(b, text, end)
				i = end - 1
			}
		case c == '<':
			if end := bytes.IndexByte(b[i:], '>'); end > 0 && !bytes.ContainsAny(b[i:i+end], "\n") {
				blank(b, i, i+end+1)
				i += end
			}
		}
		lineStart = false
	}
	return string(b)
}

// linkEnd returns the end of "[text](target)" starting at b[i], or -1.
func linkEnd(b []byte, i int) int {
	close := bytes.IndexByte(b[i:], ']')
	if close < 0 || i+close+1 >= len(b) || b[i+close+1] != '(' {
		return -1
	}
	end := bytes.IndexByte(b[i+close:], ')')
	if end < 0 || bytes.ContainsAny(b[i:i+close+end], "\n") {
		return -1
	}
	return i + close + end + 1
}

func blank(b []byte, s, e int) {
	for k := s; k < e; k++ {
		if b[k] != '\n' {
			b[k] = ' '
		}
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// ArticleDoc is the Doc of a stored article: its Markdown body blanked as
// ParseMarkdown does, so mentions' offsets are offsets into a.Body.
func ArticleDoc(a *shuttle.Article) Doc {
	return Doc{URL: a.Source, Title: a.Title, Date: a.Date.String(), Body: blankMarkdown(strings.ReplaceAll(a.Body, "\r\n", "\n"))}
}

// EnrichArticle fills what the editor left unset on a — tag, pull quote,
// insight — and the countries the text mentions.
func (e *Enricher) EnrichArticle(a *shuttle.Article) {
	r := e.Enrich(ArticleDoc(a))
	r.Apply(a)
}
