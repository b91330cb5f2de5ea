package main

import (
	"bytes"
	"io"
	"net"
	"testing"
	"time"
)

const benchArticle = "/articles/nato-foreign-ministers-75th-year"

// BenchmarkCachedArticle serves the article page that bench/site.sh loads
// against nginx, in process: requests are pipelined on a connection that
// reads from memory and discards what is written, so that the figure is
// what the server does per request (parsing, the cache, writing) without
// the network. "handler" is the same page through the net/http handler
// chain, as a request the front door's fast lane does not take.
func BenchmarkCachedArticle(b *testing.B) {
	app := startAppWith(b, &App{Addr: "127.0.0.1:0", Flags: sqliteFlags(b), Content: "../../content/sample"})
	waitReady(b, app.URL())
	waitFor(b, app.URL()+benchArticle)
	get := "GET " + benchArticle + " HTTP/1.1\r\nHost: bench\r\nUser-Agent: wrk\r\n"
	for _, bc := range []struct{ name, request string }{
		{"identity", get + "\r\n"},
		{"gzip", get + "Accept-Encoding: gzip\r\n\r\n"},
		{"handler", get + "X-Request-Id: bench\r\n\r\n"}, // a proxy's id: the handler echoes it
	} {
		b.Run(bc.name, func(b *testing.B) {
			c := &memConn{request: []byte(bc.request), n: 1}
			app.server.ServeConn(c) // learn the page, check the answer
			if !bytes.HasPrefix(c.first, []byte("HTTP/1.1 200 OK")) || c.written < 2000 {
				b.Fatalf("%d bytes, first write %.60q", c.written, c.first)
			}
			b.ReportAllocs()
			c = &memConn{request: []byte(bc.request), n: b.N}
			b.ResetTimer()
			fast, _ := app.server.Lanes()
			app.server.ServeConn(c)
			b.StopTimer()
			b.SetBytes(c.written / int64(b.N))
			if now, _ := app.server.Lanes(); (now-fast == uint64(b.N)) != (bc.name != "handler") {
				b.Errorf("%d of %d requests in the fast lane", now-fast, b.N)
			}
		})
	}
	// All cores at once, as under load: what the shared counters and locks
	// cost when their cache lines move between cores.
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				app.server.ServeConn(&memConn{request: []byte(get + "Accept-Encoding: gzip\r\n\r\n"), n: 100})
			}
		})
	})
}

// memConn is a connection whose client sends request n times, pipelined,
// and then hangs up; what the server writes is counted and dropped.
type memConn struct {
	request []byte
	n       int
	pending []byte
	written int64
	first   []byte
}

func (c *memConn) Read(p []byte) (int, error) {
	k := 0
	for k < len(p) {
		if len(c.pending) == 0 {
			if c.n == 0 {
				break
			}
			c.pending = c.request
			c.n--
		}
		m := copy(p[k:], c.pending)
		c.pending = c.pending[m:]
		k += m
	}
	if k == 0 {
		return 0, io.EOF
	}
	return k, nil
}

func (c *memConn) Write(p []byte) (int, error) {
	if c.first == nil {
		c.first = bytes.Clone(p)
	}
	c.written += int64(len(p))
	return len(p), nil
}

func (c *memConn) Close() error                     { return nil }
func (c *memConn) LocalAddr() net.Addr              { return benchAddr }
func (c *memConn) RemoteAddr() net.Addr             { return benchAddr }
func (c *memConn) SetDeadline(time.Time) error      { return nil }
func (c *memConn) SetReadDeadline(time.Time) error  { return nil }
func (c *memConn) SetWriteDeadline(time.Time) error { return nil }

var benchAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1}
