package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
)

func TestETagAndNotModified(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/articles/nato-ministers-brussels", "/insights/momentum", "/static/" + f.web.assets.hashed["app.css"]} {
		res := f.get(path)
		etag := res.Header.Get("ETag")
		if len(etag) < 10 || etag[0] != '"' || strings.HasPrefix(etag, "W/") {
			t.Fatalf("%s: ETag %q is not a strong tag", path, etag)
		}
		again := f.get(path, "If-None-Match: "+etag)
		if again.StatusCode != http.StatusNotModified {
			t.Errorf("%s with If-None-Match: %d, want 304", path, again.StatusCode)
		}
		if b, _ := io.ReadAll(again.Body); len(b) != 0 {
			t.Errorf("%s: 304 has a body", path)
		}
		if again.Header.Get("ETag") != etag {
			t.Errorf("%s: 304 ETag %q, want %q", path, again.Header.Get("ETag"), etag)
		}
		if res := f.get(path, `If-None-Match: "other", W/`+etag); res.StatusCode != 304 {
			t.Errorf("%s: weak comparison in a list: %d", path, res.StatusCode)
		}
		if res := f.get(path, `If-None-Match: "other"`); res.StatusCode != 200 {
			t.Errorf("%s: stale tag: %d", path, res.StatusCode)
		}
	}
	css := f.get("/static/" + f.web.assets.hashed["app.css"])
	if cc := css.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") || !strings.Contains(cc, "max-age=31536000") {
		t.Errorf("hashed asset Cache-Control %q", cc)
	}
	if !strings.HasPrefix(css.Header.Get("Content-Type"), "text/css") {
		t.Errorf("CSS Content-Type %q", css.Header.Get("Content-Type"))
	}
}

func TestGzip(t *testing.T) {
	f := newFixture(t)
	path := "/articles/nato-ministers-brussels"
	plain := f.page(path, 200)
	res := f.get(path, "Accept-Encoding: br, gzip;q=0.8")
	if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers %v", res.Header)
	}
	if got := gunzip(t, res.Body); got != plain {
		t.Error("gzipped body differs from the plain one")
	}
	if res.Header.Get("ETag") == f.get(path).Header.Get("ETag") {
		t.Error("gzip and identity share an ETag")
	}
	if res := f.get(path, "Accept-Encoding: gzip;q=0, deflate"); res.Header.Get("Content-Encoding") != "" {
		t.Error("gzip;q=0 was answered with gzip")
	}
	if res := f.get("/static/"+f.web.assets.hashed["app.css"], "Accept-Encoding: gzip"); res.Header.Get("Content-Encoding") != "gzip" {
		t.Error("CSS is not served gzipped")
	}
}

func TestHead(t *testing.T) {
	f := newFixture(t)
	req := httptest.NewRequest(http.MethodHead, "/insights/momentum", nil)
	rec := httptest.NewRecorder()
	f.mux.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD: %d, %d bytes, %v", rec.Code, rec.Body.Len(), rec.Header())
	}
}

// An article change re-renders exactly the pages that show the article:
// its own, the lists of the newest articles, and the country pages that
// list it before or after. The others stay cached: the same entries.
func TestCacheArticleChange(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const nato, asia = "/articles/nato-ministers-brussels", "/articles/asia-trip-tokyo-manila"
	// nato-ministers-brussels mentions BE, FR and UA; asia-trip-tokyo-manila JP, PH and LA.
	pages := []string{nato, asia, "/", "/feed.xml", "/sitemap.xml", "/insights/momentum",
		"/countries/BE", "/countries/FR", "/countries/DE", "/countries/JP"}
	entries := func() map[string]*entry {
		out := map[string]*entry{}
		for _, p := range pages {
			f.get(p) // the deleted article's 404 is not cached
		}
		f.web.cache.entries.Range(func(k, v any) bool {
			if e := v.(*entry); !f.web.stale(e) { // replaced entries stay until the budget needs room
				out[k.(pageKey).key] = e
			}
			return true
		})
		return out
	}
	// change edits the article without telling the server, as another server
	// sharing the database would, and reports which pages were rendered again.
	change := func(edit func(a *shuttle.Article)) (again []string) {
		t.Helper()
		before := entries()
		a, err := f.store.Article(ctx, "nato-ministers-brussels")
		if err != nil {
			t.Fatal(err)
		}
		edit(&a)
		if err := f.store.PutArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		after := entries()
		for _, p := range pages {
			if after[p] != before[p] {
				again = append(again, p)
			}
		}
		return again
	}

	again := change(func(a *shuttle.Article) { a.Title = "NATO ministers agree on a fund for Ukraine" })
	if want := []string{nato, "/", "/feed.xml", "/sitemap.xml", "/countries/BE", "/countries/FR"}; !slices.Equal(again, want) {
		t.Errorf("a new title re-rendered %v, want %v", again, want)
	}
	for _, p := range []string{nato, "/", "/feed.xml", "/countries/FR"} {
		if !strings.Contains(f.page(p, 200), "NATO ministers agree on a fund for Ukraine") {
			t.Errorf("%s does not show the new title", p)
		}
	}

	// Moving the article from France to Germany re-renders both country pages.
	again = change(func(a *shuttle.Article) { a.Countries = []string{"BE", "DE", "UA"} })
	if want := []string{nato, "/", "/feed.xml", "/sitemap.xml", "/countries/BE", "/countries/FR", "/countries/DE"}; !slices.Equal(again, want) {
		t.Errorf("new countries re-rendered %v, want %v", again, want)
	}
	if strings.Contains(f.page("/countries/FR", 200), nato) || !strings.Contains(f.page("/countries/DE", 200), nato) {
		t.Error("the article is still listed for France, or not yet for Germany")
	}

	// This server's own edit, told with ArticlesChanged, is seen at once
	// however long the server trusts the version it read.
	f.web.versionTTL = time.Hour
	entries()
	if err := f.store.DeleteArticle(ctx, "nato-ministers-brussels"); err != nil {
		t.Fatal(err)
	}
	f.web.ArticlesChanged()
	f.page(nato, 404)
	if strings.Contains(f.page("/countries/DE", 200), nato) {
		t.Error("a deleted article is still listed")
	}
	f.web.versionTTL = -1
	f.web.fresh.Store(false)

	// When the store cannot say which articles changed (the server was
	// too far behind), every page that shows articles goes, and only they.
	before := entries()
	f.web.storeArticles.Store(1 << 40) // a count the log cannot answer from
	a, _ := f.store.Article(ctx, "asia-trip-tokyo-manila")
	a.Title = "Asia trip"
	if err := f.store.PutArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	after := entries()
	for _, p := range pages {
		if p == nato {
			continue
		}
		articles := p != "/insights/momentum"
		if rendered := after[p] != before[p]; rendered != articles {
			t.Errorf("%s rendered again: %v, want %v", p, rendered, articles)
		}
	}
}

// A page built while its article changes is served but not kept: it may
// show the old text after the drop meant for it.
func TestCacheBuildDuringChange(t *testing.T) {
	f := newFixture(t)
	const slug = "asia-trip-tokyo-manila"
	st := &hookStore{Store: f.store}
	w, err := New(Config{Store: st, Snapshot: f.snaps, VersionTTL: -1, Logger: f.web.log})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	w.Register(mux)
	get := func() {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", "/articles/"+slug, nil))
		if rec.Code != 200 {
			t.Fatalf("status %d", rec.Code)
		}
	}
	// The article is read for the page; the change lands before it is kept.
	st.onArticle = func() {
		if err := w.dropShowing(context.Background(), []string{slug}); err != nil {
			t.Error(err)
		}
	}
	get()
	if n := w.cache.len(); n != 0 {
		t.Errorf("a page built across a drop of its article was kept (%d entries)", n)
	}
	get()
	if n := w.cache.len(); n != 1 {
		t.Errorf("the next build was not kept (%d entries)", n)
	}
}

// hookStore runs onArticle once, when an article is next read.
type hookStore struct {
	shuttle.Store
	onArticle func()
}

func (s *hookStore) Article(ctx context.Context, slug string) (shuttle.Article, error) {
	a, err := s.Store.Article(ctx, slug)
	if hook := s.onArticle; hook != nil {
		s.onArticle = nil
		hook()
	}
	return a, err
}

// A new data version re-renders every page that shows data.
func TestCacheDataVersion(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const path = "/insights/momentum?role=secretary&from=1997&to=2024"
	before := f.page(path, 200)
	if !strings.Contains(before, "United Arab Emirates") {
		t.Fatal("the fixture's leader is not on the page")
	}
	methodTag := f.get("/method").Header.Get("ETag")

	// The same records without the United Arab Emirates' visits.
	d := *loadDataset(t)
	d.Trips = slices.DeleteFunc(slices.Clone(d.Trips), func(tr shuttle.Trip) bool { return tr.Country == "AE" })
	if _, err := f.store.ReplaceDataset(ctx, &d); err != nil {
		t.Fatal(err)
	}
	after := f.page(path, 200)
	if strings.Contains(after, ">United Arab Emirates<") || strings.Contains(after, "United Arab Emirates</a>") {
		t.Error("the ranking still lists a country whose visits are gone")
	}
	if !strings.Contains(f.page("/countries/AE", 200), "No Secretary of State visits recorded") {
		t.Error("the country page was not rendered again")
	}
	if f.get("/method").Header.Get("ETag") != methodTag {
		t.Error("the method page, which shows no data, changed")
	}
}

// A server reads the data version at most once per VersionTTL.
func TestVersionTTL(t *testing.T) {
	f := newFixture(t)
	counting := &countingStore{Store: f.store}
	w, err := New(Config{Store: counting, Snapshot: f.snaps, VersionTTL: 1 << 40})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	w.Register(mux)
	for range 50 {
		if res := serve(mux, "/insights/momentum"); res.StatusCode != 200 {
			t.Fatal(res.StatusCode)
		}
	}
	if counting.versions != 1 {
		t.Errorf("50 requests asked the store's version %d times, want 1", counting.versions)
	}
}

type countingStore struct {
	shuttle.Store
	versions int
}

func (s *countingStore) Version(ctx context.Context) (shuttle.Version, error) {
	s.versions++
	return s.Store.Version(ctx)
}

// The cache keeps to its budget, dropping pages of replaced versions first.
func TestCacheBudget(t *testing.T) {
	c := newCache(10_000)
	page := func(n int, data int64) *entry {
		e := newEntry([]byte(strings.Repeat("x", n)), "text/html")
		e.data, e.deps = data, depData
		return e
	}
	stale := func(e *entry) bool { return e.data != 2 }
	key := func(k string, data int64) pageKey { return cacheKey(depData, data, 0, k) }
	c.put(key("old", 1), page(1000, 1), stale, noSweeps)
	for i := range 40 {
		c.put(key(string(rune('a'+i)), 2), page(1000, 2), stale, noSweeps)
		if c.bytes > c.budget {
			t.Fatalf("cache holds %d bytes, budget %d", c.bytes, c.budget)
		}
	}
	if c.get(key("old", 1)) != nil {
		t.Error("a stale page outlived fresh ones")
	}
	c.put(key("huge", 2), page(5000, 2), stale, noSweeps)
	if c.get(key("huge", 2)) != nil {
		t.Error("a page larger than a quarter of the budget was cached")
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, tt := range []struct {
		h    string
		want bool
	}{
		{"gzip", true}, {"gzip, deflate, br", true}, {"br;q=1.0, gzip;q=0.5", true}, {"GZIP", true}, {"*", true},
		{"", false}, {"deflate", false}, {"gzip;q=0", false}, {"gzip; q=0.0", false}, {"x-gzip", true}, {"gzipper", false},
	} {
		if got := acceptsGzip([]string{tt.h}); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v", tt.h, got)
		}
	}
}

// A page rendered while a drop of changed articles runs must not be kept:
// the drop's count and the put's check are one step under the cache's lock,
// so the two can only be ordered one way or the other, and each order is
// tested here. Before they were one step, a drop landing between the check
// and the store left the old page cached for good.
func TestCachePutAgainstDrop(t *testing.T) {
	showing := func() *entry {
		e := newEntry([]byte("the old text of the article"), "text/html")
		e.deps, e.shows = depArticles, &shown{}
		return e
	}
	never := func(*entry) bool { return false }
	key := cacheKey(depArticles, 0, 0, "/articles/a")
	all := func(e *entry) bool { return e.shows != nil }

	// The drop first: the put, which saw the count before it, keeps nothing.
	c := newCache(1 << 20)
	seen := c.sweepsSeen()
	c.drop(all)
	if c.put(key, showing(), never, seen) || c.get(key) != nil {
		t.Error("a page rendered before a drop was kept after it")
	}
	// The put first: the drop removes what it stored.
	seen = c.sweepsSeen()
	if !c.put(key, showing(), never, seen) {
		t.Fatal("a page rendered with no drop since was not kept")
	}
	c.drop(all)
	if c.get(key) != nil {
		t.Error("a drop left a page showing the changed article")
	}
	// A page that shows no article is kept whatever was dropped.
	c.drop(all)
	if !c.put(cacheKey(depData, 1, 0, "/insights"), newEntry([]byte("x"), "text/html"), never, noSweeps) {
		t.Error("a page that shows no article was not kept")
	}
}
