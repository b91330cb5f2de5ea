// Package api serves shuttle's JSON (and CSV) API under /api/v1. Each route
// first reads and checks its request into a normalised key (see plan), so
// that equivalent requests share one kept answer and only valid ones are
// kept; handlers return errors, and one adapter turns them into the error
// envelope, so a 500 or a 503 never shows internal text.
package api

import (
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/internal/httpapi"
	"github.com/shuttlenews/shuttle/snapshot"
)

// Server holds the API's dependencies.
type Server struct {
	Store    shuttle.Store
	Snapshot *snapshot.Source
	Logger   *slog.Logger
	// CacheBytes bounds the answers kept per data version; 0 means
	// DefaultCacheBytes.
	CacheBytes int

	answers answerCache
}

// plan is a checked request: the key its answer is kept under and what
// writes that answer.
type plan struct {
	// key is the route and its parameters, normalised (parsed values, in a
	// fixed order, defaults filled in): "limit=010" and "limit=10" share
	// one. "" means the answer is prepared (ETag, gzip) but not kept.
	key string
	// stream answers are written as they are produced, never held in
	// memory: CSV exports, whose size grows with the data.
	stream bool
	write  func(w http.ResponseWriter) error
}

// route reads and checks a request. Only a request that passes gets a
// plan, so the cache holds valid requests only.
type route func(r *http.Request) (plan, error)

// Route is one of the API's routes: a ServeMux pattern and its handler.
type Route struct {
	Pattern string
	Handler http.Handler
}

// Routes lists the API's routes, as Register adds them (the catch-all for
// unknown /api/ paths aside, which needs the mux).
func (s *Server) Routes() []Route {
	return []Route{
		{"GET /api/{$}", s.index()},
		{"GET /api/v1/{$}", s.index()},
		{"GET /api/v1/openapi.json", s.openAPI()},
		{"GET /api/v1/countries", s.serve(s.countries)},
		{"GET /api/v1/countries/{iso}", s.serve(s.country)},
		{"GET /api/v1/countries/{iso}/series", s.serve(s.series)},
		{"GET /api/v1/trips", s.serve(s.trips)},
		{"GET /api/v1/trips.csv", s.serve(s.tripsCSV)},
		{"GET /api/v1/travelers", s.serve(s.travelers)},
		{"GET /api/v1/travelers/{id}", s.serve(s.traveler)},
		{"GET /api/v1/regions", s.serve(s.regions)},
		{"GET /api/v1/version", s.serve(s.version)},
		{"GET /api/v1/insights", s.serve(s.catalogue)},
		{"GET /api/v1/rankings/{insight}", s.serve(s.ranking)},
		{"GET /api/v1/rankings/{insight}/{iso}", s.serve(s.explain)},
	}
}

// Register adds the API's routes to mux, and under /api/ a catch-all that
// answers unknown paths 404 and known paths with the wrong method 405, both
// in the envelope.
func (s *Server) Register(mux *http.ServeMux) {
	for _, rt := range s.Routes() {
		mux.Handle(rt.Pattern, rt.Handler)
	}
	mux.Handle("/api/", s.fallback(mux))
}

// fallback answers what no API route matched. ServeMux would answer a
// wrong method 405 by itself, but this catch-all matches every method
// first, so it asks the mux which methods the path has.
func (s *Server) fallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if allow := allowed(mux, r.URL); len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			httpapi.WriteEnvelope(w, http.StatusMethodNotAllowed, httpapi.Envelope{Error: httpapi.EnvelopeError{
				Code:    "method_not_allowed",
				Message: r.Method + " is not allowed on " + r.URL.Path + " (allowed: " + strings.Join(allow, ", ") + ")",
			}})
			return
		}
		s.fail(w, r, shuttle.Errorf(shuttle.ENOTFOUND, "no API route %s (the routes: /api/v1/openapi.json)", r.URL.Path))
	})
}

// methods are those a route of ours may take, in the order Allow lists them.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// allowed lists the methods for which mux has a route at u other than the
// catch-all.
func allowed(mux *http.ServeMux, u *url.URL) []string {
	var out []string
	for _, m := range methods {
		_, pattern := mux.Handler(&http.Request{Method: m, URL: u, Host: "api"})
		if pattern != "" && pattern != "/api/" && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// fail answers err in the envelope and logs what is the server's fault,
// with the detail the envelope leaves out.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := httpapi.WriteError(w, err)
	if status >= 500 {
		s.logger().Error("api", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
}

func (s *Server) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

// writeJSON is the one JSON writer (httpapi.WriteJSON), at 200.
func writeJSON(w http.ResponseWriter, v any) error {
	return httpapi.WriteJSON(w, http.StatusOK, v)
}

// key builds a plan's key: the canonical path, then the parameters that
// are set, sorted by name (url.Values.Encode). It is also the query string
// of links to the same list (trips' next).
func key(path string, params ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(params); i += 2 {
		if params[i+1] != "" {
			v.Set(params[i], params[i+1])
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}
