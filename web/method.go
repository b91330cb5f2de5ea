package web

import (
	"context"
	"net/http"

	"github.com/shuttlenews/shuttle/insight"
	"github.com/shuttlenews/shuttle/snapshot"
)

type methodPage struct {
	layoutData
	MinVisits   int
	DefaultFrom int
	DefaultTo   int
	Source      string
}

// method explains every insight in words and formulas. It depends on
// nothing that changes while the server runs.
func (s *Server) method(r *http.Request) (string, buildFunc, error) {
	if _, err := readQuery(r.URL, nil); err != nil {
		return "", nil, err
	}
	return "/method", func(ctx context.Context, _ *snapshot.Snapshot, shows *shown) ([]byte, error) {
		p := methodPage{layoutData: s.layout("/method", "How the insights are computed"),
			MinVisits: insight.MinVisits, DefaultFrom: insight.DefaultFrom, DefaultTo: insight.DefaultTo, Source: insight.Source}
		p.Description = "How Shuttle ranks countries by the momentum of U.S. diplomatic visits: Kendall's τ-b, consistency, the Mann–Kendall test and Sen's slope."
		return s.renderPage("method", p)
	}, nil
}

// robots points crawlers at the sitemap.
func (s *Server) robots(r *http.Request) (string, buildFunc, error) {
	return "/robots.txt", func(ctx context.Context, _ *snapshot.Snapshot, shows *shown) ([]byte, error) {
		return []byte("User-agent: *\nDisallow: /embed/\nSitemap: " + s.abs("/sitemap.xml") + "\n"), nil
	}, nil
}
