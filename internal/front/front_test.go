package front

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// start serves h through a front door without a site: every request takes
// the bridge.
func start(t *testing.T, cfg Config) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(cfg)
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return s, "http://" + ln.Addr().String()
}

// TestBridgeRequest checks that a handler sees the request as net/http
// would have given it.
func TestBridgeRequest(t *testing.T) {
	seen := make(chan *http.Request, 1)
	bodies := make(chan string, 1)
	_, base := start(t, Config{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("body: %v", err)
		}
		r.Body = io.NopCloser(strings.NewReader(string(b)))
		r.ParseForm()
		seen <- r
		bodies <- string(b)
	})})
	for _, tc := range []struct {
		method, target, body string
		header               map[string]string
		check                func(*http.Request) string
	}{
		{"GET", "/insights/momentum?role=secretary&from=1997", "", map[string]string{"Accept-Encoding": "gzip, br", "X-Custom": "a b"},
			func(r *http.Request) string {
				switch {
				case r.URL.Path != "/insights/momentum", r.URL.Query().Get("from") != "1997":
					return "URL " + r.URL.String()
				case r.RequestURI != "/insights/momentum?role=secretary&from=1997":
					return "RequestURI " + r.RequestURI
				case r.Header.Get("Accept-Encoding") != "gzip, br", r.Header.Get("X-Custom") != "a b":
					return fmt.Sprint("header ", r.Header)
				case r.Header.Get("Host") != "" || !strings.HasPrefix(r.Host, "127.0.0.1:"):
					return "Host " + r.Host + ", in the header map " + r.Header.Get("Host")
				case r.Proto != "HTTP/1.1" || r.ProtoMajor != 1 || r.ProtoMinor != 1:
					return "proto " + r.Proto
				case !strings.HasPrefix(r.RemoteAddr, "127.0.0.1:"):
					return "RemoteAddr " + r.RemoteAddr
				}
				return ""
			}},
		{"POST", "/editor/articles/x", "title=NATO+at+75&body=%3Cp%3E", map[string]string{"Content-Type": "application/x-www-form-urlencoded"},
			func(r *http.Request) string {
				if r.PostForm.Get("title") != "NATO at 75" || r.ContentLength != int64(len("title=NATO+at+75&body=%3Cp%3E")) {
					return fmt.Sprintf("form %v, length %d", r.PostForm, r.ContentLength)
				}
				return ""
			}},
		{"GET", "/caf%C3%A9/x%2Fy", "", nil,
			func(r *http.Request) string {
				if r.URL.Path != "/café/x/y" || r.URL.RawPath != "/caf%C3%A9/x%2Fy" {
					return "path " + r.URL.Path + " raw " + r.URL.RawPath
				}
				return ""
			}},
	} {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, base+tc.target, strings.NewReader(tc.body))
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			r := <-seen
			if b := <-bodies; b != tc.body {
				t.Errorf("body %q, want %q", b, tc.body)
			}
			if r.Method != tc.method {
				t.Errorf("method %s", r.Method)
			}
			if msg := tc.check(r); msg != "" {
				t.Error(msg)
			}
		})
	}
}

// TestBridgeSharesNoMemory keeps what a handler read from one request while
// the connection carries others: fasthttp reuses its buffers, so a request
// made of views of them would change under the handler's feet.
func TestBridgeSharesNoMemory(t *testing.T) {
	type kept struct{ path, query, header, target, ctxErr string }
	var mu sync.Mutex
	var all []kept
	var ctxs []context.Context
	_, base := start(t, Config{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		all = append(all, kept{r.URL.Path, r.URL.Query().Get("q"), r.Header.Get("X-Kept"), r.RequestURI, ""})
		ctxs = append(ctxs, r.Context())
		mu.Unlock()
		io.WriteString(w, "ok")
	})})
	client := &http.Client{}
	defer client.CloseIdleConnections()
	const n = 20
	for i := range n {
		req, _ := http.NewRequest("GET", fmt.Sprintf("%s/p%03d/%s?q=%d%s", base, i, strings.Repeat("x", i*7), i, strings.Repeat("y", 20-i)), nil)
		req.Header.Set("X-Kept", fmt.Sprintf("value %d %s", i, strings.Repeat("z", 20-i)))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	mu.Lock()
	defer mu.Unlock()
	for i, k := range all {
		want := kept{
			path:   fmt.Sprintf("/p%03d/%s", i, strings.Repeat("x", i*7)),
			query:  fmt.Sprintf("%d%s", i, strings.Repeat("y", 20-i)),
			header: fmt.Sprintf("value %d %s", i, strings.Repeat("z", 20-i)),
		}
		want.target = want.path + "?q=" + want.query
		if k != want {
			t.Errorf("request %d: kept %+v, want %+v", i, k, want)
		}
		if ctxs[i].Err() == nil {
			t.Errorf("request %d: its context outlived the handler", i)
		}
	}
	if len(all) != n {
		t.Errorf("%d requests served, want %d", len(all), n)
	}
}

// TestBridgeResponse checks that handlers' responses reach the client as
// net/http would have sent them.
func TestBridgeResponse(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/created", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Before", "sent")
		w.WriteHeader(http.StatusCreated)
		w.Header().Set("X-After", "not sent") // as net/http: too late
		io.WriteString(w, `{"ok":true}`)
	})
	mux.HandleFunc("/sniffed", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "<!doctype html><p>hello")
	})
	mux.HandleFunc("/nosniff", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // net/http's way to send none
		io.WriteString(w, "<!doctype html><p>hello")
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("/nocontent", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
		if _, err := io.WriteString(w, "dropped"); err != http.ErrBodyNotAllowed {
			t.Errorf("write after 204: %v", err)
		}
	})
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no such page", http.StatusNotFound) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/created?x=1", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/twice", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Set-Cookie", "a=1")
		w.Header().Add("Set-Cookie", "b=2")
		w.Header().Add("X-Many", "1")
		w.Header().Add("X-Many", "2")
	})
	_, base := start(t, Config{Handler: mux})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		method, path string
		status       int
		header       map[string]string // "" means absent
		body         string
	}{
		{"GET", "/created", 201, map[string]string{"Content-Type": "application/json", "X-Before": "sent", "X-After": "", "Content-Length": "11"}, `{"ok":true}`},
		{"HEAD", "/created", 201, map[string]string{"Content-Type": "application/json", "Content-Length": "11"}, ""},
		{"GET", "/sniffed", 200, map[string]string{"Content-Type": "text/html; charset=utf-8"}, "<!doctype html><p>hello"},
		{"GET", "/nosniff", 200, map[string]string{"Content-Type": ""}, "<!doctype html><p>hello"},
		{"GET", "/empty", 200, map[string]string{"Content-Length": "0", "Content-Type": ""}, ""},
		{"GET", "/nocontent", 204, map[string]string{"Content-Length": ""}, ""},
		{"GET", "/missing", 404, map[string]string{"Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff"}, "no such page\n"},
		{"GET", "/moved", 301, map[string]string{"Location": "/created?x=1"}, "<a href=\"/created?x=1\">Moved Permanently</a>.\n\n"},
		{"GET", "/nowhere", 404, nil, "404 page not found\n"},
		{"POST", "/twice", 200, nil, ""},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, base+tc.path, nil)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || string(b) != tc.body {
				t.Errorf("%d %q, want %d %q", resp.StatusCode, b, tc.status, tc.body)
			}
			for k, want := range tc.header {
				if got := strings.Join(resp.Header.Values(k), ","); got != want {
					t.Errorf("%s: %q, want %q", k, got, want)
				}
			}
			if tc.path == "/twice" {
				if c := resp.Header.Values("Set-Cookie"); len(c) != 2 {
					t.Errorf("Set-Cookie %q, want both", c)
				}
				if v := resp.Header.Values("X-Many"); strings.Join(v, ",") != "1,2" {
					t.Errorf("X-Many %q, want both", v)
				}
			}
			if resp.Header.Get("Date") == "" {
				t.Error("no Date")
			}
			if s := resp.Header.Get("Server"); s != "" {
				t.Errorf("Server: %q, want none", s)
			}
		})
	}
}

// TestBridgePanic: a handler that panics costs its client a 500 and the
// connection, and nobody else anything.
func TestBridgePanic(t *testing.T) {
	_, base := start(t, Config{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/panic":
			panic("boom")
		case "/panic-midway":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<p>the first half of a page")
			panic("boom")
		}
		io.WriteString(w, "fine")
	})})
	for _, path := range []string{"/panic", "/panic-midway"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 500 || !resp.Close || strings.Contains(string(b), "first half") {
			t.Errorf("%s: %d %q, close %v; want 500, nothing of the page, and the connection closed", path, resp.StatusCode, b, resp.Close)
		}
	}
	resp, err := http.Get(base + "/other")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "fine" {
		t.Errorf("the next request: %q", b)
	}
}

// TestLimits: a body over MaxBodyBytes is refused, a header too large is
// refused, and a client that stalls in its header is cut off.
func TestLimits(t *testing.T) {
	_, base := start(t, Config{
		Handler:      http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }),
		MaxBodyBytes: 1 << 10, ReadHeader: 200 * time.Millisecond, Read: time.Second,
	})
	resp, err := http.Post(base+"/", "text/plain", strings.NewReader(strings.Repeat("x", 2<<10)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 KiB body: %d, want 413", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", base+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("x", maxHeaderBytes))
	if resp, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("a %d-byte header: %d, want 431", maxHeaderBytes, resp.StatusCode)
	}

	u, _ := url.Parse(base)
	c, err := net.Dial("tcp", u.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\n") // and never the blank line
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	began := time.Now()
	bufio.NewReader(c).ReadString(0) // until the server closes
	if waited := time.Since(began); waited > 3*time.Second {
		t.Errorf("a stalled client held the connection for %s", waited)
	}
}
