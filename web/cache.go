package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/shuttlenews/shuttle/snapshot"
)

// deps says what a page is computed from, so that a change invalidates
// exactly the pages it affects: an article edit leaves the rankings cached.
type deps uint8

const (
	depData     deps = 1 << iota // the data version (snapshot)
	depArticles                  // articles: what it shows is recorded as it is built (shown.go)
)

// pageFunc reads a request: it validates the parameters (a 400 costs no
// rendering) and returns the page's canonical key with the function that
// renders it. Parameters are parsed once, the closure keeps them.
type pageFunc func(r *http.Request) (key string, build buildFunc, err error)

// buildFunc renders a page; snap is nil for pages that do not depend on the data.
type buildFunc func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error)

// page serves pf's pages from the cache, rendering them on a miss. ctype ""
// lets the key choose: an id ending in .svg is an image.
func (s *Server) page(ctype string, d deps, pf pageFunc) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		key, build, err := pf(r)
		if err != nil {
			return err
		}
		version := int64(0)
		if d != 0 { // the version check is also how article changes are seen
			if version, err = s.version(r.Context()); err != nil {
				return err
			}
		}
		gen := s.articles.Load()
		if e := s.cache.get(cacheKey(d, version, gen, key)); e != nil {
			e.serve(w, r, s.write)
			return nil
		}
		var snap *snapshot.Snapshot
		if d&depData != 0 {
			if snap, err = s.snapshot(r.Context()); err != nil {
				return err
			}
			version = snap.Version.ID
		}
		sweeps := s.cache.sweepsSeen()
		var shows shown
		body, err := build(r.Context(), snap, &shows)
		if err != nil {
			return err
		}
		e := newEntry(body, contentType(ctype, key))
		e.data, e.gen, e.deps = version, gen, d
		if d&depArticles != 0 {
			e.shows = &shows
		}
		// A page built while changed articles were being dropped may show
		// their old text: it is served, not kept.
		if d&depArticles == 0 {
			sweeps = noSweeps
		}
		s.cache.put(cacheKey(d, version, gen, key), e, s.stale, sweeps)
		e.serve(w, r, s.write)
		return nil
	})
}

// bodyWriter sends a response's whole body (see Config.WriteBody).
type bodyWriter func(w http.ResponseWriter, r *http.Request, body []byte) error

func plainWrite(w http.ResponseWriter, _ *http.Request, body []byte) error {
	_, err := w.Write(body)
	return err
}

// pageKey is a page's key with the versions it depends on; a struct rather
// than one string so that a lookup builds nothing.
type pageKey struct {
	deps deps
	data int64
	gen  uint64
	key  string
}

func cacheKey(d deps, version int64, gen uint64, key string) pageKey {
	k := pageKey{deps: d, key: key}
	if d&depData != 0 {
		k.data = version
	}
	if d&depArticles != 0 {
		k.gen = gen
	}
	return k
}

// stale reports whether e was rendered from data or articles since replaced:
// it can never be asked for again, so the cache drops it first.
func (s *Server) stale(e *entry) bool {
	return (e.deps&depData != 0 && e.data != s.dataVersion.Load()) ||
		(e.deps&depArticles != 0 && e.gen != s.articles.Load())
}

func contentType(ctype, key string) string {
	if ctype == "" {
		ctype = "text/html"
		if path, _, _ := cut(key, '?'); len(path) > 4 && path[len(path)-4:] == ".svg" {
			ctype = "image/svg+xml"
		}
	}
	if ctype == "application/json" {
		return ctype
	}
	return ctype + "; charset=utf-8"
}

func cut(s string, c byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// version is the data version to key pages by. It asks the store at most
// once per versionTTL, and only one request at a time does: the others use
// the version they have. When the store cannot answer, pages already
// rendered keep being served; the error surfaces only on a miss.
//
// A timer, not a clock read per request, says when the version is due: on
// a cached page the clock was a tenth of the time shuttle spent.
func (s *Server) version(ctx context.Context) (int64, error) {
	if s.fresh.Load() {
		return s.dataVersion.Load(), nil
	}
	known := s.known.Load()
	if known && !s.checking.CompareAndSwap(false, true) {
		return s.dataVersion.Load(), nil
	}
	defer s.checking.Store(false)
	v, err := s.store.Version(ctx)
	if err != nil {
		if known {
			s.log.Warn("web: data version unavailable; serving the pages rendered so far", "err", err)
			return s.dataVersion.Load(), nil
		}
		return 0, err
	}
	s.sawVersion(v.ID)
	s.sawArticles(ctx, v.Articles)
	s.known.Store(true)
	if s.versionTTL > 0 && !s.fresh.Swap(true) {
		time.AfterFunc(s.versionTTL, func() { s.fresh.Store(false) })
	}
	return v.ID, nil
}

// sawVersion records a data version read from the store or a snapshot.
func (s *Server) sawVersion(id int64) { s.dataVersion.Store(id) }

// entry is one rendered page with everything its responses need prepared:
// header values are slices shared by every response, so serving allocates
// next to nothing.
type entry struct {
	body, gz     []byte
	ctype        []string
	cacheControl []string
	etag, etagGz []string
	clen, clenGz []string
	data         int64
	gen          uint64
	deps         deps
	shows        *shown // what it shows of the articles, when it shows any
}

var (
	hdrVary         = []string{"Accept-Encoding"}
	hdrGzip         = []string{"gzip"}
	hdrPageCache    = []string{"public, max-age=60"}
	hdrNoSniff      = []string{"nosniff"}
	gzipMinimumSize = 512 // below this the gzip header costs more than it saves
)

func newEntry(body []byte, ctype string) *entry {
	sum := sha256.Sum256(body)
	tag := base64.RawURLEncoding.EncodeToString(sum[:12])
	e := &entry{
		body:         body,
		ctype:        []string{ctype},
		cacheControl: hdrPageCache,
		etag:         []string{`"` + tag + `"`},
		clen:         []string{strconv.Itoa(len(body))},
	}
	if len(body) >= gzipMinimumSize {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		e.gz = buf.Bytes()
		// A strong ETag names one representation: the gzipped bytes differ.
		e.etagGz = []string{`"` + tag + `-gz"`}
		e.clenGz = []string{strconv.Itoa(len(e.gz))}
	}
	return e
}

func (e *entry) size() int { return len(e.body) + len(e.gz) + 256 }

// serve writes e, or 304 when the client's copy is current, gzipped when
// the client accepts it.
func (e *entry) serve(w http.ResponseWriter, r *http.Request, write bodyWriter) {
	h := w.Header()
	h["Content-Type"] = e.ctype
	h["Cache-Control"] = e.cacheControl
	h["X-Content-Type-Options"] = hdrNoSniff
	if e.gz != nil {
		h["Vary"] = hdrVary
	}
	gz, current := e.choose(r.Header["Accept-Encoding"], r.Header["If-None-Match"])
	body, etag, clen := e.body, e.etag, e.clen
	if gz {
		body, etag, clen = e.gz, e.etagGz, e.clenGz
	}
	h["Etag"] = etag
	if current {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if gz {
		h["Content-Encoding"] = hdrGzip
	}
	h["Content-Length"] = clen
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		write(w, r, body) // an error is the client's going: nothing to tell it
	}
}

// choose reads a request's Accept-Encoding and If-None-Match: whether it
// gets the gzipped bytes, and whether its copy is current (either
// representation's ETag will do).
func (e *entry) choose(acceptEncoding, ifNoneMatch []string) (gz, current bool) {
	gz = e.gz != nil && acceptsGzip(acceptEncoding)
	current = ifNoneMatch != nil && (etagMatch(ifNoneMatch, e.etag[0]) || (e.gz != nil && etagMatch(ifNoneMatch, e.etagGz[0])))
	return gz, current
}

// acceptsGzip reads Accept-Encoding: gzip (or x-gzip, or *) with a
// non-zero quality.
func acceptsGzip(values []string) bool {
	for _, v := range values {
		for v != "" {
			var item string
			item, v, _ = cut(v, ',')
			coding, params, _ := cut(item, ';')
			coding = trimSpace(coding)
			if !eqFold(coding, "gzip") && !eqFold(coding, "x-gzip") && coding != "*" {
				continue
			}
			if q := trimSpace(params); len(q) >= 3 && (q[0] == 'q' || q[0] == 'Q') && q[1] == '=' {
				if f, err := strconv.ParseFloat(trimSpace(q[2:]), 64); err == nil && f == 0 {
					continue
				}
			}
			return true
		}
	}
	return false
}

// etagMatch applies If-None-Match's weak comparison: "*", or any listed
// tag equal to etag once W/ is ignored.
func etagMatch(values []string, etag string) bool {
	for _, v := range values {
		for v != "" {
			var item string
			item, v, _ = cut(v, ',')
			item = trimSpace(item)
			if item == "*" {
				return true
			}
			if len(item) > 2 && item[:2] == "W/" {
				item = item[2:]
			}
			if item == etag {
				return true
			}
		}
	}
	return false
}

func trimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

func eqFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}

// cache holds rendered pages by key, within a byte budget. Keys come from
// request parameters, so the budget is what keeps a crawler trying every
// window of years from growing it without end.
//
// A get takes no lock: a read lock's counter is one cache line that every
// core writes, and on a cached page under load that cost more than the
// lookup. Puts, rarer, are serialised to keep the byte count.
type cache struct {
	entries sync.Map // pageKey → *entry
	mu      sync.Mutex
	bytes   int
	n       int
	budget  int
	// sweeps counts the drops of pages showing changed articles (shown.go),
	// under mu: a put that saw an older count is of a page that may show an
	// article's old text, and the check and the store must be one step, or
	// a drop landing between them would miss the page it then keeps.
	sweeps uint64
}

// noSweeps is the count a page that shows no article puts with: it is kept
// whatever was dropped.
const noSweeps = ^uint64(0)

func newCache(budget int) *cache {
	if budget <= 0 {
		budget = 64 << 20
	}
	return &cache{budget: budget}
}

func (c *cache) get(key pageKey) *entry {
	if e, ok := c.entries.Load(key); ok {
		return e.(*entry)
	}
	return nil
}

// sweepsSeen is the drop count to put a page with that is about to be
// rendered.
func (c *cache) sweepsSeen() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.sweeps
}

// put stores e, unless a drop has happened since sweeps was seen (noSweeps:
// whatever was dropped), evicting first the entries that stale reports
// (rendered from replaced data or articles) and then arbitrary ones until
// it fits. It reports whether e was kept.
func (c *cache) put(key pageKey, e *entry, stale func(*entry) bool, sweeps uint64) bool {
	n := e.size()
	if n > c.budget/4 {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if sweeps != noSweeps && sweeps != c.sweeps {
		return false
	}
	c.remove(key)
	if c.bytes+n > c.budget {
		c.removeIf(func(_ pageKey, old *entry) bool { return stale(old) })
		c.entries.Range(func(k, _ any) bool { // in hash order: arbitrary
			if c.bytes+n <= c.budget {
				return false
			}
			c.remove(k.(pageKey))
			return true
		})
	}
	c.entries.Store(key, e)
	c.bytes += n
	c.n++
	return true
}

// drop removes the entries gone reports (pages showing changed articles),
// and counts the sweep, which a page rendered meanwhile must see.
func (c *cache) drop(gone func(*entry) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sweeps++
	c.removeIf(func(_ pageKey, e *entry) bool { return gone(e) })
}

// remove and removeIf are called with mu held.
func (c *cache) remove(key pageKey) {
	if old, ok := c.entries.LoadAndDelete(key); ok {
		c.bytes -= old.(*entry).size()
		c.n--
	}
}

func (c *cache) removeIf(gone func(pageKey, *entry) bool) {
	c.entries.Range(func(k, v any) bool {
		if gone(k.(pageKey), v.(*entry)) {
			c.remove(k.(pageKey))
		}
		return true
	})
}

// len is the number of pages held, for tests.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
