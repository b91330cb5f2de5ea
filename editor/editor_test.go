package editor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/auth"
	"github.com/shuttlenews/shuttle/content"
	"github.com/shuttlenews/shuttle/sqlite"
)

const token = "test-editor-token-0123456789abcdef"

const existingMD = `---
title: An existing story
date: 2024-03-01
summary: Already published.
---
Ministers met in Paris, France.
`

const newMD = `---
title: Allies meet in Brussels
date: 2024-04-04
summary: One sentence.
tag: {type: Multilateral Organization, name: NATO}
---
Foreign ministers met in Brussels, and France spoke first.
`

// env is one editor server on a real SQLite store.
type env struct {
	t       *testing.T
	store   *sqlite.DB
	auth    *auth.Authenticator
	srv     *httptest.Server
	clock   *clock
	mu      sync.Mutex
	ingests int
	polls   int
	changes int
}

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

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// newEnv starts a server whose store holds the article "an-existing-story".
// tokens nil means writes are disabled; opts change the auth.Config.
func newEnv(t *testing.T, tokens []string, opts ...func(*auth.Config)) *env {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "shuttle.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{t: t, store: st, clock: &clock{t: time.Now()}} // real time: a cookie jar drops cookies that expired by the wall clock
	cfg := auth.Config{Tokens: tokens, LoginPath: LoginPath, Now: e.clock.now, SessionTTL: time.Hour, Logger: quiet}
	for _, o := range opts {
		o(&cfg)
	}
	e.auth, err = auth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Auth: e.auth, Logger: quiet, Now: e.clock.now, Actions: Actions{
		Store:  st,
		Enrich: fakeEnrich,
		Ingest: func(ctx context.Context) (shuttle.Version, error) {
			e.mu.Lock()
			defer e.mu.Unlock()
			e.ingests++
			return shuttle.Version{ID: int64(e.ingests + 1), Trips: 7531}, nil
		},
		PollFeeds: func(ctx context.Context) (int, error) {
			e.mu.Lock()
			defer e.mu.Unlock()
			e.polls++
			return 2, nil
		},
		ArticlesChanged: func() { e.mu.Lock(); e.changes++; e.mu.Unlock() },
	}}
	mux := http.NewServeMux()
	s.Register(mux)
	e.srv = httptest.NewServer(mux)
	t.Cleanup(e.srv.Close)
	a, err := s.parse("an-existing-story.md", []byte(existingMD))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.PutArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	return e
}

// fakeEnrich stands in for enrich: it fills unset fields from the text, as
// the real one does, so that overrides can be told apart.
func fakeEnrich(a *shuttle.Article) {
	a.Countries = nil
	if strings.Contains(a.Body, "France") {
		a.Countries = []string{"FR"}
		if a.Tag == nil {
			a.Tag = &shuttle.Tag{Type: "Country", Name: "France"}
		}
	}
	if a.Insight == nil {
		a.Insight = &shuttle.InsightRef{ID: "momentum", Params: map[string]string{"role": "secretary"}}
	}
}

// state is everything a write could change.
type state struct {
	Articles                string
	Ingests, Polls, Changes int
}

func (e *env) state() state {
	e.t.Helper()
	as, err := e.store.Articles(context.Background(), shuttle.ArticleFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	b, _ := json.Marshal(as)
	e.mu.Lock()
	defer e.mu.Unlock()
	return state{string(b), e.ingests, e.polls, e.changes}
}

// do sends a request with optional headers; redirects are not followed.
func (e *env) do(method, path, ctype, body string, hdr map[string]string, cookies ...*http.Cookie) *http.Response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	return res
}

func readBody(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// login signs in directly through the Authenticator and returns the cookie
// and the CSRF token a browser would have.
func (e *env) login() (*http.Cookie, string) {
	e.t.Helper()
	res := e.do("POST", LoginPath, "application/x-www-form-urlencoded", url.Values{"token": {token}}.Encode(), nil)
	readBody(e.t, res)
	if res.StatusCode != http.StatusSeeOther || len(res.Cookies()) != 1 {
		e.t.Fatalf("login: %d with cookies %v", res.StatusCode, res.Cookies())
	}
	c := res.Cookies()[0]
	r := httptest.NewRequest("GET", "/", nil)
	r.AddCookie(c)
	sess, ok := e.auth.Session(r)
	if !ok {
		e.t.Fatal("no session after login")
	}
	return c, sess.CSRFToken
}

// writeRoute is one write, as a program (bearer) or a browser (form) sends it.
type writeRoute struct {
	name, method, path, ctype, body string
	ok                              int // status with valid credentials
	form                            bool
}

func formBody(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v.Encode()
}

const formType = "application/x-www-form-urlencoded"

func writeRoutes() []writeRoute {
	jsonBody, _ := json.Marshal(map[string]string{"markdown": newMD})
	updated := strings.Replace(existingMD, "An existing story", "An updated story", 1)
	return []writeRoute{
		{"API create markdown", "POST", "/api/v1/articles", "text/markdown", newMD, 201, false},
		{"API create JSON", "POST", "/api/v1/articles", "application/json", string(jsonBody), 201, false},
		{"API update", "PUT", "/api/v1/articles/an-existing-story", "text/markdown; charset=utf-8", updated, 200, false},
		{"API delete", "DELETE", "/api/v1/articles/an-existing-story", "", "", 204, false},
		{"API ingest", "POST", "/api/v1/ingest", "", "", 200, false},
		{"API poll", "POST", "/api/v1/feeds/poll", "", "", 200, false},
		{"form create", "POST", "/editor/articles", formType, formBody("markdown", newMD), 303, true},
		{"form update", "POST", "/editor/articles/an-existing-story", formType, formBody("markdown", updated), 303, true},
		{"form delete", "POST", "/editor/articles/an-existing-story/delete", formType, "", 303, true},
		{"form ingest", "POST", "/editor/ingest", formType, "", 303, true},
		{"form poll", "POST", "/editor/feeds/poll", formType, "", 303, true},
		{"form logout", "POST", "/editor/logout", formType, "", 303, true},
	}
}

// withCSRF adds the CSRF field to a form body.
func withCSRF(body, csrf string) string {
	if body == "" {
		return formBody(auth.CSRFField, csrf)
	}
	return body + "&" + formBody(auth.CSRFField, csrf)
}

// manyFailures lets a test fail more often than auth.DefaultMaxFailures
// without meeting the throttle, which TestThrottle tests.
func manyFailures(c *auth.Config) { c.MaxFailures = 1 << 20 }

func TestWritesRefusedWithoutValidCredentials(t *testing.T) {
	e := newEnv(t, []string{token}, manyFailures)
	cookie, csrf := e.login()
	other := newEnv(t, []string{token})
	_, otherCSRF := other.login() // a real token, of another session
	for _, rt := range writeRoutes() {
		cases := []struct {
			name    string
			hdr     map[string]string
			body    string
			cookies []*http.Cookie
			want    int
		}{
			{"no credentials", nil, rt.body, nil, 401},
			{"wrong token", map[string]string{"Authorization": "Bearer " + token + "x"}, rt.body, nil, 401},
			{"malformed header", map[string]string{"Authorization": token}, rt.body, nil, 401},
			{"cookie without CSRF", nil, rt.body, []*http.Cookie{cookie}, 403},
			{"cookie with forged CSRF", map[string]string{auth.CSRFHeader: csrf[:len(csrf)-2] + "xx"}, rt.body, []*http.Cookie{cookie}, 403},
			{"cookie with another session's CSRF", map[string]string{auth.CSRFHeader: otherCSRF}, rt.body, []*http.Cookie{cookie}, 403},
			{"forged cookie", map[string]string{auth.CSRFHeader: csrf}, rt.body, []*http.Cookie{{Name: auth.CookieName, Value: strings.Repeat("A", 43)}}, 401},
			{"cross-site with token", map[string]string{"Authorization": "Bearer " + token, "Sec-Fetch-Site": "cross-site"}, rt.body, nil, 403},
			{"foreign Origin with token", map[string]string{"Authorization": "Bearer " + token, "Origin": "https://evil.example"}, rt.body, nil, 403},
			{"cross-site with cookie and CSRF", map[string]string{"Sec-Fetch-Site": "cross-site"}, withCSRF(rt.body, csrf), []*http.Cookie{cookie}, 403},
		}
		if rt.form {
			cases = append(cases, struct {
				name    string
				hdr     map[string]string
				body    string
				cookies []*http.Cookie
				want    int
			}{"cookie with forged CSRF field", nil, withCSRF(rt.body, strings.Repeat("A", len(csrf))), []*http.Cookie{cookie}, 403})
		}
		for _, c := range cases {
			t.Run(rt.name+"/"+c.name, func(t *testing.T) {
				before := e.state()
				res := e.do(rt.method, rt.path, rt.ctype, c.body, c.hdr, c.cookies...)
				body := readBody(t, res)
				if res.StatusCode != c.want {
					t.Fatalf("status %d, want %d; body %s", res.StatusCode, c.want, body)
				}
				if after := e.state(); !reflect.DeepEqual(before, after) {
					t.Errorf("a refused request changed the state:\nbefore %+v\nafter  %+v", before, after)
				}
				isJSON := strings.HasPrefix(res.Header.Get("Content-Type"), "application/json")
				if strings.HasPrefix(rt.path, "/api/") != isJSON {
					t.Errorf("Content-Type %q for %s", res.Header.Get("Content-Type"), rt.path)
				}
			})
		}
	}
	// The session still works: the refusals did not end it.
	res := e.do("GET", "/editor/", "", "", nil, cookie)
	if readBody(t, res); res.StatusCode != 200 {
		t.Errorf("list page after refusals: %d", res.StatusCode)
	}
}

func TestWritesDisabledWithoutTokens(t *testing.T) {
	e := newEnv(t, nil)
	for _, rt := range writeRoutes() {
		before := e.state()
		res := e.do(rt.method, rt.path, rt.ctype, rt.body, map[string]string{"Authorization": "Bearer " + token})
		body := readBody(t, res)
		if res.StatusCode != 401 || !strings.Contains(body, auth.EnvTokens) {
			t.Errorf("%s: %d %q; want 401 saying how to configure a token", rt.name, res.StatusCode, body)
		}
		if after := e.state(); !reflect.DeepEqual(before, after) {
			t.Errorf("%s changed the state", rt.name)
		}
	}
	res := e.do("GET", LoginPath, "", "", nil)
	if body := readBody(t, res); !strings.Contains(body, "SHUTTLE_EDITOR_TOKENS_FILE") || strings.Contains(body, `name="token"`) {
		t.Errorf("login page without tokens should explain and show no form: %s", body)
	}
}

func TestWritesWithValidCredentials(t *testing.T) {
	for _, rt := range writeRoutes() {
		for _, via := range []string{"token", "session"} {
			t.Run(rt.name+"/"+via, func(t *testing.T) {
				e := newEnv(t, []string{token})
				before := e.state()
				var res *http.Response
				if via == "token" {
					res = e.do(rt.method, rt.path, rt.ctype, rt.body, map[string]string{"Authorization": "Bearer " + token})
				} else {
					cookie, csrf := e.login()
					hdr := map[string]string{"Origin": e.srv.URL, "Sec-Fetch-Site": "same-origin"}
					body := rt.body
					if rt.form {
						body = withCSRF(body, csrf)
					} else {
						hdr[auth.CSRFHeader] = csrf
					}
					res = e.do(rt.method, rt.path, rt.ctype, body, hdr, cookie)
				}
				body := readBody(t, res)
				if res.StatusCode != rt.ok {
					t.Fatalf("status %d, want %d: %s", res.StatusCode, rt.ok, body)
				}
				checkEffect(t, e, rt, before, res)
			})
		}
	}
}

// checkEffect asserts that a successful write did what it says.
func checkEffect(t *testing.T, e *env, rt writeRoute, before state, res *http.Response) {
	t.Helper()
	after := e.state()
	ctx := context.Background()
	switch {
	case strings.Contains(rt.name, "create"):
		a, err := e.store.Article(ctx, "allies-meet-in-brussels")
		if err != nil {
			t.Fatalf("created article: %v", err)
		}
		if a.Tag == nil || a.Tag.Name != "NATO" || a.Source != "editor" || !reflect.DeepEqual(a.Countries, []string{"FR"}) {
			t.Errorf("created article %+v: want the NATO override, enriched countries, source editor", a)
		}
		if loc := res.Header.Get("Location"); !strings.HasSuffix(loc, "allies-meet-in-brussels") && !strings.Contains(loc, "allies-meet-in-brussels?") {
			t.Errorf("Location %q", loc)
		}
		if after.Changes != before.Changes+1 {
			t.Errorf("ArticlesChanged called %d times, want 1", after.Changes-before.Changes)
		}
	case strings.Contains(rt.name, "update"):
		a, err := e.store.Article(ctx, "an-existing-story")
		if err != nil || a.Title != "An updated story" {
			t.Errorf("after update: %q, %v", a.Title, err)
		}
	case strings.Contains(rt.name, "delete"):
		if _, err := e.store.Article(ctx, "an-existing-story"); shuttle.ErrorCode(err) != shuttle.ENOTFOUND {
			t.Errorf("after delete: %v, want not found", err)
		}
	case strings.Contains(rt.name, "ingest"):
		if after.Ingests != before.Ingests+1 {
			t.Errorf("ingests %d → %d", before.Ingests, after.Ingests)
		}
	case strings.Contains(rt.name, "poll"):
		if after.Polls != before.Polls+1 || after.Changes != before.Changes+1 {
			t.Errorf("polls %d → %d, changes %d → %d", before.Polls, after.Polls, before.Changes, after.Changes)
		}
	case strings.Contains(rt.name, "logout"):
		if n := len(res.Cookies()); n != 1 || res.Cookies()[0].MaxAge >= 0 {
			t.Errorf("logout set cookies %v", res.Cookies())
		}
	}
}

// csrfField finds the hidden CSRF field in a page, as a browser would submit it.
var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func TestBrowserFlow(t *testing.T) {
	e := newEnv(t, []string{token})
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	get := func(path string) (string, *http.Response) {
		res, err := client.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		return readBody(t, res), res
	}
	post := func(path string, form url.Values) (string, *http.Response) {
		res, err := client.PostForm(e.srv.URL+path, form)
		if err != nil {
			t.Fatal(err)
		}
		return readBody(t, res), res
	}

	body, res := get("/editor/")
	if res.Request.URL.Path != LoginPath || !strings.Contains(body, `name="token"`) {
		t.Fatalf("unsigned visit ended at %s without a login form", res.Request.URL)
	}
	body, res = post(LoginPath, url.Values{"token": {"not-the-token-at-all-000000"}})
	if res.StatusCode != 401 || !strings.Contains(body, "wrong editor token") {
		t.Fatalf("wrong login: %d %s", res.StatusCode, body)
	}
	if len(jar.Cookies(res.Request.URL)) != 0 {
		t.Fatal("a wrong login left a cookie")
	}
	body, res = post(LoginPath, url.Values{"token": {token}})
	if res.StatusCode != 200 || res.Request.URL.Path != Prefix || !strings.Contains(body, "An existing story") {
		t.Fatalf("after login: %d at %s", res.StatusCode, res.Request.URL)
	}

	body, _ = get("/editor/new")
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no CSRF field on the new-article page")
	}
	csrf := m[1]
	body, res = post("/editor/articles", url.Values{"markdown": {strings.ReplaceAll(newMD, "\n", "\r\n")}, auth.CSRFField: {csrf}})
	if res.StatusCode != 200 || res.Request.URL.Path != "/editor/articles/allies-meet-in-brussels" || !strings.Contains(body, "Article saved.") {
		t.Fatalf("create: %d at %s", res.StatusCode, res.Request.URL)
	}
	if _, err := e.store.Article(context.Background(), "allies-meet-in-brussels"); err != nil {
		t.Fatalf("not stored: %v", err)
	}

	// The edit page shows the source; saving it back changes the title only.
	m = regexp.MustCompile(`(?s)<textarea[^>]*>(.*?)</textarea>`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(m[1], "title: Allies meet in Brussels") {
		t.Fatalf("edit page textarea: %v", m)
	}
	// HTML drops the newline right after <textarea>, and so does a browser.
	src := strings.Replace(htmlUnescape(strings.TrimPrefix(m[1], "\n")), "Allies meet in Brussels", "Allies meet again", 1)
	if _, res = post("/editor/articles/allies-meet-in-brussels", url.Values{"markdown": {src}, auth.CSRFField: {csrf}}); res.StatusCode != 200 {
		t.Fatalf("update: %d", res.StatusCode)
	}
	if a, _ := e.store.Article(context.Background(), "allies-meet-in-brussels"); a.Title != "Allies meet again" || a.Tag == nil || a.Tag.Name != "NATO" {
		t.Fatalf("after update: %+v", a)
	}

	// A bad article comes back with the text and the reason.
	body, res = post("/editor/articles", url.Values{"markdown": {"---\ndate: 2024-01-01\n---\nno title"}, auth.CSRFField: {csrf}})
	if res.StatusCode != 400 || !strings.Contains(body, "line 1: title is required") || !strings.Contains(body, "no title") {
		t.Fatalf("bad article: %d %s", res.StatusCode, body)
	}

	if _, res = post("/editor/articles/allies-meet-in-brussels/delete", url.Values{auth.CSRFField: {csrf}}); res.StatusCode != 200 {
		t.Fatalf("delete: %d", res.StatusCode)
	}
	if _, err := e.store.Article(context.Background(), "allies-meet-in-brussels"); shuttle.ErrorCode(err) != shuttle.ENOTFOUND {
		t.Fatalf("after delete: %v", err)
	}

	if body, res = post("/editor/logout", url.Values{auth.CSRFField: {csrf}}); res.Request.URL.Path != LoginPath || !strings.Contains(body, "Signed out.") {
		t.Fatalf("logout ended at %s", res.Request.URL)
	}
	before := e.state()
	if _, res = post("/editor/articles", url.Values{"markdown": {newMD}, auth.CSRFField: {csrf}}); res.StatusCode != 401 {
		t.Fatalf("post after logout: %d, want 401", res.StatusCode)
	}
	if !reflect.DeepEqual(before, e.state()) {
		t.Error("a post after logout changed the state")
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&amp;", "&").Replace(s)
}

func TestSessionExpires(t *testing.T) {
	e := newEnv(t, []string{token})
	cookie, csrf := e.login()
	e.clock.add(59 * time.Minute)
	res := e.do("POST", "/editor/ingest", formType, withCSRF("", csrf), nil, cookie)
	if readBody(t, res); res.StatusCode != 303 {
		t.Fatalf("before expiry: %d", res.StatusCode)
	}
	e.clock.add(time.Minute)
	before := e.state()
	res = e.do("POST", "/editor/ingest", formType, withCSRF("", csrf), nil, cookie)
	if readBody(t, res); res.StatusCode != 401 {
		t.Fatalf("after expiry: %d, want 401", res.StatusCode)
	}
	if !reflect.DeepEqual(before, e.state()) {
		t.Error("an expired session changed the state")
	}
	if res = e.do("GET", "/editor/", "", "", nil, cookie); res.StatusCode != 303 || res.Header.Get("Location") != LoginPath {
		t.Errorf("list page after expiry: %d to %q, want a redirect to the login", res.StatusCode, res.Header.Get("Location"))
	}
}

func bearer() map[string]string { return map[string]string{"Authorization": "Bearer " + token} }

func TestAPIErrors(t *testing.T) {
	e := newEnv(t, []string{token})
	big := "---\ntitle: Big\ndate: 2024-01-01\n---\n" + strings.Repeat("word ", MaxArticleBytes/5)
	bigJSON, _ := json.Marshal(map[string]string{"markdown": big})
	tests := []struct {
		name, method, path, ctype, body string
		status                          int
		code, msg                       string
	}{
		{"bad front matter", "POST", "/api/v1/articles", "text/markdown", "---\ntitle: x\ndate: someday\n---\n", 400, "invalid", "line 3"},
		{"unknown key", "POST", "/api/v1/articles", "text/markdown", "---\ntitle: x\ndate: 2024-01-01\ntags: [a]\n---\n", 400, "invalid", `unknown key "tags"`},
		{"no front matter", "POST", "/api/v1/articles", "text/markdown", "just text", 400, "invalid", "front matter"},
		{"no content type", "POST", "/api/v1/articles", "", newMD, 415, "unsupported_media_type", "text/markdown"},
		{"bad JSON", "POST", "/api/v1/articles", "application/json", `{"md": "x"}`, 400, "invalid", "markdown"},
		{"duplicate slug", "POST", "/api/v1/articles", "text/markdown", existingMD, 409, "conflict", "an-existing-story"},
		{"too large", "POST", "/api/v1/articles", "text/markdown", big, 413, "too_large", "larger than 1024 KiB"},
		{"too large in JSON", "POST", "/api/v1/articles", "application/json", string(bigJSON), 413, "too_large", "larger than 1024 KiB"},
		{"rename by PUT", "PUT", "/api/v1/articles/an-existing-story", "text/markdown", strings.Replace(existingMD, "---\ntitle", "---\nslug: other\ntitle", 1), 400, "invalid", "differs"},
		{"PUT bad slug", "PUT", "/api/v1/articles/Not_A_Slug", "text/markdown", existingMD, 400, "invalid", "not a slug"},
		{"delete missing", "DELETE", "/api/v1/articles/no-such-story", "", "", 404, "not_found", "no-such-story"},
		{"get missing", "GET", "/api/v1/articles/no-such-story", "", "", 404, "not_found", "no-such-story"},
		{"list unknown parameter", "GET", "/api/v1/articles?contry=FR", "", "", 400, "invalid", "contry"},
		{"list bad limit", "GET", "/api/v1/articles?limit=0", "", "", 400, "invalid", "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := e.state()
			res := e.do(tt.method, tt.path, tt.ctype, tt.body, bearer())
			var body struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal([]byte(readBody(t, res)), &body); err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != tt.status || body.Error.Code != tt.code || !strings.Contains(body.Error.Message, tt.msg) {
				t.Errorf("got %d %+v; want %d %s containing %q", res.StatusCode, body.Error, tt.status, tt.code, tt.msg)
			}
			if !reflect.DeepEqual(before, e.state()) {
				t.Error("a failed request changed the state")
			}
		})
	}
}

func TestFormTooLarge(t *testing.T) {
	e := newEnv(t, []string{token})
	cookie, csrf := e.login()
	before := e.state()
	body := withCSRF(formBody("markdown", strings.Repeat("x", auth.DefaultMaxFormBytes)), csrf)
	res := e.do("POST", "/editor/articles", formType, body, nil, cookie)
	if readBody(t, res); res.StatusCode != 413 {
		t.Fatalf("status %d, want 413", res.StatusCode)
	}
	if !reflect.DeepEqual(before, e.state()) {
		t.Error("an oversized form changed the state")
	}
}

func TestPublicReads(t *testing.T) {
	e := newEnv(t, []string{token})
	res := e.do("POST", "/api/v1/articles", "text/markdown", newMD+"\n<script>alert(1)</script>\n", bearer())
	if readBody(t, res); res.StatusCode != 201 {
		t.Fatalf("create: %d", res.StatusCode)
	}
	var list struct {
		Articles []map[string]any `json:"articles"`
	}
	res = e.do("GET", "/api/v1/articles?country=fr&limit=1", "", "", nil)
	if err := json.Unmarshal([]byte(readBody(t, res)), &list); err != nil || res.StatusCode != 200 {
		t.Fatalf("list: %d %v", res.StatusCode, err)
	}
	if len(list.Articles) != 1 || list.Articles[0]["slug"] != "allies-meet-in-brussels" || list.Articles[0]["body"] != nil {
		t.Errorf("list %v: want the newest article, without its body", list.Articles)
	}
	var one struct{ Article shuttle.Article }
	res = e.do("GET", "/api/v1/articles/allies-meet-in-brussels", "", "", nil)
	if err := json.Unmarshal([]byte(readBody(t, res)), &one); err != nil || res.StatusCode != 200 {
		t.Fatalf("get: %d %v", res.StatusCode, err)
	}
	if strings.Contains(one.Article.HTML, "<script") || !strings.Contains(one.Article.HTML, "Brussels") {
		t.Errorf("HTML not rendered or not sanitised: %s", one.Article.HTML)
	}
}

func TestIngestBusyAndFailing(t *testing.T) {
	e := newEnv(t, []string{token})
	release := make(chan struct{})
	started := make(chan struct{})
	s := &Server{Auth: e.auth, Logger: quiet, Actions: Actions{Store: e.store,
		Ingest: func(ctx context.Context) (shuttle.Version, error) {
			close(started)
			<-release
			return shuttle.Version{}, errors.New("disk on fire at /var/lib/secret")
		}}}
	mux := http.NewServeMux()
	s.Register(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	post := func() (int, string) {
		req, _ := http.NewRequest("POST", srv.URL+"/api/v1/ingest", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return 0, ""
		}
		return res.StatusCode, readBody(t, res)
	}
	first := make(chan string)
	go func() { code, body := post(); first <- fmt.Sprint(code, body) }()
	<-started
	if code, body := post(); code != 409 {
		t.Errorf("second ingest: %d %s, want 409", code, body)
	}
	close(release)
	if got := <-first; !strings.HasPrefix(got, "500") || strings.Contains(got, "secret") {
		t.Errorf("failed ingest answered %s: want 500 without internal detail", got)
	}
	// No poll action configured: 501.
	req, _ := http.NewRequest("POST", srv.URL+"/api/v1/feeds/poll", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if readBody(t, res); res.StatusCode != 501 {
		t.Errorf("poll without action: %d, want 501", res.StatusCode)
	}
}

// inline finds script elements, style attributes and event handlers.
var inline = regexp.MustCompile(`(?i)<script|\sstyle=|\son[a-z]+=`)

// TestPages executes every page and checks what the CSP promises: no inline
// script or style, a hidden CSRF field in every form that posts.
func TestPages(t *testing.T) {
	e := newEnv(t, []string{token})
	cookie, csrf := e.login()
	for _, path := range []string{LoginPath, "/editor/", "/editor/new", "/editor/articles/an-existing-story", "/editor/articles/no-such-story"} {
		t.Run(path, func(t *testing.T) {
			var res *http.Response
			if path == LoginPath {
				res = e.do("GET", path, "", "", nil)
			} else {
				res = e.do("GET", path, "", "", nil, cookie)
			}
			body := readBody(t, res)
			want := 200
			if strings.Contains(path, "no-such") {
				want = 404
			}
			if res.StatusCode != want {
				t.Fatalf("status %d, want %d", res.StatusCode, want)
			}
			if inline.MatchString(body) {
				t.Errorf("page has inline script or style: %q", inline.FindString(body))
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || res.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("headers: CSP %q, Cache-Control %q", csp, res.Header.Get("Cache-Control"))
			}
			forms := strings.Count(body, `method="post"`)
			fields := strings.Count(body, `name="csrf_token" value="`+csrf+`"`)
			if path != LoginPath && forms != fields {
				t.Errorf("%d forms but %d CSRF fields", forms, fields)
			}
		})
	}
	res := e.do("GET", cssURL, "", "", nil)
	if body := readBody(t, res); res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") || !strings.Contains(body, ".flash") {
		t.Errorf("stylesheet: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// An article published from a content file cannot be changed here: the
// file would win at its next change or the next start, and the edit would
// be lost without a word. The refusal names the file; the article stays.
func TestFileArticlesAreReadOnly(t *testing.T) {
	e := newEnv(t, []string{token})
	ctx := context.Background()
	a, err := content.Parse("from-a-file.md", []byte("---\ntitle: From a file\ndate: 2025-05-01\n---\nBody.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.PutArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	cookie, csrf := e.login()
	page := e.do("GET", "/editor/articles/from-a-file", "", "", nil, cookie)
	html, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if !strings.Contains(string(html), "<code>from-a-file.md</code>") || strings.Contains(string(html), "<textarea") {
		t.Errorf("the edit page of a file's article offers a form, or does not name the file:\n%s", html)
	}
	bearer := map[string]string{"Authorization": "Bearer " + token}
	edited := "---\ntitle: Edited here\ndate: 2025-05-01\n---\nBody.\n"
	for _, tc := range []struct {
		name string
		resp *http.Response
	}{
		{"API update", e.do("PUT", "/api/v1/articles/from-a-file", "text/markdown", edited, bearer)},
		{"API delete", e.do("DELETE", "/api/v1/articles/from-a-file", "", "", bearer)},
		{"form update", e.do("POST", "/editor/articles/from-a-file", formType, withCSRF(formBody("markdown", edited), csrf), nil, cookie)},
		{"form delete", e.do("POST", "/editor/articles/from-a-file/delete", formType, withCSRF("", csrf), nil, cookie)},
	} {
		body, _ := io.ReadAll(tc.resp.Body)
		tc.resp.Body.Close()
		if tc.resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "from-a-file.md") {
			t.Errorf("%s: %d %s; want 409 naming the file", tc.name, tc.resp.StatusCode, body)
		}
	}
	got, err := e.store.Article(ctx, "from-a-file")
	if err != nil || got.Title != "From a file" {
		t.Errorf("the article after refused edits: %+v, %v", got.Title, err)
	}
	// The editor's own articles stay editable.
	if resp := e.do("DELETE", "/api/v1/articles/an-existing-story", "", "", bearer); resp.StatusCode != http.StatusNoContent {
		t.Errorf("deleting the editor's article: %d", resp.StatusCode)
	}
}

// TestThrottle: a client that failed too often gets 429 with Retry-After,
// from the login form (as a page) and the API (as JSON), even with the right
// token; the login form's body is not read for it.
func TestThrottle(t *testing.T) {
	e := newEnv(t, []string{token})
	for i := range auth.DefaultMaxFailures {
		res := e.do("POST", LoginPath, formType, formBody("token", "wrong-"+token), nil)
		if body := readBody(t, res); res.StatusCode != 401 {
			t.Fatalf("wrong login %d: %d %s", i+1, res.StatusCode, body)
		}
	}
	res := e.do("POST", LoginPath, formType, formBody("token", token), nil)
	body := readBody(t, res)
	if res.StatusCode != 429 || res.Header.Get("Retry-After") != "60" || !strings.Contains(body, "try again in 60 seconds") || len(res.Cookies()) != 0 {
		t.Errorf("login while throttled: %d, Retry-After %q, cookies %v: %s", res.StatusCode, res.Header.Get("Retry-After"), res.Cookies(), body)
	}
	before := e.state()
	res = e.do("POST", "/api/v1/ingest", "", "", bearer())
	body = readBody(t, res)
	if res.StatusCode != 429 || res.Header.Get("Retry-After") != "60" || !strings.Contains(body, `"too_many_requests"`) {
		t.Errorf("API while throttled: %d, Retry-After %q: %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	if !reflect.DeepEqual(before, e.state()) {
		t.Error("a throttled request changed the state")
	}
	e.clock.add(time.Minute)
	if res := e.do("POST", "/api/v1/ingest", "", "", bearer()); res.StatusCode != 200 {
		t.Errorf("after the window: %d, want 200", res.StatusCode)
	}
}
