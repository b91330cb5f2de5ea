// Package web serves the site a reader sees: server-rendered HTML pages
// (articles with their data widget, rankings, countries, travellers, the
// world map, the method), embeds, the Atom feed and the sitemap.
//
// Everything works without JavaScript, and the pages load nothing from
// another origin: templates, CSS and the map's shapes are embedded in the
// binary, charts are SVG drawn on the server.
//
// Pages are rendered once per data version and article change and then
// served from memory (see cache.go): a page costs a map lookup, and the
// store is asked for its data version at most once per Config.VersionTTL.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/snapshot"
)

// Config is what the site needs. Store and Snapshot are required.
type Config struct {
	Store    shuttle.Store
	Snapshot *snapshot.Source
	Logger   *slog.Logger
	// BaseURL is the site's public origin ("https://shuttle.example"), for
	// the absolute URLs of feeds, OpenGraph tags, the sitemap and embed code.
	// It is configured rather than read from the Host header because pages
	// are cached: one forged Host would otherwise poison every reader's copy.
	// Default http://localhost:8080.
	BaseURL string
	// VersionTTL is how long a cached page trusts the data version it last
	// read before asking the store again: an ingest by another process shows
	// within this delay. Default one second; negative asks on every request.
	VersionTTL time.Duration
	// CacheBytes bounds the rendered pages kept in memory. Default 64 MiB.
	CacheBytes int
	// WriteBody sends a page's whole body once its header is set; w.Write
	// when nil. The server passes one that sends header and body in a
	// single write (internal/wire): a transport matter, kept out of web.
	WriteBody func(w http.ResponseWriter, r *http.Request, body []byte) error
}

// Server renders and serves the site. Build it with New.
type Server struct {
	store  shuttle.Store
	snaps  *snapshot.Source
	log    *slog.Logger
	base   string // BaseURL without a trailing slash
	tmpl   *templates
	assets *assets
	world  *worldMap
	cache  *cache
	write  bodyWriter

	versionTTL time.Duration
	// dataVersion is the last data version seen; while fresh (for
	// versionTTL after it was read) requests trust it without the store.
	dataVersion atomic.Int64
	fresh       atomic.Bool
	known       atomic.Bool // read at least once
	checking    atomic.Bool
	// articles is a generation in the key of every page that shows
	// articles: it moves when the store cannot say which articles changed
	// (see sawArticles), which drops them all at once.
	articles atomic.Uint64
	// storeArticles is the store's article change count last seen; -1
	// before the first read. articlesMu serialises following it.
	storeArticles atomic.Int64
	articlesMu    sync.Mutex
}

// New parses the templates and assets (once: an error here is a bug in the
// package, reported at startup rather than on the first request).
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Snapshot == nil {
		return nil, errors.New("web: Config.Store and Config.Snapshot are required")
	}
	base, err := baseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	s := &Server{
		store: cfg.Store, snaps: cfg.Snapshot, log: cfg.Logger, base: base,
		versionTTL: cfg.VersionTTL, cache: newCache(cfg.CacheBytes), write: cfg.WriteBody,
	}
	if s.write == nil {
		s.write = plainWrite
	}
	s.storeArticles.Store(-1)
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.versionTTL == 0 {
		s.versionTTL = time.Second
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.world, err = loadWorldMap(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(s.funcs()); err != nil {
		return nil, err
	}
	return s, nil
}

func baseURL(s string) (string, error) {
	if s == "" {
		s = "http://localhost:8080"
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return "", fmt.Errorf("web: BaseURL %q must be an http(s) origin such as https://shuttle.example", s)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// Register adds every page route to mux. The API (/api/) is not among them.
// Each route sets the security headers itself (see SecurityHeaders).
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("GET /{$}", s.page("text/html", depData|depArticles, s.home))
	mux.Handle("GET /articles/{slug}", s.page("text/html", depData|depArticles, s.article))
	mux.Handle("GET /insights", s.page("text/html", depData, s.insightIndex))
	mux.Handle("GET /insights/{id}", s.page("", depData, s.insight))
	mux.Handle("GET /countries", s.page("text/html", depData, s.countryIndex))
	mux.Handle("GET /countries/{iso}", s.page("text/html", depData|depArticles, s.country))
	mux.Handle("GET /travelers", s.page("text/html", depData, s.travelerIndex))
	mux.Handle("GET /travelers/{id}", s.page("text/html", depData, s.traveler))
	mux.Handle("GET /map", s.page("text/html", depData, s.worldMapPage))
	mux.Handle("GET /method", s.page("text/html", 0, s.method))
	mux.Handle("GET /embed/insights/{id}", s.page("text/html", depData, s.embed))
	mux.Handle("GET /oembed", s.page("application/json", depData, s.oembed))
	mux.Handle("GET /feed.xml", s.page("application/atom+xml", depArticles, s.feed))
	mux.Handle("GET /sitemap.xml", s.page("application/xml", depData|depArticles, s.sitemap))
	mux.Handle("GET /robots.txt", s.page("text/plain", 0, s.robots))
	mux.Handle("GET /static/{file}", http.HandlerFunc(s.static))
	mux.Handle("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return shuttle.Errorf(shuttle.ENOTFOUND, "There is no page at this address.")
	}))
}

// handlerFunc is a handler that reports failure by returning an error, which
// handle renders as an error page.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header(), r.URL.Path)
		if err := h(w, r); err != nil {
			s.renderError(w, r, err)
		}
	})
}

// snapshot returns the current data, or EUNAVAILABLE while nothing has been
// ingested: every page needs the data, and "no such country" would be a lie.
func (s *Server) snapshot(ctx context.Context) (*snapshot.Snapshot, error) {
	snap, err := s.snaps.Get(ctx)
	if err != nil {
		return nil, err
	}
	s.sawVersion(snap.Version.ID)
	return snap, nil
}
