package web

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// The front door (internal/front) answers a GET of a page this server has
// already rendered without building an *http.Request or passing the mux:
// on a cached page that was half of the time spent. It only repeats what
// the page routes decided: a request target is answered here only after a
// route has served it from the cache, and only while that page is current.
// Everything else (a miss, a parameter to validate, an error) goes to the
// handler, which stays the one place where requests are understood.

// target is what the routes learned of one request target: the page it
// names and the route that served it.
type target struct {
	deps    deps
	key     string
	pattern string // the mux's pattern, for the metrics
	csp     string // the route's Content-Security-Policy
}

// maxTargets bounds the targets remembered: a crawler trying every
// window of years would otherwise grow them without end. When full they are
// forgotten all at once and relearned as requests come.
const maxTargets = 1 << 14

type targets struct {
	m  sync.Map // request target (string) → *target
	n  atomic.Int64
	mu sync.Mutex // serialises forgetting
}

// learn records that a page route served key for r.
func (ts *targets) learn(r *http.Request, d deps, key string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return
	}
	if v, ok := ts.m.Load(r.RequestURI); ok {
		if t := v.(*target); t.key == key && t.deps == d {
			return
		}
	}
	if ts.n.Load() >= maxTargets {
		ts.mu.Lock()
		if ts.n.Load() >= maxTargets {
			ts.m.Clear()
			ts.n.Store(0)
		}
		ts.mu.Unlock()
	}
	t := &target{deps: d, key: key, pattern: r.Pattern, csp: cspFor(r.URL.Path)[0]}
	if _, loaded := ts.m.Swap(strings.Clone(r.RequestURI), t); !loaded {
		ts.n.Add(1)
	}
}

// Cached is a page the front door may answer with by itself.
type Cached struct {
	e *entry
	t *target
}

// Route is the pattern of the route that served the page, for the metrics.
func (c Cached) Route() string { return c.t.pattern }

// Cached returns the page a GET or HEAD of requestTarget (as sent on the
// request line) is answered with, if a page route has served it from the
// cache and it is still current. It renders nothing and reads the store
// only when the data version is due for a check, as the routes do; on false
// the request is the handler's.
func (s *Server) Cached(ctx context.Context, requestTarget string) (Cached, bool) {
	v, ok := s.targets.m.Load(requestTarget)
	if !ok {
		return Cached{}, false
	}
	t := v.(*target)
	version := int64(0)
	if t.deps != 0 {
		var err error
		if version, err = s.version(ctx); err != nil {
			return Cached{}, false
		}
	}
	e := s.cache.get(cacheKey(t.deps, version, s.articles.Load(), t.key))
	if e == nil {
		return Cached{}, false
	}
	return Cached{e: e, t: t}, true
}

// Respond chooses the response to a request with these Accept-Encoding and
// If-None-Match values, as the page routes do: it passes each header field
// to set and returns the status and body. The body is shared: do not
// modify it. Content-Length is the transport's to write (it is the body's
// length, also for HEAD; none for 304).
func (c Cached) Respond(acceptEncoding, ifNoneMatch []string, set func(name, value string)) (status int, body []byte) {
	e := c.e
	set("Content-Security-Policy", c.t.csp)
	set("X-Content-Type-Options", hdrNoSniff[0])
	set("Content-Type", e.ctype[0])
	set("Cache-Control", e.cacheControl[0])
	if e.gz != nil {
		set("Vary", hdrVary[0])
	}
	gz, current := e.choose(acceptEncoding, ifNoneMatch)
	body, etag := e.body, e.etag[0]
	if gz {
		body, etag = e.gz, e.etagGz[0]
	}
	set("Etag", etag)
	if current {
		return http.StatusNotModified, nil
	}
	if gz {
		set("Content-Encoding", hdrGzip[0])
	}
	return http.StatusOK, body
}
