package web

import (
	"context"
	"html/template"
	"net/http"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
	"github.com/shuttlenews/shuttle/snapshot"
)

// homeArticles is how many articles the home page lists.
const homeArticles = 20

type homePage struct {
	layoutData
	Articles []shuttle.Article
	Featured []*widget
}

func (s *Server) home(r *http.Request) (string, buildFunc, error) {
	if _, err := readQuery(r.URL, nil); err != nil {
		return "", nil, err
	}
	return "/", func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		shows.latest = true
		arts, err := s.store.Articles(ctx, shuttle.ArticleFilter{Limit: homeArticles})
		if err != nil {
			return nil, err
		}
		p := homePage{layoutData: s.layout("/", ""), Articles: arts}
		p.Title = siteName + " — foreign affairs, with the data behind it"
		for _, role := range shuttle.Roles {
			rk, err := snap.Insights.Rank(insight.Params{Insight: insight.IDMomentum, Role: role, Limit: widgetRows})
			if shuttle.ErrorCode(err) == shuttle.ENOTFOUND {
				continue // no data for this role in this version
			} else if err != nil {
				return nil, err
			}
			p.Featured = append(p.Featured, newWidget(rk, ""))
		}
		return s.renderPage("home", p)
	}, nil
}

type articlePage struct {
	layoutData
	Article shuttle.Article
	// Body is the article's HTML, which content sanitised when it was
	// parsed: the one trusted HTML on the site.
	Body   template.HTML
	Widget *widget
}

func (s *Server) article(r *http.Request) (string, buildFunc, error) {
	if _, err := readQuery(r.URL, nil); err != nil {
		return "", nil, err
	}
	slug := r.PathValue("slug")
	if !validSlug(slug) {
		return "", nil, shuttle.Errorf(shuttle.ENOTFOUND, "There is no article at this address.")
	}
	return "/articles/" + slug, func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		shows.slugs = append(shows.slugs, slug)
		a, err := s.store.Article(ctx, slug)
		if shuttle.ErrorCode(err) == shuttle.ENOTFOUND {
			return nil, shuttle.Errorf(shuttle.ENOTFOUND, "There is no article at this address.")
		} else if err != nil {
			return nil, err
		}
		p := articlePage{layoutData: s.layout("/articles/"+slug, a.Title), Article: a, Body: template.HTML(a.HTML)}
		p.Widget = s.articleWidget(snap, a)
		s.articleMeta(&p)
		return s.renderPage("article", p)
	}, nil
}

// articleWidget is the article's insight, or the default one. An insight
// the data cannot answer (an editor's typo in front matter, a window the data
// does not cover) costs the widget, not the article: it is logged.
func (s *Server) articleWidget(snap *snapshot.Snapshot, a shuttle.Article) *widget {
	ref := defaultInsight
	if a.Insight != nil {
		ref = *a.Insight
	}
	w, err := widgetOf(snap, ref, "")
	if err != nil {
		s.log.Warn("web: article insight cannot be shown", "slug", a.Slug, "insight", ref.ID, "err", err)
		return nil
	}
	return w
}

// articleMeta fills the OpenGraph and JSON-LD NewsArticle metadata.
func (s *Server) articleMeta(p *articlePage) {
	a := p.Article
	if a.Summary != "" {
		p.Description = a.Summary
	}
	p.OG = []meta{
		{"og:type", "article"}, {"og:site_name", siteName}, {"og:title", a.Title},
		{"og:description", p.Description}, {"og:url", p.Canonical},
		{"article:published_time", a.Date.String()},
	}
	ld := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": a.Title, "datePublished": a.Date.String(), "description": p.Description,
		"mainEntityOfPage": p.Canonical, "url": p.Canonical,
		"publisher": map[string]string{"@type": "Organization", "name": siteName},
	}
	if !a.UpdatedAt.IsZero() {
		ld["dateModified"] = a.UpdatedAt.UTC().Format("2006-01-02T15:04:05Z")
		p.OG = append(p.OG, meta{"article:modified_time", ld["dateModified"].(string)})
	}
	if a.Tag != nil {
		p.OG = append(p.OG, meta{"article:section", a.Tag.Type}, meta{"article:tag", a.Tag.Name})
		ld["articleSection"] = a.Tag.Type
		ld["about"] = map[string]string{"@type": "Thing", "name": a.Tag.Name}
	}
	if a.Image != "" {
		img := a.Image
		if img[0] == '/' {
			img = s.abs(img)
		}
		p.OG = append(p.OG, meta{"og:image", img})
		if a.ImageAlt != "" {
			p.OG = append(p.OG, meta{"og:image:alt", a.ImageAlt})
		}
		ld["image"] = []string{img}
	}
	p.JSONLD = ld
}

// validSlug accepts what content.ValidSlug produces (lowercase letters,
// digits, single hyphens), so junk addresses are 404s without a query.
func validSlug(s string) bool {
	if s == "" || len(s) > 200 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
