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

// HTTPStatus is the HTTP status an error's code means, the one mapping the site
// and the API share. The numbers are written out rather than taken from
// net/http, which the domain does not import.
func HTTPStatus(err error) int {
	switch ErrorCode(err) {
	case EINVALID:
		return 400 // Bad Request
	case ENOTFOUND:
		return 404 // Not Found
	case EUNAVAILABLE:
		return 503 // Service Unavailable
	case EUNAUTHORIZED:
		return 401 // Unauthorized
	case EFORBIDDEN:
		return 403 // Forbidden
	}
	if errors.Is(err, context.Canceled) {
		return 499 // the client went away; nobody reads this
	}
	return 500 // Internal Server Error
}
