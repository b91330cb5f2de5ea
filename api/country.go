package api

import (
	"net/http"

	"github.com/shuttlenews/shuttle"
)

func (s *Server) countries(w http.ResponseWriter, r *http.Request) error {
	_, snap, err := s.begin(r)
	if err != nil {
		return err
	}
	type country struct {
		ISO    string               `json:"iso"`
		Name   string               `json:"name"`
		Region string               `json:"region"`
		Visits map[shuttle.Role]int `json:"visits"`
	}
	out := struct {
		Countries []country `json:"countries"`
	}{Countries: make([]country, 0, len(snap.Countries))}
	for _, c := range snap.Countries {
		visits := map[shuttle.Role]int{}
		for _, role := range shuttle.Roles {
			visits[role] = c.Visits[role]
		}
		out.Countries = append(out.Countries, country{c.ISO, c.Name, c.Region, visits})
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) country(w http.ResponseWriter, r *http.Request) error {
	_, snap, err := s.begin(r)
	if err != nil {
		return err
	}
	c, ok := snap.Country(upper(r.PathValue("iso")))
	if !ok {
		return shuttle.Errorf(shuttle.ENOTFOUND, "no country with code %q", r.PathValue("iso"))
	}
	return writeJSON(w, http.StatusOK, struct {
		Country shuttle.CountryVisits `json:"country"`
	}{c})
}

// countryRef is how a country appears inside other answers.
type countryRef struct {
	ISO    string `json:"iso"`
	Name   string `json:"name"`
	Region string `json:"region"`
}

func (s *Server) series(w http.ResponseWriter, r *http.Request) error {
	q, snap, err := s.begin(r, "role", "from", "to")
	if err != nil {
		return err
	}
	c, ok := snap.Country(upper(r.PathValue("iso")))
	if !ok {
		return shuttle.Errorf(shuttle.ENOTFOUND, "no country with code %q", r.PathValue("iso"))
	}
	role, err := q.role("role", shuttle.RoleSecretary)
	if err != nil {
		return err
	}
	min, max, ok := snap.Years(role)
	if !ok {
		return shuttle.Errorf(shuttle.ENOTFOUND, "no %s in the data", role.Plural())
	}
	from, to, err := q.window(min, max, min, max)
	if err != nil {
		return err
	}
	type year struct {
		Year   int `json:"year"`
		Visits int `json:"visits"`
	}
	out := struct {
		Country countryRef   `json:"country"`
		Role    shuttle.Role `json:"role"`
		From    int          `json:"from"`
		To      int          `json:"to"`
		Years   []year       `json:"years"`
	}{Country: countryRef{c.ISO, c.Name, c.Region}, Role: role, From: from, To: to}
	for _, y := range snap.Series(role, c.ISO, from, to) {
		out.Years = append(out.Years, year{y.Year, y.Visits})
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) regions(w http.ResponseWriter, r *http.Request) error {
	_, snap, err := s.begin(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Regions []shuttle.Region `json:"regions"`
	}{snap.Regions})
}

func (s *Server) version(w http.ResponseWriter, r *http.Request) error {
	if _, err := newQuery(r.URL); err != nil {
		return err
	}
	v, err := s.Store.Version(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}
