// Package coalesce lets an HTTP/1.1 handler send a response's header and
// body in one write to the connection, as nginx does with tcp_nopush.
//
// net/http buffers a response in 4 KiB: a page of 7 KiB goes out as two
// TCP segments, and the client wakes up twice to read it. On the cached
// pages, which cost a few microseconds to serve, that second segment costs a
// third of the throughput. The buffer size is not configurable, so this
// package holds the connection's writes in memory for the length of one
// response (Write) and sends them in a single write.
//
// Wire it in three places: the server's listener (Listener), the server's
// ConnContext, and the handler's body write (Write). Anywhere else — TLS,
// HTTP/2, a test server without the listener — Write is w.Write.
package coalesce

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync"
)

// Sizes worth holding: below minHold a response fits net/http's buffer with
// its header; above maxHold one more segment is a small share of the cost,
// and holding would copy the whole body.
const (
	minHold = 3 << 10
	maxHold = 64 << 10
)

// Listener wraps ln so that its connections can hold writes.
func Listener(ln net.Listener) net.Listener { return listener{ln} }

type listener struct{ net.Listener }

func (l listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &conn{Conn: c}, nil
}

type ctxKey struct{}

// ConnContext is for http.Server.ConnContext: it makes the connection
// reachable from its requests' contexts. A connection that did not come
// from Listener (a *tls.Conn, say) is left out, and Write does not hold.
func ConnContext(ctx context.Context, c net.Conn) context.Context {
	if cc, ok := c.(*conn); ok {
		return context.WithValue(ctx, ctxKey{}, cc)
	}
	return ctx
}

// Write writes body as the whole body of the response to r, whose header
// (Content-Length included) is set, and sends header and body now, in one
// write to the connection. Now, rather than when the handler returns: the
// client is not kept waiting for what runs after the handler (metrics,
// logging, net/http's own bookkeeping). Call it at most once per response,
// from the handler's goroutine.
func Write(w http.ResponseWriter, r *http.Request, body []byte) error {
	c, _ := r.Context().Value(ctxKey{}).(*conn)
	if c == nil || r.ProtoMajor != 1 || len(body) < minHold || len(body) > maxHold {
		// A small body fits net/http's buffer with its header: the flush
		// is the one write.
		if _, err := w.Write(body); err != nil {
			return err
		}
		return http.NewResponseController(w).Flush()
	}
	buf := c.hold()
	defer c.release(buf)
	_, err := w.Write(body)
	if err == nil {
		// Pushes net/http's buffers (the header and the body's tail) into
		// the held bytes; what finishRequest flushes later is empty.
		err = http.NewResponseController(w).Flush()
	}
	if len(*buf) > 0 {
		// Sent even when the flush failed: net/http believes these bytes went.
		if _, werr := c.Conn.Write(*buf); err == nil {
			err = werr
		}
	}
	return err
}

// conn is a connection that holds its writes while a handler asks.
//
// HTTP/1.1 serves one request at a time per connection and writes only from
// the goroutine that serves it, so held needs no lock.
type conn struct {
	net.Conn
	held *[]byte // non-nil while holding
}

var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// hold starts holding the connection's writes in a pooled buffer.
func (c *conn) hold() *[]byte {
	buf := buffers.Get().(*[]byte)
	c.held = buf
	return buf
}

// release stops holding (deferred: a panicking handler must not leave the
// connection swallowing its writes) and pools the buffer.
func (c *conn) release(buf *[]byte) {
	c.held = nil
	if cap(*buf) <= 2*maxHold { // a rare huge write should not stay pooled
		*buf = (*buf)[:0]
		buffers.Put(buf)
	}
}

func (c *conn) Write(p []byte) (int, error) {
	if c.held != nil {
		*c.held = append(*c.held, p...)
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// ReadFrom keeps the kernel's sendfile and splice for responses copied
// from files, which net/http uses when the connection offers it.
func (c *conn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := c.Conn.(io.ReaderFrom); ok && c.held == nil {
		return rf.ReadFrom(r)
	}
	return io.Copy(writerOnly{c}, r)
}

// CloseWrite lets net/http half-close the connection after an error
// response, so that the client reads it before the reset.
func (c *conn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// writerOnly hides conn's ReadFrom from io.Copy, which would call it again.
type writerOnly struct{ io.Writer }
