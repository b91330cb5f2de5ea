// Package front is shuttle's front door: the HTTP/1.1 server every request
// reaches first. It answers a GET of a page the site has already rendered
// by itself, and hands every other request to the net/http handler.
//
// Why not net/http's own server: a cached article page is a lookup and a
// write, and there net/http's per-request work (an *http.Request, two
// header maps, a goroutine waking to watch the connection) was most of the
// cost. Bare net/http serving the same bytes reached 0.90 of nginx on the
// benchmark (bench/site.sh); fasthttp, which parses into reused buffers,
// reached 1.35, and shuttle's fast lane on it 1.2-1.4 (doc/scaling.md).
// The handlers stay net/http: fasthttp is confined to this
// package, and the bridge (bridge.go) gives handlers an *http.Request of
// their own, with no memory shared with fasthttp's reused buffers.
//
// The fast lane only repeats what the handler decided: a request target is
// answered here only after a page route has served it from the site's
// cache, while that page is current (web.Server.Cached).
package front

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/valyala/fasthttp"

	"github.com/shuttlenews/shuttle/metrics"
	"github.com/shuttlenews/shuttle/web"
)

// Config is what the front door serves.
type Config struct {
	// Handler answers every request the fast lane does not.
	Handler http.Handler
	// Site, if set, is asked for cached pages (the fast lane).
	Site *web.Server
	// Metrics, if set, counts and times the fast lane's answers as
	// Instrument counts the handler's.
	Metrics *metrics.Metrics
	// Timeouts bound slow clients.
	ReadHeader, Read, Write, Idle time.Duration
	// MaxBodyBytes bounds a request body (the handlers may bound it lower).
	MaxBodyBytes int
}

// Server is the front door.
type Server struct {
	cfg Config
	fh  *fasthttp.Server
	// Requests answered by the fast lane and by the handler.
	fastN, handlerN atomic.Uint64
}

// Lanes counts the requests answered by the fast lane and by the handler.
func (s *Server) Lanes() (fast, handler uint64) { return s.fastN.Load(), s.handlerN.Load() }

// Headers larger than this are refused with 431: nginx's default is 8 KiB.
const maxHeaderBytes = 16 << 10

// writeBuffer holds a whole response up to this size, so that a page and
// its header leave in one write; fasthttp sends larger ones to a TCP
// connection with one writev. Each busy connection holds one: at 64 KiB,
// 256 connections kept 12 MB more live heap, which GOGC=400 made ~60 MB of
// RSS (bench/load.sh).
const writeBuffer = 16 << 10

// New returns a front door for cfg.
func New(cfg Config) *Server {
	s := &Server{cfg: cfg}
	s.fh = &fasthttp.Server{
		Handler: s.serve,
		// ReadTimeout bounds the request line and header, counted from the
		// request's first byte; a body then has Read (HeaderReceived).
		ReadTimeout:  cfg.ReadHeader,
		WriteTimeout: cfg.Write,
		IdleTimeout:  cfg.Idle,
		HeaderReceived: func(*fasthttp.RequestHeader) fasthttp.RequestConfig {
			return fasthttp.RequestConfig{ReadTimeout: cfg.Read}
		},
		MaxRequestBodySize:           cfg.MaxBodyBytes,
		ReadBufferSize:               maxHeaderBytes,
		WriteBufferSize:              writeBuffer,
		NoDefaultServerHeader:        true, // as net/http: no Server header
		NoDefaultContentType:         true, // the handler's, or sniffed as net/http does
		DisablePreParseMultipartForm: true, // net/http's handlers parse their forms
		CloseOnShutdown:              true,
		Logger:                       logger{},
		ErrorHandler:                 refuse,
	}
	return s
}

// refuse answers a request fasthttp could not read, with the status
// net/http would give it.
func refuse(ctx *fasthttp.RequestCtx, err error) {
	var small *fasthttp.ErrSmallBuffer
	var timeout interface{ Timeout() bool }
	switch {
	case errors.As(err, &small):
		ctx.Error("431 Request Header Fields Too Large", http.StatusRequestHeaderFieldsTooLarge)
	case errors.Is(err, fasthttp.ErrBodyTooLarge):
		ctx.Error("413 Request Entity Too Large", http.StatusRequestEntityTooLarge)
	case errors.As(err, &timeout) && timeout.Timeout():
		ctx.Error("408 Request Timeout", http.StatusRequestTimeout)
	default:
		ctx.Error("400 Bad Request", http.StatusBadRequest)
	}
	ctx.SetConnectionClose()
}

// Serve accepts connections on ln until Shutdown.
func (s *Server) Serve(ln net.Listener) error { return s.fh.Serve(ln) }

// Shutdown stops accepting, waits for the requests in flight to end and
// closes the connections, or gives up when ctx ends.
func (s *Server) Shutdown(ctx context.Context) error { return s.fh.ShutdownWithContext(ctx) }

func (s *Server) serve(ctx *fasthttp.RequestCtx) {
	if s.cfg.Site != nil && s.fast(ctx) {
		s.fastN.Add(1)
		return
	}
	s.handlerN.Add(1)
	s.bridge(ctx)
}

// fast answers ctx from the site's cache, or returns false for the handler
// to answer.
func (s *Server) fast(ctx *fasthttp.RequestCtx) bool {
	h := &ctx.Request.Header
	var method string
	switch {
	case h.IsGet():
		method = http.MethodGet
	case h.IsHead():
		method = http.MethodHead
	default:
		return false
	}
	// A GET with a body, a proxy's request id to echo, or debug logging
	// (which logs each request with an id) are the handler's.
	// (fasthttp's ContentLength is -2 for a request without a body, -1
	// for a chunked one.)
	if cl := h.ContentLength(); cl > 0 || cl == -1 || len(h.Peek("X-Request-Id")) > 0 || slog.Default().Enabled(ctx, slog.LevelDebug) {
		return false
	}
	began := time.Now()
	// The target is looked up, never kept: a view of fasthttp's buffer
	// spares a copy per request.
	page, ok := s.cfg.Site.Cached(ctx, view(h.RequestURI()))
	if !ok {
		return false
	}
	var aeBuf, inmBuf [2]string
	ae, ok1 := values(aeBuf[:0], h.PeekAll("Accept-Encoding"))
	inm, ok2 := values(inmBuf[:0], h.PeekAll("If-None-Match"))
	if !ok1 || !ok2 {
		return false
	}
	resp := &ctx.Response
	status, body := page.Respond(ae, inm, func(name, value string) { resp.Header.Set(name, value) })
	resp.SetStatusCode(status)
	if body != nil {
		resp.SetBodyRaw(body) // the cache's bytes, shared, never modified
	}
	if s.cfg.Metrics != nil {
		s.cfg.Metrics.Observe(page.Route(), method, status, time.Since(began))
	}
	return true
}

// values views a header's values as strings for the length of one call.
// A header repeated more than a few times is the handler's.
func values(dst []string, vs [][]byte) ([]string, bool) {
	if len(vs) == 0 {
		return nil, true
	}
	if len(vs) > cap(dst) {
		return nil, false
	}
	for _, v := range vs {
		dst = append(dst, view(v))
	}
	return dst, true
}

// view is b as a string without a copy, for a lookup that does not keep it.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// logger sends fasthttp's messages to slog. They are about connections
// that clients broke or sent nonsense on, which is no fault of the server's:
// net/http does not report them at all.
type logger struct{}

func (logger) Printf(format string, args ...any) {
	if slog.Default().Enabled(context.Background(), slog.LevelDebug) {
		slog.Debug("http: " + fmt.Sprintf(format, args...))
	}
}

// ServeConn serves the requests of one connection, for benchmarks and
// tests that bring their own.
func (s *Server) ServeConn(c net.Conn) error { return s.fh.ServeConn(c) }
