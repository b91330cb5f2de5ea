package httpapi

import (
	"errors"
	"net/url"
	"testing"

	"github.com/shuttlenews/shuttle"
)

// TestQueryLimits: every route's limit and offset read alike, with the same
// range and the same error naming the parameter.
func TestQueryLimits(t *testing.T) {
	tests := []struct {
		raw           string
		limit, offset int
		bad           string // the parameter refused, "" when none
	}{
		{"", 100, 0, ""},
		{"limit=1", 1, 0, ""},
		{"limit=1000", 1000, 0, ""},
		{"limit=010", 10, 0, ""},
		{"limit=+10", 10, 0, ""},
		{"limit=%2010%20", 10, 0, ""},
		{"limit=0", 0, 0, "limit"},
		{"limit=1001", 0, 0, "limit"},
		{"limit=100000", 0, 0, "limit"},
		{"limit=-1", 0, 0, "limit"},
		{"limit=1e3", 0, 0, "limit"},
		{"limit=ten", 0, 0, "limit"},
		{"offset=0", 100, 0, ""},
		{"offset=7500", 100, 7500, ""},
		{"offset=-1", 100, 0, "offset"},
		{"offset=1000001", 100, 0, "offset"},
		{"limit=5&limit=6", 0, 0, "limit"},
		{"limt=5", 0, 0, "limt"},
		{"limit=%zz", 0, 0, "query"},
		{"limit=5;offset=1", 0, 0, "query"},
	}
	for _, tt := range tests {
		limit, offset, err := func() (int, int, error) {
			q, err := ParseQuery(&url.URL{RawQuery: tt.raw}, "limit", "offset")
			if err != nil {
				return 0, 0, err
			}
			l, err := q.Limit(100)
			if err != nil {
				return 0, 0, err
			}
			o, err := q.Offset()
			return l, o, err
		}()
		var pe *ParamError
		switch {
		case tt.bad == "" && err != nil:
			t.Errorf("%q: %v", tt.raw, err)
		case tt.bad == "" && (limit != tt.limit || offset != tt.offset):
			t.Errorf("%q: limit %d offset %d, want %d %d", tt.raw, limit, offset, tt.limit, tt.offset)
		case tt.bad != "" && !errors.As(err, &pe):
			t.Errorf("%q: error %v, want a ParamError for %s", tt.raw, err, tt.bad)
		case tt.bad != "" && (pe.Param != tt.bad || shuttle.HTTPStatus(err) != 400):
			t.Errorf("%q: refused %q (status %d), want %q (400)", tt.raw, pe.Param, shuttle.HTTPStatus(err), tt.bad)
		}
	}
}

// TestEnvelopeHidesUnavailableDetail: a 503's envelope says the database is
// unavailable and nothing of where it is; other domain messages are shown.
func TestEnvelopeHidesUnavailableDetail(t *testing.T) {
	tests := []struct {
		err           error
		status        int
		code, message string
	}{
		{&shuttle.Error{Code: shuttle.EUNAVAILABLE, Message: "The database is unavailable.", Err: errors.New("database at 10.0.0.7:5432 is unreachable: connection refused")}, 503, "unavailable", "The database is unavailable."},
		{shuttle.Errorf(shuttle.ENOTFOUND, "no country with code %q", "ZZ"), 404, "not_found", `no country with code "ZZ"`},
		{errors.New("pq: relation trips does not exist"), 500, "internal", "internal error"},
		{ParamErrorf("limit", "too big"), 400, "invalid", "parameter limit: too big"},
	}
	for _, tt := range tests {
		status, env := EnvelopeFor(tt.err)
		if status != tt.status || env.Error.Code != tt.code || env.Error.Message != tt.message {
			t.Errorf("EnvelopeFor(%v) = %d %+v, want %d %s %q", tt.err, status, env, tt.status, tt.code, tt.message)
		}
	}
}
