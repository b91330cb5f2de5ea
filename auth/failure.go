package auth

import (
	"container/list"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// Failed authentications (a wrong bearer token, a wrong login token, an
// unknown session, a missing or wrong CSRF token) are counted per client
// address. A client with MaxFailures failures within one FailureWindow is
// answered 429 with Retry-After on bearer requests and logins until the
// window ends, without its token being compared: guessing then costs a
// minute per ten tries. Session and CSRF failures count toward the limit
// too, but requests with a session are not refused for it: session ids and
// CSRF tokens have 256 bits, so guessing them is hopeless anyway, and a
// signed-in editor behind the same address keeps working.
const (
	DefaultMaxFailures   = 10
	DefaultFailureWindow = time.Minute
	// DefaultMaxClients bounds the failure table. An entry takes about 250
	// bytes (TestFailureTableBytes measures it), so a full table holds
	// about 1 MiB. When it is full the client whose last failure is oldest
	// is forgotten: an attacker rotating source addresses only pushes out
	// its own older addresses, each of which still had its limit.
	DefaultMaxClients = 4096
)

// Logging of failures. Each failure would be a WARN line, but a flood of
// them (33,560 wrong tokens in 5 s, in the review of issue 12) would then
// be a flood of log lines, so a client gets at most one line per
// failureLogInterval (which counts the failures it had meanwhile), all
// clients together at most failureLogBurst lines per interval, and what was
// left out is counted in one summary line at the end of the interval.
const (
	failureLogInterval = time.Minute
	failureLogBurst    = 20
)

// ipv6Prefix is how much of an IPv6 address names a client: one /64 is one
// subscriber's network, and every address in it is theirs to use.
const ipv6Prefix = 64

// ThrottledError is the refusal of a client that failed too often. It
// answers 429 with a Retry-After header of RetryAfter in whole seconds.
type ThrottledError struct {
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed editor sign-ins from this address; try again in %d seconds", e.Seconds())
}

// Seconds is RetryAfter rounded up to whole seconds, at least 1: the value
// of the Retry-After header.
func (e *ThrottledError) Seconds() int {
	return max(1, int(math.Ceil(e.RetryAfter.Seconds())))
}

// failures is the table of clients that failed recently, and the log
// budget. It is bounded by DefaultMaxClients (Config.MaxClients) entries.
type failures struct {
	max      int
	limit    int
	window   time.Duration
	logEvery time.Duration // failureLogInterval, shorter in tests
	log      *slog.Logger

	mu      sync.Mutex
	clients map[netip.Prefix]*list.Element // of *client
	order   *list.List                     // front: the most recent failure; the back is evicted

	period     time.Time // start of the log period: the burst budget resets
	lines      int       // lines written this period
	suppressed int       // failures not logged, for the summary
	refused    int       // 429s answered, for the summary
	summary    *time.Timer
}

// client is one address's failures in its current window.
type client struct {
	key       netip.Prefix
	start     time.Time // of the window: the first failure in it
	count     int
	logged    time.Time // of the last line logged for it
	unlogged  int       // failures since that line
	throttled bool      // the throttled line was logged this window
}

func newFailures(max, limit int, window time.Duration, log *slog.Logger) *failures {
	return &failures{max: max, limit: limit, window: window, logEvery: failureLogInterval, log: log,
		clients: map[netip.Prefix]*list.Element{}, order: list.New()}
}

// clientKey is the address a request's failures are counted under: the host
// of RemoteAddr (an IPv6 address as its /64), or with trustForwarded the
// last address of X-Forwarded-For, the one the proxy in front added. An
// address that cannot be parsed counts under the zero prefix, which all such
// requests share.
func clientKey(r *http.Request, trustForwarded bool) netip.Prefix {
	var addr netip.Addr
	if trustForwarded {
		if v := r.Header.Values("X-Forwarded-For"); len(v) > 0 {
			hops := strings.Split(v[len(v)-1], ",")
			addr, _ = netip.ParseAddr(strings.TrimSpace(hops[len(hops)-1]))
		}
	}
	if !addr.IsValid() {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		addr, _ = netip.ParseAddr(host)
	}
	if !addr.IsValid() {
		return netip.Prefix{}
	}
	addr = addr.Unmap().WithZone("")
	bits := addr.BitLen()
	if addr.Is6() {
		bits = ipv6Prefix
	}
	p, _ := addr.Prefix(bits) // bits is valid for the address family
	return p
}

// throttled reports whether key has used up its failures in the current
// window, and for how long it stays refused.
func (f *failures) throttled(now time.Time, key netip.Prefix) (time.Duration, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	e, ok := f.clients[key]
	if !ok {
		return 0, false
	}
	c := e.Value.(*client)
	end := c.start.Add(f.window)
	if c.count < f.limit || !now.Before(end) {
		return 0, false
	}
	f.refused++
	f.scheduleSummaryLocked()
	return end.Sub(now), true
}

// failed counts a failure of key and returns what to log about it, if
// anything: the client's failures in the window, how many failures since its
// last line went unlogged, and whether this failure used up its limit.
func (f *failures) failed(now time.Time, key netip.Prefix) (c client, log bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	cl := f.getLocked(now, key)
	if !now.Before(cl.start.Add(f.window)) {
		cl.start, cl.count, cl.throttled = now, 0, false
	}
	cl.count++
	cl.unlogged++
	crossed := cl.count >= f.limit && !cl.throttled
	due := crossed || now.Sub(cl.logged) >= f.logEvery
	if !now.Before(f.period.Add(f.logEvery)) {
		f.period, f.lines = now, 0
	}
	if !due || f.lines >= failureLogBurst {
		f.suppressed++
		f.scheduleSummaryLocked()
		return *cl, false
	}
	f.lines++
	if crossed {
		cl.throttled = true
	}
	out := *cl
	cl.logged, cl.unlogged = now, 0
	return out, true
}

// getLocked returns key's entry, making one (and forgetting the client whose
// last failure is oldest when the table is full) if there is none.
func (f *failures) getLocked(now time.Time, key netip.Prefix) *client {
	if e, ok := f.clients[key]; ok {
		f.order.MoveToFront(e)
		return e.Value.(*client)
	}
	if f.order.Len() >= f.max {
		oldest := f.order.Back()
		delete(f.clients, oldest.Value.(*client).key)
		f.order.Remove(oldest)
	}
	c := &client{key: key, start: now}
	f.clients[key] = f.order.PushFront(c)
	return c
}

// succeeded forgets key's failures: an editor who mistyped a few times and
// then got it right starts afresh.
func (f *failures) succeeded(key netip.Prefix) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if e, ok := f.clients[key]; ok {
		delete(f.clients, key)
		f.order.Remove(e)
	}
}

func (f *failures) len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.order.Len()
}

// scheduleSummaryLocked starts the summary timer unless it runs: once per
// interval that left something out, so the count is told even when the
// flood has stopped and no later failure would trigger it.
func (f *failures) scheduleSummaryLocked() {
	if f.summary == nil {
		f.summary = time.AfterFunc(f.logEvery, f.flushSummary)
	}
}

// flushSummary is the timer's function: it takes the counts and logs them
// outside the lock.
func (f *failures) flushSummary() {
	f.mu.Lock()
	suppressed, refused := f.suppressed, f.refused
	f.suppressed, f.refused, f.summary = 0, 0, nil
	f.mu.Unlock()
	if suppressed > 0 || refused > 0 {
		f.log.Warn("editor authentication failures not logged one by one",
			"failures", suppressed, "throttled_refusals", refused, "interval", f.logEvery.String())
	}
}
