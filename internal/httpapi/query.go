package httpapi

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// The limits every list route shares: the same name, the same range and
// the same error, whichever package serves the route. A route picks its
// own default (how long a page is when the client does not say).
const (
	// MaxLimit is the longest page any route answers. A thousand trips is
	// about 400 kB of JSON: big enough that a client pages rarely, small
	// enough that one answer cannot hold the server's memory.
	MaxLimit = 1000
	// MaxOffset bounds offset so that it stays a small number; it is far
	// beyond any list the data holds (about 7,500 trips).
	MaxOffset = 1_000_000
)

// ParamError is a 400 that names the query parameter at fault.
type ParamError struct {
	Param  string
	Reason string
}

func (e *ParamError) Error() string { return fmt.Sprintf("parameter %s: %s", e.Param, e.Reason) }

// Unwrap lets shuttle.ErrorCode see an EINVALID error.
func (e *ParamError) Unwrap() error { return shuttle.Errorf(shuttle.EINVALID, "%s", e.Error()) }

// ParamErrorf builds a ParamError.
func ParamErrorf(param, format string, args ...any) *ParamError {
	return &ParamError{Param: param, Reason: fmt.Sprintf(format, args...)}
}

// Query reads typed query parameters, refusing unknown and repeated ones
// so that a typo ("contry=") is an error instead of a silently unfiltered
// answer.
type Query struct {
	values url.Values
}

// ParseQuery reads u's query string. It parses RawQuery itself because
// url.URL.Query drops the pairs it cannot parse ("country=%zz", "a;b"),
// which would turn a malformed filter into an unfiltered answer.
func ParseQuery(u *url.URL, allowed ...string) (Query, error) {
	values, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return Query{}, ParamErrorf("query", "malformed query string: %v", err)
	}
	q := Query{values: values}
	// Sorted, so that of two bad parameters the one reported is always the
	// same, and so is the cached refusal a client sees.
	for _, name := range slices.Sorted(maps.Keys(values)) {
		if !slices.Contains(allowed, name) {
			return q, ParamErrorf(name, "unknown parameter (allowed: %s)", allowedList(allowed))
		}
		if n := len(values[name]); n > 1 {
			return q, ParamErrorf(name, "given %d times", n)
		}
	}
	return q, nil
}

func allowedList(allowed []string) string {
	if len(allowed) == 0 {
		return "none"
	}
	return strings.Join(allowed, ", ")
}

// Names are the parameters given, sorted.
func (q Query) Names() []string { return slices.Sorted(maps.Keys(q.values)) }

// Has reports whether name was given, even empty.
func (q Query) Has(name string) bool { _, ok := q.values[name]; return ok }

// Str is name's value with surrounding space trimmed; "" when absent.
func (q Query) Str(name string) string { return strings.TrimSpace(q.values.Get(name)) }

// Int reads a whole number in [min, max], def when absent or empty.
// Leading zeros and a plus sign are accepted (strconv.Atoi's syntax); what
// is returned is the number, so "010" and "10" are the same request.
func (q Query) Int(name string, def, min, max int) (int, error) {
	s := q.Str(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, ParamErrorf(name, "%q is not a whole number from %d to %d", s, min, max)
	}
	return n, nil
}

// Limit reads limit: 1 to MaxLimit, def when absent.
func (q Query) Limit(def int) (int, error) { return q.Int("limit", def, 1, MaxLimit) }

// Offset reads offset: 0 to MaxOffset, 0 when absent.
func (q Query) Offset() (int, error) { return q.Int("offset", 0, 0, MaxOffset) }

// Role reads a role, def when absent.
func (q Query) Role(name string, def shuttle.Role) (shuttle.Role, error) {
	s := q.Str(name)
	if s == "" {
		return def, nil
	}
	r, err := shuttle.ParseRole(s)
	if err != nil {
		return "", ParamErrorf(name, "%q is not a role (want secretary, president or visit)", s)
	}
	return r, nil
}

// Year reads a four-digit year, def when absent.
func (q Query) Year(name string, def int) (int, error) {
	s := q.Str(name)
	if s == "" {
		return def, nil
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1000 || y > 9999 {
		return 0, ParamErrorf(name, "%q is not a four-digit year", s)
	}
	return y, nil
}

// CountryCode reads an ISO 3166-1 alpha-2 code, upper-cased; "" when
// absent. Whether the data knows the country is the route's to check.
func (q Query) CountryCode(name string) (string, error) {
	s := q.Str(name)
	if s == "" {
		return "", nil
	}
	if len(s) != 2 || !letters(s) {
		return "", ParamErrorf(name, "%q is not a country code (ISO 3166-1 alpha-2, e.g. FR)", s)
	}
	return strings.ToUpper(s), nil
}

func letters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
