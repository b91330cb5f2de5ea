package main

import (
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// statusWriter remembers the status for the access log.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs each request, when debug logging is on, with an id it
// echoes in X-Request-Id: the proxy's, or one of its own. At other levels
// it only echoes a proxy's id. An id of our own would then name no log line,
// and as a ninth header it would cost a cached page a tenth of its time (see
// web.SecurityHeaders); the status and timing are read only for the log, too.
func logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := ""
		if v := r.Header["X-Request-Id"]; len(v) > 0 && validRequestID(v[0]) {
			id = v[0]
		}
		if !slog.Default().Enabled(r.Context(), slog.LevelDebug) {
			if id != "" {
				w.Header()["X-Request-Id"] = []string{id}
			}
			next.ServeHTTP(w, r)
			return
		}
		if id == "" {
			id = newRequestID()
		}
		w.Header()["X-Request-Id"] = []string{id}
		began := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		slog.Debug("request", "id", id, "method", r.Method, "path", r.URL.Path, "status", sw.status, "bytes", sw.bytes, "took", time.Since(began))
	})
}

// Request ids are a random per-process prefix and a counter: unique across
// servers, and cheaper than reading the random source on every request.
var (
	idPrefix = func() string {
		var b [4]byte
		rand.Read(b[:])
		return hex.EncodeToString(b[:]) + "-"
	}()
	idCounter atomic.Uint64
)

func newRequestID() string {
	var b [32]byte
	return string(strconv.AppendUint(append(b[:0], idPrefix...), idCounter.Add(1), 36))
}

// validRequestID accepts an upstream proxy's id only if it is short and
// plain, so that it cannot smuggle anything into logs.
func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
