package editor

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
)

// TestIngestCancelledWhenClientLeaves holds what Actions.Ingest documents:
// the ingest runs on the request's context, which is cancelled when the
// client closes its connection, and the ingest lock is then free again.
func TestIngestCancelledWhenClientLeaves(t *testing.T) {
	e := newEnv(t, []string{token})
	started := make(chan struct{}, 1)
	ended := make(chan error, 1)
	calls := 0 // the handler runs one ingest at a time: no lock needed
	s := &Server{Auth: e.auth, Logger: quiet, Actions: Actions{Store: e.store,
		Ingest: func(ctx context.Context) (shuttle.Version, error) {
			if calls++; calls > 1 {
				return shuttle.Version{ID: 10}, nil
			}
			started <- struct{}{}
			select {
			case <-ctx.Done():
				ended <- ctx.Err()
				return shuttle.Version{}, ctx.Err()
			case <-time.After(5 * time.Second):
				ended <- nil
				return shuttle.Version{ID: 9}, nil
			}
		}}}
	mux := http.NewServeMux()
	s.Register(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()

	u, _ := url.Parse(srv.URL)
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "POST /api/v1/ingest HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Length: 0\r\n\r\n", u.Host, token)
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("the ingest did not start")
	}
	conn.Close()
	select {
	case err := <-ended:
		if err != context.Canceled {
			t.Fatalf("the ingest ended with %v; want context.Canceled, the client having gone", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the ingest did not end")
	}

	// The lock is free: the next ingest runs rather than being told one is
	// running. Its client stays, so it finishes.
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/ingest", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("the next ingest: %d %s, want 200", res.StatusCode, body)
	}
}
