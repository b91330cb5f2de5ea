package shuttle_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
)

// TestHTTPStatus: every code has its status, whether the *Error is the
// error or wrapped deep in it; a cancelled request is the client's doing,
// anything else a 500. The want column is net/http's constants, which the
// domain writes out as numbers (it imports no transport).
func TestHTTPStatus(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, http.StatusOK},
		{"invalid", shuttle.Errorf(shuttle.EINVALID, "bad"), http.StatusBadRequest},
		{"unauthorized", shuttle.Errorf(shuttle.EUNAUTHORIZED, "who"), http.StatusUnauthorized},
		{"forbidden", shuttle.Errorf(shuttle.EFORBIDDEN, "no"), http.StatusForbidden},
		{"not found", shuttle.Errorf(shuttle.ENOTFOUND, "none"), http.StatusNotFound},
		{"internal", shuttle.Errorf(shuttle.EINTERNAL, "bug"), http.StatusInternalServerError},
		{"unavailable", shuttle.Errorf(shuttle.EUNAVAILABLE, "down"), http.StatusServiceUnavailable},
		{"wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", shuttle.Errorf(shuttle.ENOTFOUND, "x"))), http.StatusNotFound},
		{"unknown code", shuttle.Errorf("teapot", "x"), http.StatusInternalServerError},
		{"plain error", errors.New("boom"), http.StatusInternalServerError},
		{"cancelled", fmt.Errorf("query: %w", context.Canceled), shuttle.StatusClientClosed},
		// A coded error says what happened, even if a cancellation caused it.
		{"coded and cancelled", fmt.Errorf("%w: %w", shuttle.Errorf(shuttle.EUNAVAILABLE, "down"), context.Canceled), http.StatusServiceUnavailable},
		{"deadline", context.DeadlineExceeded, http.StatusInternalServerError},
	}
	for _, tt := range tests {
		if got := shuttle.HTTPStatus(tt.err); got != tt.want {
			t.Errorf("%s: HTTPStatus(%v) = %d, want %d", tt.name, tt.err, got, tt.want)
		}
	}
}

// An Error's detail is for the log: in Error() and the chain, never in
// the message a reader is shown.
func TestErrorDetail(t *testing.T) {
	cause := errors.New("dial tcp 10.0.0.5:5432: connection refused")
	err := fmt.Errorf("postgres: version: %w", &shuttle.Error{Code: shuttle.EUNAVAILABLE, Message: "The database is unavailable.", Err: cause})
	if got := shuttle.ErrorMessage(err); got != "The database is unavailable." {
		t.Errorf("ErrorMessage = %q", got)
	}
	if !strings.Contains(err.Error(), "10.0.0.5:5432") || !errors.Is(err, cause) || shuttle.ErrorCode(err) != shuttle.EUNAVAILABLE {
		t.Errorf("the detail is lost: %v (code %s)", err, shuttle.ErrorCode(err))
	}
}
