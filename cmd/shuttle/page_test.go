package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestCachedArticle fetches an article page through the whole server, over
// TCP, both ways it is served: the gzipped bytes are the page, a repeat is
// a 304, and the response keeps to eight headers of its own (see
// web.SecurityHeaders for why eight).
func TestCachedArticle(t *testing.T) {
	var writes atomic.Int64
	app := startAppWith(t, &App{Addr: "127.0.0.1:0", Flags: sqliteFlags(t), Content: "../../content/sample",
		listen: func(network, addr string) (net.Listener, error) {
			ln, err := net.Listen(network, addr)
			return countingListener{ln, &writes}, err
		}})
	waitReady(t, app.URL())
	url := app.URL() + "/articles/nato-foreign-ministers-75th-year"
	waitFor(t, url)

	plain, h := fetch(t, url, "")
	if !strings.Contains(string(plain), "See More") {
		t.Fatalf("the article page has no widget:\n%s", plain)
	}
	gz, hz := fetch(t, url, "gzip")
	if hz.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Accept-Encoding: gzip answered %v", hz)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if unz, _ := io.ReadAll(zr); !bytes.Equal(unz, plain) {
		t.Error("the gzipped page is not the page")
	}
	for _, hdr := range []http.Header{h, hz} {
		if n := len(hdr) - 1; n > 8 { // Date is the server's
			t.Errorf("%d headers besides Date, want at most 8: %v", n, hdr)
		}
	}

	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("If-None-Match", h.Get("ETag"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the page's ETag: %d, want 304", resp.StatusCode)
	}

	// The page is larger than a 4 KiB write buffer, yet header and body
	// reach the network in one write (internal/wire): the
	// client wakes once per page.
	if len(plain) < 5<<10 {
		t.Fatalf("the page is %d bytes: too small to show anything", len(plain))
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	defer client.CloseIdleConnections()
	fetchWith(t, client, url) // the connection, and any write it costs
	before := writes.Load()
	const n = 5
	for range n {
		if body := fetchWith(t, client, url); !bytes.Equal(body, plain) {
			t.Fatal("the page changed")
		}
	}
	if got := writes.Load() - before; got != n {
		t.Errorf("%d writes for %d pages, want one each", got, n)
	}
}

func fetchWith(t *testing.T, c *http.Client, url string) []byte {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return body
}

// countingListener counts the writes its connections make.
type countingListener struct {
	net.Listener
	writes *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countingConn{c, l.writes}, nil
}

type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// waitFor polls url until it answers 200: the content directory is
// published after the server is ready.
func waitFor(t testing.TB, url string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never answered 200", url)
}

// fetch gets url with the given Accept-Encoding ("" for none), without the
// transport's transparent decompression.
func fetch(t *testing.T, url, enc string) ([]byte, http.Header) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return body, resp.Header
}
