// Package wire is what shuttle adds to the connections net/http serves:
//
//   - a cap on how many are open at once (Config.MaxConns), so a crowd of
//     slow clients queues in the kernel's backlog instead of in the heap;
//   - one write per response for the cached pages (Write, coalesce.go);
//   - the answers net/http writes by itself, before any handler has seen the
//     request (a malformed request line, a header over the limit), sent with
//     the site's own headers and, under /api/, its JSON error envelope
//     (errors.go).
//
// The server stays net/http's: this package wraps its listener and reads
// its connection states, nothing more. Under TLS the wrapped connection is
// beneath the encryption, so Write falls back to a plain write and
// net/http's own error answers go out as net/http writes them.
//
// Wire it in four places: the server's listener (NewListener), its
// ConnContext and ConnState (Listener's methods of those names), and the
// handler (Listener.Handler, outermost).
package wire

import (
	"context"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
)

// Config says what the listener enforces and answers.
type Config struct {
	// MaxConns caps the connections open at once; Accept waits for one to
	// close. Zero is no cap.
	MaxConns int
	// Error renders net/http's own refusal of a request no handler saw:
	// status is the code net/http chose, text its explanation, target the
	// request target as far as it was read ("" when unknown). The header it
	// returns is sent as it is (with Content-Length and Connection: close
	// added); nil leaves net/http's answer unchanged.
	Error func(status int, text, target string) (http.Header, []byte)
}

// Listener wraps a net.Listener with the behaviour of Config.
type Listener struct {
	net.Listener
	cfg   Config
	slots chan struct{} // one per open connection, when capped
	done  chan struct{}
	once  sync.Once
	open  atomic.Int64
}

// NewListener wraps ln.
func NewListener(ln net.Listener, cfg Config) *Listener {
	l := &Listener{Listener: ln, cfg: cfg, done: make(chan struct{})}
	if cfg.MaxConns > 0 {
		l.slots = make(chan struct{}, cfg.MaxConns)
	}
	return l
}

// Accept waits for a free slot, then for a connection.
func (l *Listener) Accept() (net.Conn, error) {
	if l.slots != nil {
		select {
		case l.slots <- struct{}{}:
		case <-l.done:
			return nil, net.ErrClosed
		}
	}
	c, err := l.Listener.Accept()
	if err != nil {
		l.release()
		return nil, err
	}
	l.open.Add(1)
	return &conn{Conn: c, l: l}, nil
}

// Close stops Accept, including one waiting for a slot.
func (l *Listener) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// Open is the number of connections open now.
func (l *Listener) Open() int64 { return l.open.Load() }

func (l *Listener) release() {
	if l.slots != nil {
		<-l.slots
	}
}

type ctxKey struct{}

// ConnContext is for http.Server.ConnContext: it makes the connection
// reachable from its requests' contexts. A connection that did not come
// from a Listener (a *tls.Conn, say) is left out, and Write does not hold.
func (l *Listener) ConnContext(ctx context.Context, c net.Conn) context.Context {
	if cc, ok := c.(*conn); ok {
		return context.WithValue(ctx, ctxKey{}, cc)
	}
	return ctx
}

// ConnState is for http.Server.ConnState: an idle connection is between
// requests, so whatever it writes next, before a handler runs, is
// net/http's own answer to the next one.
func (l *Listener) ConnState(c net.Conn, s http.ConnState) {
	if cc, ok := c.(*conn); ok && s == http.StateIdle {
		cc.between()
	}
}

// Handler marks the connection as serving a request for as long as the
// response is being written (until the connection turns idle again).
func (l *Listener) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, ok := r.Context().Value(ctxKey{}).(*conn); ok {
			c.serving.Store(true)
		}
		next.ServeHTTP(w, r)
	})
}
