// Package httpapi holds what every JSON route of shuttle shares, whichever
// package serves it (api, editor, web): the query parser and its limits,
// the error envelope, the JSON writer, and conditional, compressed answers
// (ETag, If-None-Match, Accept-Encoding). One copy of each keeps the API's
// routes answering alike: a bad limit reads the same on /trips as on
// /articles, and a client's If-None-Match is read the same everywhere.
//
// It is internal because it is a convention of this server, not a library;
// it imports only the standard library and the domain.
package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/shuttlenews/shuttle"
)

// Envelope is the body of every API error:
// {"error":{"code":…,"message":…,"param":…}}.
type Envelope struct {
	Error EnvelopeError `json:"error"`
}

// EnvelopeError is the inside of an Envelope. Param names the query
// parameter at fault, when one is.
type EnvelopeError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Param   string `json:"param,omitempty"`
}

// RetryAfter is the Retry-After of a 503, in seconds: about how long a
// database restart or a failover takes.
const RetryAfter = "5"

// EnvelopeFor builds the envelope of err with its HTTP status. Only
// domain messages are shown; a 500 says "internal error".
func EnvelopeFor(err error) (int, Envelope) {
	status := shuttle.HTTPStatus(err)
	var env Envelope
	env.Error.Code = shuttle.ErrorCode(err)
	env.Error.Message = shuttle.ErrorMessage(err)
	var pe *ParamError
	if errors.As(err, &pe) {
		env.Error.Param = pe.Param
	}
	// An EUNAVAILABLE message is safe to show: the store puts the host and
	// the driver's words in the error's detail (shuttle.Error.Err), not in
	// the message, and the message may say something to act on (why the
	// first ingest failed).
	if status == shuttle.StatusClientClosed {
		env.Error.Message = "request cancelled"
	}
	return status, env
}

// WriteError writes err's envelope with its status, and returns the status
// so that the caller can log what is the server's fault.
func WriteError(w http.ResponseWriter, err error) int {
	status, env := EnvelopeFor(err)
	WriteEnvelope(w, status, env)
	return status
}

// WriteEnvelope writes env with status; for a 503 it adds Retry-After.
func WriteEnvelope(w http.ResponseWriter, status int, env Envelope) {
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", RetryAfter)
	}
	// Headers set for a success that did not happen must not describe the
	// error: it is neither cacheable nor of that ETag.
	for _, h := range []string{"ETag", "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Length"} {
		w.Header().Del(h)
	}
	WriteJSON(w, status, env) // an error here is the client's going
}

// WriteJSON writes v as JSON with status. It encodes before writing any
// header, so that a value that cannot be encoded is a returned error the
// caller can still answer with, not half an answer.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", ContentTypeJSON)
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, err = w.Write(append(b, '\n'))
	return err
}

// ContentTypeJSON is the Content-Type of every JSON answer.
const ContentTypeJSON = "application/json; charset=utf-8"
