package api

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
	"github.com/shuttlenews/shuttle/internal/httpapi"
)

// paramSets are the allowed parameter lists the handlers pass to newQuery;
// the fuzzer picks one per input.
var paramSets = [][]string{
	nil,                    // /countries, /countries/{iso}
	{"role", "from", "to"}, // /countries/{iso}/series
	tripParams,             // /trips
	{"role"},               // /travelers
	rankingParams,          // /rankings/{insight}
	{"role", "from", "to", "year", "limit", "country", "role"}, // a list with a repeat
}

// FuzzQueryParams feeds arbitrary query strings to newQuery and the typed
// readers. Nothing may panic; every refusal must be a 400 naming a
// parameter; every value accepted must be within the reader's promise.
func FuzzQueryParams(f *testing.F) {
	seeds := []string{
		"", "role=secretary&from=1997&to=2024", "from=2024&to=1997", "from=999", "to=10000",
		"role=queen", "role=secretary&role=president", "contry=FR", "limit=0", "limit=10001",
		"limit=%2B5", "year=-2000", "from=+1997", "from=1997%00", "%zz=1", "a=1;b=2",
		"from= 2001 &to=2002", "role=%20visit%20", "year=0x7d0", "from=1e3",
	}
	for i, s := range seeds {
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, raw string, pick uint8) {
		allowed := paramSets[int(pick)%len(paramSets)]
		u := &url.URL{Path: "/api/v1/x", RawQuery: raw}
		q, err := newQuery(u, allowed...)
		if err != nil {
			// A malformed query string is refused whole, under "query".
			checkParamError(t, err, append(keys(u.Query()), "query"))
			return
		}
		for name := range u.Query() {
			if !slices.Contains(allowed, name) {
				t.Fatalf("newQuery(%q, %v) accepted unknown parameter %q", raw, allowed, name)
			}
		}
		if r, err := q.Role("role", shuttle.RoleSecretary); err != nil {
			checkParamError(t, err, []string{"role"})
		} else if !slices.Contains(shuttle.Roles, r) {
			t.Fatalf("role %q accepted from %q", r, raw)
		}
		if y, err := q.Year("year", 0); err != nil {
			checkParamError(t, err, []string{"year"})
		} else if y != 0 && (y < 1000 || y > 9999) {
			t.Fatalf("year %d accepted from %q", y, raw)
		}
		if n, err := q.Limit(50); err != nil {
			checkParamError(t, err, []string{"limit"})
		} else if n < 1 || n > httpapi.MaxLimit {
			t.Fatalf("limit %d accepted from %q", n, raw)
		}
		if n, err := q.Offset(); err != nil {
			checkParamError(t, err, []string{"offset"})
		} else if n < 0 || n > httpapi.MaxOffset {
			t.Fatalf("offset %d accepted from %q", n, raw)
		}
		const lo, hi = 1945, 2024
		if from, to, err := q.window(1997, hi, lo, hi); err != nil {
			checkParamError(t, err, []string{"from", "to"})
		} else if from < lo || to > hi || from > to {
			t.Fatalf("window %d–%d accepted from %q", from, to, raw)
		}
	})
}

func keys(v url.Values) []string {
	out := make([]string, 0, len(v))
	for k := range v {
		out = append(out, k)
	}
	return out
}

// checkParamError asserts that err is a ParamError a client can act on: code
// invalid (so a 400), one of names named as the parameter, a reason. (The
// name may be "" when the client sent "?=x": that is the name it used.)
func checkParamError(t *testing.T, err error, names []string) {
	t.Helper()
	var pe *ParamError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParamError", err, err)
	}
	if shuttle.ErrorCode(err) != shuttle.EINVALID || shuttle.HTTPStatus(err) != 400 {
		t.Fatalf("error %v has code %q, status %d; want invalid, 400", err, shuttle.ErrorCode(err), shuttle.HTTPStatus(err))
	}
	if pe.Reason == "" {
		t.Fatalf("error %+v gives no reason", pe)
	}
	if !slices.Contains(names, pe.Param) {
		t.Fatalf("error %+v names %q, want one of %v", pe, pe.Param, names)
	}
}

// FuzzInsightParams fuzzes the ranking routes' query parsing down to the
// insight engine's own checks: any refusal must be a 400 for every insight.
func FuzzInsightParams(f *testing.F) {
	for _, s := range []string{
		"", "role=visit&from=2001&to=2010&limit=5", "countries=ae,qa,,", "region=eur", "region=mars",
		"group=region", "traveler=blinken-antony-j", "country=fr", "from=2030", "limit=-1", "countries=" + string(make([]byte, 300)),
	} {
		f.Add(s, uint8(0))
	}
	ids := []string{insight.IDMomentum, insight.IDDeclining, insight.IDMostVisited, insight.IDTopDestinations, "no-such-insight"}
	f.Fuzz(func(t *testing.T, raw string, pick uint8) {
		r := httptest.NewRequest("GET", "/api/v1/rankings/x", nil)
		r.URL.RawQuery = raw
		id := ids[int(pick)%len(ids)]
		p, err := insightParams(r, id)
		if err != nil {
			// Every refusal names the parameter at fault (one the client
			// sent, or the insight), so the envelope can.
			checkParamError(t, err, append(keys(r.URL.Query()), "insight", "query"))
			return
		}
		for _, c := range p.Countries {
			if c != upper(c) {
				t.Fatalf("country %q not upper-cased", c)
			}
		}
	})
}
