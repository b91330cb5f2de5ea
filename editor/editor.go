// Package editor is shuttle's editorial side: the JSON routes that create,
// replace and delete articles and trigger an ingest or a feed poll, the
// public article routes of the API, and a small server-rendered editor
// under /editor/.
//
// Every write goes through auth.RequireEditor. Articles arrive as Markdown
// with front matter and pass through content.Parse, so an article written
// here is validated and sanitised exactly like one loaded from the content
// directory.
package editor

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/auth"
	"github.com/shuttlenews/shuttle/internal/httpapi"
)

// Paths of the editor pages, for links and auth.Config.LoginPath.
const (
	Prefix    = "/editor/"
	LoginPath = "/editor/login"
)

// Actions are what the editor can do, supplied by cmd/shuttle. Only Store is
// required; routes whose action is nil answer 501.
type Actions struct {
	Store shuttle.ArticleStore
	// Ingest loads the datasets again and swaps them in.
	Ingest func(ctx context.Context) (shuttle.Version, error)
	// PollFeeds polls every feed once and returns how many articles it added.
	PollFeeds func(ctx context.Context) (int, error)
	// Enrich fills what the editor left unset (tag, quote, insight) and the
	// countries the text mentions; it must leave set fields alone.
	Enrich func(*shuttle.Article)
	// ArticlesChanged is called after every article write, so that caches
	// of pages listing articles can be dropped.
	ArticlesChanged func()
}

// Server holds the editor's dependencies. Set the fields, then call
// Register; do not change them afterwards.
type Server struct {
	// Auth checks editors; nil means writes are disabled.
	Auth    *auth.Authenticator
	Actions Actions
	Logger  *slog.Logger     // slog.Default() when nil
	Now     func() time.Time // time.Now when nil: the date a new article starts with

	// writeMu makes an article write's existence check and its put one
	// step, so that two creates of one slug cannot both succeed.
	writeMu sync.Mutex
	// ingestMu and pollMu refuse a second ingest or poll while one runs,
	// rather than queue requests that each redo the whole work.
	ingestMu sync.Mutex
	pollMu   sync.Mutex
}

// Register adds the editor's routes to mux: the article API (public reads,
// editor writes), the ingest and poll triggers, and the pages under /editor/.
func (s *Server) Register(mux *http.ServeMux) {
	if s.Auth == nil {
		// A server without an Authenticator must still refuse every write
		// with the message that says how to enable them.
		s.Auth, _ = auth.New(auth.Config{LoginPath: LoginPath, Logger: s.Logger}) // no tokens: cannot fail
	}
	for _, rt := range s.apiRoutes() {
		mux.Handle(rt.pattern, rt.handler)
	}
	s.registerPages(mux)
}

type route struct {
	pattern string
	handler http.Handler
}

// apiRoutes are the editor's routes under /api/v1, as Register adds them.
// The reads answer like the rest of the API: ETag, 304, gzip.
func (s *Server) apiRoutes() []route {
	editor := s.Auth.RequireEditor
	read := func(h handlerFunc) http.Handler { return httpapi.Conditional("", s.api(h)) }
	return []route{
		{"GET /api/v1/articles", read(s.listArticles)},
		{"GET /api/v1/articles/{slug}", read(s.getArticle)},
		{"POST /api/v1/articles", editor(s.api(s.createArticle))},
		{"PUT /api/v1/articles/{slug}", editor(s.api(s.putArticle))},
		{"DELETE /api/v1/articles/{slug}", editor(s.api(s.deleteArticle))},
		{"POST /api/v1/ingest", editor(s.api(s.ingest))},
		{"POST /api/v1/feeds/poll", editor(s.api(s.pollFeeds))},
	}
}

// APIPatterns are the patterns of the editor's API routes, for the test
// that holds the OpenAPI document to what is registered.
func (s *Server) APIPatterns() []string {
	var out []string
	for _, rt := range s.apiRoutes() {
		out = append(out, rt.pattern)
	}
	return out
}

func (s *Server) logger() *slog.Logger {
	if s.Logger != nil {
		return s.Logger
	}
	return slog.Default()
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// statusError is an answer the domain's error codes do not cover (409, 413,
// 415, 501).
type statusError struct {
	status  int
	code    string
	message string
}

func (e *statusError) Error() string { return e.message }

func conflictf(msg string) error {
	return &statusError{http.StatusConflict, "conflict", msg}
}

func tooLarge(msg string) error {
	return &statusError{http.StatusRequestEntityTooLarge, "too_large", msg}
}

var errNotImplemented = &statusError{http.StatusNotImplemented, "not_implemented", "this server was started without that action"}

// status maps an error to its HTTP status, code and user-safe message, as
// the API's envelope does (httpapi.EnvelopeFor): a 500 never shows its
// error's text, a 503 never the database's.
func status(err error) (int, string, string) {
	var se *statusError
	if errors.As(err, &se) {
		return se.status, se.code, se.message
	}
	code, env := httpapi.EnvelopeFor(err)
	return code, env.Error.Code, env.Error.Message
}

// logFailure logs the errors that are the server's fault.
func (s *Server) logFailure(r *http.Request, code int, err error) {
	if code >= 500 {
		s.logger().Error("editor", "method", r.Method, "path", r.URL.Path, "status", code, "err", err)
	}
}

// handlerFunc is an API handler that reports failure by returning an error.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// api adapts h, writing errors in the API's envelope.
func (s *Server) api(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		code, c, msg := status(err)
		s.logFailure(r, code, err)
		httpapi.WriteEnvelope(w, code, httpapi.Envelope{Error: httpapi.EnvelopeError{Code: c, Message: msg, Param: paramOf(err)}})
	})
}

// paramOf names the query parameter err is about, if any.
func paramOf(err error) string {
	var pe *httpapi.ParamError
	if errors.As(err, &pe) {
		return pe.Param
	}
	return ""
}

// writeJSON is the API's one JSON writer.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	return httpapi.WriteJSON(w, status, v)
}
