package main

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFirstIngestFailsOffline: offline and without --data, the first
// ingest cannot download the records. Every page, the API and /readyz then
// say so and what to do, rather than "still being loaded" for ever.
func TestFirstIngestFailsOffline(t *testing.T) {
	dir := t.TempDir()
	app := startAppWith(t, &App{Addr: "127.0.0.1:0", Flags: storeFlags{dir: dir, db: "sqlite:" + filepath.Join(dir, "shuttle.db")}})
	fetch := func(path string) (int, string) {
		resp, err := http.Get(app.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, body := fetch("/readyz"); strings.Contains(body, "first ingest failed") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("/readyz never said the first ingest failed")
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, path := range []string{"/readyz", "/", "/countries/FR", "/api/v1/countries", "/api/v1/rankings/momentum"} {
		status, body := fetch(path)
		if status != http.StatusServiceUnavailable {
			t.Errorf("%s: %d, want 503", path, status)
		}
		for _, want := range []string{"first ingest failed", "127.0.0.1:1", "--data DIR", "trying again in 30s"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s does not say %q:\n%.600s", path, want, body)
			}
		}
	}
}
