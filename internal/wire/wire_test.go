package wire_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle/internal/wire"
)

// start serves h behind a wire.Listener configured by cfg, as cmd/shuttle
// wires it.
func start(t *testing.T, cfg wire.Config, h http.Handler) (*wire.Listener, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := wire.NewListener(ln, cfg)
	srv := &http.Server{
		Handler: l.Handler(h), ConnContext: l.ConnContext, ConnState: l.ConnState,
		MaxHeaderBytes: 1 << 10, ReadHeaderTimeout: 5 * time.Second,
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l, ln.Addr().String()
}

// refused answers as cmd/shuttle does: its own header, and JSON under /api/.
func refused(status int, text, target string) (http.Header, []byte) {
	h := http.Header{"X-Shuttle": {"wire"}, "Content-Type": {"text/plain; charset=utf-8"}}
	if strings.HasPrefix(target, "/api/") {
		h.Set("Content-Type", "application/json")
		return h, fmt.Appendf(nil, `{"error":{"code":"invalid","message":%q}}`, text)
	}
	return h, []byte(text)
}

func TestRefusalsCarryOurAnswer(t *testing.T) {
	_, addr := start(t, wire.Config{Error: refused}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.Error(w, "not here", http.StatusNotFound)
			return
		}
		io.WriteString(w, "ok")
	}))
	big := strings.Repeat("a", 16<<10) // past MaxHeaderBytes, its slack and what a pipelined read buffers
	cases := []struct {
		name     string
		requests []string // sent on one connection, each after the answer before
		want     []int    // the statuses, in order
		ctype    string   // of the last answer
		ours     bool     // the last answer is Config.Error's
	}{
		{"bad request line", []string{"NOT A REQUEST\r\n\r\n"}, []int{400}, "text/plain; charset=utf-8", true},
		{"header too large", []string{"GET /countries HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n"}, []int{431}, "text/plain; charset=utf-8", true},
		{"header too large under /api/", []string{"GET /api/v1/trips HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n"}, []int{431}, "application/json", true},
		{"after a good request on the same connection", []string{"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "GET /api/v1/x HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n"}, []int{200, 431}, "application/json", true},
		{"a handler's own 404 is left alone", []string{"GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"}, []int{404}, "text/plain; charset=utf-8", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(10 * time.Second))
			br := bufio.NewReader(c)
			var last *http.Response
			var body []byte
			for i, want := range tc.want {
				io.WriteString(c, tc.requests[i])
				resp, err := http.ReadResponse(br, nil)
				if err != nil {
					t.Fatal(err)
				}
				body, _ = io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != want {
					t.Fatalf("status %d, want %d (%s)", resp.StatusCode, want, body)
				}
				last = resp
			}
			if got := last.Header.Get("X-Shuttle") == "wire"; got != tc.ours {
				t.Errorf("answered by Config.Error: %v, want %v (%v)", got, tc.ours, last.Header)
			}
			if got := last.Header.Get("Content-Type"); got != tc.ctype {
				t.Errorf("Content-Type %q, want %q", got, tc.ctype)
			}
			if tc.ours && (!last.Close || len(body) == 0) {
				t.Errorf("refusal: Connection close %v, body %q", last.Close, body)
			}
		})
	}
}

// With the cap reached, the next connection waits in the backlog until one
// closes, and is then served.
func TestMaxConns(t *testing.T) {
	release := make(chan struct{})
	l, addr := start(t, wire.Config{MaxConns: 2}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hold" {
			select {
			case <-release:
			case <-r.Context().Done(): // the client hung up
			}
		}
		io.WriteString(w, "ok")
	}))
	var held []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		io.WriteString(c, "GET /hold HTTP/1.1\r\nHost: x\r\n\r\n")
		held = append(held, c)
	}
	waitUntil(t, func() bool { return l.Open() == 2 })

	answered := make(chan error, 1)
	go func() {
		client := &http.Client{Timeout: 10 * time.Second}
		resp, err := client.Get("http://" + addr + "/")
		if err == nil {
			resp.Body.Close()
		}
		answered <- err
	}()
	select {
	case err := <-answered:
		t.Fatalf("a third connection was served past the cap of 2 (err %v)", err)
	case <-time.After(300 * time.Millisecond): // waiting, as it should
	}
	if n := l.Open(); n != 2 {
		t.Errorf("%d connections open, want the cap, 2", n)
	}
	held[0].Close()
	if err := <-answered; err != nil {
		t.Fatalf("after a connection closed: %v", err)
	}
	close(release)
}

func waitUntil(t *testing.T, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if ok() {
			return
		}
	}
	t.Fatal("condition not reached in 5 s")
}
