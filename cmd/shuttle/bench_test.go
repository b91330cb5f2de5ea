package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkCachedArticle runs the whole handler chain (metrics, request id,
// security headers, routing, the page cache) for a cached article page, the
// page bench/site.sh loads against nginx. It leaves out net/http's own
// reading and writing, which every Go server pays, to show what shuttle adds.
func BenchmarkCachedArticle(b *testing.B) {
	app := startAppWith(b, &App{Addr: "127.0.0.1:0", Flags: sqliteFlags(b), Content: "../../content/sample"})
	waitReady(b, app.URL())
	h := app.server.Handler
	for _, enc := range []string{"identity", "gzip"} {
		b.Run(enc, func(b *testing.B) {
			r := httptest.NewRequest("GET", "/articles/nato-foreign-ministers-75th-year", nil)
			if enc == "gzip" {
				r.Header.Set("Accept-Encoding", "gzip")
			}
			w := &discardWriter{h: http.Header{}}
			h.ServeHTTP(w, r)
			if w.status != http.StatusOK || w.n < 1000 {
				b.Fatalf("status %d, %d bytes", w.status, w.n)
			}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, r)
			}
			b.SetBytes(int64(w.n))
		})
	}
	// All cores at once, as under load: what the shared counters and locks
	// cost when their cache lines move between cores.
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			r := httptest.NewRequest("GET", "/articles/nato-foreign-ministers-75th-year", nil)
			r.Header.Set("Accept-Encoding", "gzip")
			w := &discardWriter{h: http.Header{}}
			for pb.Next() {
				clear(w.h)
				h.ServeHTTP(w, r)
			}
		})
	})
}

// discardWriter is the least a ResponseWriter can do, so that the benchmark
// measures the handlers.
type discardWriter struct {
	h      http.Header
	status int
	n      int
}

func (w *discardWriter) Header() http.Header  { return w.h }
func (w *discardWriter) WriteHeader(code int) { w.status = code }
func (w *discardWriter) Write(p []byte) (int, error) {
	w.n = len(p)
	return len(p), nil
}
