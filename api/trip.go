package api

import (
	"net/http"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// maxTrips bounds one answer; the whole dataset is about 7,500 records.
const maxTrips = 10000

func (s *Server) trips(w http.ResponseWriter, r *http.Request) error {
	q, snap, err := s.begin(r, "country", "role", "traveler", "year", "limit")
	if err != nil {
		return err
	}
	var f shuttle.TripFilter
	if f.Country, err = q.country(snap, "country"); err != nil {
		return err
	}
	if f.Role, err = q.role("role", ""); err != nil {
		return err
	}
	if f.Traveler = q.str("traveler"); f.Traveler != "" {
		if _, ok := snap.Traveler(f.Traveler); !ok {
			return paramErrorf("traveler", "%q is not a Secretary of State or President id (e.g. blinken-antony-j)", f.Traveler)
		}
	}
	if f.Year, err = q.year("year", 0); err != nil {
		return err
	}
	if f.Limit, err = q.positive("limit", maxTrips, maxTrips); err != nil {
		return err
	}
	trips, err := s.Store.Trips(r.Context(), f)
	if err != nil {
		return err
	}
	if trips == nil {
		trips = []shuttle.Trip{}
	}
	return writeJSON(w, http.StatusOK, struct {
		Trips []shuttle.Trip `json:"trips"`
	}{trips})
}

func (s *Server) travelers(w http.ResponseWriter, r *http.Request) error {
	q, err := newQuery(r.URL, "role")
	if err != nil {
		return err
	}
	role, err := q.role("role", "")
	if err != nil {
		return err
	}
	if role == shuttle.RoleVisit {
		return paramErrorf("role", "foreign leaders are not listed as travellers; use /api/v1/trips?role=visit")
	}
	snap, err := s.Snapshot.Get(r.Context())
	if err != nil {
		return err
	}
	out := []shuttle.Traveler{}
	for _, t := range snap.Travelers {
		if role == "" || t.Held(role) {
			out = append(out, t)
		}
	}
	return writeJSON(w, http.StatusOK, struct {
		Travelers []shuttle.Traveler `json:"travelers"`
	}{out})
}

func (s *Server) traveler(w http.ResponseWriter, r *http.Request) error {
	_, snap, err := s.begin(r)
	if err != nil {
		return err
	}
	t, ok := snap.Traveler(r.PathValue("id"))
	if !ok {
		return shuttle.Errorf(shuttle.ENOTFOUND, "no Secretary of State or President with id %q", r.PathValue("id"))
	}
	return writeJSON(w, http.StatusOK, struct {
		Traveler shuttle.Traveler `json:"traveler"`
	}{t})
}

func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
