package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/internal/httpapi"
	"github.com/shuttlenews/shuttle/snapshot"
)

// ParamError is a 400 that names the query parameter at fault; it is the
// one every API route (the editor's too) answers with.
type ParamError = httpapi.ParamError

func paramErrorf(param, format string, args ...any) *ParamError {
	return httpapi.ParamErrorf(param, format, args...)
}

// query is the shared parser (httpapi.Query) with the readers that need
// the data: which countries and years it holds.
type query struct {
	httpapi.Query
}

func newQuery(u *url.URL, allowed ...string) (query, error) {
	q, err := httpapi.ParseQuery(u, allowed...)
	return query{q}, err
}

// country reads an ISO code that the snapshot knows.
func (q query) country(snap *snapshot.Snapshot, name string) (string, error) {
	iso, err := q.CountryCode(name)
	if err != nil || iso == "" {
		return iso, err
	}
	return knownCountry(snap, name, iso)
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
	if from, err = q.Year("from", defFrom); err != nil {
		return
	}
	if to, err = q.Year("to", defTo); err != nil {
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

// country finds the path's {iso} in the snapshot, or a 404.
func pathCountry(snap *snapshot.Snapshot, r *http.Request) (shuttle.CountryVisits, error) {
	c, ok := snap.Country(upper(r.PathValue("iso")))
	if !ok {
		return c, shuttle.Errorf(shuttle.ENOTFOUND, "no country with code %q", r.PathValue("iso"))
	}
	return c, nil
}

func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
