package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
	"github.com/shuttlenews/shuttle/snapshot"
)

type insightIndexPage struct {
	layoutData
	Entries []insightEntry
}

type insightEntry struct {
	insight.Entry
	Href string
}

func (s *Server) insightIndex(r *http.Request) (string, buildFunc, error) {
	if _, err := readQuery(r.URL, nil); err != nil {
		return "", nil, err
	}
	return "/insights", func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		p := insightIndexPage{layoutData: s.layout("/insights", "Insights")}
		for _, e := range snap.Insights.Catalogue() {
			if e.Requires != "" {
				continue // needs a traveller or a country: reached from their pages
			}
			href := "/insights/" + e.ID + values(nil).add("role", string(e.Role)).encode()
			p.Entries = append(p.Entries, insightEntry{e, href})
		}
		return s.renderPage("insights", p)
	}, nil
}

// insightPage is "See More": the full ranking behind a widget.
type insightPage struct {
	layoutData
	Ranking insight.Ranking
	Rows    []rankingRow
	Query   string
	// Links to the same ranking elsewhere.
	CSV, JSON, Chart, Embed string
	EmbedCode               string
	Method                  string
	Alternatives            []link
}

type rankingRow struct {
	insight.Row
	Spark sparkline
}

type link struct {
	Label, Href string
	Current     bool
}

func (s *Server) insight(r *http.Request) (string, buildFunc, error) {
	id, svg := strings.CutSuffix(r.PathValue("id"), ".svg")
	if !slices.Contains(rankingIDs, id) {
		return "", nil, shuttle.Errorf(shuttle.ENOTFOUND, "There is no insight called %q.", id)
	}
	p, q, err := rankingQuery(id, r.URL)
	if err != nil {
		return "", nil, err
	}
	key := "/insights/" + id + q.encode()
	if svg {
		key = "/insights/" + id + ".svg" + q.encode()
	}
	return key, func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		rk, err := snap.Insights.Rank(p)
		if err != nil {
			return nil, err
		}
		if svg {
			return s.tmpl.render("barchart", "barchart", newBarChart(rk))
		}
		return s.renderPage("insight", s.insightPage(rk))
	}, nil
}

func (s *Server) insightPage(rk insight.Ranking) insightPage {
	q := resolved(rk).encode()
	path := "/insights/" + rk.Insight
	p := insightPage{
		layoutData: s.layout(path+q, rk.Title), Ranking: rk, Query: q,
		CSV: "/api/v1/rankings/" + rk.Insight + ".csv" + q, JSON: "/api/v1/rankings/" + rk.Insight + q,
		Chart: path + ".svg" + q, Embed: s.abs("/embed/insights/" + rk.Insight + q),
		Method: methodSentence(rk),
	}
	p.Description = rk.Title + ", " + rk.Subtitle + ". " + rk.Note + "."
	p.Section = "insights"
	p.OEmbed = "/oembed?format=json&url=" + url.QueryEscape(s.abs(path+q))
	p.EmbedCode = embedCode(p.Embed, rk.Title)
	p.Rows = make([]rankingRow, len(rk.Rows))
	for i, row := range rk.Rows {
		p.Rows[i] = rankingRow{row, newSparkline(row.Series, rk.From, row.Country.Name)}
	}
	if rk.Traveler == "" {
		for _, role := range shuttle.Roles {
			v := resolved(rk)
			v[0] = "role=" + string(role)
			p.Alternatives = append(p.Alternatives, link{role.Label(), path + v.encode(), role == rk.Role})
		}
	}
	return p
}

// methodSentence explains the ranking's numbers in a few words; the method
// page has the formulas.
func methodSentence(rk insight.Ranking) string {
	switch rk.Insight {
	case insight.IDMomentum, insight.IDDeclining:
		dir := "rise"
		if rk.Insight == insight.IDDeclining {
			dir = "fall"
		}
		return "Each country's visits are counted per year. The trend (Kendall's τ-b) measures how steadily they " + dir +
			" over the years; consistency is the share of years with at least one visit. Points are 100 × √(trend × consistency), " +
			"so a country scores high only when visits both " + dir + " and recur. Countries with fewer than 5 visits in the window are not listed. " +
			"The p-value (Mann–Kendall test) says how likely such a trend would be by chance."
	case insight.IDTopDestinations:
		return "Each trip abroad counts one visit to the country it went to; countries are ordered by visits."
	}
	return "Each country's visits in the window are counted; countries are ordered by visits."
}
