package main

import (
	"html"
	"io"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestFastLane checks the front door's fast lane against the handler on
// real pages: every page kind in the sitemap, and an embed, answered to a
// plain GET, a gzip one, a HEAD and a revalidation. The fast lane must send
// what the handler sends (the request id aside), must only answer what a
// page route has served from the cache, and must stop as soon as the page
// changes.
func TestFastLane(t *testing.T) {
	t.Setenv("SHUTTLE_EDITOR_TOKENS", editorToken)
	app := startAppWith(t, &App{Addr: "127.0.0.1:0", Flags: sqliteFlags(t), Content: "../../content/sample"})
	base := app.URL()
	waitReady(t, base)
	waitFor(t, base+benchArticle)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer client.CloseIdleConnections()

	type answer struct {
		status int
		header http.Header
		body   string
	}
	// do sends a request and says which lane answered it.
	do := func(method, target string, hdr ...string) (answer, string) {
		t.Helper()
		req, _ := http.NewRequest(method, base+target, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		fast, handler := app.server.Lanes()
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		lane := "?"
		switch f, h := app.server.Lanes(); {
		case f == fast+1 && h == handler:
			lane = "fast"
		case h == handler+1 && f == fast:
			lane = "handler"
		}
		resp.Header.Del("Date")
		return answer{resp.StatusCode, resp.Header, string(b)}, lane
	}

	// One page of each kind, from the sitemap, and an embed.
	sitemap, _ := do("GET", "/sitemap.xml")
	kinds := map[string]string{}
	for _, m := range regexp.MustCompile(`<loc>([^<]+)</loc>`).FindAllStringSubmatch(sitemap.body, -1) {
		target := strings.TrimPrefix(html.UnescapeString(m[1]), base)
		kind, rest, _ := strings.Cut(strings.TrimPrefix(target, "/"), "/")
		if rest != "" {
			kind += "/"
		}
		if _, seen := kinds[kind]; !seen {
			kinds[kind] = target
		}
	}
	insight, _ := do("GET", kinds["insights/"])
	if m := regexp.MustCompile(`/embed/insights/[^"'\s<]+`).FindString(html.UnescapeString(insight.body)); m != "" {
		kinds["embed"] = html.UnescapeString(m) // it is shown as code: escaped twice
	}
	for _, k := range []string{"", "articles/", "insights", "insights/", "countries", "countries/", "travelers", "travelers/", "map", "method", "embed"} {
		if kinds[k] == "" {
			t.Fatalf("no %q page found in the sitemap (%v) or the insight page", k, kinds)
		}
	}
	kinds["feed"], kinds["robots"] = "/feed.xml", "/robots.txt"

	for _, kind := range slices.Sorted(maps.Keys(kinds)) {
		target := kinds[kind]
		t.Run(kind, func(t *testing.T) {
			first, _ := do("GET", target) // served from the cache from now on
			if first.status != 200 {
				t.Fatalf("GET %s: %d", target, first.status)
			}
			for _, v := range []struct {
				name, method string
				hdr          []string
			}{
				{"plain", "GET", nil},
				{"gzip", "GET", []string{"Accept-Encoding", "gzip, deflate, br"}},
				{"gzip refused", "GET", []string{"Accept-Encoding", "gzip;q=0, identity"}},
				{"head", "HEAD", []string{"Accept-Encoding", "gzip"}},
				{"current", "GET", []string{"If-None-Match", first.header.Get("Etag")}},
				{"weak, gzip", "GET", []string{"Accept-Encoding", "gzip", "If-None-Match", `"other", W/` + strings.TrimSuffix(first.header.Get("Etag"), `"`) + `-gz"`}},
				{"outdated", "GET", []string{"If-None-Match", `"outdated"`}},
			} {
				fast, lane := do(v.method, target, v.hdr...)
				if lane != "fast" {
					t.Errorf("%s: answered by the %s lane, want the fast one", v.name, lane)
				}
				// A proxy's request id is the handler's to echo.
				handler, lane := do(v.method, target, append(v.hdr, "X-Request-Id", "t-1")...)
				if lane != "handler" {
					t.Errorf("%s with a request id: answered by the %s lane", v.name, lane)
				}
				if id := handler.header.Get("X-Request-Id"); id != "t-1" {
					t.Errorf("%s: request id %q not echoed", v.name, id)
				}
				handler.header.Del("X-Request-Id")
				if fast.status != handler.status || fast.body != handler.body {
					t.Errorf("%s: fast lane %d with %d bytes, handler %d with %d", v.name, fast.status, len(fast.body), handler.status, len(handler.body))
				}
				for _, k := range slices.Sorted(maps.Keys(fast.header)) {
					if fv, hv := fast.header[k], handler.header[k]; !slices.Equal(fv, hv) {
						t.Errorf("%s: %s is %q in the fast lane, %q from the handler", v.name, k, fv, hv)
					}
				}
				for k := range handler.header {
					if fast.header[k] == nil {
						t.Errorf("%s: the fast lane sends no %s", v.name, k)
					}
				}
				if v.name == "current" && fast.status != http.StatusNotModified {
					t.Errorf("If-None-Match with the current ETag: %d", fast.status)
				}
			}
		})
	}

	t.Run("not learned", func(t *testing.T) {
		for _, target := range []string{"/articles/no-such-article", "/insights/momentum?from=nonsense", "/api/v1/insights"} {
			for range 2 {
				if a, lane := do("GET", target); lane != "handler" {
					t.Errorf("GET %s (%d): the %s lane, want the handler", target, a.status, lane)
				}
			}
		}
		if _, lane := do("POST", benchArticle); lane != "handler" {
			t.Errorf("POST: the %s lane", lane)
		}
	})

	t.Run("counted", func(t *testing.T) {
		const series = `shuttle_http_requests_total{code="2xx",method="GET",route="GET /articles/{slug}"} `
		count := func() int {
			m, _ := do("GET", "/metrics")
			_, rest, _ := strings.Cut(m.body, series)
			line, _, _ := strings.Cut(rest, "\n")
			n, err := strconv.Atoi(line)
			if err != nil {
				t.Fatalf("no %s in the metrics:\n%s", series, m.body)
			}
			return n
		}
		before := count()
		for range 3 {
			do("GET", benchArticle)
		}
		if got := count() - before; got != 3 {
			t.Errorf("3 fast answers counted %d times", got)
		}
		m, _ := do("GET", "/metrics")
		fast, handler := app.server.Lanes()
		for _, want := range []string{
			"shuttle_http_fast_lane_total " + strconv.FormatUint(fast, 10) + "\n",
			"shuttle_http_handler_lane_total " + strconv.FormatUint(handler, 10) + "\n", // this scrape too
		} {
			if !strings.Contains(m.body, want) {
				t.Errorf("no %q in the metrics", want)
			}
		}
	})

	t.Run("article changed", func(t *testing.T) {
		const slug = "/articles/allies-meet-in-brussels"
		write := func(method, path, title string) {
			t.Helper()
			md := "---\ntitle: " + title + "\ndate: 2025-04-03\nslug: allies-meet-in-brussels\n---\nThe allies met in Brussels.\n"
			req, _ := http.NewRequest(method, base+path, strings.NewReader(md))
			req.Header.Set("Authorization", "Bearer "+editorToken)
			req.Header.Set("Content-Type", "text/markdown")
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode >= 300 {
				t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, b)
			}
		}
		do("GET", "/")
		if _, lane := do("GET", "/"); lane != "fast" {
			t.Fatalf("the home page from the %s lane", lane)
		}
		write("POST", "/api/v1/articles", "Allies meet in Brussels")
		if home, lane := do("GET", "/"); !strings.Contains(home.body, "Allies meet in Brussels") {
			t.Errorf("after a new article the %s lane served the old home page", lane)
		}
		do("GET", slug)
		if _, lane := do("GET", slug); lane != "fast" {
			t.Fatalf("the article from the %s lane", lane)
		}
		write("PUT", "/api/v1"+slug, "Allies meet again in Brussels")
		page, lane := do("GET", slug)
		if !strings.Contains(page.body, "Allies meet again in Brussels") {
			t.Errorf("after the edit the %s lane served the old page", lane)
		}
		if lane != "handler" {
			t.Errorf("the changed page came from the %s lane, want the handler to render it", lane)
		}
		if _, lane := do("GET", slug); lane != "fast" {
			t.Errorf("the new page again: the %s lane, want the fast one", lane)
		}
	})
}
