package web

import (
	"context"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/content"
	"github.com/shuttlenews/shuttle/internal/xss"
	xhtml "golang.org/x/net/html"
)

// browserBatch is how many vectors share one article, one feed item or one
// query parameter: the whole corpus in about ten pages of each kind keeps
// the test near half a minute.
const browserBatch = 17

// settle is how long a page is watched after its load event, for payloads
// that wait for focus, a toggle, an animation, media errors or a refresh.
const settle = 250 * time.Millisecond

// probe runs in each page after load and again after settle. It reads the
// markers and walks the DOM as Chromium built it (the parser that counts,
// where mutation XSS would show), resolving every URL attribute with the
// browser's own URL parser.
const probe = `(() => {
  const bad = [];
  if (window.__xss !== undefined) bad.push('window.__xss = ' + String(window.__xss));
  if (document.title === 'XSS') bad.push("document.title is 'XSS'");
  if (document.baseURI !== location.href) bad.push('base URI changed to ' + document.baseURI);
  for (const e of document.querySelectorAll('iframe,frame,frameset,object,embed,applet,portal,base,meta[http-equiv],style,template,math,noscript'))
    bad.push('element <' + e.localName + '>');
  for (const s of document.querySelectorAll('script')) {
    if (s.type !== 'application/ld+json' || s.parentElement !== document.head) { bad.push('script ' + s.outerHTML.slice(0, 120)); continue; }
    try { JSON.parse(s.textContent) } catch (e) { bad.push('JSON-LD does not parse: ' + e) }
  }
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background', 'poster', 'cite', 'ping'];
  for (const el of document.querySelectorAll('*')) {
    if (el.shadowRoot) bad.push('shadow root on <' + el.localName + '>');
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) bad.push(n + ' on <' + el.localName + '>');
      else if (n === 'style' || n === 'srcdoc') bad.push(n + ' on <' + el.localName + '>');
      else if (urlAttrs.includes(n)) {
        let u;
        try { u = new URL(a.value, document.baseURI) } catch (e) { continue }
        if (!['http:', 'https:', 'mailto:'].includes(u.protocol)) bad.push(n + '=' + JSON.stringify(a.value).slice(0, 80) + ' on <' + el.localName + '> is ' + u.protocol);
      }
    }
  }
  return {bad, title: document.title, url: location.href};
})()`

type probeResult struct {
	Bad   []string `json:"bad"`
	Title string   `json:"title"`
	URL   string   `json:"url"`
}

// TestXSSBrowser renders, in Debian's Chromium, every page that carries
// hostile content — articles whose front matter and body hold the whole
// corpus, feed items that do, the home and France pages listing them, and
// pages whose query string or path holds it — once as served (with the CSP)
// and once without the CSP, so that the sanitisers and templates are proven
// alone and not only behind the policy. No marker may be set, no dialog
// open, no script-related CSP violation, console call or exception occur,
// and the DOM must hold nothing executable. A control page that echoes
// vectors raw, without CSP, must set the marker: the detector works.
func TestXSSBrowser(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing; CI must install Debian's chromium (scripts/install-chromium.sh)", chromium)
		}
		t.Skipf("%s is missing: apt-get install -y chromium to run the browser test", chromium)
	}
	start := time.Now()
	f := newFixture(t)
	vs := xss.Vectors()
	byName := map[string]string{}
	for _, v := range vs {
		byName[v.Name] = v.Payload
	}

	// One server: the site as served (SecurityHeaders), the same site
	// without its CSP under /no-csp/, and the control pages.
	mux := http.NewServeMux()
	mux.Handle("/no-csp/", http.StripPrefix("/no-csp", withoutCSP(f.mux)))
	mux.HandleFunc("/xss-control/{name}", func(w http.ResponseWriter, r *http.Request) {
		p, ok := byName[r.PathValue("name")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><html><head><title>control</title></head><body><p>control</p>"+p+"</body></html>")
	})
	mux.Handle("/xss-control-csp/{name}", SecurityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The same raw echo under the site's policy: the second wall alone.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>control</title><p>control</p>"+byName[r.PathValue("name")])
	})))
	mux.HandleFunc("/xss-control-events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>control</title><script>console.log('control'); alert('control'); throw new Error('control')</script>")
	})
	mux.HandleFunc("/xss-control-all", func(w http.ResponseWriter, r *http.Request) {
		// Each vector raw in its own same-origin frame, to count which run.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><html><head><title>control</title></head><body>")
		for _, v := range vs {
			io.WriteString(w, `<iframe name="`+v.Name+`" srcdoc="`+html.EscapeString("<!doctype html><title>frame</title><body>"+v.Payload)+`"></iframe>`)
		}
		io.WriteString(w, "</body></html>")
	})
	mux.Handle("/", SecurityHeaders(f.mux))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(mux)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	defer srv.Close()
	feeds := &hostileFeeds{}
	feedSrv := httptest.NewServer(feeds)
	defer feedSrv.Close()

	b := newBrowser(t)

	// The detector first: a test that cannot see a payload run proves
	// nothing. Raw and without CSP, these must set the marker.
	for _, name := range []string{"script-lower", "img-onerror", "svg-onload", "details-ontoggle"} {
		r := b.visit(srv.URL + "/xss-control/" + name)
		if !hasMarker(r) {
			t.Errorf("control %s: the marker is not set (%v): the detector does not work", name, r.Bad)
		}
	}
	// The listeners: a dialog, a console call and an exception must each
	// be seen, and so must the policy refusing an inline script.
	b.visit(srv.URL + "/xss-control-events")
	for _, want := range []string{"alert dialog opened", "console.log called", "exception: Uncaught"} {
		if !b.saw(want) {
			t.Errorf("control: no %q event recorded: the listener does not work", want)
		}
	}
	b.reset()
	if r := b.visit(srv.URL + "/xss-control-csp/script-lower"); hasMarker(r) || !b.saw("Content Security Policy") {
		t.Errorf("control under the site's CSP: marker %v, violation recorded %v", hasMarker(r), b.saw("Content Security Policy"))
	}
	b.reset()
	live := b.liveVectors(srv.URL + "/xss-control-all")
	t.Logf("control: %d of %d vectors run when served raw without CSP: %s", len(live), len(vs), strings.Join(live, " "))
	if len(live) < len(vs)/4 {
		t.Errorf("only %d vectors run raw: the corpus or the detector is broken", len(live))
	}
	b.reset()

	// check visits path as served and without the CSP.
	check := func(path string, wantTitle string) {
		t.Helper()
		for _, prefix := range []string{"", "/no-csp"} {
			r := b.visit(srv.URL + prefix + path)
			for _, p := range r.Bad {
				t.Errorf("%s%s: %s", prefix, path, p)
			}
			if wantTitle != "" && titleText(r.Title) != wantTitle {
				t.Errorf("%s%s: document.title %q, want %q", prefix, path, r.Title, wantTitle)
			}
			if r.URL != srv.URL+prefix+path {
				t.Errorf("%s%s: the page navigated to %s", prefix, path, r.URL)
			}
		}
	}
	checkBatch := func(arts []*shuttle.Article) {
		ctx := context.Background()
		for _, a := range arts {
			if !slices.Contains(a.Countries, "FR") {
				a.Countries = append(a.Countries, "FR") // listed on the France page whatever enrichment found
			}
			if err := f.store.PutArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		f.web.ArticlesChanged()
		// The listings below must show the whole batch, or they were not
		// tested with it.
		home, france := doc(t, f.page("/", 200)), doc(t, f.page("/countries/FR", 200))
		for _, a := range arts {
			if !linksTo(home, "/articles/"+a.Slug, collapse(a.Title)) || !linksTo(france, "/articles/"+a.Slug, collapse(a.Title)) {
				t.Errorf("%s is not listed on the home and France pages", a.Slug)
			}
			check("/articles/"+a.Slug, pageTitle(t, f, "/articles/"+a.Slug))
		}
		check("/", "")
		check("/countries/FR", "")
		for _, a := range arts {
			if err := f.store.DeleteArticle(ctx, a.Slug); err != nil {
				t.Fatal(err)
			}
		}
		f.web.ArticlesChanged()
	}

	// Front matter and body: every field of each article holds a batch.
	chunks := xss.Chunks(validVectors(), browserBatch)
	var arts []*shuttle.Article
	for i, c := range chunks {
		var body strings.Builder
		image := ""
		for _, v := range c {
			body.WriteString(hostileBody(v.Payload) + "\n")
			if image == "" && content.CheckImageURL(strings.TrimSpace(v.Payload)) == nil {
				image = v.Payload
			}
		}
		arts = append(arts, hostileArticle(t, fmt.Sprintf("xss-batch-%02d", i), xss.Join(c, " "), body.String(), image))
	}
	checkBatch(arts)

	// Feeds: an RSS and an Atom item per batch, polled into the store.
	var batches []xss.Vector
	for i, c := range xss.Chunks(vs, browserBatch) {
		batches = append(batches, xss.Vector{Name: fmt.Sprintf("batch-%02d", i), Payload: xss.Join(c, " ")})
	}
	checkBatch(pollHostile(t, f.store, feeds, feedSrv.URL, "browser", batches))

	// Query strings and paths: the whole corpus as one value, one name and
	// one path segment (about 30 KB escaped; browsers and net/http take
	// far longer URLs).
	all := strings.ToValidUTF8(xss.Join(vs, " "), "\uFFFD")
	q := url.QueryEscape(all)
	for _, path := range []string{
		"/insights/momentum?role=" + q, "/insights/momentum.svg?region=" + q, "/map?from=" + q,
		"/embed/insights/momentum?countries=" + q, "/articles/nato-ministers-brussels?" + q + "=1",
		"/countries/FR?utm_source=" + q, "/nowhere?x=" + q, "/countries/" + url.PathEscape(all),
	} {
		check(path, "")
	}

	b.finish(t)
	t.Logf("%d pages in %v", b.visits, time.Since(start).Round(time.Millisecond))
}

// pageTitle is the <title> the server sent, normalised by titleText.
func pageTitle(t *testing.T, f *fixture, path string) string {
	d := doc(t, f.page(path, 200))
	ts := findTag(d, "title")
	if len(ts) == 0 || ts[0].FirstChild == nil {
		t.Fatalf("%s: no title", path)
	}
	var sb strings.Builder
	for c := ts[0].FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.TextNode {
			sb.WriteString(c.Data)
		}
	}
	return titleText(sb.String())
}

// titleText compares titles across the two parsers: Chromium collapses
// white space in document.title and drops some control characters that
// x/net/html keeps, so both count as white space here.
func titleText(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r <= ' ' || unicode.IsSpace(r) }), " ")
}

func hasMarker(r probeResult) bool {
	for _, p := range r.Bad {
		if strings.HasPrefix(p, "window.__xss") || strings.HasPrefix(p, "document.title") {
			return true
		}
	}
	return false
}

// withoutCSP serves next with its Content-Security-Policy removed, so that a
// page is defended by what the server wrote into it and nothing else.
func withoutCSP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(noCSPWriter{w}, r)
	})
}

type noCSPWriter struct{ http.ResponseWriter }

func (w noCSPWriter) WriteHeader(code int) {
	w.Header().Del("Content-Security-Policy")
	w.ResponseWriter.WriteHeader(code)
}

func (w noCSPWriter) Write(b []byte) (int, error) {
	w.Header().Del("Content-Security-Policy")
	return w.ResponseWriter.Write(b)
}

// browser is one Chromium tab with listeners for what a running payload
// leaves behind: dialogs, console calls, exceptions, and log entries (CSP
// violations among them), each tagged with the page it happened on.
type browser struct {
	t      *testing.T
	ctx    context.Context
	mu     sync.Mutex
	page   string
	events []string // script ran: dialogs, console calls, exceptions, script CSP violations
	notes  []note   // printed for inspection: every other log entry
	visits int
}

// note is a browser log entry and the page it came from.
type note struct{ page, text string }

func newBrowser(t *testing.T) *browser {
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), browserOptions(t)...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	b := &browser{t: t, ctx: ctx}
	// Started here, once: the timeout must not be on the context that
	// starts the browser (see chromedp.Run).
	if err := chromedp.Listen(ctx, b.listen); err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *page.EventJavascriptDialogOpening:
		b.events = append(b.events, fmt.Sprintf("%s: %s dialog opened: %q", b.page, ev.Type, ev.Message))
		// The page stalls until the dialog is closed; the listener must not
		// call the browser itself.
		go chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{})
	case *runtime.EventConsoleAPICalled:
		b.events = append(b.events, fmt.Sprintf("%s: console.%s called (the site has no script)", b.page, ev.Type))
	case *runtime.EventExceptionThrown:
		b.events = append(b.events, fmt.Sprintf("%s: exception: %s", b.page, ev.ExceptionDetails.Text))
	case *cdplog.EventEntryAdded:
		text := fmt.Sprintf("[%s %s] %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text)
		if scriptViolation(ev.Entry.Text) {
			b.events = append(b.events, b.page+": "+text)
		} else {
			b.notes = append(b.notes, note{b.page, text})
		}
	}
}

// scriptViolation reports a CSP message about script, frames, plugins,
// <base> or forms: markup that can run script reached the DOM and only the
// policy stopped it. Blocked images or styles are notes, not failures (the
// oracle in xss_test.go already refuses style attributes).
func scriptViolation(text string) bool {
	if !strings.Contains(text, "Content Security Policy") {
		return false
	}
	for _, s := range []string{"script", "event handler", "frame", "object", "embed", "plugin", "base-uri", "form-action", "javascript:"} {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// visit loads u, probes it at once and after settle, and returns what the
// second probe saw plus anything the first saw that has since gone.
func (b *browser) visit(u string) probeResult {
	b.t.Helper()
	b.mu.Lock()
	b.page = u
	b.mu.Unlock()
	b.visits++
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		b.t.Fatalf("%s: %v", u, err)
	}
	first, err := chromedp.Run(ctx, chromedp.Evaluate[probeResult](probe))
	if err != nil {
		b.t.Fatalf("%s: probe: %v", u, err)
	}
	if err := chromedp.Do(ctx, chromedp.Sleep(settle)); err != nil {
		b.t.Fatal(err)
	}
	second, err := chromedp.Run(ctx, chromedp.Evaluate[probeResult](probe))
	if err != nil {
		b.t.Fatalf("%s: probe: %v", u, err)
	}
	for _, p := range first.Bad {
		if !strings.Contains(strings.Join(second.Bad, "\n"), p) {
			second.Bad = append(second.Bad, p+" (at load)")
		}
	}
	if first.Title != second.Title {
		second.Bad = append(second.Bad, fmt.Sprintf("document.title changed from %q to %q", first.Title, second.Title))
	}
	return second
}

// liveVectors loads the control page of frames and names the vectors whose
// frame set a marker.
func (b *browser) liveVectors(u string) []string {
	b.visit(u)
	live, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('iframe')].filter(f => {
	  try { return f.contentWindow.__xss !== undefined || f.contentDocument.title === 'XSS' } catch (e) { return false }
	}).map(f => f.name)`))
	if err != nil {
		b.t.Fatal(err)
	}
	return live
}

// saw reports whether a script event holding s was recorded.
func (b *browser) saw(s string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.events {
		if strings.Contains(e, s) {
			return true
		}
	}
	return false
}

// reset forgets what the control pages caused: they are meant to run script.
func (b *browser) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.events, b.notes = nil, nil
}

// finish fails on every sign of script and prints the rest.
func (b *browser) finish(t *testing.T) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.events {
		t.Error(e)
	}
	// The notes are mostly the same few messages (hostile <img src=x> is
	// a 404; an error page is a 400): printed once each, with a count.
	count := map[string]int{}
	var order []string
	for _, n := range b.notes {
		if count[n.text]++; count[n.text] == 1 {
			order = append(order, n.text)
		}
	}
	for _, text := range order {
		t.Logf("browser log, %d×: %s", count[text], text)
	}
	t.Logf("%d script events, %d other browser log entries", len(b.events), len(b.notes))
}
