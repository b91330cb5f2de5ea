package web

import (
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
	"golang.org/x/net/html"
)

// checkWidget compares a rendered widget with the engine's answer for p.
func checkWidget(t *testing.T, f *fixture, w *html.Node, p insight.Params) {
	t.Helper()
	p.Limit = widgetRows
	want, err := f.snap().Insights.Rank(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(one(t, w, "widget-title")); got != want.Title {
		t.Errorf("widget title %q, want %q", got, want.Title)
	}
	if got := text(one(t, w, "widget-subtitle")); got != want.Subtitle {
		t.Errorf("widget subtitle %q, want %q", got, want.Subtitle)
	}
	rows := find(w, "widget-row")
	if len(rows) != len(want.Rows) || len(rows) == 0 {
		t.Fatalf("widget has %d rows, want %d (non-zero)", len(rows), len(want.Rows))
	}
	for i, row := range rows {
		name, value := text(one(t, row, "widget-name")), text(one(t, row, "widget-value"))
		r := want.Rows[i]
		if name != r.Country.Name || value != formatValue(r.Points, want.Unit) {
			t.Errorf("row %d: %q %q, want %q %q", i+1, name, value, r.Country.Name, formatValue(r.Points, want.Unit))
		}
		if href := attr(findTag(row, "a")[0], "href"); href != "/countries/"+r.Country.ISO {
			t.Errorf("row %d links to %q", i+1, href)
		}
	}
	if got := text(one(t, w, "widget-source")); got != "Source: U.S. Department of State, Diplomatic Travel Records" {
		t.Errorf("source line %q", got)
	}
	if got := text(one(t, w, "widget-note")); got != "Note: "+want.Note {
		t.Errorf("note line %q, want Note: %s", got, want.Note)
	}
	more := one(t, w, "widget-more")
	if !strings.HasPrefix(text(more), "See More") {
		t.Errorf("See More link reads %q", text(more))
	}
	wantHref := "/insights/" + want.Insight + resolved(want).encode()
	if got := attr(more, "href"); got != wantHref {
		t.Errorf("See More href %q, want %q", got, wantHref)
	}
}

func TestArticlePage(t *testing.T) {
	f := newFixture(t)
	body := f.page("/articles/nato-ministers-brussels", 200)
	d := doc(t, body)

	if got := text(one(t, d, "tag")); got != "Multilateral Organization · NATO" {
		t.Errorf("tag %q", got)
	}
	if got := text(one(t, d, "headline")); got != "NATO ministers weigh Ukraine aid as the Alliance turns 75" {
		t.Errorf("headline %q", got)
	}
	fig := one(t, d, "story-figure")
	img := findTag(fig, "img")[0]
	if attr(img, "src") != "/static/figure-sample.svg" || attr(img, "alt") == "" {
		t.Errorf("image %q alt %q", attr(img, "src"), attr(img, "alt"))
	}
	if got := text(findTag(fig, "figcaption")[0]); got != "Flags outside the ministerial meeting in Brussels. Illustration." {
		t.Errorf("caption %q", got)
	}
	if got := text(one(t, d, "pull-quote-speaker")); got != "French Defense Minister Sébastien Lecornu said" {
		t.Errorf("quote attribution %q", got)
	}
	if !strings.Contains(text(one(t, d, "pull-quote")), "We cannot let support for Ukraine depend on the calendar") {
		t.Error("pull quote text missing")
	}
	if !strings.Contains(text(one(t, d, "story-body")), "75th anniversary") {
		t.Error("body text missing")
	}
	checkWidget(t, f, one(t, d, "widget"), insight.Params{Insight: insight.IDMomentum, Role: shuttle.RoleSecretary, From: 1997, To: 2024})

	// Top to bottom as on the model page.
	order := []string{`class="tag"`, `class="headline"`, `class="story-body"`, `class="story-figure"`, `class="pull-quote"`, `class="widget"`}
	last := -1
	for _, mark := range order {
		i := strings.Index(body, mark)
		if i < last {
			t.Errorf("%s comes before the element above it", mark)
		}
		last = i
	}
	// The image is the site's own, so the page still loads nothing elsewhere.
	for _, want := range []string{
		`<meta property="og:type" content="article">`,
		`<meta property="og:title" content="NATO ministers weigh Ukraine aid as the Alliance turns 75">`,
		`<meta property="og:url" content="https://shuttle.example/articles/nato-ministers-brussels">`,
		`<meta property="og:image" content="https://shuttle.example/static/figure-sample.svg">`,
		`<script type="application/ld+json">`,
		`"@type":"NewsArticle"`,
		`"headline":"NATO ministers weigh Ukraine aid as the Alliance turns 75"`,
		`<link rel="canonical" href="https://shuttle.example/articles/nato-ministers-brussels">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
}

// An article without tag, quote or insight omits the first two and shows
// the default widget: momentum, Secretary of State, 1997–2024.
func TestArticleDefaults(t *testing.T) {
	f := newFixture(t)
	d := doc(t, f.page("/articles/asia-trip-tokyo-manila", 200))
	for _, class := range []string{"tag", "pull-quote", "story-figure"} {
		if n := find(d, class); len(n) != 0 {
			t.Errorf("page has .%s, want none", class)
		}
	}
	w := one(t, d, "widget")
	checkWidget(t, f, w, insight.Params{Insight: insight.IDMomentum, Role: shuttle.RoleSecretary, From: 1997, To: 2024})
	if got := text(one(t, w, "widget-title")); got != "Countries with Increasing Secretary of State Visits" {
		t.Errorf("default widget title %q", got)
	}
	if got := text(one(t, w, "widget-subtitle")); got != "with increasing frequency & consistency of Secretary of State visits" {
		t.Errorf("default widget subtitle %q", got)
	}
	if got := text(one(t, w, "widget-note")); got != "Note: Data represents diplomatic activity from 1997-2024" {
		t.Errorf("default widget note %q", got)
	}
	if got := attr(one(t, w, "widget-more"), "href"); got != "/insights/momentum?role=secretary&from=1997&to=2024" {
		t.Errorf("See More href %q", got)
	}
}

// Front matter may choose another insight, role, window and region.
func TestArticleInsightOverride(t *testing.T) {
	f := newFixture(t)
	d := doc(t, f.page("/articles/europe-presidents", 200))
	w := one(t, d, "widget")
	checkWidget(t, f, w, insight.Params{Insight: insight.IDMostVisited, Role: shuttle.RolePresident, Region: "eur", From: 2010, To: 2024})
	if got := attr(one(t, w, "widget-more"), "href"); got != "/insights/most-visited?role=president&from=2010&to=2024&region=eur" {
		t.Errorf("See More href %q", got)
	}
}

func TestHomePage(t *testing.T) {
	f := newFixture(t)
	d := doc(t, f.page("/", 200))
	titles := find(d, "teaser-title")
	if len(titles) != 3 {
		t.Fatalf("home lists %d articles, want 3", len(titles))
	}
	// Newest first.
	if got := text(titles[0]); got != "Secretary of State heads to Tokyo and Manila" {
		t.Errorf("first article %q", got)
	}
	tags := find(d, "tag")
	if len(tags) != 2 || text(tags[0]) != "Multilateral Organization · NATO" && text(tags[1]) != "Multilateral Organization · NATO" {
		t.Errorf("home tags: %d", len(tags))
	}
	widgets := find(d, "widget")
	if len(widgets) != len(shuttle.Roles) {
		t.Fatalf("home has %d featured insights, want one per role", len(widgets))
	}
	for i, role := range shuttle.Roles {
		checkWidget(t, f, widgets[i], insight.Params{Insight: insight.IDMomentum, Role: role})
	}
}
