package main

import (
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/shuttlenews/shuttle/auth"
	"github.com/shuttlenews/shuttle/web"
)

// maxHeaderBytes bounds a request's header. net/http's default is 1 MiB per
// connection; browsers send a few KiB, and a long cookie or referrer fits
// in 32 KiB with room to spare.
const maxHeaderBytes = 32 << 10

// maxBodyBytes bounds every request body, whatever the route: the largest
// any route takes (an article, URL-encoded in a form). The routes that take
// a body set their own, smaller limits, after authenticating.
const maxBodyBytes = auth.DefaultMaxFormBytes

// httpServer is net/http's server with shuttle's limits on slow and large
// clients. Under TLS it offers HTTP/2 too, which net/http configures by
// itself when the TLS config leaves NextProtos alone.
func (a *App) httpServer(h http.Handler) (*http.Server, error) {
	t := a.Timeouts.withDefaults()
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: t.ReadHeader, // a client that dribbles headers is cut off
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    maxHeaderBytes,
		ConnContext:       a.ln.ConnContext,
		ConnState:         a.ln.ConnState,
		// net/http reports TLS handshake failures and the like here: the
		// clients', not ours, so below the default level.
		ErrorLog: slog.NewLogLogger(slog.Default().Handler(), slog.LevelDebug),
	}
	if (a.TLSCert == "") != (a.TLSKey == "") {
		return nil, errors.New("serve: --tls-cert and --tls-key go together")
	}
	if a.TLSCert != "" {
		// Loaded now, so that a wrong path or key fails the start, not the
		// first handshake.
		cert, err := tls.LoadX509KeyPair(a.TLSCert, a.TLSKey)
		if err != nil {
			return nil, fmt.Errorf("serve: TLS certificate %s and key %s: %w", a.TLSCert, a.TLSKey, err)
		}
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	return srv, nil
}

// serve runs the site's server until it is shut down.
func (a *App) serve() error {
	if a.server.TLSConfig != nil {
		return a.server.ServeTLS(a.ln, "", "") // the certificate is in TLSConfig
	}
	return a.server.Serve(a.ln)
}

// openMetrics listens on MetricsAddr for Prometheus. /metrics tells request
// rates, routes and ingest sizes: an operator's, not the public's, so it is
// never on the site's address.
func (a *App) openMetrics(listen func(network, addr string) (net.Listener, error)) error {
	if a.MetricsAddr == "" {
		return nil
	}
	ln, err := listen("tcp", a.MetricsAddr)
	if err != nil {
		return fmt.Errorf("listen %s for metrics: %w", a.MetricsAddr, err)
	}
	a.metricsLn = ln
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", a.metrics.Handler())
	t := a.Timeouts.withDefaults()
	a.metricsServer = &http.Server{Handler: mux, ReadHeaderTimeout: t.ReadHeader, WriteTimeout: t.Write, MaxHeaderBytes: maxHeaderBytes}
	return nil
}

// limitBodies caps every request body at maxBodyBytes before any handler
// reads it. Reading past the cap fails, and net/http then closes the
// connection instead of reading the rest.
func limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		}
		next.ServeHTTP(w, r)
	})
}

// refusal is the answer to a request net/http refused before any handler
// saw it (see internal/wire): the site's security headers, and under /api/
// the API's error envelope.
func refusal(status int, text, target string) (http.Header, []byte) {
	path, _, _ := strings.Cut(target, "?")
	h := http.Header{}
	web.SetSecurityHeaders(h, path)
	if text == "" {
		text = http.StatusText(status)
	}
	if strings.HasPrefix(path, "/api/") {
		var body struct {
			Error struct {
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"error"`
		}
		body.Error.Code, body.Error.Message = "invalid", text
		b, _ := json.Marshal(body)
		h.Set("Content-Type", "application/json; charset=utf-8")
		return h, append(b, '\n')
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	return h, []byte(text + "\n")
}
