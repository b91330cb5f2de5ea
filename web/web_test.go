package web

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
)

// Every route renders, with the text that proves it is the right page.
func TestRoutes(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		path  string
		ctype string
		want  []string
	}{
		{"/", "text/html", []string{"Latest", "Featured insights", "Countries with Increasing Presidential Visits"}},
		{"/articles/nato-ministers-brussels", "text/html", []string{"See More"}},
		{"/insights", "text/html", []string{"Countries Most Visited by Presidents", `href="/insights/declining?role=visit"`}},
		{"/insights/momentum?role=secretary&from=1997&to=2024", "text/html", []string{"Sen's slope", "significant at"}},
		{"/insights/top-destinations?traveler=blinken-antony-j", "text/html", []string{"Top Destinations of Antony J"}},
		{"/insights/momentum.svg?role=president", "image/svg+xml", []string{"<svg", "Countries with Increasing Presidential Visits", "Source: U.S. Department of State"}},
		{"/countries", "text/html", []string{"Yugoslavia", `href="/countries/FR"`}},
		{"/countries/FR", "text/html", []string{"France", "Visits per year", "In the rankings", "Kendall", "NATO ministers weigh Ukraine aid"}},
		{"/countries/fr", "text/html", []string{"France"}},
		{"/countries/XI", "text/html", []string{"Yugoslavia"}},
		{"/travelers", "text/html", []string{"Antony John Blinken", "George Washington"}},
		{"/travelers/blinken-antony-j", "text/html", []string{"Antony John Blinken", "Secretary of State:", "Top Destinations of Antony J", "Countries visited", `class="map-svg"`}},
		{"/travelers/washington-george", "text/html", []string{"George Washington", "No visits recorded."}},
		{"/map", "text/html", []string{"Secretary of State visits, 1997–2024", "<path", "United Kingdom"}},
		{"/map?role=visit&from=2000&to=2010", "text/html", []string{"Foreign leaders&#39; visits to the U.S., 2000–2010"}},
		{"/method", "text/html", []string{"Kendall", "continuity correction", "tie correction", "Sen's slope", "100 × √(trend × consistency)", "at least <strong>5 visits</strong>"}},
		{"/embed/insights/momentum?role=secretary", "text/html", []string{`class="widget"`, `target="_blank"`, "https://shuttle.example/insights/momentum?role=secretary&amp;from=1997&amp;to=2024"}},
		{"/feed.xml", "application/atom+xml", []string{"<feed", "NATO ministers weigh Ukraine aid"}},
		{"/sitemap.xml", "application/xml", []string{"<urlset", "https://shuttle.example/countries/FR", "https://shuttle.example/articles/europe-presidents"}},
		{"/robots.txt", "text/plain", []string{"Sitemap: https://shuttle.example/sitemap.xml"}},
	} {
		res := f.get(tt.path)
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Errorf("GET %s: %d\n%.500s", tt.path, res.StatusCode, body)
			continue
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
			t.Errorf("GET %s: Content-Type %q, want %s", tt.path, ct, tt.ctype)
		}
		for _, w := range tt.want {
			if !strings.Contains(string(body), w) {
				t.Errorf("GET %s: body lacks %q", tt.path, w)
			}
		}
	}
}

// The "See More" page lists every country the engine ranks, with the same
// figures.
func TestInsightPage(t *testing.T) {
	f := newFixture(t)
	p := insight.Params{Insight: insight.IDMomentum, Role: shuttle.RoleSecretary, From: 1997, To: 2024}
	want, err := f.snap().Insights.Rank(p)
	if err != nil {
		t.Fatal(err)
	}
	q := "?role=secretary&from=1997&to=2024"
	body := f.page("/insights/momentum"+q, 200)
	d := doc(t, body)
	table := one(t, d, "ranking")
	rows := findTag(findTag(table, "tbody")[0], "tr")
	if len(rows) != want.Total || len(rows) != len(want.Rows) {
		t.Fatalf("table has %d rows, ranking %d", len(rows), want.Total)
	}
	for i, tr := range rows {
		r := want.Rows[i]
		cells := text(tr)
		for _, s := range []string{r.Country.Name, formatValue(r.Points, "points"), significance(r.PValue), formatP(r.PValue)} {
			if !strings.Contains(cells, s) {
				t.Errorf("row %d (%s) lacks %q: %s", i+1, r.Country.Name, s, cells)
			}
		}
		if len(findTag(tr, "polyline")) != 1 {
			t.Errorf("row %d has no sparkline", i+1)
		}
	}
	for _, s := range []string{
		`href="/api/v1/rankings/momentum.csv` + strings.ReplaceAll(q, "&", "&amp;") + `"`,
		`href="/api/v1/rankings/momentum` + strings.ReplaceAll(q, "&", "&amp;") + `"`,
		`src="/insights/momentum.svg` + strings.ReplaceAll(q, "&", "&amp;") + `"`,
		"&lt;iframe src=&#34;https://shuttle.example/embed/insights/momentum?role=secretary&amp;amp;from=1997&amp;amp;to=2024&#34;",
		"Source: U.S. Department of State, Diplomatic Travel Records",
		"Note: Data represents diplomatic activity from 1997-2024",
		"Kendall",
		`type="application/json+oembed"`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("insight page lacks %s", s)
		}
	}
	// The download links work against the real API.
	res := f.get("/api/v1/rankings/momentum.csv" + q)
	csv, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || strings.Count(string(csv), "\n") != want.Total+1 {
		t.Errorf("CSV download: %d, %d lines", res.StatusCode, strings.Count(string(csv), "\n"))
	}
}

func TestCountryPage(t *testing.T) {
	f := newFixture(t)
	body := f.page("/countries/AE", 200)
	d := doc(t, body)
	x, err := f.snap().Insights.Explain(insight.Params{Insight: insight.IDMomentum, Role: shuttle.RoleSecretary}, "AE")
	if err != nil {
		t.Fatal(err)
	}
	explain := text(find(d, "explain")[0])
	for _, s := range []string{"Rank 1 of", formatValue(x.Row.Points, "points"), "Kendall's τ-b = 0.47", "Visits in 14 of 28 years"} {
		if !strings.Contains(explain, s) {
			t.Errorf("explanation lacks %q: %s", s, explain)
		}
	}
	trips, err := f.store.Trips(context.Background(), shuttle.TripFilter{Country: "AE"})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(findTag(findTag(one(t, d, "trips"), "tbody")[0], "tr")); got != len(trips) {
		t.Errorf("trips table has %d rows, store %d", got, len(trips))
	}
	svg := findTag(one(t, d, "linechart"), "svg")[0]
	if attr(svg, "role") != "img" || len(findTag(svg, "title")) == 0 || len(findTag(svg, "desc")) == 0 {
		t.Error("chart lacks role=img, title or desc")
	}
	if len(findTag(one(t, d, "data-table"), "tr")) < 10 {
		t.Error("chart has no table alternative")
	}
	// Articles that mention the country, and not the others.
	fr := f.page("/countries/FR", 200)
	if !strings.Contains(fr, `href="/articles/nato-ministers-brussels"`) || strings.Contains(fr, `href="/articles/asia-trip-tokyo-manila"`) {
		t.Error("France's page does not list exactly the article that mentions it")
	}
}

func TestNotFound(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{
		"/articles/no-such-story", "/articles/Bad_Slug", "/countries/QQ", "/countries/france",
		"/travelers/nobody-at-all", "/insights/sideways", "/insights/country-series", "/embed/insights/sideways",
		"/nowhere", "/static/app.css.bak", "/insights/top-destinations?traveler=nobody-at-all",
	} {
		body := f.page(path, 404)
		if !strings.Contains(body, "Page not found") || !strings.Contains(body, `<link rel="stylesheet"`) {
			t.Errorf("GET %s: 404 page is not the site's", path)
		}
	}
}

func TestBadRequest(t *testing.T) {
	f := newFixture(t)
	for path, want := range map[string]string{
		"/insights/momentum?role=astronaut":         "astronaut",
		"/insights/momentum?from=1800":              "from: 1800 is before the first year",
		"/insights/momentum?from=2020&to=2010":      "from: 2020 is after to",
		"/insights/momentum?from=abc":               "from: &#34;abc&#34; is not a whole number",
		"/insights/momentum?form=2001":              "form: unknown parameter",
		"/insights/momentum?region=mars":            "region: unknown region",
		"/insights/momentum?countries=FR,ZQ":        "countries: unknown country",
		"/insights/momentum?role=visit&role=visit":  "role: given 2 times",
		"/map?role=pilot":                           "pilot",
		"/map?from=1700":                            "records run from",
		"/map?from=12":                              "not a four-digit year",
		"/embed/insights/momentum?to=3000":          "to: 3000",
		"/oembed?url=":                              "url:",
		"/articles/nato-ministers-brussels?page=2":  "page: unknown parameter",
		"/countries/FR?x=1":                         "x: unknown parameter",
		"/insights/top-destinations?role=secretary": "traveler",
	} {
		body := f.page(path, 400)
		if !strings.Contains(body, want) {
			t.Errorf("GET %s: 400 page lacks %q", path, want)
		}
	}
	// Campaign parameters are not errors.
	f.page("/articles/nato-ministers-brussels?utm_source=newsletter", 200)
}

func TestOEmbed(t *testing.T) {
	f := newFixture(t)
	res := f.get("/oembed?format=json&url=" + "https%3A%2F%2Fshuttle.example%2Finsights%2Fmomentum%3Frole%3Dpresident&maxwidth=300")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("oembed: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var o oembedResponse
	if err := json.NewDecoder(res.Body).Decode(&o); err != nil {
		t.Fatal(err)
	}
	if o.Version != "1.0" || o.Type != "rich" || o.Width != 300 || o.Title != "Countries with Increasing Presidential Visits" ||
		!strings.Contains(o.HTML, `<iframe src="https://shuttle.example/embed/insights/momentum?role=president&amp;from=1997&amp;to=2024"`) {
		t.Errorf("oembed: %+v", o)
	}
	f.page("/oembed?url=https%3A%2F%2Felsewhere.example%2Finsights%2Fmomentum", 404)
	f.page("/oembed?url=https%3A%2F%2Fshuttle.example%2Fmethod", 404)
	f.page("/oembed?format=xml&url=https%3A%2F%2Fshuttle.example%2Finsights%2Fmomentum", 501)
}

func TestFeedAndSitemap(t *testing.T) {
	f := newFixture(t)
	var feed atomFeed
	if err := xml.Unmarshal([]byte(f.page("/feed.xml", 200)), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 3 || feed.Entries[0].Link.Href != "https://shuttle.example/articles/asia-trip-tokyo-manila" ||
		!strings.Contains(feed.Entries[1].Content.Body, "<strong>Ukraine</strong>") {
		t.Errorf("feed: %d entries, first %+v", len(feed.Entries), feed.Entries[0].Link)
	}
	var set urlset
	if err := xml.Unmarshal([]byte(f.page("/sitemap.xml", 200)), &set); err != nil {
		t.Fatal(err)
	}
	snap := f.snap()
	if min := 6 + 3 + len(snap.Countries) + len(snap.Travelers); len(set.URLs) < min {
		t.Errorf("sitemap has %d URLs, want at least %d", len(set.URLs), min)
	}
}

// Pages carry the security headers; only embeds may be framed. No page
// has inline script or style, which the policy would block.
func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	inlineStyle := regexp.MustCompile(`(?i)\sstyle\s*=|<style`)
	script := regexp.MustCompile(`(?i)<script(?:\s+type="application/ld\+json")?`)
	for _, path := range []string{"/", "/articles/nato-ministers-brussels", "/insights/momentum", "/countries/DE",
		"/travelers/blinken-antony-j", "/map", "/method", "/embed/insights/momentum", "/nowhere", "/insights/momentum?role=x"} {
		res := f.get(path)
		body, _ := io.ReadAll(res.Body)
		csp := res.Header.Get("Content-Security-Policy")
		wantFrame := "frame-ancestors 'none'"
		if strings.HasPrefix(path, "/embed/") {
			wantFrame = "frame-ancestors *"
		}
		for _, s := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: https:", wantFrame} {
			if !strings.Contains(csp, s) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, s)
			}
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: headers %v", path, res.Header)
		}
		if !strings.Contains(string(body), `<meta name="referrer" content="strict-origin-when-cross-origin">`) {
			t.Errorf("%s: no referrer policy", path)
		}
		if inlineStyle.Match(body) {
			t.Errorf("%s: inline style", path)
		}
		for _, m := range script.FindAll(body, -1) {
			if !strings.Contains(string(m), "ld+json") {
				t.Errorf("%s: executable script tag %s", path, m)
			}
		}
		if strings.Contains(string(body), "http://") && !strings.HasPrefix(path, "/map") {
			for _, u := range regexp.MustCompile(`(?:src|href)="http://[^"]*"`).FindAll(body, -1) {
				t.Errorf("%s: loads %s", path, u)
			}
		}
	}
	h := SecurityHeaders(http.NotFoundHandler())
	for _, path := range []string{"/api/v1/version", "/embed/insights/x"} {
		res := serve(h, path)
		if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors") {
			t.Errorf("SecurityHeaders on %s: %v", path, res.Header)
		}
	}
}

func TestErrorPagesHideInternals(t *testing.T) {
	f := newFixture(t)
	broken := &failingStore{Store: f.store, err: errors.New("sqlite: disk I/O error at /secret/path")}
	w, err := New(Config{Store: broken, Snapshot: f.snaps, BaseURL: "https://shuttle.example", Logger: f.web.log})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	w.Register(mux)
	res := serve(mux, "/articles/nato-ministers-brussels")
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 500 || strings.Contains(string(body), "secret") || !strings.Contains(string(body), "Something went wrong") {
		t.Errorf("500 page: %d\n%s", res.StatusCode, body)
	}
	broken.err = shuttle.Errorf(shuttle.EUNAVAILABLE, "The database is not answering.")
	res = serve(mux, "/countries/FR")
	body, _ = io.ReadAll(res.Body)
	if res.StatusCode != 503 || res.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "Temporarily unavailable") {
		t.Errorf("503 page: %d %v\n%s", res.StatusCode, res.Header, body)
	}
}

// Before the first ingest, data pages say so with a 503.
func TestNoDataYet(t *testing.T) {
	f := newFixture(t, fixtureOptions{noData: true})
	for _, path := range []string{"/", "/insights/momentum", "/countries/FR", "/map"} {
		if body := f.page(path, 503); !strings.Contains(body, "still being loaded") {
			t.Errorf("%s: 503 page lacks the reason", path)
		}
	}
	f.page("/method", 200)
}

// failingStore fails every article and trip read with err.
type failingStore struct {
	shuttle.Store
	err error
}

func (s *failingStore) Article(context.Context, string) (shuttle.Article, error) {
	return shuttle.Article{}, s.err
}

func (s *failingStore) Trips(context.Context, shuttle.TripFilter) ([]shuttle.Trip, error) {
	return nil, s.err
}

func serve(h http.Handler, path string, headers ...string) *http.Response {
	req, _ := http.NewRequest(http.MethodGet, path, nil)
	for _, hd := range headers {
		k, v, _ := strings.Cut(hd, ": ")
		req.Header.Set(k, v)
	}
	rec := &recorder{header: http.Header{}}
	h.ServeHTTP(rec, req)
	return rec.result()
}

// recorder is a minimal ResponseWriter (httptest's fills in headers that
// would hide what the handler itself set).
type recorder struct {
	header http.Header
	status int
	body   strings.Builder
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(200)
	return r.body.WriteString(string(b))
}
func (r *recorder) result() *http.Response {
	return &http.Response{StatusCode: r.status, Header: r.header, Body: io.NopCloser(strings.NewReader(r.body.String()))}
}

func gunzip(t *testing.T, r io.Reader) string {
	t.Helper()
	zr, err := gzip.NewReader(r)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
