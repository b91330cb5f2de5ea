package web

import (
	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
	"github.com/shuttlenews/shuttle/snapshot"
)

// widgetRows is how many countries the data widget lists.
const widgetRows = 3

// defaultInsight is the widget of an article that names none.
var defaultInsight = shuttle.InsightRef{ID: insight.IDMomentum, Params: map[string]string{
	"role": string(shuttle.RoleSecretary), "from": "1997", "to": "2024",
}}

// widget is the data box beside an article, on the home page and in embeds.
type widget struct {
	ID       string
	Title    string
	Subtitle string
	Source   string
	Note     string
	Unit     string
	Rows     []insight.Row
	// Query is the ranking's resolved parameters; SeeMore the full ranking.
	Query   string
	SeeMore string
	// Links are absolute in embeds, which live on other sites.
	Base string
}

// widgetOf computes ref's top rows. Only ranking insights make a widget.
func widgetOf(snap *snapshot.Snapshot, ref shuttle.InsightRef, base string) (*widget, error) {
	p, err := paramsOf(ref)
	if err != nil {
		return nil, err
	}
	if p.Insight == insight.IDCountrySeries {
		// A country's own series is a chart, not a three-row widget: beside
		// a story about a country, show the momentum of its regional bureau,
		// where the reader can place it.
		c, ok := snap.Country(p.Country)
		if !ok || c.Region == "" {
			return nil, shuttle.Errorf(shuttle.EINVALID, "insight: %s of %q has no regional ranking", p.Insight, p.Country)
		}
		p = insight.Params{Insight: insight.IDMomentum, Role: shuttle.RoleSecretary, Region: c.Region}
	}
	p.Limit = widgetRows
	r, err := snap.Insights.Rank(p)
	if err != nil {
		return nil, err
	}
	return newWidget(r, base), nil
}

func newWidget(r insight.Ranking, base string) *widget {
	q := resolved(r).encode()
	rows := r.Rows
	if len(rows) > widgetRows {
		rows = rows[:widgetRows]
	}
	return &widget{
		ID: r.Insight, Title: r.Title, Subtitle: r.Subtitle, Source: r.Source, Note: r.Note, Unit: r.Unit,
		Rows: rows, Query: q, SeeMore: base + "/insights/" + r.Insight + q, Base: base,
	}
}
