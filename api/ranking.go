package api

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
)

// rankingParams are the query parameters an insight takes.
var rankingParams = []string{"role", "from", "to", "region", "countries", "group", "limit", "traveler", "country"}

// insightParams reads an insight's parameters from the query string.
func insightParams(r *http.Request, id string) (insight.Params, error) {
	q, err := newQuery(r.URL, rankingParams...)
	if err != nil {
		return insight.Params{}, err
	}
	ref := shuttle.InsightRef{ID: id, Params: map[string]string{}}
	for k := range q.values {
		ref.Params[k] = q.str(k)
	}
	p, err := insight.ParseRef(ref)
	if err != nil {
		return p, insightError(err)
	}
	for i, c := range p.Countries {
		p.Countries[i] = strings.ToUpper(c)
	}
	p.Country = strings.ToUpper(p.Country)
	return p, nil
}

// insightError turns the engine's "param: reason" messages into ParamErrors
// so the envelope names the parameter.
func insightError(err error) error {
	if shuttle.ErrorCode(err) != shuttle.EINVALID {
		return err
	}
	msg := shuttle.ErrorMessage(err)
	if name, reason, ok := strings.Cut(msg, ": "); ok && (contains(rankingParams, name) || name == "insight") {
		return &ParamError{Param: name, Reason: reason}
	}
	return err
}

// wantsCSV reports whether the client asked for CSV by suffix or Accept, and
// strips the suffix from the id.
func wantsCSV(r *http.Request, id string) (string, bool) {
	if base, ok := strings.CutSuffix(id, ".csv"); ok {
		return base, true
	}
	return id, strings.Contains(r.Header.Get("Accept"), "text/csv")
}

func (s *Server) ranking(w http.ResponseWriter, r *http.Request) error {
	id, csv := wantsCSV(r, r.PathValue("insight"))
	p, err := insightParams(r, id)
	if err != nil {
		return err
	}
	snap, err := s.Snapshot.Get(r.Context())
	if err != nil {
		return err
	}
	if id == insight.IDCountrySeries {
		cs, err := snap.Insights.CountrySeries(p)
		if err != nil {
			return insightError(err)
		}
		return writeJSON(w, http.StatusOK, cs)
	}
	rk, err := snap.Insights.Rank(p)
	if err != nil {
		return insightError(err)
	}
	if csv {
		var buf bytes.Buffer
		if err := insight.WriteCSV(&buf, rk); err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="`+id+`.csv"`)
		_, err = w.Write(buf.Bytes())
		return err
	}
	return writeJSON(w, http.StatusOK, rk)
}

func (s *Server) explain(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("insight")
	p, err := insightParams(r, id)
	if err != nil {
		return err
	}
	snap, err := s.Snapshot.Get(r.Context())
	if err != nil {
		return err
	}
	iso := upper(r.PathValue("iso"))
	if _, ok := snap.Country(iso); !ok {
		return shuttle.Errorf(shuttle.ENOTFOUND, "no country with code %q", r.PathValue("iso"))
	}
	x, err := snap.Insights.Explain(p, iso)
	if err != nil {
		return insightError(err)
	}
	role := x.Role
	trips, err := s.Store.Trips(r.Context(), shuttle.TripFilter{Role: role, Country: iso, FromYear: x.From, ToYear: x.To})
	if err != nil {
		return err
	}
	if trips == nil {
		trips = []shuttle.Trip{}
	}
	return writeJSON(w, http.StatusOK, struct {
		insight.Explanation
		Trips []shuttle.Trip `json:"trips"`
	}{x, trips})
}

func (s *Server) catalogue(w http.ResponseWriter, r *http.Request) error {
	_, snap, err := s.begin(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Insights []insight.Entry `json:"insights"`
	}{snap.Insights.Catalogue()})
}
