package httpapi

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// GzipMinSize is the smallest body worth compressing: below it gzip's
// header and trailer cost about what they save.
const GzipMinSize = 512

// Answer is a successful answer prepared once — its body, the body
// compressed, a strong ETag for each — and served to every request that
// asks the same thing.
type Answer struct {
	Header     http.Header // Content-Type, Cache-Control, Content-Disposition…
	Body, Gzip []byte      // Gzip is nil when the body is too small
	ETag       string
	ETagGzip   string
}

// NewAnswer prepares body with header (which it keeps; pass a copy).
func NewAnswer(header http.Header, body []byte) *Answer {
	a := &Answer{Header: header, Body: body, ETag: ETag(body)}
	if len(body) >= GzipMinSize {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed) // a valid level: cannot fail
		zw.Write(body)                                     // a bytes.Buffer does not fail
		zw.Close()
		a.Gzip = buf.Bytes()
		// A strong ETag names one representation, and the compressed bytes
		// are another: a cache must not answer a gzip request's
		// If-None-Match with the plain body's validator, or the reverse.
		a.ETagGzip = a.ETag[:len(a.ETag)-1] + `-gz"`
	}
	return a
}

// Size is about what a kept Answer costs in memory: both bodies and a
// generous allowance for the header and the struct.
func (a *Answer) Size() int { return len(a.Body) + len(a.Gzip) + 512 }

// Serve writes a, compressed when the request accepts gzip, or 304 when
// the client's copy is current (by either representation's ETag: a client
// that switched encodings still holds the same content).
func (a *Answer) Serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for k, vs := range a.Header {
		h[k] = vs
	}
	h.Add("Vary", "Accept-Encoding")
	body, tag := a.Body, a.ETag
	gz := a.Gzip != nil && AcceptsGzip(r.Header["Accept-Encoding"])
	if gz {
		body, tag = a.Gzip, a.ETagGzip
	}
	h.Set("ETag", tag)
	inm := r.Header["If-None-Match"]
	if ETagMatch(inm, a.ETag) || (a.Gzip != nil && ETagMatch(inm, a.ETagGzip)) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body) // an error is the client's going: nothing to tell it
	}
}

// ETag is a strong validator for body: 96 bits of its SHA-256.
func ETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
}

// ETagMatch applies If-None-Match's weak comparison (RFC 9110 13.1.2) to
// every field line of the header, not only the first: "*", or any listed
// tag equal to etag once W/ is ignored.
func ETagMatch(values []string, etag string) bool {
	for _, v := range values {
		for item := range strings.SplitSeq(v, ",") {
			item = strings.TrimSpace(item)
			if item == "*" || strings.TrimPrefix(item, "W/") == etag {
				return true
			}
		}
	}
	return false
}

// AcceptsGzip reads every Accept-Encoding line: gzip, x-gzip or * with a
// quality above zero ("gzip;q=0" refuses it).
func AcceptsGzip(values []string) bool {
	for _, v := range values {
		for item := range strings.SplitSeq(v, ",") {
			coding, params, _ := strings.Cut(item, ";")
			coding = strings.TrimSpace(coding)
			if !strings.EqualFold(coding, "gzip") && !strings.EqualFold(coding, "x-gzip") && coding != "*" {
				continue
			}
			if quality(params) > 0 {
				return true
			}
		}
	}
	return false
}

// quality reads q= among an Accept-Encoding item's parameters; 1 when absent
// or unreadable (a malformed weight is no refusal).
func quality(params string) float64 {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
			return f
		}
	}
	return 1
}

// Recorder collects a handler's answer so that it can be prepared (ETag,
// gzip) before anything is sent. Headers go to the real writer's map.
type Recorder struct {
	header http.Header
	Status int
	Body   bytes.Buffer
}

// NewRecorder records into w's header map.
func NewRecorder(w http.ResponseWriter) *Recorder { return &Recorder{header: w.Header()} }

func (b *Recorder) Header() http.Header { return b.header }

func (b *Recorder) WriteHeader(code int) {
	if b.Status == 0 {
		b.Status = code
	}
}

func (b *Recorder) Write(p []byte) (int, error) {
	if b.Status == 0 {
		b.Status = http.StatusOK
	}
	return b.Body.Write(p)
}

// Flush sends a recorded answer that is not a 200 as it is: errors are
// neither tagged nor compressed.
func (b *Recorder) Flush(w http.ResponseWriter) {
	if b.Status == 0 {
		b.Status = http.StatusOK
	}
	w.WriteHeader(b.Status)
	w.Write(b.Body.Bytes())
}

// Conditional answers h's successful GETs with an ETag, 304 and gzip, as
// Answer.Serve does; it suits routes whose answers are not kept (they
// change with every write). cacheControl is set on successes when not "".
func Conditional(cacheControl string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.ServeHTTP(w, r)
			return
		}
		rec := NewRecorder(w)
		h.ServeHTTP(rec, r)
		if rec.Status != http.StatusOK && rec.Status != 0 {
			rec.Flush(w)
			return
		}
		if cacheControl != "" {
			w.Header().Set("Cache-Control", cacheControl)
		}
		NewAnswer(http.Header{}, rec.Body.Bytes()).Serve(w, r)
	})
}

// Compress returns where a streamed answer should be written: w itself, or
// a gzip writer over it when the request accepts gzip. Call it before the
// first write; close the returned Closer at the end (it flushes gzip's
// trailer). A streamed answer has no ETag: it is not held to be hashed.
func Compress(w http.ResponseWriter, r *http.Request) (io.Writer, io.Closer) {
	w.Header().Add("Vary", "Accept-Encoding")
	if !AcceptsGzip(r.Header["Accept-Encoding"]) {
		return w, nopCloser{}
	}
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Del("Content-Length")
	zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
	return zw, zw
}

type nopCloser struct{}

func (nopCloser) Close() error { return nil }
