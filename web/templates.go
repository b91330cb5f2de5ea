package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
)

//go:embed templates
var templateFS embed.FS

// templates holds one parsed template set per page: the layout and the
// partials, plus the page's own blocks ("title", "head", "content").
type templates struct {
	pages map[string]*template.Template
}

// parseTemplates parses everything once, at startup.
func parseTemplates(funcs template.FuncMap) (*templates, error) {
	base, err := template.New("").Funcs(funcs).ParseFS(templateFS, "templates/layout/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	pages, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: map[string]*template.Template{}}
	for _, p := range pages {
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.ParseFS(templateFS, p); err != nil {
			return nil, fmt.Errorf("web: templates: %w", err)
		}
		t.pages[strings.TrimSuffix(path.Base(p), ".html")] = clone
	}
	return t, nil
}

// render executes page's entry template into a buffer, so that a template
// error becomes a clean 500 instead of half a page.
func (t *templates) render(page, entry string, data any) ([]byte, error) {
	tmpl, ok := t.pages[page]
	if !ok {
		return nil, fmt.Errorf("web: no template %q", page)
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, entry, data); err != nil {
		return nil, fmt.Errorf("web: render %s: %w", page, err)
	}
	return buf.Bytes(), nil
}

// renderPage renders a full HTML page: the layout around page's blocks.
func (s *Server) renderPage(page string, data any) ([]byte, error) {
	return s.tmpl.render(page, "layout", data)
}

func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":    func(name string) string { return s.assets.url(name) },
		"abs":      s.abs,
		"flag":     flag,
		"value":    formatValue,
		"f2":       func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) },
		"pct":      func(v float64) string { return strconv.FormatFloat(100*v, 'f', 0, 64) + "%" },
		"pvalue":   formatP,
		"sig":      significance,
		"slope":    formatSlope,
		"date":     formatDate,
		"isodate":  func(d shuttle.Date) string { return d.String() },
		"roleName": func(r shuttle.Role) string { return r.Label() },
		"plural":   func(r shuttle.Role) string { return r.Plural() },
		"visits":   func(m map[shuttle.Role]int, role string) int { return m[shuttle.Role(role)] },
		"year":     strconv.Itoa,
		"thousands": func(n int) string {
			s := strconv.Itoa(n)
			for i := len(s) - 3; i > 0; i -= 3 {
				s = s[:i] + "," + s[i:]
			}
			return s
		},
	}
}

// abs makes a site path absolute on BaseURL, for feeds, OpenGraph and embeds.
func (s *Server) abs(p string) string { return s.base + p }

// formatValue is a row's figure as the widget prints it: "48.7 points",
// "12 visits".
func formatValue(v float64, unit string) string {
	if unit == "points" {
		return strconv.FormatFloat(v, 'f', 1, 64) + " points"
	}
	n := int(math.Round(v))
	if n == 1 {
		return "1 visit"
	}
	return strconv.Itoa(n) + " " + unit
}

// formatP prints a p-value the way a reader can compare it with 0.05.
func formatP(p float64) string {
	if p < 0.001 {
		return "< 0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}

// significance puts a one-sided p-value into words.
func significance(p float64) string {
	switch {
	case p < 0.01:
		return "significant at 1%"
	case p < 0.05:
		return "significant at 5%"
	case p < 0.10:
		return "significant at 10%"
	}
	return "not significant"
}

func formatSlope(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if v > 0 {
		s = "+" + s
	}
	return s + " / yr"
}

func formatDate(d shuttle.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("January 2, 2006")
}

// flag is the emoji flag of an ISO 3166-1 alpha-2 code: two regional
// indicator symbols. User-assigned codes (AA, QM–QZ, XA–XZ, ZZ), which the
// data uses for historical entities, have no flag.
func flag(iso string) string {
	if len(iso) != 2 || iso[0] < 'A' || iso[0] > 'Z' || iso[1] < 'A' || iso[1] > 'Z' {
		return ""
	}
	switch {
	case iso == "AA" || iso == "ZZ" || iso[0] == 'X':
		return ""
	case iso[0] == 'Q' && iso[1] >= 'M':
		return ""
	}
	return string([]rune{0x1F1E6 + rune(iso[0]-'A'), 0x1F1E6 + rune(iso[1]-'A')})
}

// values is an ordered query string builder: url.Values sorts keys, which
// would put "from" before "role" in every link.
type values []string

func (v values) add(k, val string) values {
	if val == "" {
		return v
	}
	// Commas separate country codes; escaping them only makes links unreadable.
	return append(v, url.QueryEscape(k)+"="+strings.ReplaceAll(url.QueryEscape(val), "%2C", ","))
}

func (v values) encode() string {
	if len(v) == 0 {
		return ""
	}
	return "?" + strings.Join(v, "&")
}
