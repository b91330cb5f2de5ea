package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/snapshot"
)

// ParamError is a 400 that names the query parameter at fault.
type ParamError struct {
	Param  string
	Reason string
}

func (e *ParamError) Error() string { return fmt.Sprintf("parameter %s: %s", e.Param, e.Reason) }

// Unwrap lets shuttle.ErrorCode see an EINVALID error.
func (e *ParamError) Unwrap() error { return shuttle.Errorf(shuttle.EINVALID, "%s", e.Error()) }

func paramErrorf(param, format string, args ...any) *ParamError {
	return &ParamError{Param: param, Reason: fmt.Sprintf(format, args...)}
}

// query reads typed query parameters, refusing unknown ones so that a typo
// ("contry=") is an error instead of a silently unfiltered answer.
type query struct {
	values url.Values
}

func newQuery(u *url.URL, allowed ...string) (query, error) {
	// url.URL.Query drops the pairs it cannot parse ("from=%zz", "a;b"),
	// which would turn a malformed filter into an unfiltered answer.
	values, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return query{}, paramErrorf("query", "malformed query string: %v", err)
	}
	q := query{values: values}
	for name, vs := range q.values {
		if !contains(allowed, name) {
			return q, paramErrorf(name, "unknown parameter (allowed: %s)", strings.Join(allowed, ", "))
		}
		if len(vs) > 1 {
			return q, paramErrorf(name, "given %d times", len(vs))
		}
	}
	return q, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (q query) str(name string) string { return strings.TrimSpace(q.values.Get(name)) }

// role reads a role, def when absent.
func (q query) role(name string, def shuttle.Role) (shuttle.Role, error) {
	s := q.str(name)
	if s == "" {
		return def, nil
	}
	r, err := shuttle.ParseRole(s)
	if err != nil {
		return "", paramErrorf(name, "%q is not a role (want secretary, president or visit)", s)
	}
	return r, nil
}

// year reads a four-digit year, def when absent.
func (q query) year(name string, def int) (int, error) {
	s := q.str(name)
	if s == "" {
		return def, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1000 || y > 9999 {
		return 0, paramErrorf(name, "%q is not a four-digit year", s)
	}
	return y, nil
}

// positive reads a positive integer, def when absent.
func (q query) positive(name string, def, max int) (int, error) {
	s := q.str(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, paramErrorf(name, "%q is not a whole number from 1 to %d", s, max)
	}
	return n, nil
}

// country reads an ISO code that the snapshot knows.
func (q query) country(snap *snapshot.Snapshot, name string) (string, error) {
	s := q.str(name)
	if s == "" {
		return "", nil
	}
	return knownCountry(snap, name, s)
}

func knownCountry(snap *snapshot.Snapshot, param, s string) (string, error) {
	iso := strings.ToUpper(s)
	if _, ok := snap.Country(iso); !ok {
		return "", paramErrorf(param, "%q is not a country code in the data (ISO 3166-1 alpha-2, e.g. FR)", s)
	}
	return iso, nil
}

// window reads from and to, defaulting to [defFrom, defTo] and refusing
// reversed windows or years outside [min, max].
func (q query) window(defFrom, defTo, min, max int) (from, to int, err error) {
	if from, err = q.year("from", defFrom); err != nil {
		return
	}
	if to, err = q.year("to", defTo); err != nil {
		return
	}
	switch {
	case from < min || from > max:
		err = paramErrorf("from", "%d is outside the data's range %d–%d", from, min, max)
	case to < min || to > max:
		err = paramErrorf("to", "%d is outside the data's range %d–%d", to, min, max)
	case from > to:
		err = paramErrorf("from", "%d is after to=%d", from, to)
	}
	return
}

// begin reads a request's query, refusing parameters outside allowed, and
// the snapshot of the current data version: what nearly every handler
// starts with.
func (s *Server) begin(r *http.Request, allowed ...string) (query, *snapshot.Snapshot, error) {
	q, err := newQuery(r.URL, allowed...)
	if err != nil {
		return q, nil, err
	}
	snap, err := s.Snapshot.Get(r.Context())
	return q, snap, err
}
