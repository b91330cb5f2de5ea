// Package api serves shuttle's JSON (and CSV) API under /api/v1. Handlers
// return errors; one adapter turns them into the error envelope, so a 500
// never shows internal text.
package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/snapshot"
)

// Server holds the API's dependencies.
type Server struct {
	Store    shuttle.Store
	Snapshot *snapshot.Source
	Logger   *slog.Logger

	answers answerCache
}

// handlerFunc is an API handler that reports failure by returning an error.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// Register adds the API's routes to mux.
func (s *Server) Register(mux *http.ServeMux) {
	mux.Handle("GET /api/v1/countries", s.cached(s.countries))
	mux.Handle("GET /api/v1/countries/{iso}", s.cached(s.country))
	mux.Handle("GET /api/v1/countries/{iso}/series", s.cached(s.series))
	mux.Handle("GET /api/v1/trips", s.cached(s.trips))
	mux.Handle("GET /api/v1/travelers", s.cached(s.travelers))
	mux.Handle("GET /api/v1/travelers/{id}", s.cached(s.traveler))
	mux.Handle("GET /api/v1/regions", s.cached(s.regions))
	mux.Handle("GET /api/v1/version", s.handle(s.version))
	mux.Handle("GET /api/v1/insights", s.cached(s.catalogue))
	mux.Handle("GET /api/v1/rankings/{insight}", s.cached(s.ranking))
	mux.Handle("GET /api/v1/rankings/{insight}/{iso}", s.cached(s.explain))
	mux.Handle("/api/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return shuttle.Errorf(shuttle.ENOTFOUND, "no API route %s %s", r.Method, r.URL.Path)
	}))
}

func (s *Server) handle(h handlerFunc) http.Handler {
	return conditional(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeError(w, r, err)
		}
	}))
}

// errorBody is the envelope every API error uses.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Param   string `json:"param,omitempty"`
	} `json:"error"`
}

// Status maps a domain error code to its HTTP status; the mapping lives in
// the domain (shuttle.HTTPStatus) so that the site shares it without
// importing the API.
func Status(err error) int { return shuttle.HTTPStatus(err) }

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status := Status(err)
	var body errorBody
	body.Error.Code = shuttle.ErrorCode(err)
	body.Error.Message = shuttle.ErrorMessage(err)
	var pe *ParamError
	if errors.As(err, &pe) {
		body.Error.Param = pe.Param
	}
	if status >= 500 {
		s.logger().Error("api", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	writeJSON(w, status, body)
}

func (s *Server) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}
