package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
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
