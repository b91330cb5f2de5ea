package front

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"

	"github.com/valyala/fasthttp"
)

// bridge serves ctx with the net/http handler.
//
// The *http.Request is built from copies: fasthttp reuses its buffers for
// the connection's next request, and a handler may keep what it read (a
// cache key, a log attribute, a goroutine's argument). fasthttpadaptor's
// requests are views of those buffers, which is why it is not used.
// Responses are buffered whole, as no handler streams.
func (s *Server) bridge(ctx *fasthttp.RequestCtx) {
	r, err := request(ctx)
	if err != nil {
		ctx.Error("Bad Request: "+err.Error(), http.StatusBadRequest)
		return
	}
	rctx, cancel := context.WithCancel(context.Background())
	defer cancel() // as net/http does when the handler returns
	r = r.WithContext(rctx)
	w := &response{ctx: ctx, header: make(http.Header)}
	defer func() {
		if p := recover(); p != nil {
			// net/http drops the connection of a handler that panics;
			// so does the bridge, after a 500. Nothing the handler wrote
			// has left (responses are buffered), and sending it would pass
			// a truncated page off as whole.
			if p != http.ErrAbortHandler {
				slog.Error("http: panic serving request", "method", r.Method, "target", r.RequestURI, "panic", p, "stack", string(debug.Stack()))
			}
			ctx.Response.Reset()
			ctx.Error(http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			ctx.SetConnectionClose()
		}
	}()
	s.cfg.Handler.ServeHTTP(w, r)
	w.finish()
}

// request builds a net/http request from ctx's, sharing no memory with it.
func request(ctx *fasthttp.RequestCtx) (*http.Request, error) {
	h := &ctx.Request.Header
	target := string(h.RequestURI())
	u, err := url.ParseRequestURI(target)
	if err != nil {
		return nil, err
	}
	r := &http.Request{
		Method:     string(h.Method()),
		URL:        u,
		Proto:      string(h.Protocol()),
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     make(http.Header, 8),
		Host:       string(h.Host()),
		RemoteAddr: ctx.RemoteAddr().String(),
		RequestURI: target,
		Close:      h.ConnectionClose(),
	}
	if r.Proto == "HTTP/1.0" {
		r.ProtoMinor = 0
	}
	for k, v := range h.All() {
		key := http.CanonicalHeaderKey(string(k))
		switch key {
		case "Host":
			continue // r.Host, as net/http
		case "Transfer-Encoding":
			r.TransferEncoding = append(r.TransferEncoding, string(v))
			continue
		}
		r.Header[key] = append(r.Header[key], string(v))
	}
	body := ctx.PostBody()
	r.ContentLength = int64(len(body))
	if len(body) > 0 {
		r.Body = io.NopCloser(bytes.NewReader(bytes.Clone(body)))
	} else {
		r.Body = http.NoBody
	}
	return r, nil
}

// response is the handler's http.ResponseWriter: it writes into fasthttp's
// response, which fasthttp sends when the bridge returns.
type response struct {
	ctx         *fasthttp.RequestCtx
	header      http.Header
	wroteHeader bool
	status      int
}

func (w *response) Header() http.Header { return w.header }

// WriteHeader fixes the status and the header, as net/http does: changes
// to the header after it are not sent.
func (w *response) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	if code < 100 || code > 999 {
		panic("invalid WriteHeader code " + strconv.Itoa(code)) // as net/http
	}
	if code < 200 {
		return // informational responses are not relayed
	}
	w.wroteHeader, w.status = true, code
	resp := &w.ctx.Response
	resp.SetStatusCode(code)
	for k, vs := range w.header {
		for _, v := range vs {
			resp.Header.Add(k, v)
		}
	}
}

func (w *response) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if !bodyAllowed(w.status) {
		return 0, http.ErrBodyNotAllowed
	}
	w.ctx.Response.AppendBody(b)
	return len(b), nil
}

// finish completes a response the handler left without a status, and
// sniffs the type of one without a Content-Type, as net/http does.
func (w *response) finish() {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	resp := &w.ctx.Response
	if _, set := w.header["Content-Type"]; !set && bodyAllowed(w.status) {
		if body := resp.Body(); len(body) > 0 {
			resp.Header.SetContentType(http.DetectContentType(body))
		}
	}
}

func bodyAllowed(status int) bool {
	return status != http.StatusNoContent && status != http.StatusNotModified && (status < 100 || status >= 200)
}
