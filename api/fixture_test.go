package api

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
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
	"github.com/shuttlenews/shuttle/editor"
	"github.com/shuttlenews/shuttle/ingest"
	"github.com/shuttlenews/shuttle/internal/shared"
	"github.com/shuttlenews/shuttle/snapshot"
	"github.com/shuttlenews/shuttle/sqlite"
)

// The Office of the Historian data is read once per test binary; each
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

// fixture is the API and the editor's routes on one mux, as cmd/shuttle
// wires them, over a SQLite store holding the real data and one article.
type fixture struct {
	t      testing.TB
	store  *sqlite.DB
	api    *Server
	editor *editor.Server
	mux    *http.ServeMux
	log    *bytes.Buffer
}

const fixtureArticle = `---
title: Allies meet in Brussels
date: 2024-04-04
slug: allies-meet-in-brussels
summary: One sentence.
---
Foreign ministers met in Brussels, and France spoke first.
`

func newFixture(t testing.TB, cacheBytes int) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "shuttle.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.ReplaceDataset(ctx, loadDataset(t)); err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, store: st, mux: http.NewServeMux(), log: &bytes.Buffer{}}
	logger := slog.New(slog.NewTextHandler(f.log, nil))
	f.api = &Server{Store: st, Snapshot: &snapshot.Source{Store: st}, Logger: logger, CacheBytes: cacheBytes}
	f.editor = &editor.Server{Logger: logger, Actions: editor.Actions{Store: st}}
	f.api.Register(f.mux)
	f.editor.Register(f.mux)
	// Published through the editor's own route would need a token; the
	// store is what the route reads.
	a := &shuttle.Article{Slug: "allies-meet-in-brussels", Title: "Allies meet in Brussels", Body: fixtureArticle,
		HTML: "<p>Foreign ministers met in Brussels.</p>", Countries: []string{"BE", "FR"}}
	a.Date, _ = shuttle.ParseDate("2024-04-04")
	if err := st.PutArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	return f
}

// do requests method target with optional headers ("Name: value"; a name
// given twice is two field lines).
func (f *fixture) do(method, target string, headers ...string) *httptest.ResponseRecorder {
	f.t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		r.Header.Add(k, v)
	}
	w := httptest.NewRecorder()
	f.mux.ServeHTTP(w, r)
	return w
}

func (f *fixture) get(target string, headers ...string) *httptest.ResponseRecorder {
	f.t.Helper()
	return f.do(http.MethodGet, target, headers...)
}

// decode reads w's JSON body (gunzipped when it is) into v.
func decode(t testing.TB, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(body(t, w), v); err != nil {
		t.Fatalf("decode %q: %v", w.Body.String(), err)
	}
}

func body(t testing.TB, w *httptest.ResponseRecorder) []byte {
	t.Helper()
	if w.Header().Get("Content-Encoding") != "gzip" {
		return w.Body.Bytes()
	}
	zr, err := gzip.NewReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// envelope reads an error answer, failing unless it is the envelope.
func envelope(t testing.TB, w *httptest.ResponseRecorder) struct{ Code, Message, Param string } {
	t.Helper()
	var e struct {
		Error *struct{ Code, Message, Param string } `json:"error"`
	}
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("error answer %d is %q, not JSON: %s", w.Code, w.Header().Get("Content-Type"), w.Body)
	}
	decode(t, w, &e)
	if e.Error == nil || e.Error.Code == "" || e.Error.Message == "" {
		t.Fatalf("answer %d is not the error envelope: %s", w.Code, w.Body)
	}
	return *e.Error
}
