package auth

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/postgres"
	"github.com/shuttlenews/shuttle/sqlite"
)

// Two servers sharing one database share the sessions: a login on one
// works on the other, a logout on either ends it everywhere, and it expires
// by either's clock. Only the id's hash is stored.
func TestSessionsInTheDatabase(t *testing.T) {
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "shuttle.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	one, clk := newAuth(t, Config{Tokens: []string{tokenA}, Sessions: st, SessionTTL: time.Hour})
	two, _ := newAuth(t, Config{Tokens: []string{tokenA}, Sessions: st, SessionTTL: time.Hour, Now: clk.now})
	c, sess := login(t, one, httptest.NewRequest("POST", "/editor/login", nil))
	h, ed, _ := protected(two)
	write := func() int {
		r := httptest.NewRequest("POST", "/api/v1/ingest", nil)
		r.AddCookie(c)
		r.Header.Set(CSRFHeader, sess.CSRFToken)
		return serve(h, r).Code
	}
	if code := write(); code != 200 || ed.Method != "session" || ed.Token == "" {
		t.Fatalf("a write on the other server: %d as %+v, want 200 as the session's editor", code, *ed)
	}
	if _, err := st.EditorSession(t.Context(), keyOf(sess.CSRFToken)); err == nil {
		t.Error("a key other than the id's hash found the session")
	}
	if _, err := st.EditorSession(t.Context(), [32]byte(keyOf(c.Value))); err != nil {
		t.Errorf("the session is not stored under the hash of its id: %v", err)
	}

	clk.add(time.Hour)
	if code := write(); code != 401 {
		t.Errorf("an expired session: %d, want 401", code)
	}

	c, sess = login(t, one, httptest.NewRequest("POST", "/editor/login", nil))
	out := httptest.NewRequest("POST", "/editor/logout", nil)
	out.AddCookie(c)
	two.Logout(httptest.NewRecorder(), out)
	if _, ok := one.session(t.Context(), c.Value); ok {
		t.Error("a logout on one server left the session alive on the other")
	}
}

// A session store that cannot answer is not an editor's mistake: the write
// is refused, but not as 401 (which would send the editor to sign in), and
// an unreachable PostgreSQL is a 503 the editor can retry.
func TestSessionStoreDown(t *testing.T) {
	pg, err := postgres.Open(t.Context(), "postgres://nobody@127.0.0.1:1/shuttle?sslmode=disable&connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	closed, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "shuttle.db"))
	if err != nil {
		t.Fatal(err)
	}
	closed.Close()
	for _, tc := range []struct {
		name  string
		store shuttle.SessionStore
		want  int
	}{
		{"PostgreSQL unreachable", pg, 503},
		{"SQLite closed", closed, 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, _ := newAuth(t, Config{Tokens: []string{tokenA}, Sessions: tc.store})
			h, _, ran := protected(a)
			r := httptest.NewRequest("POST", "/api/v1/ingest", nil)
			r.AddCookie(&http.Cookie{Name: CookieName, Value: newID()})
			r.Header.Set(CSRFHeader, newID())
			if w := serve(h, r); w.Code != tc.want || *ran {
				t.Errorf("status %d, handler ran %v; want %d", w.Code, *ran, tc.want)
			}
		})
	}
}
