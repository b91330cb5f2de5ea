package api

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/internal/httpapi"
)

// defaultTrips is a page of /api/v1/trips when the client gives no limit:
// about 40 kB of JSON. The whole dataset (about 7,500 records) is
// httpapi.MaxLimit a page at most, or one CSV export.
const defaultTrips = 100

var tripParams = []string{"country", "role", "traveler", "year", "limit", "offset"}

// tripQuery is a checked /api/v1/trips request.
type tripQuery struct {
	f     shuttle.TripFilter
	limit int  // as asked, or the default
	given bool // the client gave limit
}

// params is the normalised query string of q at offset: the key of its
// answer, and the query string of its next page.
func (q tripQuery) params(offset int) []string {
	return []string{"country", q.f.Country, "role", string(q.f.Role), "traveler", q.f.Traveler,
		"year", itoa(q.f.Year), "limit", strconv.Itoa(q.limit), "offset", strconv.Itoa(offset)}
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (s *Server) readTrips(r *http.Request) (tripQuery, error) {
	var t tripQuery
	q, snap, err := s.begin(r, tripParams...)
	if err != nil {
		return t, err
	}
	if t.f.Country, err = q.country(snap, "country"); err != nil {
		return t, err
	}
	if t.f.Role, err = q.Role("role", ""); err != nil {
		return t, err
	}
	if t.f.Traveler = q.Str("traveler"); t.f.Traveler != "" {
		if _, ok := snap.Traveler(t.f.Traveler); !ok {
			return t, paramErrorf("traveler", "%q is not a Secretary of State or President id (e.g. blinken-antony-j)", t.f.Traveler)
		}
	}
	if t.f.Year, err = q.Year("year", 0); err != nil {
		return t, err
	}
	if t.limit, err = q.Limit(defaultTrips); err != nil {
		return t, err
	}
	t.given = q.Str("limit") != ""
	if t.f.Offset, err = q.Offset(); err != nil {
		return t, err
	}
	return t, nil
}

// trips answers one page of trips, with the total the filter matches and
// the link to the next page; CSV (Accept: text/csv) is the export.
func (s *Server) trips(r *http.Request) (plan, error) {
	if acceptsCSV(r) {
		return s.tripsCSV(r)
	}
	t, err := s.readTrips(r)
	if err != nil {
		return plan{}, err
	}
	t.f.Limit = t.limit
	return plan{key: key("/api/v1/trips", t.params(t.f.Offset)...), write: func(w http.ResponseWriter) error {
		trips, err := s.Store.Trips(r.Context(), t.f)
		if err != nil {
			return err
		}
		total, err := s.Store.CountTrips(r.Context(), t.f)
		if err != nil {
			return err
		}
		var next string
		if end := t.f.Offset + len(trips); end < total && len(trips) > 0 {
			next = key("/api/v1/trips", t.params(end)...)
		}
		w.Header().Add("Vary", "Accept")
		return writeJSON(w, struct {
			Trips  []shuttle.Trip `json:"trips"`
			Total  int            `json:"total"`
			Offset int            `json:"offset"`
			Limit  int            `json:"limit"`
			Next   string         `json:"next,omitempty"`
		}{trips, total, t.f.Offset, t.limit, next})
	}}, nil
}

// tripCSVHeader names the export's columns: the JSON fields, with
// source_ids joined by spaces.
var tripCSVHeader = []string{"role", "id", "source_ids", "traveler_id", "traveler_name", "start", "end",
	"country", "country_id", "country_name", "locale", "remarks"}

// tripsCSV streams every trip the filter matches (from offset, up to limit
// when given), reading the store a page at a time, so neither the trips
// nor the CSV are ever held whole.
func (s *Server) tripsCSV(r *http.Request) (plan, error) {
	t, err := s.readTrips(r)
	if err != nil {
		return plan{}, err
	}
	return plan{stream: true, write: func(w http.ResponseWriter) error {
		f := t.f
		f.Limit = httpapi.MaxLimit
		left := -1 // no limit: all
		if t.given {
			left, f.Limit = t.limit, t.limit
		}
		page, err := s.Store.Trips(r.Context(), f)
		if err != nil {
			return err // nothing sent yet: still an envelope
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="trips.csv"`)
		cw := csv.NewWriter(w)
		if err := cw.Write(tripCSVHeader); err != nil {
			return err
		}
		rec := make([]string, len(tripCSVHeader))
		for len(page) > 0 && left != 0 {
			for _, tr := range page {
				if left == 0 {
					break
				}
				if err := cw.Write(tripRecord(rec, tr)); err != nil {
					return err
				}
				left--
			}
			cw.Flush() // a page's rows go out now, not when the export ends
			if err := cw.Error(); err != nil || len(page) < f.Limit {
				return err
			}
			f.Offset += len(page)
			if page, err = s.Store.Trips(r.Context(), f); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}}, nil
}

func tripRecord(rec []string, t shuttle.Trip) []string {
	ids := make([]string, len(t.SourceIDs))
	for i, id := range t.SourceIDs {
		ids[i] = strconv.FormatInt(id, 10)
	}
	return append(rec[:0], string(t.Role), strconv.FormatInt(t.ID, 10), strings.Join(ids, " "), t.TravelerID,
		t.TravelerName, t.Start.String(), t.End.String(), t.Country, t.CountryID, t.CountryName, t.Locale, t.Remarks)
}

// acceptsCSV reports whether the client asked for CSV by Accept.
func acceptsCSV(r *http.Request) bool {
	for _, v := range r.Header["Accept"] {
		if strings.Contains(v, "text/csv") {
			return true
		}
	}
	return false
}

func (s *Server) travelers(r *http.Request) (plan, error) {
	q, err := newQuery(r.URL, "role")
	if err != nil {
		return plan{}, err
	}
	role, err := q.Role("role", "")
	if err != nil {
		return plan{}, err
	}
	if role == shuttle.RoleVisit {
		return plan{}, paramErrorf("role", "foreign leaders are not listed as travellers; use /api/v1/trips?role=visit")
	}
	return plan{key: key("/api/v1/travelers", "role", string(role)), write: func(w http.ResponseWriter) error {
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
		return writeJSON(w, struct {
			Travelers []shuttle.Traveler `json:"travelers"`
		}{out})
	}}, nil
}

func (s *Server) traveler(r *http.Request) (plan, error) {
	_, snap, err := s.begin(r)
	if err != nil {
		return plan{}, err
	}
	t, ok := snap.Traveler(r.PathValue("id"))
	if !ok {
		return plan{}, shuttle.Errorf(shuttle.ENOTFOUND, "no Secretary of State or President with id %q", r.PathValue("id"))
	}
	return plan{key: "/api/v1/travelers/" + t.ID, write: func(w http.ResponseWriter) error {
		return writeJSON(w, struct {
			Traveler shuttle.Traveler `json:"traveler"`
		}{t})
	}}, nil
}
