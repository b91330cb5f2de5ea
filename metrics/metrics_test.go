package metrics

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
)

// scrape fetches /metrics from srv and returns the exposition text.
func scrape(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("scrape: %d, %v", res.StatusCode, err)
	}
	return string(b)
}

// value returns the sample of series (name plus its labels in the sorted
// order the text format uses) in body, and whether it is there.
func value(body, series string) (float64, bool) {
	for _, line := range strings.Split(body, "\n") {
		if rest, ok := strings.CutPrefix(line, series+" "); ok {
			v, err := strconv.ParseFloat(strings.Fields(rest)[0], 64)
			return v, err == nil
		}
	}
	return 0, false
}

func wantValue(t *testing.T, body, series string, want float64) {
	t.Helper()
	got, ok := value(body, series)
	if !ok {
		t.Errorf("no series %s", series)
		return
	}
	if got != want {
		t.Errorf("%s = %v, want %v", series, got, want)
	}
}

func TestInstrument(t *testing.T) {
	m := New()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "boom" {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		io.WriteString(w, "item")
	})
	mux.HandleFunc("POST /items", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(30 * time.Millisecond)
	})
	mux.Handle("GET /metrics", m.Handler())
	srv := httptest.NewServer(m.Instrument(mux))
	defer srv.Close()

	do := func(method, path string) {
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
	// Three different paths, one pattern: one series.
	for _, id := range []string{"1", "2", "a-long-id-nobody-will-ask-again"} {
		do("GET", "/items/"+id)
	}
	do("GET", "/items/boom")
	do("POST", "/items")
	do("POST", "/items")
	do("GET", "/nowhere/"+strconv.Itoa(int(time.Now().UnixNano())))
	do("BREW", "/items")
	do("GET", "/slow")

	body := scrape(t, srv.URL)
	const c = "shuttle_http_requests_total"
	wantValue(t, body, c+`{code="2xx",method="GET",route="GET /items/{id}"}`, 3)
	wantValue(t, body, c+`{code="5xx",method="GET",route="GET /items/{id}"}`, 1)
	wantValue(t, body, c+`{code="2xx",method="POST",route="POST /items"}`, 2)
	wantValue(t, body, c+`{code="4xx",method="GET",route="unmatched"}`, 1)
	wantValue(t, body, c+`{code="4xx",method="other",route="unmatched"}`, 1)
	if strings.Contains(body, "/items/1") || strings.Contains(body, "/nowhere") || strings.Contains(body, "BREW") {
		t.Error("a raw path or method became a label value")
	}
	const h = "shuttle_http_request_duration_seconds"
	wantValue(t, body, h+`_count{code="2xx",method="GET",route="GET /items/{id}"}`, 3)
	wantValue(t, body, h+`_bucket{code="2xx",method="GET",route="GET /slow",le="0.025"}`, 0)
	wantValue(t, body, h+`_bucket{code="2xx",method="GET",route="GET /slow",le="0.05"}`, 1)
	if sum, _ := value(body, h+`_sum{code="2xx",method="GET",route="GET /slow"}`); sum < 0.03 {
		t.Errorf("latency sum %v for a 30 ms handler", sum)
	}
	// This scrape is in flight while it is answered.
	wantValue(t, body, "shuttle_http_requests_in_flight", 1)
	if _, ok := value(body, "go_goroutines"); !ok {
		t.Error("no Go runtime metrics")
	}

	// The scrape itself is counted by the next one.
	wantValue(t, scrape(t, srv.URL), c+`{code="2xx",method="GET",route="GET /metrics"}`, 1)
}

func TestInstrumentPanicCountsAs500(t *testing.T) {
	m := New()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic(http.ErrAbortHandler) })
	mux.Handle("GET /metrics", m.Handler())
	srv := httptest.NewServer(m.Instrument(mux))
	defer srv.Close()
	if res, err := http.Get(srv.URL + "/panic"); err == nil {
		res.Body.Close()
		t.Fatal("the panic did not abort the response")
	}
	wantValue(t, scrape(t, srv.URL), `shuttle_http_requests_total{code="5xx",method="GET",route="GET /panic"}`, 1)
}

func TestObserveIngest(t *testing.T) {
	m := New()
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	scrapeRoot := func() string { return scrape(t, srv.URL) }

	body := scrapeRoot()
	wantValue(t, body, `shuttle_ingests_total{result="error"}`, 0)
	wantValue(t, body, `shuttle_ingests_total{result="ok"}`, 0)

	stats := shuttle.IngestStats{
		Read:       map[shuttle.Role]int{shuttle.RoleSecretary: 3439, shuttle.RolePresident: 832, shuttle.RoleVisit: 3264},
		Duplicates: map[shuttle.Role]int{shuttle.RoleSecretary: 3, shuttle.RolePresident: 1},
	}
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	m.ObserveIngest(1500*time.Millisecond, stats, shuttle.Version{ID: 7, IngestedAt: at}, nil)
	m.ObserveIngest(200*time.Millisecond, shuttle.IngestStats{}, shuttle.Version{}, errors.New("disk full"))

	body = scrapeRoot()
	wantValue(t, body, `shuttle_ingests_total{result="ok"}`, 1)
	wantValue(t, body, `shuttle_ingests_total{result="error"}`, 1)
	wantValue(t, body, `shuttle_ingest_duration_seconds_sum{result="ok"}`, 1.5)
	wantValue(t, body, `shuttle_ingest_duration_seconds_bucket{result="ok",le="1"}`, 0)
	wantValue(t, body, `shuttle_ingest_duration_seconds_bucket{result="ok",le="2.5"}`, 1)
	wantValue(t, body, `shuttle_ingest_records{kind="kept",role="secretary"}`, 3436)
	wantValue(t, body, `shuttle_ingest_records{kind="duplicate",role="president"}`, 1)
	wantValue(t, body, `shuttle_ingest_records{kind="read",role="visit"}`, 3264)
	wantValue(t, body, `shuttle_ingest_records{kind="kept",role="visit"}`, 3264)
	wantValue(t, body, "shuttle_data_version", 7)
	wantValue(t, body, "shuttle_ingest_last_success_timestamp_seconds", float64(at.Unix()))
}

func TestStatusClass(t *testing.T) {
	for code, want := range map[int]string{200: "2xx", 204: "2xx", 301: "3xx", 404: "4xx", 499: "4xx", 503: "5xx", 0: "other", 600: "other"} {
		if got := statusClass(code); got != want {
			t.Errorf("statusClass(%d) = %q, want %q", code, got, want)
		}
	}
}

func ExampleMetrics_Instrument() {
	m := New()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello/{name}", func(w http.ResponseWriter, r *http.Request) {})
	mux.Handle("GET /metrics", m.Handler())
	h := m.Instrument(mux)

	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/hello/world", nil))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	v, _ := value(w.Body.String(), `shuttle_http_requests_total{code="2xx",method="GET",route="GET /hello/{name}"}`)
	fmt.Println(v)
	// Output: 1
}
