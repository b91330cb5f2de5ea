package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/shuttlenews/shuttle/insight"
)

const chromium = "/usr/bin/chromium"

// TestBrowser drives Debian's Chromium through the reader's path: an
// article, its widget, "See More", a country page. It checks what is shown
// against the JSON API, saves screenshots at desktop and phone widths
// (into $SHUTTLE_SCREENSHOTS, or a temporary directory), and fails if any
// request leaves the machine or the page logs a policy violation.
func TestBrowser(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing; CI must install Debian's chromium (scripts/install-chromium.sh)", chromium)
		}
		t.Skipf("%s is missing: apt-get install -y chromium to run the browser test", chromium)
	}
	f := newFixture(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(SecurityHeaders(f.mux))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()
	base := srv.URL

	shots := os.Getenv("SHUTTLE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browserOptions(t)...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()

	var (
		mu       sync.Mutex
		requests []string
		problems []string
	)
	// Network and Log are enabled on every target: every request is seen,
	// and the browser's own errors (a CSP violation among them) are logged.
	err = chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			requests = append(requests, ev.Request.URL)
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError {
				problems = append(problems, fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}

	// The article: its widget against the API.
	api := apiRanking(t, base+"/api/v1/rankings/momentum?role=secretary&from=1997&to=2024&limit=3")
	err = chromedp.Do(ctx, chromedp.Navigate(base+"/articles/nato-ministers-brussels"), chromedp.WaitVisible(chromedp.CSS(".widget")))
	if err != nil {
		t.Fatal(err)
	}
	names := evalStrings(t, ctx, `[...document.querySelectorAll('.widget .widget-name')].map(e => e.textContent.trim())`)
	values := evalStrings(t, ctx, `[...document.querySelectorAll('.widget .widget-value')].map(e => e.textContent.trim())`)
	seeMore, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(".widget-more"), "href"))
	if err != nil {
		t.Fatal(err)
	}
	if seeMore.Value != "/insights/momentum?role=secretary&from=1997&to=2024" {
		t.Errorf("See More href %q", seeMore.Value)
	}
	if len(names) != 3 || len(api.Rows) != 3 {
		t.Fatalf("widget shows %d rows, API %d", len(names), len(api.Rows))
	}
	for i, r := range api.Rows {
		if names[i] != r.Country.Name || values[i] != formatValue(r.Points, api.Unit) {
			t.Errorf("widget row %d: %s %s, API %s %.1f", i+1, names[i], values[i], r.Country.Name, r.Points)
		}
	}
	screenshots(t, ctx, shots, "article")

	// "See More": the full table against the API.
	full := apiRanking(t, base+"/api/v1/rankings/momentum?role=secretary&from=1997&to=2024")
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".widget-more")), chromedp.WaitVisible(chromedp.CSS("table.ranking")))
	if err != nil {
		t.Fatal(err)
	}
	pageURL, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	tableNames := evalStrings(t, ctx, `[...document.querySelectorAll('table.ranking tbody th')].map(e => e.textContent.trim())`)
	tablePoints := evalStrings(t, ctx, `[...document.querySelectorAll('table.ranking tbody td.points')].map(e => e.textContent.trim())`)
	if !strings.HasSuffix(pageURL, "/insights/momentum?role=secretary&from=1997&to=2024") {
		t.Errorf("See More went to %s", pageURL)
	}
	if len(tableNames) != len(full.Rows) {
		t.Fatalf("table lists %d countries, API %d", len(tableNames), len(full.Rows))
	}
	for i, r := range full.Rows {
		if !strings.HasSuffix(tableNames[i], r.Country.Name) || tablePoints[i] != formatValue(r.Points, full.Unit) {
			t.Errorf("table row %d: %q %q, API %q %.1f", i+1, tableNames[i], tablePoints[i], r.Country.Name, r.Points)
		}
	}
	screenshots(t, ctx, shots, "insight")

	// A country page, reached by its link in the table.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`table.ranking tbody tr:first-child th a`)),
		chromedp.WaitVisible(chromedp.CSS(".linechart svg")),
	)
	if err != nil {
		t.Fatal(err)
	}
	heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1.page-title")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(heading, full.Rows[0].Country.Name) {
		t.Errorf("country page heading %q", heading)
	}
	screenshots(t, ctx, shots, "country")
	for _, p := range []struct{ name, path string }{{"home", "/"}, {"map", "/map"}} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p.path), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		screenshots(t, ctx, shots, p.name)
	}

	// The skip link is the first thing the keyboard reaches.
	err = chromedp.Do(ctx,
		chromedp.Navigate(base+"/articles/nato-ministers-brussels"), chromedp.WaitVisible(chromedp.CSS("main")),
		chromedp.KeyEvent("\t"),
	)
	if err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.className`))
	if err != nil {
		t.Fatal(err)
	}
	if focused != "skip" {
		t.Errorf("first Tab focuses %q, want the skip link", focused)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(requests) < 5 {
		t.Errorf("only %d requests seen: is the network listener working?", len(requests))
	}
	for _, u := range requests {
		if !local(u) {
			t.Errorf("request left the machine: %s", u)
		}
	}
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("screenshots in %s", shots)
}

// browserOptions starts Debian's Chromium headless, as root, with a fresh
// profile and without the background services that would reach out to the
// network: every browser test shares them, so none can drift.
func browserOptions(t *testing.T) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.DisableGPU, chromedp.NoSandbox, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
}

func local(raw string) bool {
	if strings.HasPrefix(raw, "data:") {
		return true
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := u.Hostname()
	return h == "127.0.0.1" || h == "localhost" || h == "::1"
}

func apiRanking(t *testing.T, u string) insight.Ranking {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var r insight.Ranking
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil || res.StatusCode != 200 {
		t.Fatalf("GET %s: %d %v", u, res.StatusCode, err)
	}
	return r
}

// screenshots saves the current page at 1280 and 375 pixels wide, and
// checks that nothing overflows the phone's width.
func screenshots(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	for _, w := range []int64{1280, 375} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 900)); err != nil {
			t.Fatal(err)
		}
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
		if err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if overflow {
			t.Errorf("%s at %d px: the page is wider than the screen", name, w)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, w)), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
}

func evalStrings(t *testing.T, ctx context.Context, js string) []string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
