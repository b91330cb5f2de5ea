package content

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/shuttlenews/shuttle"
)

// Parse reads one article. name is the file name: it is used in errors, as
// the article's Source and, when the front matter has no slug, to derive the
// slug. Errors are *Error values carrying the file and, where there is one,
// the line.
func Parse(name string, src []byte) (*shuttle.Article, error) {
	a, err := parse(name, src)
	if err != nil {
		return nil, fileError(name, err)
	}
	return a, nil
}

func parse(name string, src []byte) (*shuttle.Article, error) {
	if len(src) > MaxFileSize {
		return nil, fmt.Errorf("%w (%d bytes)", ErrTooLarge, len(src))
	}
	if line, ok := invalidUTF8Line(src); !ok {
		return nil, errAt(line, "not valid UTF-8")
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	yml, body, err := splitFrontMatter(src)
	if err != nil {
		return nil, err
	}
	fm, err := decodeFrontMatter(yml, 1)
	if err != nil {
		return nil, err
	}
	a, err := fm.article(name)
	if err != nil {
		return nil, err
	}
	bodyLine := bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1
	if err := checkBody(body, bodyLine); err != nil {
		return nil, err
	}
	a.Body = string(body)
	if a.HTML, err = render(body, bodyLine); err != nil {
		return nil, err
	}
	return a, nil
}

// article validates the front matter and builds the article from it.
func (fm *frontMatter) article(name string) (*shuttle.Article, error) {
	if fm.Title.Value == "" {
		return nil, errAt(max(fm.Title.Line, 1), "title is required")
	}
	if fm.Date.Value == "" {
		return nil, errAt(max(fm.Date.Line, 1), "date is required (YYYY-MM-DD)")
	}
	date, err := shuttle.ParseDate(fm.Date.Value)
	if err != nil {
		return nil, errAt(fm.Date.Line, "%v", err)
	}
	if date.IsZero() {
		// 0001-01-01 is how shuttle.Date spells "not given".
		return nil, errAt(fm.Date.Line, "date %q is not a usable date", fm.Date.Value)
	}
	if err := CheckImageURL(fm.Image.Value); err != nil {
		return nil, errAt(fm.Image.Line, "%v", err)
	}
	slug, err := fm.slug(name)
	if err != nil {
		return nil, err
	}
	return &shuttle.Article{
		Slug: slug, Title: fm.Title.Value, Date: date,
		Summary: fm.Summary.Value, Image: fm.Image.Value, ImageAlt: fm.ImageAlt.Value,
		Caption: fm.Caption.Value, Tag: fm.Tag, Quote: fm.Quote, Insight: fm.Insight,
		Source: name,
	}, nil
}

// slug is the front matter's slug when given (it must already be one: a
// URL that silently differs from what the editor wrote is worse than an
// error), else derived from the file name, else from the title.
func (fm *frontMatter) slug(name string) (string, error) {
	if s := fm.Slug.Value; s != "" {
		if !ValidSlug(s) {
			return "", errAt(fm.Slug.Line, "slug %q must be lowercase letters, digits and single hyphens (e.g. %q)", s, Slugify(s))
		}
		return s, nil
	}
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	if s := Slugify(base); s != "" {
		return s, nil
	}
	if s := Slugify(fm.Title.Value); s != "" {
		return s, nil
	}
	return "", errAt(fm.Title.Line, "cannot derive a slug from the file name or title; set slug:")
}

// invalidUTF8Line reports the line of the first invalid byte, if any.
func invalidUTF8Line(src []byte) (int, bool) {
	if utf8.Valid(src) {
		return 0, true
	}
	line := 1
	for len(src) > 0 {
		r, n := utf8.DecodeRune(src)
		if r == utf8.RuneError && n == 1 {
			return line, false
		}
		if r == '\n' {
			line++
		}
		src = src[n:]
	}
	return line, false
}

// IsFile reports whether an article's Source names a file of a content
// directory (what Parse records for the Watcher), rather than a feed item's
// URL or the editor.
func IsFile(source string) bool {
	return strings.HasSuffix(source, ".md") && !strings.Contains(source, "://")
}
