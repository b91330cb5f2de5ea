package web

import (
	"context"
	"encoding/xml"
	"net/http"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/snapshot"
)

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemapArticles bounds the articles listed; the protocol allows 50,000 URLs.
const sitemapArticles = 40000

// sitemap lists every page a crawler should know: articles, rankings,
// countries, travellers and the fixed pages.
func (s *Server) sitemap(r *http.Request) (string, buildFunc, error) {
	return "/sitemap.xml", func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		shows.latest = true
		arts, err := s.store.Articles(ctx, shuttle.ArticleFilter{Limit: sitemapArticles})
		if err != nil {
			return nil, err
		}
		var set urlset
		add := func(path, lastmod string) { set.URLs = append(set.URLs, sitemapURL{s.abs(path), lastmod}) }
		for _, p := range []string{"/", "/insights", "/countries", "/travelers", "/map", "/method"} {
			add(p, "")
		}
		for _, a := range arts {
			add("/articles/"+a.Slug, articleUpdated(a).Format("2006-01-02"))
		}
		for _, e := range snap.Insights.Catalogue() {
			if e.Requires == "" {
				add("/insights/"+e.ID+values(nil).add("role", string(e.Role)).encode(), "")
			}
		}
		for _, c := range snap.Countries {
			add("/countries/"+c.ISO, "")
		}
		for _, t := range snap.Travelers {
			add("/travelers/"+t.ID, "")
		}
		b, err := xml.MarshalIndent(set, "", "  ")
		if err != nil {
			return nil, err
		}
		return append([]byte(xml.Header), append(b, '\n')...), nil
	}, nil
}
