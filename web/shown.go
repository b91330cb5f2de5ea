package web

import (
	"context"

	"github.com/shuttlenews/shuttle"
)

// shown records what a page shows of the articles, as it is built, so that
// an article change drops exactly the pages it affects: the article's own
// page, the lists of the newest articles, and the country pages that list
// it or, with its new text, should.
type shown struct {
	latest    bool     // the newest articles (home, feed, sitemap): any article may enter them
	slugs     []string // these articles
	countries []string // the articles that mention these countries
}

func (sh *shown) articles(as []shuttle.Article) {
	for _, a := range as {
		sh.slugs = append(sh.slugs, a.Slug)
	}
}

// affectedBy reports whether the page must go when the articles slugs
// changed and now mention countries. A country page listing an article that
// no longer mentions it is found by the article's slug.
func (sh *shown) affectedBy(slugs, countries map[string]bool) bool {
	if sh.latest {
		return true
	}
	for _, s := range sh.slugs {
		if slugs[s] {
			return true
		}
	}
	for _, c := range sh.countries {
		if countries[c] {
			return true
		}
	}
	return false
}

// ArticlesChanged tells the server that it put or deleted articles: the
// next request reads the store's log of changes (as it does every
// VersionTTL for changes made by other servers) and drops the pages that
// show them.
func (s *Server) ArticlesChanged() { s.fresh.Store(false) }

// sawArticles follows the store's article change count to n: it drops the
// pages that show the articles changed since the count last seen, or, when
// the store cannot say which changed, every page that shows articles.
func (s *Server) sawArticles(ctx context.Context, n int64) {
	if s.storeArticles.Load() == n {
		return
	}
	s.articlesMu.Lock()
	defer s.articlesMu.Unlock()
	old := s.storeArticles.Load()
	if old == n {
		return
	}
	if old == -1 { // the first read: nothing shown yet is older than n
		s.storeArticles.Store(n)
		return
	}
	ch, err := s.store.ArticleChanges(ctx, old)
	if err == nil && ch.Complete {
		err = s.dropShowing(ctx, ch.Slugs)
	}
	if err != nil || !ch.Complete {
		if err != nil {
			s.log.Warn("web: which articles changed is unknown; dropping every page that shows articles", "err", err)
		}
		s.articles.Add(1) // a new generation in every such page's key
		ch.Last = n
	}
	s.storeArticles.Store(ch.Last)
}

// dropShowing drops the cached pages that show the articles slugs, as they
// were or as they are now.
func (s *Server) dropShowing(ctx context.Context, slugs []string) error {
	changed, countries := map[string]bool{}, map[string]bool{}
	for _, slug := range slugs {
		changed[slug] = true
		a, err := s.store.Article(ctx, slug)
		switch {
		case err == nil:
			for _, c := range a.Countries {
				countries[c] = true
			}
		case shuttle.ErrorCode(err) == shuttle.ENOTFOUND: // deleted: its pages are found by slug
		default:
			return err
		}
	}
	// Counted with the drop, under the cache's lock: a page built meanwhile,
	// perhaps from the old text, is either dropped here or sees the count
	// move and is served but not kept (see page and cache.put).
	s.cache.drop(func(e *entry) bool { return e.shows != nil && e.shows.affectedBy(changed, countries) })
	return nil
}
