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
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
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
	// Ingest loads the datasets again and swaps them in. ctx is the
	// request's: net/http cancels it when the client goes away, and Ingest
	// must then stop and return, leaving the dataset it had. That is a
	// choice: the swap is atomic, so stopping loses nothing but the work
	// done so far (an ingest takes seconds), the client who asked is the
	// only one who would learn the result, and a detached ingest
	// (context.WithoutCancel) would need a deadline of its own and would
	// outlive the drain at shutdown. A client that wants it finished waits
	// for the answer; one that retries meanwhile gets 409.
	Ingest func(ctx context.Context) (shuttle.Version, error)
	// PollFeeds polls every feed once and returns how many articles it
	// added; ctx is the request's, cancelled as Ingest's is. The scheduled
	// poll runs anyway.
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
	read := func(h handlerFunc) http.Handler { return httpapi.Conditional("", s.api(h)) }
	return []route{
		{"GET /api/v1/articles", read(s.listArticles)},
		{"GET /api/v1/articles/{slug}", read(s.getArticle)},
		{"POST /api/v1/articles", s.write(maxArticleBody, s.api(limited(maxArticleBody, s.createArticle)))},
		{"PUT /api/v1/articles/{slug}", s.write(maxArticleBody, s.api(limited(maxArticleBody, s.putArticle)))},
		{"DELETE /api/v1/articles/{slug}", s.write(maxNoBody, s.api(noBody(s.deleteArticle)))},
		{"POST /api/v1/ingest", s.write(maxNoBody, s.api(noBody(s.ingest)))},
		{"POST /api/v1/feeds/poll", s.write(maxNoBody, s.api(noBody(s.pollFeeds)))},
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

// Body limits of the write routes. An article travels as Markdown, JSON or a
// form, and the last two may be up to envelopeFactor times the article
// (escaping grows it); the routes that act without a body (delete, ingest,
// poll, logout) take at most a form with its CSRF field.
const (
	maxArticleBody = envelopeFactor * MaxArticleBytes // auth.DefaultMaxFormBytes, too
	maxNoBody      = 1 << 10
)

// write guards an editor's write route. The body is capped at limit first
// (a MaxBytesReader reads nothing by itself), so that even the CSRF check's
// read of a form stops there; then RequireEditor checks the credentials
// before anything of the body is read, so that an anonymous client is
// refused at once however large a body it announces.
func (s *Server) write(limit int64, h http.Handler) http.Handler {
	guarded := s.Auth.RequireEditor(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A copy of the request carries the capped body: net/http looks at
		// its own request's Body after the handler to decide whether an
		// unread body is small enough to drain, and a body it does not know
		// it would drain, delaying the refusal until the client has sent
		// (up to 256 KiB of) what it announced.
		capped := new(http.Request)
		*capped = *r
		capped.Body = http.MaxBytesReader(w, r.Body, limit)
		guarded.ServeHTTP(w, capped)
	})
}

// limited refuses, for an editor, a body announced as larger than limit
// before reading it; the MaxBytesReader of write catches one that is not
// announced (chunked).
func limited(limit int64, h func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if r.ContentLength > limit {
			// Closing is cheaper than draining a body that was refused,
			// and without it net/http would wait for a small one to arrive
			// before sending the refusal.
			w.Header().Set("Connection", "close")
			return bodyTooLarge(limit)
		}
		return h(w, r)
	}
}

// noBody is limited for a route that has no use for a body: what the client
// sent is read (at most limit, by write's MaxBytesReader) and dropped, so
// that a body over the limit is refused rather than ignored.
func noBody(h func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	return limited(maxNoBody, func(w http.ResponseWriter, r *http.Request) error {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			return bodyError(err)
		}
		return h(w, r)
	})
}

// bodyError is the answer to a failed read of a body capped by write.
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return bodyTooLarge(tooBig.Limit)
	}
	return shuttle.Errorf(shuttle.EINVALID, "reading the body: %v", err)
}

func bodyTooLarge(limit int64) error {
	return tooLarge(fmt.Sprintf("the request body is larger than %d KiB, the limit of this route", limit>>10))
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
	var te *auth.ThrottledError
	if errors.As(err, &te) {
		return http.StatusTooManyRequests, "too_many_requests", te.Error()
	}
	code, env := httpapi.EnvelopeFor(err)
	return code, env.Error.Code, env.Error.Message
}

// retryAfter tells a client refused for now when to come back: a throttled
// client when its window ends, an unavailable server in a few seconds.
func retryAfter(w http.ResponseWriter, code int, err error) {
	var te *auth.ThrottledError
	switch {
	case errors.As(err, &te):
		w.Header().Set("Retry-After", strconv.Itoa(te.Seconds()))
	case code == http.StatusServiceUnavailable:
		w.Header().Set("Retry-After", "5")
	}
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
		retryAfter(w, code, err)
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
