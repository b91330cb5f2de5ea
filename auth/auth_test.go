package auth

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	tokenA = "editor-token-aaaaaaaaaaaaaaaa"
	tokenB = "editor-token-bbbbbbbbbbbbbbbb"
)

// clock is a settable time source for session expiry.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newAuth(t *testing.T, cfg Config) (*Authenticator, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
	if cfg.Now == nil {
		cfg.Now = c.now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return a, c
}

// protected wraps a handler that records whether it ran and as whom.
func protected(a *Authenticator) (http.Handler, *Editor, *bool) {
	var ed Editor
	var ran bool
	h := a.RequireEditor(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ran = true
		ed, _ = EditorFrom(r.Context())
		io.WriteString(w, "ok:"+r.PostFormValue("title"))
	}))
	return h, &ed, &ran
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// errorCode decodes the API error envelope.
func errorCode(t *testing.T, w *httptest.ResponseRecorder) (code, msg string) {
	t.Helper()
	var body struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %q is not the JSON error envelope: %v", w.Body, err)
	}
	return body.Error.Code, body.Error.Message
}

func TestDisabledRefusesEverything(t *testing.T) {
	a, _ := newAuth(t, Config{})
	if a.Enabled() {
		t.Fatal("Enabled with no tokens")
	}
	h, _, ran := protected(a)
	for _, path := range []string{"/api/v1/articles", "/editor/articles"} {
		r := httptest.NewRequest("POST", path, nil)
		r.Header.Set("Authorization", "Bearer "+tokenA)
		w := serve(h, r)
		if w.Code != http.StatusUnauthorized || *ran {
			t.Fatalf("%s: status %d, ran %v; want 401 without running", path, w.Code, *ran)
		}
		if !strings.Contains(w.Body.String(), EnvTokens) || !strings.Contains(w.Body.String(), EnvTokensFile) {
			t.Errorf("%s: refusal %q does not say how to configure a token", path, w.Body)
		}
	}
	if _, err := a.Login(httptest.NewRecorder(), httptest.NewRequest("POST", "/editor/login", nil), tokenA); err == nil {
		t.Error("Login succeeded with writes disabled")
	}
}

func TestBearer(t *testing.T) {
	a, _ := newAuth(t, Config{Tokens: []string{tokenA, tokenB}})
	h, ed, ran := protected(a)
	tests := []struct {
		name, header string
		status       int
	}{
		{"none", "", 401},
		{"wrong", "Bearer " + tokenA[:len(tokenA)-1] + "x", 401},
		{"prefix", "Bearer " + tokenA[:len(tokenA)-1], 401},
		{"longer", "Bearer " + tokenA + "a", 401},
		{"basic scheme", "Basic " + tokenA, 401},
		{"no token", "Bearer ", 401},
		{"valid A", "Bearer " + tokenA, 200},
		{"valid B, lowercase scheme", "bearer " + tokenB, 200},
	}
	fingerprints := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			*ran = false
			r := httptest.NewRequest("DELETE", "/api/v1/articles/x", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			w := serve(h, r)
			if w.Code != tt.status || *ran != (tt.status == 200) {
				t.Fatalf("status %d, ran %v; want %d", w.Code, *ran, tt.status)
			}
			if tt.status == 401 {
				if code, _ := errorCode(t, w); code != "unauthorized" {
					t.Errorf("code %q, want unauthorized", code)
				}
				if w.Header().Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
				return
			}
			if ed.Method != "token" || ed.Token == "" || strings.Contains(tokenA+tokenB, ed.Token) {
				t.Errorf("editor %+v: want method token and a fingerprint that is not part of a token", *ed)
			}
			fingerprints[ed.Token] = true
		})
	}
	if len(fingerprints) != 2 {
		t.Errorf("fingerprints %v: want one per token", fingerprints)
	}
}

func TestCrossOriginRefusedEvenWithToken(t *testing.T) {
	a, _ := newAuth(t, Config{Tokens: []string{tokenA}})
	h, _, ran := protected(a)
	for _, hdr := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Sec-Fetch-Site": "same-site"},
		{"Origin": "https://evil.example"},
		{"Origin": "null"},
	} {
		r := httptest.NewRequest("POST", "http://shuttle.test/api/v1/ingest", nil)
		r.Header.Set("Authorization", "Bearer "+tokenA)
		for k, v := range hdr {
			r.Header.Set(k, v)
		}
		w := serve(h, r)
		if w.Code != http.StatusForbidden || *ran {
			t.Errorf("%v: status %d, ran %v; want 403", hdr, w.Code, *ran)
		}
	}
	// A same-origin browser request and a GET pass.
	r := httptest.NewRequest("POST", "http://shuttle.test/api/v1/ingest", nil)
	r.Header.Set("Authorization", "Bearer "+tokenA)
	r.Header.Set("Origin", "http://shuttle.test")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	if w := serve(h, r); w.Code != 200 {
		t.Errorf("same-origin: status %d, want 200", w.Code)
	}
}

// login signs in through Login and returns the cookie and the CSRF token.
func login(t *testing.T, a *Authenticator, r *http.Request) (*http.Cookie, Session) {
	t.Helper()
	w := httptest.NewRecorder()
	sess, err := a.Login(w, r, tokenA)
	if err != nil {
		t.Fatal(err)
	}
	cookies := w.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Name != CookieName {
		t.Fatalf("cookies %v: want one %s", cookies, CookieName)
	}
	return cookies[0], sess
}

// forge changes the token's last character (to one it is not: a fixed
// replacement equals the token once in 64 runs).
func forge(token string) string {
	last := "A"
	if strings.HasSuffix(token, last) {
		last = "B"
	}
	return token[:len(token)-1] + last
}

func TestSessionAndCSRF(t *testing.T) {
	a, _ := newAuth(t, Config{Tokens: []string{tokenA}, LoginPath: "/editor/login"})
	c, sess := login(t, a, httptest.NewRequest("POST", "/editor/login", nil))
	if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Secure {
		t.Errorf("cookie %+v: want HttpOnly, SameSite=Strict, Path=/, not Secure over plain HTTP", c)
	}
	h, ed, ran := protected(a)
	form := func(csrf string) *http.Request {
		v := url.Values{"title": {"hello"}}
		if csrf != "" {
			v.Set(CSRFField, csrf)
		}
		r := httptest.NewRequest("POST", "/editor/articles", strings.NewReader(v.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.AddCookie(c)
		return r
	}
	tests := []struct {
		name   string
		req    *http.Request
		status int
	}{
		{"GET needs no CSRF", func() *http.Request { r := httptest.NewRequest("GET", "/editor/", nil); r.AddCookie(c); return r }(), 200},
		{"missing CSRF", form(""), 403},
		{"forged CSRF", form(forge(sess.CSRFToken)), 403},
		{"other session's CSRF", form(newID()), 403},
		{"form CSRF", form(sess.CSRFToken), 200},
		{"header CSRF", func() *http.Request {
			r := httptest.NewRequest("PUT", "/api/v1/articles/x", strings.NewReader("---\n"))
			r.Header.Set(CSRFHeader, sess.CSRFToken)
			r.AddCookie(c)
			return r
		}(), 200},
		{"unknown cookie", func() *http.Request {
			r := httptest.NewRequest("POST", "/editor/articles", nil)
			r.AddCookie(&http.Cookie{Name: CookieName, Value: newID()})
			r.Header.Set(CSRFHeader, sess.CSRFToken)
			return r
		}(), 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			*ran = false
			w := serve(h, tt.req)
			if w.Code != tt.status || *ran != (tt.status == 200) {
				t.Fatalf("status %d, ran %v, body %q; want %d", w.Code, *ran, w.Body, tt.status)
			}
			if tt.status != 200 && strings.HasPrefix(tt.req.URL.Path, "/editor/") {
				if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(w.Body.String(), `href="/editor/login"`) {
					t.Errorf("HTML refusal: Content-Type %q, body %q; want HTML linking the login page", ct, w.Body)
				}
			}
			if tt.status == 200 && ed.Method != "session" {
				t.Errorf("editor %+v, want method session", *ed)
			}
		})
	}
	// The handler still sees the form that the CSRF check parsed.
	if w := serve(h, form(sess.CSRFToken)); w.Body.String() != "ok:hello" {
		t.Errorf("body %q: the form did not reach the handler", w.Body)
	}
}

func TestSessionExpiry(t *testing.T) {
	a, clk := newAuth(t, Config{Tokens: []string{tokenA}, SessionTTL: time.Hour})
	c, sess := login(t, a, httptest.NewRequest("POST", "/editor/login", nil))
	h, _, _ := protected(a)
	req := func() *http.Request {
		r := httptest.NewRequest("POST", "/api/v1/ingest", nil)
		r.AddCookie(c)
		r.Header.Set(CSRFHeader, sess.CSRFToken)
		return r
	}
	clk.add(time.Hour - time.Second)
	if w := serve(h, req()); w.Code != 200 {
		t.Fatalf("just before expiry: status %d, want 200", w.Code)
	}
	clk.add(time.Second)
	if w := serve(h, req()); w.Code != 401 {
		t.Fatalf("at expiry: status %d, want 401", w.Code)
	}
	if n := a.sessions.len(); n != 0 {
		t.Errorf("%d sessions left after expiry, want 0", n)
	}
}

func TestLoginEndsPreviousSessionAndLogout(t *testing.T) {
	a, _ := newAuth(t, Config{Tokens: []string{tokenA}})
	old, _ := login(t, a, httptest.NewRequest("POST", "/editor/login", nil))
	r := httptest.NewRequest("POST", "/editor/login", nil)
	r.AddCookie(old)
	fresh, _ := login(t, a, r)
	if fresh.Value == old.Value {
		t.Fatal("login reused the session id")
	}
	if _, ok := a.session(t.Context(), old.Value); ok {
		t.Error("the session before login still works (fixation)")
	}
	r = httptest.NewRequest("POST", "/editor/logout", nil)
	r.AddCookie(fresh)
	w := httptest.NewRecorder()
	a.Logout(w, r)
	if _, ok := a.session(t.Context(), fresh.Value); ok {
		t.Error("session still valid after logout")
	}
	if cs := w.Result().Cookies(); len(cs) != 1 || cs[0].MaxAge >= 0 {
		t.Errorf("logout cookies %v: want one that deletes the session cookie", cs)
	}
}

func TestWrongLogin(t *testing.T) {
	a, _ := newAuth(t, Config{Tokens: []string{tokenA}})
	w := httptest.NewRecorder()
	if _, err := a.Login(w, httptest.NewRequest("POST", "/editor/login", nil), tokenB); err == nil {
		t.Fatal("wrong token signed in")
	}
	if len(w.Result().Cookies()) != 0 || a.sessions.len() != 0 {
		t.Error("a failed login set a cookie or created a session")
	}
}

func TestSecureCookie(t *testing.T) {
	tests := []struct {
		name  string
		trust bool
		tls   bool
		proto string
		want  bool
	}{
		{"plain", false, false, "", false},
		{"TLS", false, true, "", true},
		{"forwarded, untrusted", false, false, "https", false},
		{"forwarded, trusted", true, false, "https", true},
		{"trusted, http", true, false, "http", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := newAuth(t, Config{Tokens: []string{tokenA}, TrustForwardedProto: tt.trust})
			r := httptest.NewRequest("POST", "/editor/login", nil)
			if tt.tls {
				r = httptest.NewRequest("POST", "https://shuttle.test/editor/login", nil)
			}
			if tt.proto != "" {
				r.Header.Set("X-Forwarded-Proto", tt.proto)
			}
			if c, _ := login(t, a, r); c.Secure != tt.want {
				t.Errorf("Secure = %v, want %v", c.Secure, tt.want)
			}
		})
	}
}

func TestFormTooLarge(t *testing.T) {
	a, _ := newAuth(t, Config{Tokens: []string{tokenA}, MaxFormBytes: 1024})
	c, sess := login(t, a, httptest.NewRequest("POST", "/editor/login", nil))
	h, _, ran := protected(a)
	body := CSRFField + "=" + sess.CSRFToken + "&markdown=" + strings.Repeat("x", 2048)
	r := httptest.NewRequest("POST", "/editor/articles", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.AddCookie(c)
	if w := serve(h, r); w.Code != http.StatusRequestEntityTooLarge || *ran {
		t.Fatalf("status %d, ran %v; want 413", w.Code, *ran)
	}
}

func TestSessionTableBounded(t *testing.T) {
	a, clk := newAuth(t, Config{Tokens: []string{tokenA}, MaxSessions: 3})
	var cookies []*http.Cookie
	for range 5 {
		c, _ := login(t, a, httptest.NewRequest("POST", "/editor/login", nil))
		cookies = append(cookies, c)
		clk.add(time.Minute)
	}
	if n := a.sessions.len(); n != 3 {
		t.Fatalf("%d sessions, want 3", n)
	}
	if _, ok := a.session(t.Context(), cookies[0].Value); ok {
		t.Error("the oldest session survived eviction")
	}
	if _, ok := a.session(t.Context(), cookies[4].Value); !ok {
		t.Error("the newest session was evicted")
	}
}

func TestTokenConfig(t *testing.T) {
	if got := ParseTokenList(" a , ,b,"); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("ParseTokenList = %q", got)
	}
	file := filepath.Join(t.TempDir(), "tokens")
	os.WriteFile(file, []byte("# alice\n"+tokenA+"\n\n  "+tokenB+"  \r\n"), 0o600)
	env := map[string]string{EnvTokens: tokenA + ",", EnvTokensFile: file, EnvTrustForwardedProto: "true"}
	cfg, err := ConfigFromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cfg.Tokens, []string{tokenA, tokenA, tokenB}) || !cfg.TrustForwardedProto {
		t.Errorf("config %+v", cfg)
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.tokens) != 2 {
		t.Errorf("%d token hashes, want 2 (duplicates dropped)", len(a.tokens))
	}

	empty := filepath.Join(t.TempDir(), "empty")
	os.WriteFile(empty, []byte("# nobody yet\n"), 0o600)
	for _, path := range []string{empty, filepath.Join(t.TempDir(), "missing")} {
		if _, err := LoadTokens(func(k string) string { return map[string]string{EnvTokensFile: path}[k] }); err == nil {
			t.Errorf("LoadTokens(%s) did not fail", path)
		}
	}
	for _, bad := range []string{"short", "has space in the middle!!", "comma,inside-a-long-token", "nul\x00inside-a-long-token"} {
		if _, err := New(Config{Tokens: []string{bad}}); err == nil {
			t.Errorf("New accepted token %q", bad)
		}
	}
}

func TestParseBearer(t *testing.T) {
	tests := []struct {
		in, tok string
		ok      bool
	}{
		{"Bearer abc", "abc", true},
		{"BEARER  abc", "abc", true},
		{"Bearer", "", false},
		{"Bearer ", "", false},
		{"Bearer a b", "", false},
		{"Basic abc", "", false},
		{"Bearerabc", "", false},
		{"Bearer a\tb", "", false},
		{"Bearer " + strings.Repeat("a", maxTokenLen+1), "", false},
	}
	for _, tt := range tests {
		if tok, ok := ParseBearer(tt.in); tok != tt.tok || ok != tt.ok {
			t.Errorf("ParseBearer(%q) = %q, %v; want %q, %v", tt.in, tok, ok, tt.tok, tt.ok)
		}
	}
}

func TestParseSessionID(t *testing.T) {
	id := newID()
	if got, ok := ParseSessionID(id); !ok || got != id {
		t.Errorf("ParseSessionID(newID()) = %q, %v", got, ok)
	}
	for _, bad := range []string{"", id[1:], id + "a", id[:42] + "=", id[:42] + "/", id[:42] + "é"[:1]} {
		if _, ok := ParseSessionID(bad); ok {
			t.Errorf("ParseSessionID(%q) accepted", bad)
		}
	}
}
