// Package auth decides who may change shuttle: editors, identified by a
// token the operator configures (SHUTTLE_EDITOR_TOKENS or
// SHUTTLE_EDITOR_TOKENS_FILE).
//
// Programs send the token as "Authorization: Bearer <token>". People sign in
// once through a login form that takes the token and get a session cookie
// (shuttle_session: a random id naming a server-side session with an
// expiry). A cookie is sent by the browser on its own, so every unsafe
// request that relies on it must also carry the session's CSRF token
// (synchronizer pattern), and cross-origin browser writes are refused
// whatever credentials they carry.
//
// Tokens are kept only as SHA-256 hashes and compared in constant time.
// With no token configured, every write is refused with a message saying how
// to configure one: a server is never writable by accident.
//
// The cookie is HttpOnly and SameSite=Strict, and Secure when the request
// came over TLS, or, if Config.TrustForwardedProto is set, when
// X-Forwarded-Proto says https. That header is trusted only on request
// because anyone can send it to a server that is reachable directly; behind
// a TLS-terminating proxy (which must overwrite the header), set it so the
// cookie never travels over plain HTTP.
//
// Failed authentications are logged at WARN, within a log budget, and a
// client address that fails too often is refused for a while (429 with
// Retry-After); see DefaultMaxFailures. The address is the host of
// RemoteAddr, or with Config.TrustForwardedFor the last X-Forwarded-For
// entry, for the same reason as above: only a proxy can vouch for it.
package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shuttlenews/shuttle"
)

// Defaults for the zero values of Config.
const (
	DefaultSessionTTL   = 12 * time.Hour
	DefaultMaxSessions  = 1000
	DefaultMaxFormBytes = 4 << 20 // a 1 MiB article, URL-encoded, with room to spare
)

// CSRFField and CSRFHeader carry the CSRF token of a cookie-authenticated
// request: the form field for HTML forms, the header for scripts.
const (
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

// Config configures an Authenticator.
type Config struct {
	// Tokens are the editor tokens in plain text. New hashes them and keeps
	// nothing else; none means writes are disabled.
	Tokens []string
	// SessionTTL is how long a login lasts; DefaultSessionTTL when zero.
	SessionTTL time.Duration
	// MaxSessions bounds the session table; DefaultMaxSessions when zero.
	MaxSessions int
	// MaxFormBytes bounds a form body read to find its CSRF token;
	// DefaultMaxFormBytes when zero.
	MaxFormBytes int64
	// TrustForwardedProto lets X-Forwarded-Proto: https make the cookie
	// Secure (see the package documentation).
	TrustForwardedProto bool
	// TrustForwardedFor counts failures under the last address of
	// X-Forwarded-For instead of RemoteAddr's. Set it only behind a proxy
	// that appends the client's address to that header; otherwise every
	// client could name an address of its choosing, and behind a proxy
	// without it every client shares the proxy's address.
	TrustForwardedFor bool
	// MaxFailures failed authentications within FailureWindow get a client
	// refused until the window ends; DefaultMaxFailures and
	// DefaultFailureWindow when zero.
	MaxFailures   int
	FailureWindow time.Duration
	// MaxClients bounds the table of clients that failed;
	// DefaultMaxClients when zero.
	MaxClients int
	// TrustedOrigins are extra origins ("https://example.org") whose
	// cross-origin writes are allowed, for a proxy that rewrites Host.
	TrustedOrigins []string
	// LoginPath is linked from HTML refusals; none when empty.
	LoginPath string
	// Sessions keeps the sessions in the database, where every server
	// finds them; nil keeps them in this process's memory (MaxSessions).
	Sessions shuttle.SessionStore
	Now      func() time.Time // time.Now when nil
	Logger   *slog.Logger     // slog.Default() when nil
}

// ConfigFromEnv reads the tokens, SHUTTLE_TRUST_FORWARDED_PROTO and
// SHUTTLE_TRUST_FORWARDED_FOR from the environment; getenv is os.Getenv
// outside tests.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	tokens, err := LoadTokens(getenv)
	if err != nil {
		return Config{}, err
	}
	return Config{Tokens: tokens, TrustForwardedProto: isTrue(getenv(EnvTrustForwardedProto)),
		TrustForwardedFor: isTrue(getenv(EnvTrustForwardedFor))}, nil
}

func isTrue(v string) bool {
	v = strings.TrimSpace(v)
	return v == "1" || strings.EqualFold(v, "true")
}

// Authenticator checks editor credentials and holds the sessions. It is safe
// for concurrent use.
type Authenticator struct {
	tokens     tokenSet
	sessions   sessions             // when store is nil
	store      shuttle.SessionStore // see Config.Sessions
	ttl        time.Duration
	maxForm    int64
	trustProto bool
	trustFor   bool
	fails      *failures
	loginPath  string
	origins    *http.CrossOriginProtection
	now        func() time.Time
	log        *slog.Logger
}

// New returns an Authenticator for cfg. It refuses tokens that are too short,
// too predictable (see MinTokenBits) or hold characters a header cannot
// carry, naming the token by its position in cfg.Tokens.
func New(cfg Config) (*Authenticator, error) {
	tokens, err := newTokenSet(cfg.Tokens)
	if err != nil {
		return nil, err
	}
	a := &Authenticator{
		tokens:     tokens,
		sessions:   sessions{max: cmpOr(cfg.MaxSessions, DefaultMaxSessions)},
		store:      cfg.Sessions,
		ttl:        cmpOr(cfg.SessionTTL, DefaultSessionTTL),
		maxForm:    cmpOr(cfg.MaxFormBytes, DefaultMaxFormBytes),
		trustProto: cfg.TrustForwardedProto,
		trustFor:   cfg.TrustForwardedFor,
		loginPath:  cfg.LoginPath,
		origins:    http.NewCrossOriginProtection(),
		now:        cfg.Now,
		log:        cfg.Logger,
	}
	for _, o := range cfg.TrustedOrigins {
		if err := a.origins.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("trusted origin: %w", err)
		}
	}
	if a.now == nil {
		a.now = time.Now
	}
	if a.log == nil {
		a.log = slog.Default()
	}
	a.fails = newFailures(cmpOr(cfg.MaxClients, DefaultMaxClients), cmpOr(cfg.MaxFailures, DefaultMaxFailures),
		cmpOr(cfg.FailureWindow, DefaultFailureWindow), a.log)
	return a, nil
}

func cmpOr[T int | int64 | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// Enabled reports whether any token is configured, that is whether writes
// are possible at all.
func (a *Authenticator) Enabled() bool { return len(a.tokens) > 0 }

// Editor is who made a request, as far as logs need to know.
type Editor struct {
	// Method is "token" (Authorization header) or "session" (cookie).
	Method string
	// Token is a fingerprint of the token used (directly or to sign in):
	// enough to tell editors apart in logs, useless to an attacker.
	Token string
}

type editorKey struct{}

// EditorFrom returns the editor RequireEditor let through.
func EditorFrom(ctx context.Context) (Editor, bool) {
	e, ok := ctx.Value(editorKey{}).(Editor)
	return e, ok
}

// RequireEditor lets a request through to next only with a valid bearer
// token, or with a valid session cookie plus, for unsafe methods, the
// session's CSRF token. Unsafe cross-origin browser requests are refused
// whatever they carry. Refusals are 401 (no or wrong credentials), 403
// (cross-origin, missing or wrong CSRF token) and 429 (a bearer request from
// a client that failed too often), as JSON under /api/ and HTML elsewhere.
// Nothing of the body is read before the credentials are checked: only a
// valid session's CSRF check reads a form body.
func (a *Authenticator) RequireEditor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ed, err := a.authorize(w, r)
		if err != nil {
			a.refuse(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), editorKey{}, ed)))
	})
}

// authorize runs the checks in an order that reveals as little as possible:
// a cross-origin write is refused before its credentials are looked at.
func (a *Authenticator) authorize(w http.ResponseWriter, r *http.Request) (Editor, error) {
	if !a.Enabled() {
		return Editor{}, shuttle.Errorf(shuttle.EUNAUTHORIZED, "%s", disabledMessage)
	}
	if err := a.checkOrigin(r); err != nil {
		return Editor{}, err
	}
	if h := r.Header.Get("Authorization"); h != "" {
		if err := a.checkThrottle(r); err != nil {
			return Editor{}, err
		}
		// Explicit credentials that are wrong are an error even if a cookie
		// would do: a script should learn its token is bad.
		ed, err := a.bearer(h)
		if err != nil {
			a.fail(r, "bearer: "+shuttle.ErrorMessage(err))
			return Editor{}, err
		}
		a.succeeded(r)
		return ed, nil
	}
	c, err := r.Cookie(CookieName)
	if err != nil {
		return Editor{}, errNoCredentials
	}
	sess, ok, err := a.lookup(r.Context(), c.Value)
	if err != nil {
		return Editor{}, err
	}
	if !ok {
		a.fail(r, "session: unknown or expired")
		return Editor{}, shuttle.Errorf(shuttle.EUNAUTHORIZED, "the editor session has expired or is unknown; sign in again")
	}
	if !isSafe(r.Method) {
		if err := a.checkCSRF(w, r, sess.CSRFToken); err != nil {
			if shuttle.ErrorCode(err) == shuttle.EFORBIDDEN {
				a.fail(r, "CSRF: "+shuttle.ErrorMessage(err))
			}
			return Editor{}, err
		}
	}
	return sess.Editor, nil
}

// Throttle refuses, with 429 and Retry-After, requests from a client that
// failed to authenticate too often, before next reads anything. It guards
// the login form, whose body is the credential.
func (a *Authenticator) Throttle(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := a.checkThrottle(r); err != nil {
			a.refuse(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// checkThrottle returns a *ThrottledError if r's client failed too often.
func (a *Authenticator) checkThrottle(r *http.Request) error {
	if d, ok := a.fails.throttled(a.now(), clientKey(r, a.trustFor)); ok {
		return &ThrottledError{RetryAfter: d}
	}
	return nil
}

// fail counts a failed authentication of r's client and logs it at WARN,
// unless the log budget says it goes into the summary instead.
func (a *Authenticator) fail(r *http.Request, reason string) {
	key := clientKey(r, a.trustFor)
	now := a.now()
	c, log := a.fails.failed(now, key)
	if !log {
		return
	}
	client := "unknown"
	if key.IsValid() {
		client = key.String()
	}
	attrs := []any{"reason", reason, "client", client, "remote", r.RemoteAddr, "method", r.Method, "path", r.URL.Path,
		"failures", c.count, "window", a.fails.window.String()}
	if c.unlogged > 1 {
		attrs = append(attrs, "unlogged_since_last_line", c.unlogged-1)
	}
	if c.count >= a.fails.limit {
		attrs = append(attrs, "throttled_for", c.start.Add(a.fails.window).Sub(now).Round(time.Second).String())
	}
	a.log.Warn("editor authentication failed", attrs...)
}

// succeeded forgets the failures of r's client.
func (a *Authenticator) succeeded(r *http.Request) { a.fails.succeeded(clientKey(r, a.trustFor)) }

var errNoCredentials = shuttle.Errorf(shuttle.EUNAUTHORIZED,
	"editor credentials required: send Authorization: Bearer <token>, or sign in")

func (a *Authenticator) bearer(header string) (Editor, error) {
	tok, ok := ParseBearer(header)
	if !ok {
		return Editor{}, shuttle.Errorf(shuttle.EUNAUTHORIZED, "malformed Authorization header: want Bearer <token>")
	}
	i, ok := a.tokens.match(tok)
	if !ok {
		return Editor{}, shuttle.Errorf(shuttle.EUNAUTHORIZED, "wrong editor token")
	}
	return Editor{Method: "token", Token: a.tokens[i].fingerprint()}, nil
}

// checkOrigin refuses unsafe cross-origin browser requests (Sec-Fetch-Site,
// else Origin against Host; see http.CrossOriginProtection). Requests from
// programs carry neither header and pass.
func (a *Authenticator) checkOrigin(r *http.Request) error {
	if err := a.origins.Check(r); err != nil {
		return shuttle.Errorf(shuttle.EFORBIDDEN, "cross-origin write refused")
	}
	return nil
}

// RejectCrossOrigin refuses unsafe cross-origin browser requests with 403.
// The login form needs it: without it another site could sign a browser in
// with the attacker's own token (login CSRF).
func (a *Authenticator) RejectCrossOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := a.checkOrigin(r); err != nil {
			a.refuse(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// checkCSRF compares the request's CSRF token with the session's in
// constant time. The token comes from the header, else from a URL-encoded
// form body, read under a size limit (413 beyond it).
func (a *Authenticator) checkCSRF(w http.ResponseWriter, r *http.Request, want string) error {
	got := r.Header.Get(CSRFHeader)
	if got == "" && isForm(r) {
		r.Body = http.MaxBytesReader(w, r.Body, a.maxForm)
		if err := r.ParseForm(); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return errTooLarge{limit: tooBig.Limit}
			}
			return shuttle.Errorf(shuttle.EINVALID, "unreadable form: %v", err)
		}
		got = r.PostForm.Get(CSRFField)
	}
	if got == "" {
		return shuttle.Errorf(shuttle.EFORBIDDEN, "missing CSRF token: reload the form and submit it again")
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return shuttle.Errorf(shuttle.EFORBIDDEN, "invalid CSRF token: reload the form and submit it again")
	}
	return nil
}

// errTooLarge is a body over the form limit; it answers 413.
type errTooLarge struct{ limit int64 }

func (e errTooLarge) Error() string {
	return fmt.Sprintf("request body is larger than %d KiB", e.limit>>10)
}

func isForm(r *http.Request) bool {
	ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	return strings.EqualFold(strings.TrimSpace(ct), "application/x-www-form-urlencoded")
}

func isSafe(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return true
	}
	return false
}

// session returns the live session a cookie value names; a store that
// cannot answer is logged, and taken as no session.
func (a *Authenticator) session(ctx context.Context, value string) (Session, bool) {
	sess, ok, err := a.lookup(ctx, value)
	if err != nil {
		a.log.Warn("editor session unavailable", "err", err)
	}
	return sess, ok
}

// lookup returns the live session a cookie value names, from the store or
// this process's table; an expired one is deleted.
func (a *Authenticator) lookup(ctx context.Context, value string) (Session, bool, error) {
	id, ok := ParseSessionID(value)
	if !ok {
		return Session{}, false, nil
	}
	if a.store == nil {
		sess, ok := a.sessions.get(a.now(), id)
		return sess, ok, nil
	}
	s, err := a.store.EditorSession(ctx, keyOf(id))
	switch {
	case shuttle.ErrorCode(err) == shuttle.ENOTFOUND:
		return Session{}, false, nil
	case err != nil:
		return Session{}, false, err
	case !a.now().Before(s.Expires):
		a.deleteSession(ctx, id)
		return Session{}, false, nil
	}
	return Session{CSRFToken: s.CSRFToken, Expires: s.Expires, Editor: Editor{Method: s.Method, Token: s.Token}}, true, nil
}

// createSession stores sess under a new id and returns the id.
func (a *Authenticator) createSession(ctx context.Context, now time.Time, sess Session) (string, error) {
	if a.store == nil {
		return a.sessions.create(now, sess), nil
	}
	id := newID()
	err := a.store.PutSession(ctx, keyOf(id), shuttle.EditorSession{CSRFToken: sess.CSRFToken, Expires: sess.Expires,
		Method: sess.Editor.Method, Token: sess.Editor.Token})
	return id, err
}

func (a *Authenticator) deleteSession(ctx context.Context, id string) {
	if a.store == nil {
		a.sessions.delete(id)
		return
	}
	if err := a.store.DeleteSession(ctx, keyOf(id)); err != nil {
		a.log.Warn("editor session not deleted", "err", err) // it expires on its own
	}
}

// Session returns the request's live session, for pages that show a form
// with its CSRF token or a login form otherwise.
func (a *Authenticator) Session(r *http.Request) (Session, bool) {
	c, err := r.Cookie(CookieName)
	if err != nil {
		return Session{}, false
	}
	return a.session(r.Context(), c.Value)
}

// Login checks token and, if it is an editor's, starts a session and sets
// its cookie. A session the browser already had is ended first, so an id
// planted before login (session fixation) is worth nothing. A wrong token is an
// EUNAUTHORIZED *shuttle.Error safe to show; a client that failed too often,
// a *ThrottledError; a store that cannot keep the session, the store's error.
func (a *Authenticator) Login(w http.ResponseWriter, r *http.Request, token string) (Session, error) {
	if !a.Enabled() {
		return Session{}, shuttle.Errorf(shuttle.EUNAUTHORIZED, "%s", disabledMessage)
	}
	if err := a.checkThrottle(r); err != nil {
		return Session{}, err
	}
	i, ok := a.tokens.match(token)
	if !ok {
		a.fail(r, "login: wrong token")
		return Session{}, shuttle.Errorf(shuttle.EUNAUTHORIZED, "wrong editor token")
	}
	a.succeeded(r)
	a.endSession(r)
	now := a.now()
	sess := Session{
		CSRFToken: newID(),
		Expires:   now.Add(a.ttl),
		Editor:    Editor{Method: "session", Token: a.tokens[i].fingerprint()},
	}
	id, err := a.createSession(r.Context(), now, sess)
	if err != nil {
		return Session{}, fmt.Errorf("editor login: %w", err)
	}
	http.SetCookie(w, a.cookie(r, id, sess.Expires))
	a.log.Info("editor signed in", "token", sess.Editor.Token, "remote", r.RemoteAddr, "expires", sess.Expires)
	return sess, nil
}

// Logout ends the request's session and clears its cookie.
func (a *Authenticator) Logout(w http.ResponseWriter, r *http.Request) {
	a.endSession(r)
	c := a.cookie(r, "", time.Time{})
	c.MaxAge = -1
	http.SetCookie(w, c)
}

func (a *Authenticator) endSession(r *http.Request) {
	if c, err := r.Cookie(CookieName); err == nil {
		if id, ok := ParseSessionID(c.Value); ok {
			a.deleteSession(r.Context(), id)
		}
	}
}

// cookie builds the session cookie. Path is / because API writes accept the
// session too; SameSite=Strict keeps browsers from sending it on any
// cross-site request, on top of the CSRF token.
func (a *Authenticator) cookie(r *http.Request, id string, expires time.Time) *http.Cookie {
	return &http.Cookie{
		Name:     CookieName,
		Value:    id,
		Path:     "/",
		Expires:  expires,
		HttpOnly: true,
		Secure:   a.overTLS(r),
		SameSite: http.SameSiteStrictMode,
	}
}

func (a *Authenticator) overTLS(r *http.Request) bool {
	return r.TLS != nil || a.trustProto && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// refuse answers a failed check: JSON in the API's error envelope under
// /api/, a small HTML page elsewhere.
func (a *Authenticator) refuse(w http.ResponseWriter, r *http.Request, err error) {
	status, code := http.StatusInternalServerError, shuttle.ErrorCode(err)
	var tooBig errTooLarge
	var throttled *ThrottledError
	switch {
	case errors.As(err, &tooBig):
		status, code = http.StatusRequestEntityTooLarge, "too_large"
	case errors.As(err, &throttled):
		status, code = http.StatusTooManyRequests, "too_many_requests"
		w.Header().Set("Retry-After", strconv.Itoa(throttled.Seconds()))
	case code == shuttle.EUNAUTHORIZED:
		status = http.StatusUnauthorized
		w.Header().Set("WWW-Authenticate", `Bearer realm="shuttle editor"`)
	case code == shuttle.EFORBIDDEN:
		status = http.StatusForbidden
	case code == shuttle.EINVALID:
		status = http.StatusBadRequest
	case code == shuttle.EUNAVAILABLE:
		status = http.StatusServiceUnavailable
	}
	msg := shuttle.ErrorMessage(err)
	if tooBig.limit > 0 || throttled != nil {
		msg = err.Error()
	}
	a.log.Debug("editor request refused", "method", r.Method, "path", r.URL.Path, "status", status, "remote", r.RemoteAddr, "reason", msg)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if r.ContentLength != 0 {
		// The body of a refused request is not wanted. Without this,
		// net/http would wait to drain one under 256 KiB before sending
		// the refusal, so a client announcing a body and sending none
		// would hold the answer (and the connection) until a timeout.
		w.Header().Set("Connection", "close")
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSONError(w, status, code, msg)
		return
	}
	a.writeHTMLError(w, status, msg)
}

func writeJSONError(w http.ResponseWriter, status int, code, msg string) {
	var body struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	body.Error.Code, body.Error.Message = code, msg
	b, _ := json.Marshal(body) // two strings: cannot fail
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func (a *Authenticator) writeHTMLError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	w.WriteHeader(status)
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\"><title>%d %s</title>\n<h1>%s</h1>\n<p>%s</p>\n",
		status, http.StatusText(status), http.StatusText(status), html.EscapeString(msg))
	if a.loginPath != "" && (status == http.StatusUnauthorized || status == http.StatusForbidden) {
		fmt.Fprintf(&b, "<p><a href=\"%s\">Sign in</a></p>\n", html.EscapeString(a.loginPath))
	}
	b.WriteString("</html>\n")
	w.Write([]byte(b.String()))
}
