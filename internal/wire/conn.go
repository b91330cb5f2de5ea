package wire

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
)

// conn is one connection of a Listener.
//
// HTTP/1.1 serves one request at a time per connection and writes only from
// the goroutine that serves it, so held needs no lock. Reads also come from
// net/http's background reader while a handler runs, hence the atomics and
// the mutex around what the reads record.
type conn struct {
	net.Conn
	l      *Listener
	closed atomic.Bool
	held   *[]byte // non-nil while Write holds the response

	// serving is set while a handler's response is written; what the
	// connection writes otherwise is net/http's own answer.
	serving atomic.Bool
	mu      sync.Mutex
	start   []byte // the first bytes read of the current request
}

// startBytes is how much of a request's start is kept: enough for the
// method and the path's first segment, which say whether it is the API's.
const startBytes = 32

func (c *conn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 && !c.serving.Load() {
		c.mu.Lock()
		if len(c.start) == 0 {
			c.start = append(c.start[:0], p[:min(n, startBytes)]...)
		}
		c.mu.Unlock()
	}
	return n, err
}

// between is called when the connection turns idle: the next bytes read
// start a new request.
func (c *conn) between() {
	c.serving.Store(false)
	c.mu.Lock()
	c.start = c.start[:0]
	c.mu.Unlock()
}

func (c *conn) Write(p []byte) (int, error) {
	if c.held != nil {
		*c.held = append(*c.held, p...)
		return len(p), nil
	}
	if !c.serving.Load() && c.l.cfg.Error != nil {
		if out, ok := c.rewrite(p); ok {
			if _, err := c.Conn.Write(out); err != nil {
				return 0, err
			}
			return len(p), nil
		}
	}
	return c.Conn.Write(p)
}

// Close frees the connection's slot, once.
func (c *conn) Close() error {
	err := c.Conn.Close()
	if c.closed.CompareAndSwap(false, true) {
		c.l.open.Add(-1)
		c.l.release()
	}
	return err
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
