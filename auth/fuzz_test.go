package auth

import (
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzParseBearer: no input panics, and what is accepted is a token that
// could be configured and that round-trips through the header.
func FuzzParseBearer(f *testing.F) {
	for _, s := range []string{"Bearer abc", "bearer  " + tokenA, "Basic dXNlcjpwYXNz", "Bearer", "Bearer a b", "Bearer \x00", " Bearer x", "Bearer\tx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		tok, ok := ParseBearer(header)
		if !ok {
			if tok != "" {
				t.Fatalf("refused %q but returned %q", header, tok)
			}
			return
		}
		if tok == "" || !validTokenChars(tok) || len(tok) > maxTokenLen {
			t.Fatalf("accepted %q as token %q", header, tok)
		}
		if !strings.HasSuffix(header, tok) {
			t.Fatalf("token %q is not the end of %q", tok, header)
		}
		if again, ok := ParseBearer("Bearer " + tok); !ok || again != tok {
			t.Fatalf("round trip of %q gave %q, %v", tok, again, ok)
		}
	})
}

// FuzzParseSessionID: accepted ids have exactly newID's shape.
func FuzzParseSessionID(f *testing.F) {
	for _, s := range []string{newID(), "", "abc", strings.Repeat("A", idLen), strings.Repeat("=", idLen), strings.Repeat("é", idLen/2)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		id, ok := ParseSessionID(v)
		if ok && (id != v || len(id) != idLen || strings.ContainsAny(id, "+/=")) {
			t.Fatalf("accepted %q as %q", v, id)
		}
	})
}

// FuzzRequireEditor sends arbitrary Authorization, Cookie and CSRF headers to
// a protected write: only the exact configured token, or the live session's
// cookie with its CSRF token, may get through.
func FuzzRequireEditor(f *testing.F) {
	// The fuzzer fails far more often than MaxFailures: without a higher
	// limit every input after the tenth would only meet the throttle.
	a, err := New(Config{Tokens: []string{tokenA}, MaxFailures: math.MaxInt, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		f.Fatal(err)
	}
	w := httptest.NewRecorder()
	sess, err := a.Login(w, httptest.NewRequest("POST", "/editor/login", nil), tokenA)
	if err != nil {
		f.Fatal(err)
	}
	live := w.Result().Cookies()[0].Value
	f.Add("Bearer "+tokenA, "", "")
	f.Add("Bearer "+tokenA+" ", "", "")
	f.Add("bearer "+strings.ToUpper(tokenA), "", "")
	f.Add("", CookieName+"="+live, sess.CSRFToken)
	f.Add("", CookieName+"="+live, "")
	f.Add("", CookieName+"="+live+"; "+CookieName+"=x", sess.CSRFToken+"x")
	f.Add("Bearer x", CookieName+"="+newID(), sess.CSRFToken)
	var ran bool
	h := a.RequireEditor(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { ran = true }))
	f.Fuzz(func(t *testing.T, authz, cookie, csrf string) {
		r := httptest.NewRequest("POST", "/api/v1/articles", nil)
		r.Header["Authorization"] = []string{authz}
		r.Header["Cookie"] = []string{cookie}
		r.Header[CSRFHeader] = []string{csrf}
		ran = false
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if ran != (rec.Code == http.StatusOK) {
			t.Fatalf("status %d but handler ran = %v", rec.Code, ran)
		}
		if !ran {
			if rec.Code != 401 && rec.Code != 403 {
				t.Fatalf("refused with %d, want 401 or 403", rec.Code)
			}
			return
		}
		tok, isBearer := ParseBearer(authz)
		byToken := authz != "" && isBearer && tok == tokenA
		c, err := r.Cookie(CookieName)
		bySession := authz == "" && err == nil && c.Value == live && csrf == sess.CSRFToken
		if !byToken && !bySession {
			t.Fatalf("let through Authorization %q, Cookie %q, CSRF %q", authz, cookie, csrf)
		}
	})
}
