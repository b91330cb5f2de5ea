package shuttle

import (
	"context"
	"errors"
	"fmt"
)

// Error codes that the web and API layers map to HTTP statuses. Packages wrap
// their own detail around an *Error; callers ask ErrorCode for the code.
const (
	EINVALID      = "invalid"      // the caller's input is wrong (400)
	ENOTFOUND     = "not_found"    // no such thing (404)
	EUNAVAILABLE  = "unavailable"  // a dependency (the database) is unreachable (503)
	EINTERNAL     = "internal"     // a bug or an unexpected failure (500)
	EUNAUTHORIZED = "unauthorized" // no or wrong credentials (401)
	EFORBIDDEN    = "forbidden"    // credentials present but not enough (403)
)

// Error is a domain error: a code for machines and a message safe to show a
// user. Err, when set, is the detail behind it for the log (which server,
// which driver error): it is in Error() and the chain, never in Message.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of the first *Error in err's
// chain, and a generic text for anything else so that internals never leak.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	}
	return "internal error"
}

// StatusClientClosed is the status logged for a request whose client went
// away before the answer (nginx's 499): nobody reads it, but a log that
// says 500 would blame the server.
const StatusClientClosed = 499

// httpStatus is the HTTP meaning of each code. The numbers are written out
// because the domain imports no transport; they are the net/http constants
// of the same names (StatusBadRequest…), which a test in api checks.
var httpStatus = map[string]int{
	EINVALID:      400, // Bad Request
	EUNAUTHORIZED: 401, // Unauthorized
	EFORBIDDEN:    403, // Forbidden
	ENOTFOUND:     404, // Not Found
	EINTERNAL:     500, // Internal Server Error
	EUNAVAILABLE:  503, // Service Unavailable
}

// HTTPStatus is the HTTP status of err: its code's, StatusClientClosed when
// it is (or wraps) a cancelled context and carries no code, 500 for any other
// error, and 200 for nil. The web pages, the API and the editor all answer by
// it, so one error reads the same everywhere.
func HTTPStatus(err error) int {
	var e *Error
	switch {
	case err == nil:
		return 200
	case errors.As(err, &e):
		if s, ok := httpStatus[e.Code]; ok {
			return s
		}
	case errors.Is(err, context.Canceled):
		return StatusClientClosed
	}
	return 500
}
