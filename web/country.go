package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
	"github.com/shuttlenews/shuttle/snapshot"
)

type countryIndexPage struct {
	layoutData
	Countries []shuttle.CountryVisits
	Regions   map[string]string
}

func (s *Server) countryIndex(r *http.Request) (string, buildFunc, error) {
	if _, err := readQuery(r.URL, nil); err != nil {
		return "", nil, err
	}
	return "/countries", func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		p := countryIndexPage{layoutData: s.layout("/countries", "Countries"), Countries: snap.Countries, Regions: regionNames(snap)}
		return s.renderPage("countries", p)
	}, nil
}

func regionNames(snap *snapshot.Snapshot) map[string]string {
	m := make(map[string]string, len(snap.Regions))
	for _, r := range snap.Regions {
		m[r.ID] = r.Name
	}
	return m
}

type countryPage struct {
	layoutData
	Country  shuttle.CountryVisits
	Region   string
	Chart    lineChart
	Years    []yearRow
	Rankings []roleRanking
	Trips    []shuttle.Trip
	Articles []shuttle.Article
}

// yearRow is a line of the chart's table: visits in each role.
type yearRow struct {
	Year   int
	Visits []int
}

// roleRanking is the country's place in one role's momentum ranking, with
// the arithmetic of its points (insight.Explain) and its ranks elsewhere.
type roleRanking struct {
	Role     shuttle.Role
	Title    string
	Href     string
	X        *insight.Explanation
	Missing  string // why there is nothing to explain
	Declined int    // rank in the declining ranking, 0 if not listed
	Volume   int    // rank by number of visits, 0 if none
	Total    int    // countries the momentum ranking lists
	Formula  string // the points, worked out
}

func (s *Server) country(r *http.Request) (string, buildFunc, error) {
	if _, err := readQuery(r.URL, nil); err != nil {
		return "", nil, err
	}
	iso := strings.ToUpper(r.PathValue("iso"))
	if len(iso) != 2 {
		return "", nil, shuttle.Errorf(shuttle.ENOTFOUND, "There is no country with the code %q.", r.PathValue("iso"))
	}
	return "/countries/" + iso, func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		c, ok := snap.Country(iso)
		if !ok {
			return nil, shuttle.Errorf(shuttle.ENOTFOUND, "There is no country with the code %q.", iso)
		}
		p := countryPage{layoutData: s.layout("/countries/"+iso, c.Name), Country: c, Region: regionNames(snap)[c.Region]}
		p.Section = "countries"
		p.Description = "Visits by U.S. Secretaries of State and Presidents to " + c.Name + ", and its leaders' visits to the U.S."
		s.countryChart(snap, &p)
		var err error
		if p.Rankings, err = countryRankings(snap, iso); err != nil {
			return nil, err
		}
		if p.Trips, err = s.store.Trips(ctx, shuttle.TripFilter{Country: iso}); err != nil {
			return nil, err
		}
		slices.Reverse(p.Trips) // newest first: what readers look for
		if p.Articles, err = s.store.Articles(ctx, shuttle.ArticleFilter{Country: iso, Limit: 20}); err != nil {
			return nil, err
		}
		shows.countries = append(shows.countries, iso)
		shows.articles(p.Articles)
		return s.renderPage("country", p)
	}, nil
}

// countryChart draws every role over the whole span of the data, so that
// the 1950s and the 2020s are on one timeline.
func (s *Server) countryChart(snap *snapshot.Snapshot, p *countryPage) {
	from, to, ok := snap.AllYears()
	if !ok {
		return
	}
	series := map[shuttle.Role][]int{}
	for _, role := range shuttle.Roles {
		ys := snap.Series(role, p.Country.ISO, from, to)
		vs := make([]int, len(ys))
		for i, y := range ys {
			vs[i] = y.Visits
		}
		series[role] = vs
	}
	p.Chart = newLineChart(p.Country.Name, from, to, series)
	for i := to - from; i >= 0; i-- {
		row := yearRow{Year: from + i}
		any := false
		for _, role := range shuttle.Roles {
			row.Visits = append(row.Visits, series[role][i])
			any = any || series[role][i] > 0
		}
		if any {
			p.Years = append(p.Years, row)
		}
	}
}

func countryRankings(snap *snapshot.Snapshot, iso string) ([]roleRanking, error) {
	cs, err := snap.Insights.CountrySeries(insight.Params{Country: iso})
	if err != nil && shuttle.ErrorCode(err) != shuttle.ENOTFOUND {
		return nil, err
	}
	ranks := map[shuttle.Role]map[string]int{}
	for _, rs := range cs.Roles {
		ranks[rs.Role] = rs.Ranks
	}
	var out []roleRanking
	for _, role := range shuttle.Roles {
		p := insight.Params{Insight: insight.IDMomentum, Role: role}
		rr := roleRanking{Role: role, Declined: ranks[role][insight.IDDeclining], Volume: ranks[role][insight.IDMostVisited]}
		rk, err := snap.Insights.Rank(insight.Params{Insight: insight.IDMomentum, Role: role, Limit: 1})
		if shuttle.ErrorCode(err) == shuttle.ENOTFOUND {
			continue // no data for the role in this version
		} else if err != nil {
			return nil, err
		}
		rr.Title, rr.Total = rk.Title, rk.Total
		rr.Href = "/insights/" + insight.IDMomentum + resolved(rk).encode()
		x, err := snap.Insights.Explain(p, iso)
		switch {
		case shuttle.ErrorCode(err) == shuttle.ENOTFOUND:
			rr.Missing = "No " + role.Plural() + " recorded in " + yearSpan(rk.From, rk.To) + "."
		case err != nil:
			return nil, err
		default:
			rr.X, rr.Formula = &x, formula(&x)
		}
		out = append(out, rr)
	}
	return out, nil
}

func yearSpan(from, to int) string {
	return strconv.Itoa(from) + "–" + strconv.Itoa(to)
}

// formula writes the points arithmetic with the country's own numbers.
func formula(x *insight.Explanation) string {
	t, c := x.Row.Trend, x.Row.Consistency
	if t <= 0 {
		return fmt.Sprintf("0: the trend (%.2f) is not positive, and points = 100 × √(trend × consistency) count only rising visits.", t)
	}
	return fmt.Sprintf("100 × √(trend × consistency) = 100 × √(%.2f × %.2f) = %.1f", t, c, x.Row.Points)
}
