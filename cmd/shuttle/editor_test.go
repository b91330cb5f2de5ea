package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestEditorAndMetrics publishes an article through the editor API of the
// whole app, reads it on the site, and finds the requests and the first-start
// ingest in /metrics, which is served on its own address.
func TestEditorAndMetrics(t *testing.T) {
	t.Setenv("SHUTTLE_EDITOR_TOKENS", editorToken)
	app := startAppWith(t, &App{Addr: "127.0.0.1:0", Flags: sqliteFlags(t), MetricsAddr: "127.0.0.1:0"})
	waitReady(t, app.URL())

	md := "---\ntitle: Rubio meets NATO allies in Brussels\ndate: 2025-04-03\n---\n" +
		"Secretary of State Marco Rubio met NATO foreign ministers in Brussels on Thursday.\n"
	post := func(token string) int {
		req, _ := http.NewRequest("POST", app.URL()+"/api/v1/articles", strings.NewReader(md))
		req.Header.Set("Content-Type", "text/markdown")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post(""); got != http.StatusUnauthorized {
		t.Errorf("POST without a token: %d, want 401", got)
	}
	if got := post("wrong-token-wrong-token"); got != http.StatusUnauthorized {
		t.Errorf("POST with a wrong token: %d, want 401", got)
	}
	if got := post(editorToken); got != http.StatusCreated {
		t.Fatalf("POST with the token: %d, want 201", got)
	}
	page := get(t, app.URL()+"/articles/rubio-meets-nato-allies-in-brussels")
	for _, want := range []string{"Rubio meets NATO allies in Brussels", "Multilateral Organization", "NATO members"} {
		if !strings.Contains(page, want) {
			t.Errorf("published page lacks %q (enrichment tags it and picks the NATO ranking)", want)
		}
	}
	// /metrics is the operator's: on its own listener, not the site's.
	resp, err := http.Get(app.URL() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the public address: %d, want 404", resp.StatusCode)
	}
	m := get(t, app.MetricsURL())
	for _, want := range []string{
		`shuttle_http_requests_total{code="2xx",method="GET",route="GET /articles/{slug}"} 1`,
		`shuttle_ingests_total{result="ok"} 1`,
		`shuttle_ingest_records{kind="kept",role="secretary"} 3436`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return string(b)
}
