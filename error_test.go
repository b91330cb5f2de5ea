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

// The domain writes the statuses as numbers; net/http's names check them.
func TestHTTPStatus(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"invalid", shuttle.Errorf(shuttle.EINVALID, "bad year"), http.StatusBadRequest},
		{"not found", shuttle.Errorf(shuttle.ENOTFOUND, "no such country"), http.StatusNotFound},
		{"unavailable", shuttle.Errorf(shuttle.EUNAVAILABLE, "database down"), http.StatusServiceUnavailable},
		{"unauthorized", shuttle.Errorf(shuttle.EUNAUTHORIZED, "no token"), http.StatusUnauthorized},
		{"forbidden", shuttle.Errorf(shuttle.EFORBIDDEN, "read-only"), http.StatusForbidden},
		{"internal", shuttle.Errorf(shuttle.EINTERNAL, "bug"), http.StatusInternalServerError},
		{"wrapped", fmt.Errorf("country page: %w", shuttle.Errorf(shuttle.ENOTFOUND, "no such country")), http.StatusNotFound},
		{"plain error", errors.New("disk full"), http.StatusInternalServerError},
		{"client gone", fmt.Errorf("query: %w", context.Canceled), 499},
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
