package api

import (
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"
)

// TestCacheKeysNormalised: the outside review's attack was 300 anonymous
// spellings of one query (limit=010000, limit=0010000, …), each kept as its
// own answer under its raw URI. Keyed by the parsed parameters they are
// one entry; and out-of-range spellings are refused, so they are none.
func TestCacheKeysNormalised(t *testing.T) {
	f := newFixture(t, 0)
	var first []byte
	for i := 0; i < 300; i++ {
		// 0100, 00100, … in a varying parameter order, with spaces and a
		// plus sign now and then: all limit=100, the default.
		n := strings.Repeat("0", i%40+1) + "100"
		if i%3 == 1 {
			n = "+" + n
		}
		target := fmt.Sprintf("/api/v1/trips?limit=%s&role=secretary", n)
		if i%2 == 1 {
			target = fmt.Sprintf("/api/v1/trips?role=%%20secretary&limit=%s&offset=%s", n, strings.Repeat("0", i%5+1))
		}
		w := f.get(target)
		if w.Code != 200 {
			t.Fatalf("GET %s: %d %s", target, w.Code, w.Body)
		}
		if first == nil {
			first = w.Body.Bytes()
		} else if string(w.Body.Bytes()) != string(first) {
			t.Fatalf("GET %s answers differently from the first spelling", target)
		}
	}
	if w := f.get("/api/v1/trips?role=secretary"); w.Code != 200 || string(w.Body.Bytes()) != string(first) {
		t.Fatalf("the default spelling answers %d, differently", w.Code)
	}
	if st := f.api.CacheStats(); st.Entries != 1 {
		t.Errorf("300 spellings of one query kept %d answers, want 1", st.Entries)
	}
	for i := 0; i < 300; i++ {
		target := "/api/v1/trips?limit=" + strings.Repeat("0", i+1) + "10000"
		if w := f.get(target); w.Code != http.StatusBadRequest {
			t.Fatalf("GET %s: %d, want 400 (limit out of range)", target, w.Code)
		}
	}
	if st := f.api.CacheStats(); st.Entries != 1 {
		t.Errorf("refused queries were kept: %d answers", st.Entries)
	}
}

// TestCacheByteBound: thousands of distinct valid queries (every page size
// and offset a crawler can make up) never hold more than the budget; the
// least recently used answers go, and are counted.
func TestCacheByteBound(t *testing.T) {
	const budget = 1 << 20
	f := newFixture(t, budget)
	requests := 0
	for limit := 1; limit <= 50; limit++ {
		for offset := 0; offset < 7500; offset += 200 {
			target := fmt.Sprintf("/api/v1/trips?limit=%d&offset=%d", limit, offset)
			if w := f.get(target); w.Code != 200 {
				t.Fatalf("GET %s: %d", target, w.Code)
			}
			requests++
			if st := f.api.CacheStats(); st.Bytes > budget {
				t.Fatalf("after %d queries the cache holds %d bytes, over the budget of %d", requests, st.Bytes, budget)
			}
		}
	}
	st := f.api.CacheStats()
	t.Logf("%d distinct queries: %d answers kept, %d bytes (budget %d), %d evicted", requests, st.Entries, st.Bytes, budget, st.Evictions)
	if st.Evictions == 0 || st.Entries == 0 || st.Bytes < budget/2 {
		t.Errorf("%+v: want the budget used and answers evicted", st)
	}
	// The most recent answer is still kept: a hit allocates no new entry.
	before := f.api.CacheStats()
	f.get("/api/v1/trips?limit=50&offset=7400")
	if after := f.api.CacheStats(); after.Evictions != before.Evictions || after.Entries != before.Entries {
		t.Errorf("a repeated query was not a hit: %+v then %+v", before, after)
	}
}

// TestCacheHeapUnderAttack measures what the review measured: the live heap
// after many anonymous distinct-but-valid queries, at the default budget.
// Before, 300 requests took it from 12 MB to 693 MB; now the cache's share
// is bounded by DefaultCacheBytes whatever the number of queries.
func TestCacheHeapUnderAttack(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of requests")
	}
	f := newFixture(t, 0)
	f.get("/api/v1/trips") // the snapshot is built before the baseline
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	base := heap()
	n := 0
	for limit := 1000; limit > 0 && n < 600; limit-- {
		for _, offset := range []int{0, 500, 1000} {
			if w := f.get(fmt.Sprintf("/api/v1/trips?limit=%d&offset=%d", limit, offset)); w.Code != 200 {
				t.Fatalf("%d", w.Code)
			}
			n++
		}
	}
	grown := int64(heap()) - int64(base)
	st := f.api.CacheStats()
	t.Logf("%d distinct queries: heap %+.1f MiB, cache %d answers in %.1f MiB, %d evicted",
		n, float64(grown)/(1<<20), st.Entries, float64(st.Bytes)/(1<<20), st.Evictions)
	if st.Bytes > DefaultCacheBytes || st.Evictions == 0 {
		t.Errorf("cache holds %d bytes after %d evictions: want the budget reached and held", st.Bytes, st.Evictions)
	}
	// The bodies are counted; what the count leaves out (map, list,
	// headers) must not make the heap grow far beyond the budget.
	if grown > 2*DefaultCacheBytes {
		t.Errorf("heap grew %d bytes, more than twice the cache budget", grown)
	}
}
