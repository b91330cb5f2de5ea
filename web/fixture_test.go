package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/api"
	"github.com/shuttlenews/shuttle/content"
	"github.com/shuttlenews/shuttle/ingest"
	"github.com/shuttlenews/shuttle/internal/shared"
	"github.com/shuttlenews/shuttle/snapshot"
	"github.com/shuttlenews/shuttle/sqlite"
	"golang.org/x/net/html"
)

// The Office of the Historian snapshot is read once per test binary; each
// fixture loads it into its own SQLite file.
var (
	datasetOnce sync.Once
	dataset     *shuttle.Dataset
	datasetErr  error
)

func loadDataset(t testing.TB) *shuttle.Dataset {
	t.Helper()
	dir := shared.HSG(t)
	datasetOnce.Do(func() {
		dataset, datasetErr = ingest.Load(context.Background(), os.DirFS(dir), dir, nil)
	})
	if datasetErr != nil {
		t.Fatalf("ingest %s: %v", dir, datasetErr)
	}
	return dataset
}

// fixture is a site on a real SQLite store holding the real data and the
// articles of testdata/articles.
type fixture struct {
	t     testing.TB
	store *sqlite.DB
	snaps *snapshot.Source
	web   *Server
	mux   *http.ServeMux
}

// fixtureCountries are the countries the fixture articles "mention", as
// enrichment would record them.
var fixtureCountries = map[string][]string{
	"nato-ministers-brussels": {"BE", "FR", "UA"},
	"asia-trip-tokyo-manila":  {"JP", "PH", "LA"},
}

type fixtureOptions struct {
	noData bool // leave the store empty
}

func newFixture(t testing.TB, opts ...fixtureOptions) *fixture {
	t.Helper()
	var o fixtureOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "shuttle.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if !o.noData {
		if _, err := st.ReplaceDataset(ctx, loadDataset(t)); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range fixtureArticles(t) {
		a.Countries = fixtureCountries[a.Slug]
		if err := st.PutArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	f := &fixture{t: t, store: st, snaps: &snapshot.Source{Store: st}}
	// VersionTTL < 0: every request asks for the data version, so a test
	// sees a new version at once.
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil)) // the error pages tested log by design
	f.web, err = New(Config{Store: st, Snapshot: f.snaps, BaseURL: "https://shuttle.example", VersionTTL: -1, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	f.mux = http.NewServeMux()
	(&api.Server{Store: st, Snapshot: f.snaps}).Register(f.mux)
	f.web.Register(f.mux)
	return f
}

func fixtureArticles(t testing.TB) []*shuttle.Article {
	t.Helper()
	paths, err := filepath.Glob("testdata/articles/*.md")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixture articles: %v", err)
	}
	var out []*shuttle.Article
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, err := content.Parse(filepath.Base(p), src)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

func (f *fixture) snap() *snapshot.Snapshot {
	f.t.Helper()
	s, err := f.snaps.Get(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return s
}

// get requests path with optional headers ("Name: value").
func (f *fixture) get(path string, headers ...string) *http.Response {
	f.t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	f.mux.ServeHTTP(rec, req)
	return rec.Result()
}

// page requests path, checks the status and returns the body.
func (f *fixture) page(path string, want int) string {
	f.t.Helper()
	res := f.get(path)
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		f.t.Fatalf("GET %s: status %d, want %d\n%.2000s", path, res.StatusCode, want, body)
	}
	return string(body)
}

// doc parses an HTML page.
func doc(t testing.TB, body string) *html.Node {
	t.Helper()
	n, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// find returns the elements below n whose class list holds class.
func find(n *html.Node, class string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && hasClass(n, class) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// findTag returns the elements below n named tag.
func findTag(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" {
			for _, c := range strings.Fields(a.Val) {
				if c == class {
					return true
				}
			}
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// text is n's text with runs of white space collapsed.
func text(n *html.Node) string {
	var b bytes.Buffer
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// one returns the single element with class below n, failing otherwise.
func one(t testing.TB, n *html.Node, class string) *html.Node {
	t.Helper()
	ns := find(n, class)
	if len(ns) != 1 {
		t.Fatalf("want one .%s, found %d", class, len(ns))
	}
	return ns[0]
}
