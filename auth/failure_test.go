package auth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// logBuffer collects JSON log lines; the summary timer writes from its own
// goroutine.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// lines returns the log records whose message is msg.
func (l *logBuffer) lines(t *testing.T, msg string) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(l.b.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if rec["msg"] == msg {
			out = append(out, rec)
		}
	}
	return out
}

func (l *logBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func newLoggedAuth(t *testing.T, cfg Config) (*Authenticator, *clock, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	a, clk := newAuth(t, cfg)
	t.Cleanup(func() {
		a.fails.mu.Lock()
		defer a.fails.mu.Unlock()
		if a.fails.summary != nil {
			a.fails.summary.Stop()
		}
	})
	return a, clk, logs
}

const failedMsg = "editor authentication failed"

// TestFailuresLogged: every kind of failed authentication is one WARN line
// that says why and from where, and never holds what was sent.
func TestFailuresLogged(t *testing.T) {
	wrong := "wrong-token-" + strings.Repeat("z", 20)
	tests := []struct {
		name   string
		send   func(a *Authenticator, h http.Handler, c *http.Cookie, r *http.Request) int
		reason string
	}{
		{"wrong bearer", func(a *Authenticator, h http.Handler, _ *http.Cookie, r *http.Request) int {
			r.Header.Set("Authorization", "Bearer "+wrong)
			return serve(h, r).Code
		}, "bearer: wrong editor token"},
		{"malformed bearer", func(a *Authenticator, h http.Handler, _ *http.Cookie, r *http.Request) int {
			r.Header.Set("Authorization", "Token "+wrong)
			return serve(h, r).Code
		}, "bearer: malformed Authorization header"},
		{"unknown session", func(a *Authenticator, h http.Handler, _ *http.Cookie, r *http.Request) int {
			r.AddCookie(&http.Cookie{Name: CookieName, Value: newID()})
			return serve(h, r).Code
		}, "session: unknown or expired"},
		{"missing CSRF", func(a *Authenticator, h http.Handler, c *http.Cookie, r *http.Request) int {
			r.AddCookie(c)
			return serve(h, r).Code
		}, "CSRF: missing CSRF token"},
		{"wrong CSRF", func(a *Authenticator, h http.Handler, c *http.Cookie, r *http.Request) int {
			r.AddCookie(c)
			r.Header.Set(CSRFHeader, wrong)
			return serve(h, r).Code
		}, "CSRF: invalid CSRF token"},
		{"wrong login", func(a *Authenticator, h http.Handler, _ *http.Cookie, r *http.Request) int {
			if _, err := a.Login(httptest.NewRecorder(), r, wrong); err == nil {
				return 200
			}
			return 401
		}, "login: wrong token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, logs := newLoggedAuth(t, Config{Tokens: []string{tokenA}})
			c, _ := login(t, a, httptest.NewRequest("POST", "/editor/login", nil))
			h, _, ran := protected(a)
			r := httptest.NewRequest("POST", "/api/v1/ingest", nil)
			r.RemoteAddr = "198.51.100.7:4242"
			if code := tt.send(a, h, c, r); code == 200 || *ran {
				t.Fatalf("status %d, ran %v: the failure got through", code, *ran)
			}
			lines := logs.lines(t, failedMsg)
			if len(lines) != 1 {
				t.Fatalf("%d lines, want 1:\n%s", len(lines), logs)
			}
			l := lines[0]
			if l["level"] != "WARN" || !strings.HasPrefix(l["reason"].(string), tt.reason) || l["client"] != "198.51.100.7/32" || l["failures"] != 1.0 {
				t.Errorf("line %v: want WARN, reason %q, client 198.51.100.7/32, failures 1", l, tt.reason)
			}
			if strings.Contains(logs.String(), wrong) || strings.Contains(logs.String(), c.Value) {
				t.Errorf("the log holds a credential:\n%s", logs)
			}
		})
	}
}

// TestThrottle: after MaxFailures failures in the window a client's bearer
// requests and logins are 429 with Retry-After, even with the right token,
// until the window ends; other clients and its sessions are not affected.
func TestThrottle(t *testing.T) {
	a, clk, logs := newLoggedAuth(t, Config{Tokens: []string{tokenA}})
	c, sess := login(t, a, httptest.NewRequest("POST", "/editor/login", nil))
	h, _, ran := protected(a)
	req := func(addr, token string) *http.Request {
		r := httptest.NewRequest("POST", "/api/v1/ingest", nil)
		r.RemoteAddr = addr
		r.Header.Set("Authorization", "Bearer "+token)
		return r
	}
	const attacker, other = "203.0.113.9:5000", "203.0.113.10:5000"
	for i := range DefaultMaxFailures {
		if w := serve(h, req(attacker, forge(tokenA))); w.Code != 401 {
			t.Fatalf("failure %d: status %d, want 401", i+1, w.Code)
		}
		clk.add(time.Second)
	}
	// 10 s of the minute have passed since the first failure.
	*ran = false
	w := serve(h, req("203.0.113.9:6000", tokenA)) // another port: the same client
	if w.Code != http.StatusTooManyRequests || *ran || w.Header().Get("Retry-After") != "50" {
		t.Fatalf("right token while throttled: %d, ran %v, Retry-After %q; want 429 without running, Retry-After 50",
			w.Code, *ran, w.Header().Get("Retry-After"))
	}
	if code, msg := errorCode(t, w); code != "too_many_requests" || !strings.Contains(msg, "50 seconds") {
		t.Errorf("refusal %s %q", code, msg)
	}
	lr := httptest.NewRequest("POST", "/editor/login", nil)
	lr.RemoteAddr = attacker
	if _, err := a.Login(httptest.NewRecorder(), lr, tokenA); err == nil {
		t.Error("Login succeeded while throttled")
	} else if te, ok := err.(*ThrottledError); !ok || te.Seconds() != 50 {
		t.Errorf("Login: %v, want a *ThrottledError of 50 s", err)
	}
	// The login form is refused before its body is read.
	body := &countingReader{r: strings.NewReader(url.Values{"token": {tokenA}}.Encode())}
	lr = httptest.NewRequest("POST", "/editor/login", body)
	lr.RemoteAddr = attacker
	lr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	reached := false
	w = serve(a.Throttle(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached = true })), lr)
	if w.Code != 429 || reached || body.n != 0 || w.Header().Get("Retry-After") != "50" {
		t.Errorf("Throttle: %d, reached %v, %d body bytes read; want 429 before anything is read", w.Code, reached, body.n)
	}

	if w := serve(h, req(other, tokenA)); w.Code != 200 {
		t.Errorf("another client: %d, want 200", w.Code)
	}
	sr := httptest.NewRequest("POST", "/api/v1/ingest", nil)
	sr.RemoteAddr = attacker
	sr.AddCookie(c)
	sr.Header.Set(CSRFHeader, sess.CSRFToken)
	if w := serve(h, sr); w.Code != 200 {
		t.Errorf("a session from the throttled address: %d, want 200", w.Code)
	}
	throttledLines := 0
	for _, l := range logs.lines(t, failedMsg) {
		if _, ok := l["throttled_for"]; ok {
			throttledLines++
		}
	}
	if throttledLines != 1 {
		t.Errorf("%d lines say the client is throttled, want 1:\n%s", throttledLines, logs)
	}

	clk.add(50 * time.Second)
	if w := serve(h, req(attacker, tokenA)); w.Code != 200 {
		t.Fatalf("after the window: %d, want 200", w.Code)
	}
	// Success forgot the failures: nine more do not throttle.
	for range DefaultMaxFailures - 1 {
		serve(h, req(attacker, forge(tokenA)))
	}
	if w := serve(h, req(attacker, tokenA)); w.Code != 200 {
		t.Errorf("after a success and nine failures: %d, want 200", w.Code)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestFailureFlood is the review's night: 33,560 wrong tokens in 5 s. From
// one client they make two lines (the first failure, and the one that
// throttles it); from as many addresses, no more than the burst. The table
// stays within MaxClients, and the summary counts every failure left out.
func TestFailureFlood(t *testing.T) {
	const n = 33560
	step := 5 * time.Second / n
	for _, tt := range []struct {
		name     string
		addr     func(i int) string
		maxLines int
	}{
		{"one client", func(int) string { return "192.0.2.1:1" }, 2},
		{"one IPv6 /64, every address", func(i int) string { return fmt.Sprintf("[2001:db8:1:2:%x::%x]:443", i>>16, i&0xffff) }, 2},
		{"rotating IPv4 addresses", func(i int) string { return fmt.Sprintf("10.%d.%d.%d:1", i>>16, i>>8&0xff, i&0xff) }, failureLogBurst},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, clk, logs := newLoggedAuth(t, Config{Tokens: []string{tokenA}, MaxClients: 1000})
			h, _, _ := protected(a)
			codes := map[int]int{}
			for i := range n {
				r := httptest.NewRequest("POST", "/api/v1/articles", nil)
				r.RemoteAddr = tt.addr(i)
				r.Header.Set("Authorization", "Bearer "+forge(tokenA))
				codes[serve(h, r).Code]++
				clk.add(step)
			}
			lines := logs.lines(t, failedMsg)
			if len(lines) == 0 || len(lines) > tt.maxLines {
				t.Errorf("%d lines for %d failures, want 1 to %d", len(lines), n, tt.maxLines)
			}
			if got := a.fails.len(); got > 1000 {
				t.Errorf("the failure table holds %d clients, more than MaxClients", got)
			}
			a.fails.mu.Lock()
			a.fails.summary.Stop()
			a.fails.mu.Unlock()
			a.fails.flushSummary()
			sum := logs.lines(t, "editor authentication failures not logged one by one")
			if len(sum) != 1 {
				t.Fatalf("%d summary lines, want 1", len(sum))
			}
			failures := codes[401] // a 429 compared no token: it is a refusal, not a failure
			if got := sum[0]["failures"].(float64); int(got) != failures-len(lines) {
				t.Errorf("summary counts %v failures not logged, want %d (%d failures, %d lines)", got, failures-len(lines), failures, len(lines))
			}
			if got := sum[0]["throttled_refusals"].(float64); int(got) != codes[429] {
				t.Errorf("summary counts %v refusals, want %d", got, codes[429])
			}
			if tt.name != "rotating IPv4 addresses" && codes[401] != DefaultMaxFailures {
				t.Errorf("statuses %v: want %d failures, the rest throttled", codes, DefaultMaxFailures)
			}
		})
	}
}

// TestSummaryTimer: the summary comes by itself at the end of the interval,
// after the flood has stopped.
func TestSummaryTimer(t *testing.T) {
	a, _, logs := newLoggedAuth(t, Config{Tokens: []string{tokenA}})
	a.fails.logEvery = 20 * time.Millisecond
	h, _, _ := protected(a)
	for range 5 {
		r := httptest.NewRequest("POST", "/api/v1/articles", nil)
		r.Header.Set("Authorization", "Bearer "+forge(tokenA))
		serve(h, r)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if sum := logs.lines(t, "editor authentication failures not logged one by one"); len(sum) > 0 {
			if sum[0]["failures"] != 4.0 || sum[0]["level"] != "WARN" {
				t.Errorf("summary %v: want WARN with the 4 failures after the first line", sum[0])
			}
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no summary line:\n%s", logs)
}

func TestClientKey(t *testing.T) {
	tests := []struct {
		remote, forwarded string
		trust             bool
		want              string
	}{
		{"192.0.2.1:1234", "", false, "192.0.2.1/32"},
		{"[2001:db8:aa:bb:1:2:3:4]:443", "", false, "2001:db8:aa:bb::/64"},
		{"[::ffff:192.0.2.1]:443", "", false, "192.0.2.1/32"},
		{"[fe80::1%eth0]:443", "", false, "fe80::/64"},
		{"192.0.2.1:1234", "198.51.100.1", false, "192.0.2.1/32"}, // untrusted: ignored
		{"192.0.2.1:1234", "203.0.113.5, 198.51.100.1", true, "198.51.100.1/32"},
		{"192.0.2.1:1234", "garbage", true, "192.0.2.1/32"},
		{"@", "", false, "invalid Prefix"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.remote
		if tt.forwarded != "" {
			r.Header.Set("X-Forwarded-For", tt.forwarded)
		}
		if got := clientKey(r, tt.trust).String(); got != tt.want {
			t.Errorf("clientKey(%s, XFF %q, trust %v) = %s, want %s", tt.remote, tt.forwarded, tt.trust, got, tt.want)
		}
	}
}

// TestFailureTableBytes holds DefaultMaxClients' documented cost: about 250
// bytes an entry.
func TestFailureTableBytes(t *testing.T) {
	f := newFailures(DefaultMaxClients, DefaultMaxFailures, DefaultFailureWindow, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	now := time.Now()
	for i := range DefaultMaxClients {
		f.getLocked(now, netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 0, byte(i >> 8), byte(i)}), 32))
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	per := float64(after.HeapAlloc-before.HeapAlloc) / DefaultMaxClients
	t.Logf("%.0f bytes per client", per)
	if per > 300 {
		t.Errorf("%.0f bytes per client, documented as about 250", per)
	}
	runtime.KeepAlive(f)
}
