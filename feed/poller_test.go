package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/content"
)

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func TestPollSampleFeeds(t *testing.T) {
	for _, name := range []string{"sample.rss", "sample.atom"} {
		t.Run(name, func(t *testing.T) {
			data := sampleFeed(t, name)
			want := expectedItems(t, data)
			srv := newFeedServer(t, map[string][]byte{"/" + name: data})
			sink := &memSink{}
			p := NewPoller([]string{srv.URL + "/" + name}, sink)
			p.Logger = quietLogger()

			res := p.PollAll(context.Background())
			if len(res) != 1 || res[0].Err != nil || res[0].Status != 200 ||
				res[0].Items != len(want) || res[0].Added != len(want) || res[0].Duplicates != 0 {
				t.Fatalf("first poll: %+v, want %d items added", res, len(want))
			}
			if ua := srv.lastRequest().Header.Get("User-Agent"); !strings.HasPrefix(ua, "shuttle/") {
				t.Errorf("User-Agent = %q", ua)
			}
			checkArticles(t, sink.articles, want)

			res = p.PollAll(context.Background())
			req := srv.lastRequest()
			if got := req.Header.Get("If-None-Match"); got != etag(data) {
				t.Errorf("second poll sent If-None-Match %q, want %q", got, etag(data))
			}
			if got := req.Header.Get("If-Modified-Since"); got != lastModified {
				t.Errorf("second poll sent If-Modified-Since %q, want %q", got, lastModified)
			}
			if res[0].Err != nil || res[0].Status != http.StatusNotModified || !res[0].NotModified || res[0].Added != 0 {
				t.Errorf("second poll: %+v, want 304 and nothing added", res[0])
			}
			if sink.len() != len(want) {
				t.Errorf("sink has %d articles after the 304, want %d", sink.len(), len(want))
			}
		})
	}
}

func checkArticles(t *testing.T, got []*shuttle.Article, want []wantItem) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d articles, want %d", len(got), len(want))
	}
	slugs := map[string]bool{}
	for i, a := range got {
		w := want[i]
		if a.Title != w.Title || a.Source != w.Link || a.Date.String() != w.Date {
			t.Errorf("article %d: %q %s %s\nwant        %q %s %s", i, a.Title, a.Source, a.Date, w.Title, w.Link, w.Date)
		}
		if !content.ValidSlug(a.Slug) || slugs[a.Slug] {
			t.Errorf("article %d: bad or repeated slug %q", i, a.Slug)
		}
		slugs[a.Slug] = true
		if a.Body == "" || a.Summary == "" || !strings.HasPrefix(a.HTML, "<p>") {
			t.Errorf("article %d: empty body, summary or HTML: %+v", i, a)
		}
		if strings.ContainsAny(a.Body, "<>") || strings.Contains(a.Body, "&quot;") || strings.Contains(a.Body, "&#x27;") {
			t.Errorf("article %d: body is not plain text: %.200q", i, a.Body)
		}
		if err := unsafeHTML(a.HTML); err != nil {
			t.Errorf("article %d: %v", i, err)
		}
	}
}

func TestDedupeByGUID(t *testing.T) {
	srv := newFeedServer(t, map[string][]byte{"/f": rss(
		[3]string{"g1", "https://example.org/1", "One"},
		[3]string{"g2", "https://example.org/2", "Two"},
	)})
	sink := &memSink{}
	p := NewPoller([]string{srv.URL + "/f"}, sink)
	p.Logger = quietLogger()
	p.PollAll(context.Background())
	// Same GUIDs, new links and a new ETag: the server rewrote its URLs.
	srv.set("/f", rss(
		[3]string{"g1", "https://example.org/one", "One"},
		[3]string{"g2", "https://example.org/two", "Two"},
		[3]string{"g3", "https://example.org/3", "Three"},
	))
	res := p.PollAll(context.Background())[0]
	if res.Err != nil || res.Status != 200 || res.Added != 1 || res.Duplicates != 2 || sink.len() != 3 {
		t.Errorf("got %+v, sink %d; want 1 added, 2 duplicates", res, sink.len())
	}
}

func TestDedupeByLink(t *testing.T) {
	srv := newFeedServer(t, map[string][]byte{
		"/a": rss([3]string{"a1", "https://example.org/story", "Story"}, [3]string{"a2", "https://example.org/story", "Story again"}),
		"/b": rss([3]string{"b1", "https://example.org/story", "Same story elsewhere"}, [3]string{"b2", "https://example.org/other", "Other"}),
	})
	sink := &memSink{}
	p := NewPoller([]string{srv.URL + "/a", srv.URL + "/b"}, sink)
	p.Logger = quietLogger()
	res := p.PollAll(context.Background())
	if res[0].Added != 1 || res[0].Duplicates != 1 || res[1].Added != 1 || res[1].Duplicates != 1 {
		t.Errorf("got %+v", res)
	}
	if sink.len() != 2 || sink.articles[0].Title != "Story" || sink.articles[1].Title != "Other" {
		t.Errorf("sink: %v", sink.articles)
	}
}

// Both sample feeds carry some of the same stories: polled together, each
// link is delivered once.
func TestDedupeAcrossSampleFeeds(t *testing.T) {
	rssData, atomData := sampleFeed(t, "sample.rss"), sampleFeed(t, "sample.atom")
	links := map[string]bool{}
	for _, w := range append(expectedItems(t, rssData), expectedItems(t, atomData)...) {
		links[w.Link] = true
	}
	srv := newFeedServer(t, map[string][]byte{"/rss": rssData, "/atom": atomData})
	sink := &memSink{}
	p := NewPoller([]string{srv.URL + "/rss", srv.URL + "/atom"}, sink)
	p.Logger = quietLogger()
	res := p.PollAll(context.Background())
	if sink.len() != len(links) || res[0].Added+res[1].Added != len(links) {
		t.Errorf("delivered %d (%+v), want %d distinct links", sink.len(), res, len(links))
	}
}

func TestBrokenFeedsAreSkipped(t *testing.T) {
	good := sampleFeed(t, "sample.rss")
	want := expectedItems(t, good)
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) { w.Write(good) })
	mux.HandleFunc("/malformed", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</titl`))
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<!doctype html><html><body>Not a feed</body></html>`))
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/slowbody", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel>`))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		// Streamed without Content-Length: only counting catches it.
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>`))
		chunk := bytes.Repeat([]byte("x"), 64<<10)
		for i := 0; i < 64 && r.Context().Err() == nil; i++ {
			w.Write(chunk)
		}
	})
	mux.HandleFunc("/hugelen", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(2<<20))
		w.Write(make([]byte, 1024))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	var logs bytes.Buffer
	sink := &memSink{}
	paths := []string{"/malformed", "/html", "/500", "/slow", "/slowbody", "/huge", "/hugelen", "/missing", "/good"}
	var feeds []string
	for _, p := range paths {
		feeds = append(feeds, srv.URL+p)
	}
	feeds = append(feeds, "javascript:alert(1)", "http://127.0.0.1:1/refused")
	p := NewPoller(feeds, sink)
	p.Timeout = 2 * time.Second
	p.MaxBytes = 256 << 10
	p.Logger = slog.New(slog.NewTextHandler(&logs, nil))

	start := time.Now()
	res := p.PollAll(context.Background())
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("PollAll took %v; the slow feeds should have timed out", d)
	}
	checks := map[string]func(error) bool{
		"/malformed": func(err error) bool { return strings.Contains(err.Error(), "parse") },
		"/html":      func(err error) bool { return strings.Contains(err.Error(), "parse") },
		"/500":       func(err error) bool { return strings.Contains(err.Error(), "HTTP status 500") },
		"/slow":      func(err error) bool { return errors.Is(err, context.DeadlineExceeded) },
		"/slowbody":  func(err error) bool { return errors.Is(err, context.DeadlineExceeded) },
		"/huge":      func(err error) bool { return errors.Is(err, ErrTooLarge) },
		"/hugelen":   func(err error) bool { return errors.Is(err, ErrTooLarge) },
		"/missing":   func(err error) bool { return strings.Contains(err.Error(), "HTTP status 404") },
	}
	for i, r := range res {
		if r.URL != feeds[i] {
			t.Errorf("result %d is for %s, want %s", i, r.URL, feeds[i])
		}
		path := strings.TrimPrefix(r.URL, srv.URL)
		switch check := checks[path]; {
		case path == "/good":
			if r.Err != nil || r.Added != len(want) {
				t.Errorf("good feed: %+v, want %d added", r, len(want))
			}
		case check != nil:
			if r.Err == nil || !check(r.Err) || !strings.Contains(r.Err.Error(), r.URL) {
				t.Errorf("%s: err = %v", path, r.Err)
			}
		default:
			if r.Err == nil {
				t.Errorf("%s: no error", r.URL)
			}
		}
		if r.Err != nil && r.Status != 0 && !logged(logs.String(), "feed poll failed", r.URL) {
			t.Errorf("%s: failure not logged", r.URL)
		}
		if r.Status == 0 && logged(logs.String(), "feed poll failed", "url="+r.URL+" ") {
			t.Errorf("%s: an unreachable feed has a warning of its own, beside the round's one line", r.URL)
		}
	}
	// The feeds no answer came from (timed out before a response, refused,
	// not http) are one line for the round.
	if n := strings.Count(logs.String(), "unreachable"); n != 1 || !strings.Contains(logs.String(), "feeds: 3 of 11 unreachable") {
		t.Errorf("%d lines on unreachable feeds, want one saying 3 of 11:\n%s", n, logs.String())
	}
	if sink.len() != len(want) {
		t.Errorf("sink has %d articles, want %d from the good feed", sink.len(), len(want))
	}
}

// When the Sink fails, the feed's validators are not saved: the next poll
// fetches the whole document again instead of getting a 304, and delivers.
func TestSinkFailureIsRetried(t *testing.T) {
	data := rss([3]string{"g1", "https://example.org/1", "One"}, [3]string{"g2", "https://example.org/2", "Two"})
	srv := newFeedServer(t, map[string][]byte{"/f": data})
	sink := &memSink{fail: errors.New("database is down")}
	p := NewPoller([]string{srv.URL + "/f"}, sink)
	p.Logger = quietLogger()
	if r := p.PollAll(context.Background())[0]; r.Err == nil || !strings.Contains(r.Err.Error(), "database is down") {
		t.Fatalf("got %+v, want the sink's error", r)
	}
	sink.fail = nil
	r := p.PollAll(context.Background())[0]
	if r.Err != nil || r.Status != 200 || r.Added != 2 {
		t.Errorf("retry: %+v", r)
	}
	if got := srv.lastRequest().Header.Get("If-None-Match"); got != "" {
		t.Errorf("retry sent If-None-Match %q", got)
	}
}

func TestEnrichHook(t *testing.T) {
	srv := newFeedServer(t, map[string][]byte{"/f": rss([3]string{"g1", "https://example.org/1", "NATO meets"})})
	sink := &memSink{}
	p := NewPoller([]string{srv.URL + "/f"}, sink)
	p.Logger = quietLogger()
	p.Enrich = func(a *shuttle.Article) { a.Tag = &shuttle.Tag{Type: "Multilateral Organization", Name: "NATO"} }
	p.PollAll(context.Background())
	if sink.len() != 1 || sink.articles[0].Tag == nil || sink.articles[0].Tag.Name != "NATO" {
		t.Errorf("enrich hook not applied: %+v", sink.articles)
	}
}

func TestRun(t *testing.T) {
	srv := newFeedServer(t, map[string][]byte{"/f": rss([3]string{"g1", "https://example.org/1", "One"})})
	p := NewPoller([]string{srv.URL + "/f"}, &memSink{})
	p.Logger = quietLogger()
	p.Interval = 10 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for {
		srv.mu.Lock()
		n := len(srv.requests)
		srv.mu.Unlock()
		if n >= 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d polls", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v", err)
	}
}

func TestMemoryStateBounded(t *testing.T) {
	ctx := context.Background()
	m := NewMemoryState(3)
	for _, k := range []string{"a", "b", "c", "a", "d", "e"} {
		m.MarkSeen(ctx, k)
	}
	for k, want := range map[string]bool{"a": false, "b": false, "c": true, "d": true, "e": true} {
		if got, _ := m.Seen(ctx, k); got != want {
			t.Errorf("Seen(%q) = %v, want %v", k, got, want)
		}
	}
	if len(m.seen) != 3 {
		t.Errorf("%d keys kept, want 3", len(m.seen))
	}
}

// logged reports whether one log line holds all of parts.
func logged(logs string, parts ...string) bool {
	for _, line := range strings.Split(logs, "\n") {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(line, p)
		}
		if all {
			return true
		}
	}
	return false
}

// slugSink keeps articles by slug, as a store does: a second article under
// a slug replaces the first.
type slugSink struct {
	mu       sync.Mutex
	articles map[string]*shuttle.Article
}

func (s *slugSink) PutArticle(_ context.Context, a *shuttle.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.articles[a.Slug] = a
	return nil
}

// TestItemBelongsToItsFeed: two feeds whose items share a GUID and a title
// (GUIDs are only unique within a feed) publish two articles, neither
// replacing the other's. With different links, or none, they are two
// stories; the same link is one story, kept once (TestDedupeByLink).
func TestItemBelongsToItsFeed(t *testing.T) {
	tests := []struct{ name, linkA, linkB string }{
		{"different links", "https://a.example/story", "https://b.example/story"},
		{"no links", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newFeedServer(t, map[string][]byte{"/feed": rss([3]string{"1", tt.linkA, "Daily briefing"})})
			b := newFeedServer(t, map[string][]byte{"/feed": rss([3]string{"1", tt.linkB, "Daily briefing"})})
			sink := &slugSink{articles: map[string]*shuttle.Article{}}
			p := NewPoller([]string{a.URL + "/feed", b.URL + "/feed"}, sink)
			p.Logger = quietLogger()
			for _, r := range p.PollAll(context.Background()) {
				if r.Err != nil || r.Added != 1 {
					t.Fatalf("poll %s: %+v, want 1 added", r.URL, r)
				}
			}
			if len(sink.articles) != 2 {
				t.Fatalf("%d articles after polling both feeds, want 2: %v", len(sink.articles), sink.articles)
			}
			sources := map[string]bool{}
			for _, art := range sink.articles {
				sources[art.Source] = true
			}
			wantA, wantB := firstNonEmpty(tt.linkA, a.URL+"/feed"), firstNonEmpty(tt.linkB, b.URL+"/feed")
			if !sources[wantA] || !sources[wantB] {
				t.Errorf("sources %v, want %s and %s", sources, wantA, wantB)
			}
		})
	}
}
