package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/shuttlenews/shuttle"
)

// status maps a domain error code to its HTTP status.
func status(err error) int {
	var he *httpError
	if errors.As(err, &he) {
		return he.status
	}
	return shuttle.HTTPStatus(err)
}

// errorPage is what the error template shows.
type errorPage struct {
	layoutData
	Status  int
	Heading string
	Message string
}

// renderError is the one place an error becomes a page. Only *shuttle.Error
// messages are shown; anything else is logged and replaced by a generic
// text, so internals never reach a reader.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	p := errorPage{Status: code, Message: shuttle.ErrorMessage(err)}
	var he *httpError
	if errors.As(err, &he) {
		p.Message = he.message
	}
	p.layoutData = s.layout(r.URL.Path, "")
	switch code {
	case http.StatusBadRequest:
		p.Heading = "That request does not work"
	case http.StatusNotFound:
		p.Heading = "Page not found"
	case http.StatusServiceUnavailable:
		p.Heading = "Temporarily unavailable"
		if shuttle.ErrorCode(err) == shuttle.EUNAVAILABLE && p.Message == "" {
			p.Message = "Please try again in a minute."
		}
		w.Header().Set("Retry-After", "30")
	case http.StatusNotImplemented:
		p.Heading = "Not offered"
	default:
		p.Heading = "Something went wrong"
		p.Message = "We could not show this page. The error has been logged; please try again later."
	}
	p.Title = p.Heading
	switch {
	case code == http.StatusInternalServerError:
		s.log.Error("web", "method", r.Method, "path", r.URL.Path, "status", code, "err", err)
	case code == http.StatusServiceUnavailable:
		s.log.Warn("web", "method", r.Method, "path", r.URL.Path, "status", code, "err", err)
	}
	h := w.Header()
	delete(h, "Etag")
	delete(h, "Content-Encoding")
	delete(h, "Content-Length")
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	body, rerr := s.renderPage("error", p)
	if rerr != nil {
		s.log.Error("web: rendering the error page", "err", rerr)
		body = []byte("<!doctype html><title>Error</title><p>Error " + strconv.Itoa(code) + "</p>\n")
	}
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
