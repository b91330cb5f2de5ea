package web

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
)

// rankingIDs are the insights with a ranking page.
var rankingIDs = []string{insight.IDMomentum, insight.IDDeclining, insight.IDMostVisited, insight.IDTopDestinations}

// rankingParams are the parameters a ranking page takes, in link order.
var rankingParams = []string{"role", "from", "to", "region", "countries", "group", "traveler"}

// readQuery checks a page's query string: unknown or repeated parameters are
// a 400, as in the API, so that a typo ("form=2001") is not silently
// ignored. Campaign parameters that links pick up on the way (utm_*,
// fbclid) are dropped instead, and so stay out of the cache key.
func readQuery(u *url.URL, allowed []string) (url.Values, error) {
	if u.RawQuery == "" {
		return nil, nil // the common case, and the cached page's hot path
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, shuttle.Errorf(shuttle.EINVALID, "The address has a malformed query string.")
	}
	for k, vs := range q {
		switch {
		case strings.HasPrefix(k, "utm_") || k == "fbclid" || k == "gclid":
			delete(q, k)
		case !slices.Contains(allowed, k):
			return nil, shuttle.Errorf(shuttle.EINVALID, "%s: unknown parameter (this page takes %s)", k, strings.Join(allowed, ", "))
		case len(vs) > 1:
			return nil, shuttle.Errorf(shuttle.EINVALID, "%s: given %d times", k, len(vs))
		}
	}
	return q, nil
}

// rankingQuery reads a ranking's parameters and their canonical form (the
// cache key and the query of every link to it).
func rankingQuery(id string, u *url.URL) (insight.Params, values, error) {
	q, err := readQuery(u, rankingParams)
	if err != nil {
		return insight.Params{}, nil, err
	}
	ref := shuttle.InsightRef{ID: id, Params: map[string]string{}}
	for k := range q {
		ref.Params[k] = q.Get(k)
	}
	p, err := paramsOf(ref)
	if err != nil {
		return p, nil, err
	}
	return p, canonical(p), nil
}

// paramsOf parses and normalises an insight reference, from a query string
// or an article's front matter.
func paramsOf(ref shuttle.InsightRef) (insight.Params, error) {
	p, err := insight.ParseRef(ref)
	if err != nil {
		return p, err
	}
	p.Region = strings.ToLower(p.Region)
	for i, c := range p.Countries {
		p.Countries[i] = strings.ToUpper(c)
	}
	if err := checkYear("from", p.From); err != nil {
		return p, err
	}
	if err := checkYear("to", p.To); err != nil {
		return p, err
	}
	return p, p.Validate()
}

func checkYear(name string, y int) error {
	if y != 0 && (y < 1000 || y > 9999) {
		return shuttle.Errorf(shuttle.EINVALID, "%s: %d is not a four-digit year", name, y)
	}
	return nil
}

// canonical writes p as a query, in a fixed order.
func canonical(p insight.Params) values {
	var v values
	v = v.add("role", string(p.Role))
	if p.From != 0 {
		v = v.add("from", strconv.Itoa(p.From))
	}
	if p.To != 0 {
		v = v.add("to", strconv.Itoa(p.To))
	}
	v = v.add("region", p.Region)
	v = v.add("countries", strings.Join(p.Countries, ","))
	v = v.add("group", p.Group)
	return v.add("traveler", p.Traveler)
}

// resolved is the query of a computed ranking: every default filled in, so
// that "See More" shows exactly the rows the widget showed.
func resolved(r insight.Ranking) values {
	p := insight.Params{Role: r.Role, From: r.From, To: r.To, Region: r.Region, Countries: r.Countries, Group: r.Group, Traveler: r.Traveler}
	if r.Traveler != "" {
		p.Role = "" // a traveller's role is theirs; repeating it adds nothing
	}
	return canonical(p)
}
