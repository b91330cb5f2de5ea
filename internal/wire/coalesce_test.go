package wire_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/shuttlenews/shuttle/internal/wire"
)

// counting counts the writes that reach the network and the connections
// accepted.
type counting struct {
	net.Listener
	writes, conns atomic.Int64
}

func (l *counting) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.conns.Add(1)
		c = &countingConn{Conn: c, writes: &l.writes}
	}
	return c, err
}

type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c *countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// serve answers /?n=SIZE with SIZE bytes, through wire.Write, or
// through w.Write when plain is set.
func serve(t *testing.T, plain bool) (url string, l *counting) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l = &counting{Listener: ln}
	wl := wire.NewListener(l, wire.Config{})
	srv := &http.Server{
		ConnContext: wl.ConnContext,
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			body := page(r.URL.Query().Get("n"))
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if plain {
				w.Write(body)
				return
			}
			// A client that hung up is not the server's error.
			if err := wire.Write(w, r, body); err != nil && !errors.Is(err, syscall.EPIPE) && !errors.Is(err, syscall.ECONNRESET) {
				t.Errorf("Write: %v", err)
			}
		}),
	}
	go srv.Serve(wl)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String(), l
}

func page(n string) []byte {
	size, _ := strconv.Atoi(n)
	b := make([]byte, size)
	for i := range b {
		b[i] = 'a' + byte(i%26)
	}
	return b
}

func get(t *testing.T, c *http.Client, url string) []byte {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

func TestWrite(t *testing.T) {
	for _, tt := range []struct {
		name       string
		plain      bool
		size       int
		wantWrites int64 // per response
	}{
		{"a page is one write", false, 7618, 1},
		{"net/http alone splits it", true, 7618, 2}, // the reason for the package; shows the count can fail
		{"a small page fits net/http's buffer", false, 1000, 1},
		{"the largest held", false, 64 << 10, 1},
		{"a large body is not held", false, 200 << 10, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			url, l := serve(t, tt.plain)
			c := &http.Client{Transport: &http.Transport{}}
			defer c.CloseIdleConnections()
			want := page(strconv.Itoa(tt.size))
			const n = 3
			for range n {
				if got := get(t, c, url+"/?n="+strconv.Itoa(tt.size)); !bytes.Equal(got, want) {
					t.Fatalf("got %d bytes, want the %d sent", len(got), len(want))
				}
			}
			if got := l.conns.Load(); got != 1 {
				t.Errorf("%d connections for %d requests: keep-alive was lost", got, n)
			}
			if tt.size > 64<<10 {
				if got := l.writes.Load(); got < n*tt.wantWrites {
					t.Errorf("%d writes for %d responses, want at least %d each", got, n, tt.wantWrites)
				}
				return
			}
			if got := l.writes.Load(); got != n*tt.wantWrites {
				t.Errorf("%d writes for %d responses, want %d each", got, n, tt.wantWrites)
			}
		})
	}
}

// Without the listener (a test server) or under TLS and HTTP/2, Write is a
// plain write and the response is intact.
func TestWriteElsewhere(t *testing.T) {
	body := page("9000")
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		if err := wire.Write(w, r, body); err != nil {
			t.Errorf("Write: %v", err)
		}
	})
	plain := httptest.NewServer(h)
	defer plain.Close()
	if got := get(t, plain.Client(), plain.URL); !bytes.Equal(got, body) {
		t.Errorf("plain server: %d bytes, want %d", len(got), len(body))
	}

	tls := httptest.NewUnstartedServer(h)
	wl := wire.NewListener(tls.Listener, wire.Config{})
	tls.Listener = wl
	tls.Config.ConnContext = wl.ConnContext
	tls.EnableHTTP2 = true
	tls.StartTLS()
	defer tls.Close()
	resp, err := tls.Client().Get(tls.URL)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.ProtoMajor != 2 || !bytes.Equal(got, body) {
		t.Errorf("TLS server: %s, %d bytes, want HTTP/2 and %d", resp.Proto, len(got), len(body))
	}
}

// Pipelined requests get their responses whole and in order, and a client
// that hangs up mid-way costs the server nothing but the connection.
func TestWritePipelinedAndHangUp(t *testing.T) {
	url, l := serve(t, false)
	addr := strings.TrimPrefix(url, "http://")
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sizes := []int{7618, 100, 20000}
	var reqs strings.Builder
	for _, n := range sizes {
		fmt.Fprintf(&reqs, "GET /?n=%d HTTP/1.1\r\nHost: x\r\n\r\n", n)
	}
	io.WriteString(c, reqs.String())
	br := bufio.NewReader(c)
	for _, n := range sizes {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || !bytes.Equal(body, page(strconv.Itoa(n))) {
			t.Fatalf("pipelined response for %d bytes: %d bytes, %v", n, len(body), err)
		}
	}
	if got := l.conns.Load(); got != 1 {
		t.Errorf("%d connections", got)
	}

	// Hang up before reading: the server must go on serving others.
	h, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(h, "GET /?n=60000 HTTP/1.1\r\nHost: x\r\n\r\n")
	h.Close()
	if got := get(t, http.DefaultClient, url+"/?n=7618"); len(got) != 7618 {
		t.Errorf("after a hang-up: %d bytes", len(got))
	}
}
