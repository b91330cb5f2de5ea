package web

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"testing"
)

// TestCachedLearnsFromRoutes: the front door may answer a target only
// after a page route has served it, and never what a route refused.
func TestCachedLearnsFromRoutes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, tc := range []struct {
		target string
		status int
	}{
		{"/articles/nato-ministers-brussels", 200},
		{"/insights/momentum?role=secretary&from=1997&to=2024", 200},
		{"/countries/FR", 200},
		{"/embed/insights/momentum", 200},
		{"/articles/no-such-article", 404},
		{"/insights/momentum?from=nonsense", 400},
		{"/api/v1/insights", 200}, // the API has its own cache: not the front door's
	} {
		if _, ok := f.web.Cached(ctx, tc.target); ok {
			t.Errorf("%s: cached before any request", tc.target)
		}
		res := f.get(tc.target)
		io.Copy(io.Discard, res.Body)
		if res.StatusCode != tc.status {
			t.Fatalf("GET %s: %d, want %d", tc.target, res.StatusCode, tc.status)
		}
		c, ok := f.web.Cached(ctx, tc.target)
		isPage := tc.status == 200 && tc.target != "/api/v1/insights"
		if ok != isPage {
			t.Errorf("%s (%d): cached %v, want %v", tc.target, tc.status, ok, isPage)
		}
		if !ok {
			continue
		}
		// What the front door would send is what the route sent.
		res = f.get(tc.target, "Accept-Encoding: gzip")
		want, _ := io.ReadAll(res.Body)
		got := map[string]string{}
		status, body := c.Respond([]string{"gzip"}, nil, func(k, v string) { got[k] = v })
		if status != res.StatusCode || string(body) != string(want) {
			t.Errorf("%s: Respond %d with %d bytes, the route %d with %d", tc.target, status, len(body), res.StatusCode, len(want))
		}
		for k := range res.Header {
			if k == "Content-Length" {
				continue // the transport's
			}
			if got[k] != res.Header.Get(k) {
				t.Errorf("%s: %s %q, the route sent %q", tc.target, k, got[k], res.Header.Get(k))
			}
		}
		if c.Route() == "" {
			t.Errorf("%s: no route for the metrics", tc.target)
		}
	}
}

// TestCachedFollowsChanges: a changed article and a new data version end
// what the front door may answer, exactly as they end the cached pages.
func TestCachedFollowsChanges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	const nato, insight = "/articles/nato-ministers-brussels", "/insights/momentum"
	for _, p := range []string{nato, insight} {
		f.page(p, 200)
	}
	a, err := f.store.Article(ctx, "nato-ministers-brussels")
	if err != nil {
		t.Fatal(err)
	}
	a.Title = "NATO ministers agree on a fund for Ukraine"
	if err := f.store.PutArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.web.Cached(ctx, nato); ok {
		t.Error("the changed article is still answered from the cache")
	}
	if _, ok := f.web.Cached(ctx, insight); !ok {
		t.Error("an article change ended the insight page, which shows no article")
	}
	f.page(nato, 200)
	if _, ok := f.web.Cached(ctx, nato); !ok {
		t.Error("the article rendered again is not answered from the cache")
	}
	if _, err := f.store.ReplaceDataset(ctx, loadDataset(t)); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.web.Cached(ctx, insight); ok {
		t.Error("a new data version left the insight page answered from the cache")
	}
}

// TestTargetsBounded: a crawler asking for ever new query strings cannot
// grow the targets beyond maxTargets.
func TestTargetsBounded(t *testing.T) {
	var ts targets
	for i := range maxTargets + 100 {
		r, _ := http.NewRequest("GET", "/robots.txt?n="+strconv.Itoa(i), nil)
		r.RequestURI = r.URL.RequestURI()
		ts.learn(r, 0, "robots.txt")
	}
	n := 0
	ts.m.Range(func(any, any) bool { n++; return true })
	if n > maxTargets || int64(n) != ts.n.Load() {
		t.Errorf("%d targets held (counted %d), want at most %d", n, ts.n.Load(), maxTargets)
	}
	for _, i := range []int{maxTargets, maxTargets + 99} { // the first after forgetting, and the last
		if _, ok := ts.m.Load("/robots.txt?n=" + strconv.Itoa(i)); !ok {
			t.Errorf("target %d was not kept", i)
		}
	}
}
