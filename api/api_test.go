package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/editor"
	"github.com/shuttlenews/shuttle/internal/httpapi"
	"github.com/shuttlenews/shuttle/postgres"
	"github.com/shuttlenews/shuttle/snapshot"
)

type tripPage struct {
	Trips  []shuttle.Trip `json:"trips"`
	Total  int            `json:"total"`
	Offset int            `json:"offset"`
	Limit  int            `json:"limit"`
	Next   string         `json:"next"`
}

// TestTripsPaginate: a default page of 100, next links that walk every
// matching trip exactly once in the store's order, and the total.
func TestTripsPaginate(t *testing.T) {
	f := newFixture(t, 0)
	tests := []struct {
		query string
		f     shuttle.TripFilter
		size  int
	}{
		{"", shuttle.TripFilter{}, defaultTrips},
		{"?role=secretary&limit=1000", shuttle.TripFilter{Role: shuttle.RoleSecretary}, 1000},
		{"?country=fr&limit=37", shuttle.TripFilter{Country: "FR"}, 37},
		{"?traveler=blinken-antony-j&offset=10", shuttle.TripFilter{Traveler: "blinken-antony-j"}, defaultTrips},
		{"?role=visit&year=2019&limit=5", shuttle.TripFilter{Role: shuttle.RoleVisit, Year: 2019}, 5},
	}
	for _, tt := range tests {
		want, err := f.store.Trips(t.Context(), tt.f)
		if err != nil {
			t.Fatal(err)
		}
		offset := 0
		if strings.Contains(tt.query, "offset=10") {
			offset = 10
		}
		var got []shuttle.Trip
		pages := 0
		for target := "/api/v1/trips" + tt.query; target != ""; pages++ {
			w := f.get(target)
			if w.Code != 200 {
				t.Fatalf("GET %s: %d %s", target, w.Code, w.Body)
			}
			var p tripPage
			decode(t, w, &p)
			if p.Total != len(want) || p.Limit != tt.size || len(p.Trips) > tt.size || p.Offset != offset+len(got) {
				t.Fatalf("GET %s: total %d limit %d offset %d with %d trips; want total %d, pages of %d",
					target, p.Total, p.Limit, p.Offset, len(p.Trips), len(want), tt.size)
			}
			got = append(got, p.Trips...)
			target = p.Next
			if pages > 200 {
				t.Fatalf("%s: no end to the next links", tt.query)
			}
		}
		ids := func(ts []shuttle.Trip) []string {
			var out []string
			for _, t := range ts {
				out = append(out, fmt.Sprintf("%s/%d", t.Role, t.ID))
			}
			return out
		}
		if !slices.Equal(ids(got), ids(want[offset:])) {
			t.Errorf("%s: the pages hold %d trips, not the %d the store lists from %d, in order", tt.query, len(got), len(want)-offset, offset)
		}
		if wantPages := max(1, (len(want)-offset+tt.size-1)/tt.size); pages != wantPages {
			t.Errorf("%s: %d pages, want %d", tt.query, pages, wantPages)
		}
	}
	// Past the end: an empty page with the total, and no next.
	var p tripPage
	decode(t, f.get("/api/v1/trips?offset=1000000"), &p)
	if len(p.Trips) != 0 || p.Total == 0 || p.Next != "" {
		t.Errorf("past the end: %d trips, total %d, next %q", len(p.Trips), p.Total, p.Next)
	}
}

// TestTripsCSVStreams: the export holds every matching trip, is written in
// pieces as the store's pages arrive rather than at the end, is gzipped
// when accepted, and is never kept in the answer cache.
func TestTripsCSVStreams(t *testing.T) {
	f := newFixture(t, 0)
	all, err := f.store.Trips(t.Context(), shuttle.TripFilter{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(f.mux)
	defer srv.Close()
	// A transport that leaves gzip to the test, to see what was sent.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	tests := []struct {
		target, accept string
		rows           int
	}{
		{"/api/v1/trips.csv", "", len(all)},
		{"/api/v1/trips", "text/csv", len(all)},
		{"/api/v1/trips.csv?limit=5&offset=3", "", 5},
		{"/api/v1/trips.csv?role=president", "", -1},
	}
	for _, tt := range tests {
		for _, gz := range []bool{false, true} {
			req, _ := http.NewRequest("GET", srv.URL+tt.target, nil)
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			if gz {
				req.Header.Set("Accept-Encoding", "gzip")
			}
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			// Streamed: a long export has no Content-Length known in
			// advance, so it is chunked (net/http measures a short one).
			if res.StatusCode != 200 || (tt.rows != 5 && res.ContentLength != -1) || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
				t.Fatalf("GET %s: %d length %d type %q", tt.target, res.StatusCode, res.ContentLength, res.Header.Get("Content-Type"))
			}
			var r io.Reader = res.Body
			if enc := res.Header.Get("Content-Encoding"); gz != (enc == "gzip") {
				t.Fatalf("GET %s gzip=%v: Content-Encoding %q", tt.target, gz, enc)
			} else if gz {
				if r, err = gzip.NewReader(res.Body); err != nil {
					t.Fatal(err)
				}
			}
			recs, err := csv.NewReader(r).ReadAll()
			res.Body.Close()
			if err != nil {
				t.Fatalf("GET %s: %v", tt.target, err)
			}
			if !slices.Equal(recs[0], tripCSVHeader) {
				t.Errorf("header %v", recs[0])
			}
			want := tt.rows
			if want < 0 {
				n, _ := f.store.CountTrips(t.Context(), shuttle.TripFilter{Role: shuttle.RolePresident})
				want = n
			}
			if len(recs)-1 != want {
				t.Errorf("GET %s: %d rows, want %d", tt.target, len(recs)-1, want)
			}
			if tt.rows == 5 && recs[1][1] != fmt.Sprint(all[3].ID) {
				t.Errorf("offset 3 starts at id %s, want %d", recs[1][1], all[3].ID)
			}
		}
	}
	// Written as it goes: a full export reaches the writer in many writes,
	// about one per page of the store, not as one body at the end.
	cw := &countingWriter{ResponseRecorder: httptest.NewRecorder()}
	f.mux.ServeHTTP(cw, httptest.NewRequest("GET", "/api/v1/trips.csv", nil))
	if cw.Code != 200 || cw.writes < len(all)/httpapi.MaxLimit {
		t.Errorf("export in %d writes, want one per page at least (%d)", cw.writes, len(all)/httpapi.MaxLimit)
	}
	if st := f.api.CacheStats(); st.Entries != 0 {
		t.Errorf("CSV answers were kept: %+v", st)
	}
	if w := f.get("/api/v1/trips.csv?limit=0"); w.Code != 400 || envelope(t, w).Param != "limit" {
		t.Errorf("a bad CSV request: %d %s", w.Code, w.Body)
	}
}

type countingWriter struct {
	*httptest.ResponseRecorder
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) { w.writes++; return w.ResponseRecorder.Write(p) }

// TestGzip: answers are compressed when the client accepts gzip, with
// Vary: Accept-Encoding and an ETag of their own; kept once, served from
// the cache either way; gzip;q=0 is a refusal.
func TestGzip(t *testing.T) {
	f := newFixture(t, 0)
	for _, target := range []string{"/api/v1/countries", "/api/v1/trips?role=secretary", "/api/v1/rankings/momentum", "/api/v1/openapi.json", "/api/v1/"} {
		plain := f.get(target)
		zipped := f.get(target, "Accept-Encoding: gzip, deflate, br")
		refused := f.get(target, "Accept-Encoding: gzip;q=0, identity")
		if plain.Code != 200 || zipped.Code != 200 || refused.Code != 200 {
			t.Fatalf("%s: %d %d %d", target, plain.Code, zipped.Code, refused.Code)
		}
		if plain.Header().Get("Content-Encoding") != "" || refused.Header().Get("Content-Encoding") != "" {
			t.Errorf("%s: compressed for a client that did not accept it", target)
		}
		if zipped.Header().Get("Content-Encoding") != "gzip" || zipped.Body.Len() >= plain.Body.Len() {
			t.Errorf("%s: gzip answer encoding %q, %d bytes (plain %d)", target, zipped.Header().Get("Content-Encoding"), zipped.Body.Len(), plain.Body.Len())
		}
		if !bytes.Equal(body(t, zipped), plain.Body.Bytes()) {
			t.Errorf("%s: the gzip body is not the plain body", target)
		}
		for _, w := range []*httptest.ResponseRecorder{plain, zipped} {
			if !slices.Contains(w.Header().Values("Vary"), "Accept-Encoding") {
				t.Errorf("%s: Vary %q", target, w.Header().Values("Vary"))
			}
		}
		tag, gzTag := plain.Header().Get("ETag"), zipped.Header().Get("ETag")
		if tag == "" || gzTag == "" || tag == gzTag {
			t.Errorf("%s: ETag %q and gzip ETag %q must differ", target, tag, gzTag)
		}
		// Either tag is the same content: 304 whatever the encoding now,
		// on any If-None-Match line.
		for _, hdr := range [][]string{{"If-None-Match: " + gzTag, "Accept-Encoding: gzip"}, {"If-None-Match: \"x\"", "If-None-Match: " + tag}} {
			if w := f.get(target, hdr...); w.Code != http.StatusNotModified || w.Body.Len() != 0 {
				t.Errorf("%s %q: %d, want 304", target, hdr, w.Code)
			}
		}
	}
}

// TestArticlesConditional: the editor's reads answer like the rest of the
// API, with an ETag and 304.
func TestArticlesConditional(t *testing.T) {
	f := newFixture(t, 0)
	for _, target := range []string{"/api/v1/articles", "/api/v1/articles/allies-meet-in-brussels"} {
		w := f.get(target)
		tag := w.Header().Get("ETag")
		if w.Code != 200 || tag == "" || !slices.Contains(w.Header().Values("Vary"), "Accept-Encoding") {
			t.Fatalf("GET %s: %d ETag %q Vary %q", target, w.Code, tag, w.Header().Values("Vary"))
		}
		if w := f.get(target, "If-None-Match: \"x\"", "If-None-Match: "+tag); w.Code != http.StatusNotModified {
			t.Errorf("GET %s with its ETag on a second line: %d, want 304", target, w.Code)
		}
	}
}

// TestOpenAPI holds the document to the routes: every pattern the API and
// the editor register is documented, every documented operation reaches a
// registered route, and every documented GET answers on the real data.
func TestOpenAPI(t *testing.T) {
	f := newFixture(t, 0)
	w := f.get("/api/v1/openapi.json")
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			Parameters []struct {
				Ref     string `json:"$ref"`
				Name    string `json:"name"`
				In      string `json:"in"`
				Example any    `json:"example"`
			} `json:"parameters"`
			Security  []map[string][]string      `json:"security"`
			Responses map[string]json.RawMessage `json:"responses"`
		} `json:"paths"`
		Components struct {
			Schemas map[string]struct {
				Properties map[string]json.RawMessage `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	decode(t, w, &doc)
	if w.Code != 200 || !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Fatalf("openapi.json: %d, version %q", w.Code, doc.OpenAPI)
	}
	if env := doc.Components.Schemas["Error"].Properties["error"]; !bytes.Contains(env, []byte(`"code"`)) || !bytes.Contains(env, []byte(`"param"`)) {
		t.Errorf("the error envelope is not documented: %s", env)
	}
	var patterns []string
	for _, rt := range f.api.Routes() {
		patterns = append(patterns, rt.Pattern)
	}
	patterns = append(patterns, f.editor.APIPatterns()...)
	for _, p := range patterns {
		method, path, _ := strings.Cut(p, " ")
		path = strings.TrimSuffix(path, "{$}")
		op, ok := doc.Paths[path][strings.ToLower(method)]
		if !ok {
			t.Errorf("registered %q is not in openapi.json", p)
			continue
		}
		if method != "GET" && len(op.Security) == 0 {
			t.Errorf("%s: a write documented without bearer auth", p)
		}
	}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			target := path
			for _, prm := range op.Parameters {
				if prm.In == "path" {
					target = strings.Replace(target, "{"+prm.Name+"}", fmt.Sprint(prm.Example), 1)
				}
			}
			if strings.Contains(target, "{") {
				t.Errorf("%s %s: a path parameter without an example", method, path)
				continue
			}
			m := strings.ToUpper(method)
			_, pattern := f.mux.Handler(httptest.NewRequest(m, target, nil))
			if pattern == "" || pattern == "/api/" || !slices.Contains(patterns, pattern) {
				t.Errorf("documented %s %s reaches pattern %q, not a route", m, path, pattern)
			}
			if m != "GET" {
				continue
			}
			res := f.get(target)
			if res.Code == 404 || res.Code == 405 || res.Code >= 500 {
				t.Errorf("documented GET %s answers %d: %.200s", target, res.Code, res.Body)
			}
			if _, ok := op.Responses[fmt.Sprint(res.Code)]; !ok {
				t.Errorf("GET %s answers %d, which the document does not list", target, res.Code)
			}
		}
	}
}

// TestIndexAndUnknown: /api/ and /api/v1/ list the routes and point to the
// document; an unknown path is still a 404 in the envelope.
func TestIndexAndUnknown(t *testing.T) {
	f := newFixture(t, 0)
	for _, target := range []string{"/api/", "/api/v1/"} {
		w := f.get(target)
		var idx struct {
			OpenAPI string
			Routes  []struct{ Method, Path string }
		}
		decode(t, w, &idx)
		if w.Code != 200 || idx.OpenAPI != "/api/v1/openapi.json" || len(idx.Routes) < 20 {
			t.Errorf("GET %s: %d, openapi %q, %d routes", target, w.Code, idx.OpenAPI, len(idx.Routes))
		}
		var hasTrips, hasIngest bool
		for _, r := range idx.Routes {
			hasTrips = hasTrips || r.Method == "GET" && r.Path == "/api/v1/trips"
			hasIngest = hasIngest || r.Method == "POST" && r.Path == "/api/v1/ingest"
		}
		if !hasTrips || !hasIngest {
			t.Errorf("GET %s: the index misses trips (%v) or ingest (%v)", target, hasTrips, hasIngest)
		}
	}
	for _, target := range []string{"/api/nowhere", "/api/v1/nowhere", "/api/v2/", "/api/v1/countries/FR/nowhere", "/api/v1/countries/ZZ"} {
		w := f.get(target)
		if e := envelope(t, w); w.Code != 404 || e.Code != shuttle.ENOTFOUND {
			t.Errorf("GET %s: %d %+v, want 404 not_found", target, w.Code, e)
		}
	}
}

// TestMethodNotAllowed: the catch-all under /api/ must not swallow a wrong
// method into a 404; it is a 405 with Allow, in the envelope.
func TestMethodNotAllowed(t *testing.T) {
	f := newFixture(t, 0)
	tests := []struct {
		method, target, allow string
	}{
		{"POST", "/api/v1/countries", "GET, HEAD"},
		{"DELETE", "/api/v1/trips?limit=5", "GET, HEAD"},
		{"PUT", "/api/v1/countries/FR/series", "GET, HEAD"},
		{"POST", "/api/v1/openapi.json", "GET, HEAD"},
		{"POST", "/api/v1/", "GET, HEAD"},
		{"PATCH", "/api/v1/articles", "GET, HEAD, POST"},
		{"POST", "/api/v1/articles/allies-meet-in-brussels", "GET, HEAD, PUT, DELETE"},
		{"GET", "/api/v1/ingest", "POST"},
		{"DELETE", "/api/v1/feeds/poll", "POST"},
	}
	for _, tt := range tests {
		w := f.do(tt.method, tt.target)
		e := envelope(t, w)
		if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != tt.allow || e.Code != "method_not_allowed" {
			t.Errorf("%s %s: %d Allow %q %+v, want 405 Allow %q", tt.method, tt.target, w.Code, w.Header().Get("Allow"), e, tt.allow)
		}
	}
	if w := f.do("HEAD", "/api/v1/countries"); w.Code != 200 || w.Body.Len() != 0 {
		t.Errorf("HEAD: %d with %d bytes", w.Code, w.Body.Len())
	}
}

// TestParamsConsistent: the same parameter reads the same on every route,
// the editor's article list included: same range, same 400, same param.
func TestParamsConsistent(t *testing.T) {
	f := newFixture(t, 0)
	routes := []string{"/api/v1/trips", "/api/v1/trips.csv", "/api/v1/rankings/momentum", "/api/v1/rankings/momentum.csv", "/api/v1/articles"}
	tests := []struct {
		query, param string // param "" means accepted
	}{
		{"limit=1", ""},
		{"limit=1000", ""},
		{"limit=0010", ""},
		{"limit=0", "limit"},
		{"limit=1001", "limit"},
		{"limit=100000", "limit"},
		{"limit=-5", "limit"},
		{"limit=five", "limit"},
		{"limit=1&limit=2", "limit"},
		{"limt=1", "limt"},
		{"country=%zz", "query"},
		{"limit=%zz", "query"},
		{"a=1;b=2", "query"},
	}
	for _, route := range routes {
		var reason string
		for _, tt := range tests {
			target := route + "?" + tt.query
			w := f.get(target)
			if tt.param == "" {
				if w.Code != 200 {
					t.Errorf("GET %s: %d %s", target, w.Code, w.Body)
				}
				continue
			}
			e := envelope(t, w)
			if w.Code != 400 || e.Code != shuttle.EINVALID || e.Param != tt.param {
				t.Errorf("GET %s: %d %+v, want 400 naming %q", target, w.Code, e, tt.param)
			}
			if tt.query == "limit=1001" {
				if reason != "" && e.Message != reason {
					t.Errorf("GET %s says %q; other routes say %q", target, e.Message, reason)
				}
				reason = e.Message
			}
		}
	}
	// Within range, limit is honoured on rankings too.
	var rk struct{ Rows []json.RawMessage }
	decode(t, f.get("/api/v1/rankings/most-visited?limit=3"), &rk)
	if len(rk.Rows) != 3 {
		t.Errorf("rankings limit=3: %d rows", len(rk.Rows))
	}
	var arts struct{ Articles []json.RawMessage }
	decode(t, f.get("/api/v1/articles?country=fr"), &arts)
	if len(arts.Articles) != 1 {
		t.Errorf("articles?country=fr: %d articles, want the one about France", len(arts.Articles))
	}
}

// TestUnavailable: with the database unreachable, every route answers 503
// with Retry-After and a message that names no host, port or driver; the
// detail is in the log.
func TestUnavailable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	st, err := postgres.Open(context.Background(), "postgres://shuttle@"+addr+"/shuttle?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	mux := http.NewServeMux()
	(&Server{Store: st, Snapshot: &snapshot.Source{Store: st}, Logger: logger}).Register(mux)
	(&editor.Server{Logger: logger, Actions: editor.Actions{Store: st}}).Register(mux)
	_, port, _ := net.SplitHostPort(addr)
	for _, target := range []string{"/api/v1/countries", "/api/v1/trips", "/api/v1/trips.csv", "/api/v1/version",
		"/api/v1/rankings/momentum", "/api/v1/articles", "/api/v1/articles/allies-meet-in-brussels"} {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		e := envelope(t, w)
		if w.Code != 503 || e.Code != shuttle.EUNAVAILABLE || w.Header().Get("Retry-After") == "" {
			t.Errorf("GET %s: %d %+v Retry-After %q, want 503", target, w.Code, e, w.Header().Get("Retry-After"))
		}
		for _, leak := range []string{"127.0.0.1", port, "refused", "postgres", "dial"} {
			if strings.Contains(w.Body.String(), leak) {
				t.Errorf("GET %s shows %q: %s", target, leak, w.Body)
			}
		}
		if e.Message != postgres.Unavailable {
			t.Errorf("GET %s: message %q", target, e.Message)
		}
	}
	if !strings.Contains(log.String(), addr) || !strings.Contains(log.String(), "status=503") {
		t.Errorf("the log does not hold the detail:\n%s", log.String())
	}
}
