package postgres_test

import (
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/internal/pgtest"
	"github.com/shuttlenews/shuttle/postgres"
	"github.com/shuttlenews/shuttle/storetest"
)

// closedPort returns a loopback address on which nothing listens.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// wantUnavailable checks that err is EUNAVAILABLE, tells the log which
// server and why, and tells a reader neither (the host and the driver's
// words are the operator's).
func wantUnavailable(t *testing.T, what string, err error, addr, cause string) {
	t.Helper()
	if shuttle.ErrorCode(err) != shuttle.EUNAVAILABLE {
		t.Errorf("%s: error %v (code %q), want %q", what, err, shuttle.ErrorCode(err), shuttle.EUNAVAILABLE)
		return
	}
	want := "database at " + addr + " is unreachable"
	if detail := err.Error(); !strings.Contains(detail, want) || !strings.Contains(detail, cause) {
		t.Errorf("%s: error %q, want %q and %q for the log", what, detail, want, cause)
	}
	if msg := shuttle.ErrorMessage(err); msg != postgres.Unavailable {
		t.Errorf("%s: message %q, want %q: no host or driver text for readers", what, msg, postgres.Unavailable)
	}
}

// A server that is down when the program starts is an outage to report per
// request, not a reason to refuse to start. This needs no server.
func TestOpenWithServerDown(t *testing.T) {
	addr := closedPort(t)
	db, err := postgres.Open(t.Context(), "postgres://postgres@"+addr+"/shuttle?sslmode=disable")
	if err != nil {
		t.Fatalf("Open with the server down: %v", err)
	}
	defer db.Close()
	ctx := t.Context()
	calls := []struct {
		name string
		call func() error
	}{
		{"Ping", func() error { return db.Ping(ctx) }},
		{"Migrate", func() error { return db.Migrate(ctx) }},
		{"Version", func() error { _, err := db.Version(ctx); return err }},
		{"Countries", func() error { _, err := db.Countries(ctx); return err }},
		{"Trips", func() error { _, err := db.Trips(ctx, shuttle.TripFilter{}); return err }},
		{"ReplaceDataset", func() error { _, err := db.ReplaceDataset(ctx, storetest.Small()); return err }},
		{"Articles", func() error { _, err := db.Articles(ctx, shuttle.ArticleFilter{}); return err }},
	}
	for _, c := range calls {
		wantUnavailable(t, c.name, c.call(), addr, "connection refused")
	}
}

func TestOpenRefusesBadURL(t *testing.T) {
	for _, u := range []string{"postgres://host:notaport/db", "mysql://x"} {
		if _, err := postgres.Open(t.Context(), u); shuttle.ErrorCode(err) != shuttle.EINVALID {
			t.Errorf("Open(%q) = %v, want %s", u, err, shuttle.EINVALID)
		}
	}
}

// proxy stands between the store and the test server so that a test can cut
// the network and bring it back, as an outage or a server restart would.
type proxy struct {
	t      *testing.T
	addr   string // where the store connects
	target string // the real server

	mu    sync.Mutex
	ln    net.Listener
	conns []net.Conn
}

func (p *proxy) up() {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatalf("proxy: %v", err)
	}
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.forward(c)
		}
	}()
}

func (p *proxy) forward(c net.Conn) {
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns = append(p.conns, c, s)
	p.mu.Unlock()
	go func() { io.Copy(s, c); s.Close() }()
	io.Copy(c, s)
	c.Close()
}

// down stops listening and cuts every connection.
func (p *proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestRecovers starts the store with the server unreachable, brings the
// server in (the store migrates then), cuts it off again mid-life, and brings
// it back: the store reports each outage as EUNAVAILABLE and needs no restart.
func TestRecovers(t *testing.T) {
	u, err := url.Parse(pgtest.FreshURL(t))
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{t: t, addr: closedPort(t), target: u.Host}
	t.Cleanup(p.down)
	u.Host = p.addr
	ctx := t.Context()

	db, err := postgres.Open(ctx, u.String())
	if err != nil {
		t.Fatalf("Open with the server unreachable: %v", err)
	}
	defer db.Close()
	_, err = db.Version(ctx)
	wantUnavailable(t, "Version before the server is up", err, p.addr, "connection refused")

	p.up()
	if err := db.Ping(ctx); err != nil {
		t.Fatalf("Ping once the server is up: %v", err)
	}
	v, err := db.ReplaceDataset(ctx, storetest.Fixture())
	if err != nil || v.ID != 1 {
		t.Fatalf("ReplaceDataset on the late-migrated store = %+v, %v", v, err)
	}

	p.down()
	_, err = db.Countries(ctx)
	wantUnavailable(t, "Countries with the network cut", err, p.addr, "")
	_, err = db.Version(ctx)
	wantUnavailable(t, "Version with the server gone", err, p.addr, "connection refused")

	p.up()
	got, err := db.Version(ctx)
	if err != nil || got.ID != v.ID {
		t.Fatalf("Version after the server came back = %+v, %v; want id %d", got, err, v.ID)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Errorf("IntegrityCheck: %v", err)
	}
}
