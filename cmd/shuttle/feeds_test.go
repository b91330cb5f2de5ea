package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// Two runs of "shuttle feeds poll", as two processes on one database: the
// second asks the feed conditionally, with the validator the first stored,
// and a feed that ignores it delivers no item twice.
func TestFeedsPollRemembersAcrossRuns(t *testing.T) {
	var conditional atomic.Int32
	etag := `"v1"`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			conditional.Add(1)
			if r.URL.Path == "/honours" {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>State</title>
<item><guid>g1</guid><link>https://www.state.gov/a</link><title>Secretary travels to Japan</title><pubDate>Mon, 06 Apr 2026 10:00:00 GMT</pubDate><description>The Secretary will visit Tokyo.</description></item>
<item><guid>g2</guid><link>https://www.state.gov/b</link><title>Joint statement with France</title><pubDate>Tue, 07 Apr 2026 10:00:00 GMT</pubDate><description>France and the United States.</description></item>
</channel></rss>`))
	}))
	defer srv.Close()
	db := "sqlite:" + filepath.Join(t.TempDir(), "shuttle.db")
	poll := func() string {
		t.Helper()
		var out, errs bytes.Buffer
		if err := runFeeds(context.Background(), []string{"poll", "--db", db, "--feeds", srv.URL + "/honours," + srv.URL + "/ignores"}, &out, &errs); err != nil {
			t.Fatalf("feeds poll: %v\n%s%s", err, out.String(), errs.String())
		}
		return out.String()
	}
	first := poll()
	if strings.Count(first, "2 new") != 1 || strings.Count(first, "0 new, 2 duplicates") != 1 {
		t.Fatalf("first run:\n%s", first) // the second feed repeats the first's items
	}
	second := poll()
	if conditional.Load() != 2 || !strings.Contains(second, "not modified") || strings.Contains(second, "1 new") || strings.Contains(second, "2 new") {
		t.Errorf("second run (%d conditional requests):\n%s", conditional.Load(), second)
	}
}
