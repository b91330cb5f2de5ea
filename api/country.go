package api

import (
	"net/http"
	"strconv"

	"github.com/shuttlenews/shuttle"
)

// noParams is a route that takes no query parameters: any is refused, and
// the key is the path alone.
func (s *Server) noParams(r *http.Request, path string, write func(w http.ResponseWriter) error) (plan, error) {
	if _, err := newQuery(r.URL); err != nil {
		return plan{}, err
	}
	return plan{key: path, write: write}, nil
}

func (s *Server) countries(r *http.Request) (plan, error) {
	return s.noParams(r, "/api/v1/countries", func(w http.ResponseWriter) error {
		snap, err := s.Snapshot.Get(r.Context())
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
		return writeJSON(w, out)
	})
}

func (s *Server) country(r *http.Request) (plan, error) {
	_, snap, err := s.begin(r)
	if err != nil {
		return plan{}, err
	}
	c, err := pathCountry(snap, r)
	if err != nil {
		return plan{}, err
	}
	return plan{key: "/api/v1/countries/" + c.ISO, write: func(w http.ResponseWriter) error {
		return writeJSON(w, struct {
			Country shuttle.CountryVisits `json:"country"`
		}{c})
	}}, nil
}

// countryRef is how a country appears inside other answers.
type countryRef struct {
	ISO    string `json:"iso"`
	Name   string `json:"name"`
	Region string `json:"region"`
}

func (s *Server) series(r *http.Request) (plan, error) {
	q, snap, err := s.begin(r, "role", "from", "to")
	if err != nil {
		return plan{}, err
	}
	c, err := pathCountry(snap, r)
	if err != nil {
		return plan{}, err
	}
	role, err := q.Role("role", shuttle.RoleSecretary)
	if err != nil {
		return plan{}, err
	}
	min, max, ok := snap.Years(role)
	if !ok {
		return plan{}, shuttle.Errorf(shuttle.ENOTFOUND, "no %s in the data", role.Plural())
	}
	from, to, err := q.window(min, max, min, max)
	if err != nil {
		return plan{}, err
	}
	k := key("/api/v1/countries/"+c.ISO+"/series", "role", string(role), "from", strconv.Itoa(from), "to", strconv.Itoa(to))
	return plan{key: k, write: func(w http.ResponseWriter) error {
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
		return writeJSON(w, out)
	}}, nil
}

func (s *Server) regions(r *http.Request) (plan, error) {
	return s.noParams(r, "/api/v1/regions", func(w http.ResponseWriter) error {
		snap, err := s.Snapshot.Get(r.Context())
		if err != nil {
			return err
		}
		return writeJSON(w, struct {
			Regions []shuttle.Region `json:"regions"`
		}{snap.Regions})
	})
}

// version is not kept: it counts the articles too, which change without
// a new data version.
func (s *Server) version(r *http.Request) (plan, error) {
	return s.noParams(r, "", func(w http.ResponseWriter) error {
		v, err := s.Store.Version(r.Context())
		if err != nil {
			return err
		}
		return writeJSON(w, v)
	})
}
