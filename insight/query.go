package insight

import (
	"slices"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// query is Params with every default filled in and every name resolved
// against the data, so that the computing code never re-checks input.
type query struct {
	Params
	set *set
	// who is the traveller's name (top-destinations) or the country's
	// (country-series), for titles.
	who string
	// keep is the country filter of Region and Countries; nil keeps all.
	keep func(iso string) bool
}

func (e *Engine) resolve(p Params) (query, error) {
	if err := p.Validate(); err != nil {
		return query{}, err
	}
	q := query{Params: p}
	first, last := 0, 0
	switch p.Insight {
	case IDTopDestinations:
		t := e.travelers[p.Traveler]
		if t == nil {
			return query{}, shuttle.Errorf(shuttle.ENOTFOUND, "traveler: no trips recorded for %q", p.Traveler)
		}
		if p.Role != "" && p.Role != t.role {
			return query{}, shuttle.Errorf(shuttle.EINVALID, "role: %s travelled as %s, not %s", p.Traveler, t.role, p.Role)
		}
		q.Role, q.set, q.who = t.role, t.set, t.name
		first, last = e.Years(t.role)
	case IDCountrySeries:
		q.Country = normISO(p.Country)
		if !e.known(q.Country) {
			return query{}, shuttle.Errorf(shuttle.ENOTFOUND, "country: unknown country %q", p.Country)
		}
		q.who = e.country(q.Country).Name
		first, last = e.span()
	default:
		if q.Role == "" {
			q.Role = shuttle.RoleSecretary
		}
		q.set = e.roles[q.Role]
		first, last = e.Years(q.Role)
	}
	if first == 0 {
		return query{}, shuttle.Errorf(shuttle.ENOTFOUND, "role: no %s in the data", dataName(q.Role))
	}
	defFrom, defTo := DefaultFrom, DefaultTo
	if p.Insight == IDTopDestinations {
		defFrom, defTo = q.set.first, q.set.last
	}
	if err := q.window(first, last, defFrom, defTo); err != nil {
		return query{}, err
	}
	return q, e.filter(&q)
}

// window fills in and checks From and To. Defaults are clamped to the data,
// so a data version that ends early still has a default widget; explicit
// years outside the data are an error, since they would rank on zeros.
func (q *query) window(first, last, defFrom, defTo int) error {
	what := dataName(q.Role)
	from, to := q.From, q.To
	switch {
	case from == 0 && to == 0:
		from, to = max(defFrom, first), min(defTo, last)
	case from == 0:
		from = max(min(defFrom, to), first)
	case to == 0:
		to = min(max(defTo, from), last)
	}
	switch {
	case from < first:
		return shuttle.Errorf(shuttle.EINVALID, "from: %d is before the first year of %s (%d)", from, what, first)
	case from > last:
		return shuttle.Errorf(shuttle.EINVALID, "from: %d is after the last year of %s (%d)", from, what, last)
	case to > last:
		return shuttle.Errorf(shuttle.EINVALID, "to: %d is after the last year of %s (%d)", to, what, last)
	case to < first:
		return shuttle.Errorf(shuttle.EINVALID, "to: %d is before the first year of %s (%d)", to, what, first)
	case from > to:
		return shuttle.Errorf(shuttle.EINVALID, "from: %d is after to (%d)", from, to)
	}
	q.From, q.To = from, to
	return nil
}

// filter resolves Region and Countries into keep.
func (e *Engine) filter(q *query) error {
	var region string
	if q.Region != "" {
		region = strings.ToLower(strings.TrimSpace(q.Region))
		if !slices.Contains(e.regions, region) {
			return shuttle.Errorf(shuttle.EINVALID, "region: unknown region %q (want %s)", q.Region, strings.Join(e.regions, ", "))
		}
		q.Region = region
	}
	var only map[string]bool
	if len(q.Countries) > 0 {
		only = make(map[string]bool, len(q.Countries))
		norm := make([]string, len(q.Countries))
		for i, c := range q.Countries {
			norm[i] = normISO(c)
			if !e.known(norm[i]) {
				return shuttle.Errorf(shuttle.EINVALID, "countries: unknown country %q", c)
			}
			only[norm[i]] = true
		}
		q.Countries = norm
	}
	if region == "" && only == nil {
		return nil
	}
	q.keep = func(iso string) bool {
		return (only == nil || only[iso]) && (region == "" || e.countries[iso].Region == region)
	}
	return nil
}

// dataName names a role's records in messages: "secretary visits".
func dataName(r shuttle.Role) string {
	switch r {
	case "":
		return "visits"
	case shuttle.RoleVisit:
		return "leader visits"
	}
	return string(r) + " visits"
}
