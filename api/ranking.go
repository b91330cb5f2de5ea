package api

import (
	"net/http"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
)

// rankingParams are the query parameters an insight takes.
var rankingParams = []string{"role", "from", "to", "region", "countries", "group", "limit", "traveler", "country"}

// insightParams reads an insight's parameters from the query string. The
// ones every route shares (role, from, to, limit, country) are read by the
// shared readers first, so that a bad value reads the same here as on
// /trips or /series: limit=0 and limit=100000 are refused, not "all".
func insightParams(r *http.Request, id string) (insight.Params, error) {
	q, err := newQuery(r.URL, rankingParams...)
	if err != nil {
		return insight.Params{}, err
	}
	role, err := q.Role("role", "")
	if err != nil {
		return insight.Params{}, err
	}
	from, err := q.Year("from", 0)
	if err != nil {
		return insight.Params{}, err
	}
	to, err := q.Year("to", 0)
	if err != nil {
		return insight.Params{}, err
	}
	limit, err := q.Limit(0) // absent: every row (a ranking has one per country at most)
	if err != nil {
		return insight.Params{}, err
	}
	country, err := q.CountryCode("country")
	if err != nil {
		return insight.Params{}, err
	}
	ref := shuttle.InsightRef{ID: id, Params: map[string]string{}}
	for _, k := range q.Names() {
		ref.Params[k] = q.Str(k)
	}
	p, err := insight.ParseRef(ref)
	if err != nil {
		return p, insightError(err)
	}
	p.Role, p.From, p.To, p.Limit, p.Country = role, from, to, limit, country
	for i, c := range p.Countries {
		p.Countries[i] = upper(c)
	}
	if err := p.Validate(); err != nil {
		return p, insightError(err)
	}
	return p, nil
}

// rankingKey is the normalised form of p under path: the key of its answer.
func rankingKey(path string, p insight.Params) string {
	return key(path, "role", string(p.Role), "from", itoa(p.From), "to", itoa(p.To), "region", p.Region,
		"countries", strings.Join(p.Countries, ","), "group", p.Group, "traveler", p.Traveler,
		"country", p.Country, "limit", itoa(p.Limit))
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

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// wantsCSV reports whether the client asked for CSV by suffix or Accept, and
// strips the suffix from the id.
func wantsCSV(r *http.Request, id string) (string, bool) {
	if base, ok := strings.CutSuffix(id, ".csv"); ok {
		return base, true
	}
	return id, acceptsCSV(r)
}

func (s *Server) ranking(r *http.Request) (plan, error) {
	id, csv := wantsCSV(r, r.PathValue("insight"))
	p, err := insightParams(r, id)
	if err != nil {
		return plan{}, err
	}
	rank := func() (insight.Ranking, error) {
		snap, err := s.Snapshot.Get(r.Context())
		if err != nil {
			return insight.Ranking{}, err
		}
		rk, err := snap.Insights.Rank(p)
		return rk, insightError(err)
	}
	if csv && id != insight.IDCountrySeries {
		return plan{stream: true, write: func(w http.ResponseWriter) error {
			rk, err := rank()
			if err != nil {
				return err
			}
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", `attachment; filename="`+id+`.csv"`)
			return insight.WriteCSV(w, rk)
		}}, nil
	}
	return plan{key: rankingKey("/api/v1/rankings/"+id, p), write: func(w http.ResponseWriter) error {
		w.Header().Add("Vary", "Accept")
		if id == insight.IDCountrySeries {
			snap, err := s.Snapshot.Get(r.Context())
			if err != nil {
				return err
			}
			cs, err := snap.Insights.CountrySeries(p)
			if err != nil {
				return insightError(err)
			}
			return writeJSON(w, cs)
		}
		rk, err := rank()
		if err != nil {
			return err
		}
		return writeJSON(w, rk)
	}}, nil
}

func (s *Server) explain(r *http.Request) (plan, error) {
	id := r.PathValue("insight")
	p, err := insightParams(r, id)
	if err != nil {
		return plan{}, err
	}
	snap, err := s.Snapshot.Get(r.Context())
	if err != nil {
		return plan{}, err
	}
	c, err := pathCountry(snap, r)
	if err != nil {
		return plan{}, err
	}
	return plan{key: rankingKey("/api/v1/rankings/"+id+"/"+c.ISO, p), write: func(w http.ResponseWriter) error {
		x, err := snap.Insights.Explain(p, c.ISO)
		if err != nil {
			return insightError(err)
		}
		trips, err := s.Store.Trips(r.Context(), shuttle.TripFilter{Role: x.Role, Country: c.ISO, FromYear: x.From, ToYear: x.To})
		if err != nil {
			return err
		}
		return writeJSON(w, struct {
			insight.Explanation
			Trips []shuttle.Trip `json:"trips"`
		}{x, trips})
	}}, nil
}

func (s *Server) catalogue(r *http.Request) (plan, error) {
	return s.noParams(r, "/api/v1/insights", func(w http.ResponseWriter) error {
		snap, err := s.Snapshot.Get(r.Context())
		if err != nil {
			return err
		}
		return writeJSON(w, struct {
			Insights []insight.Entry `json:"insights"`
		}{snap.Insights.Catalogue()})
	})
}
