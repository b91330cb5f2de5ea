package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// The API's answers change only when an ingest lands, so they carry a strong
// ETag (a hash of the body) and may be cached briefly by browsers and
// shared caches; a conditional request costs the client no body.
const cacheControl = "public, max-age=60, stale-while-revalidate=300"

// buffered collects a handler's answer so its ETag can be computed before
// anything is sent.
type buffered struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *buffered) Header() http.Header { return b.header }
func (b *buffered) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
func (b *buffered) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// etag is a strong validator for body.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
}

// conditional answers GET requests with an ETag, and 304 when the client
// already holds the same body. Errors are passed through uncached.
func conditional(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		b := &buffered{header: w.Header()}
		next.ServeHTTP(b, r)
		if b.status == 0 {
			b.status = http.StatusOK
		}
		if b.status == http.StatusOK {
			tag := etag(b.body.Bytes())
			w.Header().Set("ETag", tag)
			w.Header().Set("Cache-Control", cacheControl)
			w.Header().Add("Vary", "Accept")
			if matches(r.Header.Get("If-None-Match"), tag) {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.WriteHeader(b.status)
		if r.Method != http.MethodHead {
			w.Write(b.body.Bytes())
		}
	})
}

// matches reports whether an If-None-Match header names tag (or is "*").
func matches(header, tag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == tag {
			return true
		}
	}
	return false
}

// maxAnswers bounds the answers kept for one data version; past it, answers
// are computed but not kept (the set of distinct queries is what grows).
const maxAnswers = 4096

// answerCache keeps the successful answers of one data version: everything
// the API serves is a function of the dataset and the request, so until the
// next ingest an answer computed once is the answer.
type answerCache struct {
	mu      sync.Mutex
	version int64
	entries map[string]*answer
}

type answer struct {
	header http.Header // Content-Type, Content-Disposition
	body   []byte
}

func (c *answerCache) get(version int64, key string) *answer {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return nil
	}
	return c.entries[key]
}

func (c *answerCache) put(version int64, key string, a *answer) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.entries == nil {
		c.version, c.entries = version, map[string]*answer{}
	}
	if len(c.entries) < maxAnswers {
		c.entries[key] = a
	}
}

// cached serves h's successful answers from the cache of the current data
// version. The version costs one cheap query, which the handler would make
// anyway; a hit skips the computing and the encoding.
func (s *Server) cached(h handlerFunc) http.Handler {
	inner := s.handle(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := s.Store.Version(r.Context())
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		key := r.URL.RequestURI()
		if strings.Contains(r.Header.Get("Accept"), "text/csv") {
			key += "\x00csv"
		}
		if a := s.answers.get(v.ID, key); a != nil {
			for k, vs := range a.header {
				w.Header()[k] = vs
			}
			serveBody(w, r, a.body)
			return
		}
		b := &buffered{header: w.Header()}
		inner.ServeHTTP(b, r)
		if b.status == 0 {
			b.status = http.StatusOK
		}
		w.Header()["Content-Length"] = []string{strconv.Itoa(b.body.Len())}
		if b.status == http.StatusOK && r.Method == http.MethodGet {
			s.answers.put(v.ID, key, &answer{header: w.Header().Clone(), body: bytes.Clone(b.body.Bytes())})
		}
		w.WriteHeader(b.status)
		w.Write(b.body.Bytes())
	})
}

// serveBody answers with body, or 304 when the client holds its ETag (set
// by the header copied from the cached answer).
func serveBody(w http.ResponseWriter, r *http.Request, body []byte) {
	if matches(r.Header.Get("If-None-Match"), w.Header().Get("ETag")) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
