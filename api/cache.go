package api

import (
	"container/list"
	"io"
	"net/http"
	"sync"

	"github.com/shuttlenews/shuttle/internal/httpapi"
)

// The API's answers change only when an ingest lands, so they carry a strong
// ETag (a hash of the body) and may be cached briefly by browsers and
// shared caches; a conditional request costs the client no body.
const cacheControl = "public, max-age=60, stale-while-revalidate=300"

// DefaultCacheBytes bounds the answers kept for one data version: bodies and
// their gzip together. Every answer of the real data at default parameters
// (countries, travellers, rankings, series, the first pages of trips) fits
// several times over; what does not fit is the long tail of distinct
// queries, which an anonymous client can make without end and which is
// exactly what must not grow the heap.
const DefaultCacheBytes = 32 << 20

// maxAnswerBytes is the largest answer kept: one bigger is served but not
// kept, so that a single large answer cannot push out hundreds of small ones.
const maxAnswerBytes = DefaultCacheBytes / 16

// answerCache keeps the successful answers of one data version, least
// recently used first out: everything the API serves is a function of the
// dataset and the (normalised) request, so until the next ingest an answer
// computed once is the answer.
type answerCache struct {
	mu      sync.Mutex
	version int64
	bytes   int
	lru     list.List // of *kept, most recently used at the front
	entries map[string]*list.Element
	evicted uint64
}

type kept struct {
	key    string
	answer *httpapi.Answer
	size   int
}

// CacheStats describes the answer cache, for tests and metrics.
type CacheStats struct {
	Entries   int
	Bytes     int    // as counted against the budget: bodies, gzip, keys, overhead
	Evictions uint64 // answers dropped to stay within the budget, ever
}

// CacheStats reports the answer cache's size now.
func (s *Server) CacheStats() CacheStats {
	c := &s.answers
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Entries: len(c.entries), Bytes: c.bytes, Evictions: c.evicted}
}

func (c *answerCache) get(version int64, key string) *httpapi.Answer {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.entries == nil {
		return nil
	}
	e, ok := c.entries[key]
	if !ok {
		return nil
	}
	c.lru.MoveToFront(e)
	return e.Value.(*kept).answer
}

// put keeps a under key, evicting the least recently used answers until
// the total fits budget. A new version drops everything the old one kept.
func (c *answerCache) put(version int64, key string, a *httpapi.Answer, budget int) {
	size := a.Size() + len(key)
	if size > min(maxAnswerBytes, budget) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.entries == nil {
		c.version, c.entries, c.bytes = version, map[string]*list.Element{}, 0
		c.lru.Init()
	}
	if e, ok := c.entries[key]; ok { // two requests raced to compute it
		c.lru.MoveToFront(e)
		return
	}
	for c.bytes+size > budget {
		last := c.lru.Back()
		old := c.lru.Remove(last).(*kept)
		delete(c.entries, old.key)
		c.bytes -= old.size
		c.evicted++
	}
	c.entries[key] = c.lru.PushFront(&kept{key, a, size})
	c.bytes += size
}

func (s *Server) cacheBytes() int {
	if s.CacheBytes > 0 {
		return s.CacheBytes
	}
	return DefaultCacheBytes
}

// serve runs a route: check the request, then answer from the cache of the
// current data version, or compute, prepare (ETag, gzip) and keep the
// answer. The version costs one cheap query, which the handler would make
// anyway; a hit skips the computing, the encoding and the compressing.
func (s *Server) serve(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, err := s.Store.Version(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p, err := rt(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if p.stream {
			s.stream(w, r, p)
			return
		}
		if a := s.answers.get(v.ID, p.key); p.key != "" && a != nil {
			a.Serve(w, r)
			return
		}
		rec := httpapi.NewRecorder(w)
		if err := p.write(rec); err != nil {
			s.fail(w, r, err)
			return
		}
		if rec.Status != http.StatusOK {
			rec.Flush(w)
			return
		}
		w.Header().Set("Cache-Control", cacheControl)
		a := httpapi.NewAnswer(w.Header().Clone(), rec.Body.Bytes())
		if p.key != "" {
			s.answers.put(v.ID, p.key, a, s.cacheBytes())
		}
		a.Serve(w, r)
	})
}

// stream writes a streamed answer straight to the client, compressed when
// it accepts gzip. A failure after the first byte can only be logged: the
// status is sent.
func (s *Server) stream(w http.ResponseWriter, r *http.Request, p plan) {
	w.Header().Set("Cache-Control", cacheControl)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	out, closer := httpapi.Compress(w, r)
	sw := &streamWriter{ResponseWriter: w, out: out}
	err := p.write(sw)
	if err != nil && !sw.started {
		// Nothing sent yet (gzip's header included): the client can still
		// have the envelope.
		w.Header().Del("Content-Encoding")
		s.fail(w, r, err)
		return
	}
	if cerr := closer.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		s.logger().Warn("api: streamed answer cut short", "path", r.URL.Path, "err", err)
	}
}

// streamWriter sends a streamed answer's bytes through out (gzip or not),
// and remembers whether any were sent.
type streamWriter struct {
	http.ResponseWriter
	out     io.Writer
	started bool
}

func (w *streamWriter) Write(p []byte) (int, error) {
	w.started = true
	return w.out.Write(p)
}
