package insight

import (
	"slices"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// Insight ids, as URLs, article front matter and the API name them.
const (
	IDMomentum        = "momentum"
	IDDeclining       = "declining"
	IDMostVisited     = "most-visited"
	IDTopDestinations = "top-destinations"
	IDCountrySeries   = "country-series"
)

// ids lists every insight id in catalogue order.
var ids = []string{IDMomentum, IDDeclining, IDMostVisited, IDTopDestinations, IDCountrySeries}

const (
	// DefaultFrom and DefaultTo are the window the site's widgets use: the
	// years since the post-Cold War reorganisation of the Department, up to
	// the last complete year of records.
	DefaultFrom = 1997
	DefaultTo   = 2024
	// MinVisits keeps momentum and decline from being read off two or three
	// visits, where one extra trip flips the trend.
	MinVisits = 5
)

// Params selects one insight and its inputs. Zero values mean defaults: role
// secretary, the window DefaultFrom–DefaultTo (clamped to the data; for
// top-destinations the traveller's own years), every country, no limit.
type Params struct {
	Insight string       `json:"insight"`
	Role    shuttle.Role `json:"role,omitempty"`
	From    int          `json:"from,omitempty"`
	To      int          `json:"to,omitempty"`
	// Region restricts rankings to a State Department bureau (eur, wha…).
	Region string `json:"region,omitempty"`
	// Countries restricts rankings to these ISO codes (NATO members, say).
	Countries []string `json:"countries,omitempty"`
	// Group names the set Countries stands for ("NATO"), for the subtitle.
	Group string `json:"group,omitempty"`
	// Traveler is the traveller id top-destinations needs ("blinken-antony-j").
	Traveler string `json:"traveler,omitempty"`
	// Country is the ISO code country-series needs.
	Country string `json:"country,omitempty"`
	// Limit caps the rows returned; 0 returns all.
	Limit int `json:"limit,omitempty"`
}

// Validate checks what can be checked without data; the Engine checks the
// years against the data it holds. Messages name the parameter at fault.
func (p Params) Validate() error {
	if !slices.Contains(ids, p.Insight) {
		return shuttle.Errorf(shuttle.EINVALID, "insight: unknown insight %q (want %s)", p.Insight, strings.Join(ids, ", "))
	}
	if p.Role != "" {
		if _, err := shuttle.ParseRole(string(p.Role)); err != nil {
			return shuttle.Errorf(shuttle.EINVALID, "role: %s", shuttle.ErrorMessage(err))
		}
	}
	switch {
	case p.From < 0:
		return shuttle.Errorf(shuttle.EINVALID, "from: %d is not a year", p.From)
	case p.To < 0:
		return shuttle.Errorf(shuttle.EINVALID, "to: %d is not a year", p.To)
	case p.From != 0 && p.To != 0 && p.From > p.To:
		return shuttle.Errorf(shuttle.EINVALID, "from: %d is after to (%d)", p.From, p.To)
	case p.Limit < 0:
		return shuttle.Errorf(shuttle.EINVALID, "limit: %d is negative", p.Limit)
	case p.Insight == IDTopDestinations && p.Traveler == "":
		return shuttle.Errorf(shuttle.EINVALID, "traveler: %s needs a traveller id", p.Insight)
	case p.Insight != IDTopDestinations && p.Traveler != "":
		return shuttle.Errorf(shuttle.EINVALID, "traveler: only %s takes a traveller", IDTopDestinations)
	case p.Insight == IDTopDestinations && p.Role == shuttle.RoleVisit:
		return shuttle.Errorf(shuttle.EINVALID, "role: foreign leaders' visits have no travellers")
	case p.Insight == IDCountrySeries && p.Country == "":
		return shuttle.Errorf(shuttle.EINVALID, "country: %s needs a country", p.Insight)
	case p.Insight != IDCountrySeries && p.Country != "":
		return shuttle.Errorf(shuttle.EINVALID, "country: only %s takes a country; use countries to restrict a ranking", IDCountrySeries)
	case p.Insight == IDCountrySeries && p.Role != "":
		return shuttle.Errorf(shuttle.EINVALID, "role: %s covers every role", p.Insight)
	}
	for _, c := range p.Countries {
		if strings.TrimSpace(c) == "" {
			return shuttle.Errorf(shuttle.EINVALID, "countries: empty country code")
		}
	}
	if p.Group != "" && len(p.Countries) == 0 {
		return shuttle.Errorf(shuttle.EINVALID, "group: names the countries of a ranking; give countries too")
	}
	if len(p.Group) > 80 {
		return shuttle.Errorf(shuttle.EINVALID, "group: longer than 80 characters")
	}
	return nil
}

// ParseRef reads an insight reference as article front matter or a query
// string gives it: {id: momentum, role: secretary, from: "1997",
// countries: "DE,FR"}. It only parses; Validate and the Engine judge values.
func ParseRef(ref shuttle.InsightRef) (Params, error) {
	p := Params{Insight: ref.ID}
	keys := make([]string, 0, len(ref.Params))
	for k := range ref.Params {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the first bad key reported is always the same one
	for _, k := range keys {
		if err := p.set(k, strings.TrimSpace(ref.Params[k])); err != nil {
			return Params{}, err
		}
	}
	return p, nil
}

func (p *Params) set(k, v string) error {
	var err error
	switch k {
	case "role":
		p.Role = shuttle.Role(v)
	case "from":
		p.From, err = atoi(k, v)
	case "to":
		p.To, err = atoi(k, v)
	case "limit":
		p.Limit, err = atoi(k, v)
	case "region":
		p.Region = v
	case "countries":
		p.Countries = nil
		if v == "" {
			break
		}
		for c := range strings.SplitSeq(v, ",") {
			p.Countries = append(p.Countries, strings.TrimSpace(c))
		}
	case "traveler":
		p.Traveler = v
	case "group", "org":
		// "org" is what enrichment writes for an organisation's members.
		p.Group = v
	case "country":
		p.Country = v
	default:
		return shuttle.Errorf(shuttle.EINVALID, "%s: unknown parameter", k)
	}
	return err
}

func atoi(k, v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, shuttle.Errorf(shuttle.EINVALID, "%s: %q is not a whole number", k, v)
	}
	return n, nil
}
