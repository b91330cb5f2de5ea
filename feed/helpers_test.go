package feed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
)

// sampleFeed reads one of the small hand-written feeds in testdata: the
// tests must run in a clone without ../shared.
func sampleFeed(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("sample feed: %v", err)
	}
	return b
}

// wantItem is what the test reads from a feed on its own, with encoding/xml,
// to check the Poller against.
type wantItem struct {
	Title, Link string
	Date        string // YYYY-MM-DD
}

func expectedItems(t *testing.T, data []byte) []wantItem {
	t.Helper()
	var doc struct {
		XMLName xml.Name
		Items   []struct {
			Title   string `xml:"title"`
			Link    string `xml:"link"`
			PubDate string `xml:"pubDate"`
		} `xml:"channel>item"`
		Entries []struct {
			Title string `xml:"title"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Published string `xml:"published"`
			Updated   string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var out []wantItem
	for _, it := range doc.Items {
		d, err := time.Parse(time.RFC1123Z, it.PubDate)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, wantItem{strings.TrimSpace(it.Title), strings.TrimSpace(it.Link), d.UTC().Format(shuttle.DateLayout)})
	}
	for _, e := range doc.Entries {
		d, err := time.Parse(time.RFC3339, firstNonEmpty(e.Published, e.Updated))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, wantItem{strings.TrimSpace(e.Title), e.Link.Href, d.UTC().Format(shuttle.DateLayout)})
	}
	if len(out) == 0 {
		t.Fatal("no items in the sample feed")
	}
	return out
}

// feedServer serves documents by path with an ETag and a Last-Modified, and
// answers conditional requests with 304 as a well-behaved server does.
type feedServer struct {
	*httptest.Server
	mu       sync.Mutex
	docs     map[string][]byte
	requests []*http.Request
}

const lastModified = "Fri, 14 Feb 2025 20:00:00 GMT"

func newFeedServer(t *testing.T, docs map[string][]byte) *feedServer {
	s := &feedServer{docs: docs}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func etag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}

func (s *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r)
	doc, ok := s.docs[r.URL.Path]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	tag := etag(doc)
	w.Header().Set("ETag", tag)
	w.Header().Set("Last-Modified", lastModified)
	if r.Header.Get("If-None-Match") == tag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	w.Write(doc)
}

func (s *feedServer) set(path string, doc []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = doc
}

func (s *feedServer) lastRequest() *http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[len(s.requests)-1]
}

// memSink keeps what it receives, in order; fail makes PutArticle fail.
type memSink struct {
	mu       sync.Mutex
	articles []*shuttle.Article
	fail     error
}

func (m *memSink) PutArticle(_ context.Context, a *shuttle.Article) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fail != nil {
		return m.fail
	}
	m.articles = append(m.articles, a)
	return nil
}

func (m *memSink) len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.articles)
}

// rss builds a small RSS document; each item is {guid, link, title}.
func rss(items ...[3]string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>`)
	for _, it := range items {
		b.WriteString("<item><guid>" + it[0] + "</guid><link>" + it[1] + "</link><title>" + it[2] +
			"</title><pubDate>Mon, 03 Jun 2024 10:00:00 +0000</pubDate><description>Text of " + it[2] + ".</description></item>")
	}
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}
