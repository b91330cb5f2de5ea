package api

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestConditional(t *testing.T) {
	calls := 0
	h := conditional(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if r.URL.Path == "/fail" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, "bad")
			return
		}
		io.WriteString(w, `{"a":1}`)
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/x")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tag := resp.Header.Get("ETag")
	if resp.StatusCode != 200 || string(body) != `{"a":1}` || tag == "" || resp.Header.Get("Cache-Control") == "" {
		t.Fatalf("first answer: %d %q etag %q cache %q", resp.StatusCode, body, tag, resp.Header.Get("Cache-Control"))
	}
	for _, inm := range []string{tag, "W/" + tag, `"other", ` + tag, "*"} {
		req, _ := http.NewRequest("GET", srv.URL+"/x", nil)
		req.Header.Set("If-None-Match", inm)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("If-None-Match %s: %d %q, want 304 and no body", inm, resp.StatusCode, body)
		}
	}
	req, _ := http.NewRequest("GET", srv.URL+"/x", nil)
	req.Header.Set("If-None-Match", `"stale"`)
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != 200 {
		t.Errorf("stale tag: %d, want 200", resp.StatusCode)
	}
	resp, _ = http.Get(srv.URL + "/fail")
	if resp.StatusCode != 400 || resp.Header.Get("ETag") != "" {
		t.Errorf("errors must not be cached: %d etag %q", resp.StatusCode, resp.Header.Get("ETag"))
	}
}
