package wire

import (
	"net/http"
	"sync"
)

// net/http buffers a response in 4 KiB: a page of 7 KiB goes out as two
// TCP segments, and the client wakes up twice to read it. On the cached
// pages, which cost a few microseconds to serve, that second segment cost a
// third of the throughput. The buffer size is not configurable, so Write
// holds the connection's writes in memory for the length of one response
// and sends them in a single write, as nginx does with tcp_nopush.

// Sizes worth holding: below minHold a response fits net/http's buffer with
// its header; above maxHold one more segment is a small share of the cost,
// and holding would copy the whole body.
const (
	minHold = 3 << 10
	maxHold = 64 << 10
)

// Write writes body as the whole body of the response to r, whose header
// (Content-Length included) is set, and sends header and body now, in one
// write to the connection. Now, rather than when the handler returns: the
// client is not kept waiting for what runs after the handler (metrics,
// logging, net/http's own bookkeeping). Call it at most once per response,
// from the handler's goroutine. Anywhere but an HTTP/1 connection of a
// Listener (TLS, HTTP/2, a test server) it is w.Write and a flush.
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
