// Package metrics exposes shuttle's Prometheus metrics: HTTP requests by
// route pattern and status class, ingests by outcome with their duration and
// record counts by role, and the Go runtime and process collectors.
//
// It uses its own registry rather than the global one, so that what /metrics
// shows is exactly what shuttle registers and tests can build as many as
// they like.
package metrics

import (
	"maps"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/shuttlenews/shuttle"
)

const namespace = "shuttle"

// Metrics holds the collectors. Create it with New.
type Metrics struct {
	reg *prometheus.Registry

	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	// inFlight is read at scrape time (a GaugeFunc): an integer add per
	// request, where a Gauge's float needs a compare-and-swap loop that
	// the cores contend for.
	inFlight atomic.Int64
	// series caches each (route, method, status class)'s counter and
	// histogram: the label lookup hashes and validates three strings twice,
	// which on a cached page cost as much as serving it. The map is copied
	// to add a series (a handful in all) so that a lookup takes no lock:
	// a read lock is a counter every core writes.
	series   atomic.Pointer[map[seriesKey]*requestSeries]
	seriesMu sync.Mutex // serialises additions

	ingests        *prometheus.CounterVec
	ingestDuration *prometheus.HistogramVec
	ingestRecords  *prometheus.GaugeVec
	dataVersion    prometheus.Gauge
	lastIngest     prometheus.Gauge
}

// New registers every collector on a fresh registry.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status class.",
		}, []string{"route", "method", "code"}),
		// From half a millisecond (a cached page) to ten seconds (an ingest
		// triggered over the API).
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern, method and status class.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method", "code"}),
		ingests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "ingests_total",
			Help: "Dataset ingests, by result (ok or error).",
		}, []string{"result"}),
		ingestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "ingest_duration_seconds",
			Help:    "Time an ingest took, reading through commit, by result.",
			Buckets: []float64{.1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120, 300},
		}, []string{"result"}),
		ingestRecords: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: namespace, Name: "ingest_records",
			Help: "Records of the last successful ingest, by role and kind (read, duplicate, kept).",
		}, []string{"role", "kind"}),
		dataVersion: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "data_version",
			Help: "Data version the last successful ingest created.",
		}),
		lastIngest: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: namespace, Name: "ingest_last_success_timestamp_seconds",
			Help: "Unix time the last successful ingest ended.",
		}),
	}
	inFlight := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Namespace: namespace, Name: "http_requests_in_flight",
		Help: "HTTP requests being answered.",
	}, func() float64 { return float64(m.inFlight.Load()) })
	m.reg.MustRegister(m.requests, m.latency, inFlight,
		m.ingests, m.ingestDuration, m.ingestRecords, m.dataVersion, m.lastIngest,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Both results exist from the start, so a rate() over them needs no
	// first ingest and an alert on errors sees zero rather than no series.
	for _, res := range []string{"ok", "error"} {
		m.ingests.WithLabelValues(res)
	}
	return m
}

// Registry is the registry the collectors are on, for callers that add their
// own.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		Registry:          m.reg, // counts its own scrape errors
		EnableOpenMetrics: true,
	})
}

// ObserveIngest records an ingest that took took: its result, and on
// success the data version and the records per role in stats. Call it after
// every ingest attempt, failed ones included.
func (m *Metrics) ObserveIngest(took time.Duration, stats shuttle.IngestStats, v shuttle.Version, err error) {
	res := "ok"
	if err != nil {
		res = "error"
	}
	m.ingests.WithLabelValues(res).Inc()
	m.ingestDuration.WithLabelValues(res).Observe(took.Seconds())
	if err != nil {
		return // the records of the dataset still served are unchanged
	}
	for _, r := range shuttle.Roles {
		role := string(r)
		m.ingestRecords.WithLabelValues(role, "read").Set(float64(stats.Read[r]))
		m.ingestRecords.WithLabelValues(role, "duplicate").Set(float64(stats.Duplicates[r]))
		m.ingestRecords.WithLabelValues(role, "kept").Set(float64(stats.Kept(r)))
	}
	m.dataVersion.Set(float64(v.ID))
	m.lastIngest.Set(float64(v.IngestedAt.Unix()))
}

// Instrument counts and times every request next answers. Wrap the
// ServeMux itself (or a handler that passes the same *http.Request on to it):
// the route label is the pattern the mux matched, read from r.Pattern after
// the fact, so that the number of series stays bounded whatever paths
// clients ask for. Requests no pattern matched are labelled "unmatched".
func (m *Metrics) Instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		began := time.Now()
		m.inFlight.Add(1)
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			m.inFlight.Add(-1)
			// Deferred so that a handler that panics (net/http recovers and
			// drops the connection) is still counted, as a 500.
			p := recover()
			status := sw.status
			switch {
			case status == 0 && p != nil:
				status = http.StatusInternalServerError
			case status == 0:
				status = http.StatusOK
			}
			m.observe(r, status, began)
			if p != nil {
				panic(p)
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

func (m *Metrics) observe(r *http.Request, status int, began time.Time) {
	k := seriesKey{route: r.Pattern, method: method(r.Method), class: statusClass(status)}
	if k.route == "" {
		k.route = "unmatched"
	}
	rs := m.lookup(k)
	rs.count.Inc()
	rs.latency.Observe(time.Since(began).Seconds())
}

func (m *Metrics) lookup(k seriesKey) *requestSeries {
	if p := m.series.Load(); p != nil {
		if rs := (*p)[k]; rs != nil {
			return rs
		}
	}
	m.seriesMu.Lock()
	defer m.seriesMu.Unlock()
	old := m.series.Load()
	if old != nil && (*old)[k] != nil {
		return (*old)[k]
	}
	labels := []string{k.route, k.method, k.class}
	rs := &requestSeries{
		count:   m.requests.WithLabelValues(labels...),
		latency: m.latency.WithLabelValues(labels...),
	}
	next := map[seriesKey]*requestSeries{k: rs}
	if old != nil {
		maps.Copy(next, *old)
	}
	m.series.Store(&next)
	return rs
}

// The routes are the mux's patterns and the methods and classes are closed
// sets, so the cache is as bounded as the series themselves.
type seriesKey struct{ route, method, class string }

type requestSeries struct {
	count   prometheus.Counter
	latency prometheus.Observer
}

// method keeps the label's values to the standard methods, since a client can
// send any token as a method.
func method(s string) string {
	switch s {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return s
	}
	return "other"
}

// statusClass is "2xx", "4xx", …: per-code series would multiply the
// histograms for little gain.
func statusClass(code int) string {
	if code < 100 || code > 599 {
		return "other"
	}
	return statusClasses[code/100-1]
}

var statusClasses = [...]string{"1xx", "2xx", "3xx", "4xx", "5xx"}

// statusWriter remembers the status; Unwrap lets http.ResponseController
// reach the Flusher and deadlines underneath.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 {
		w.status = code // 1xx are interim; the final status comes later
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
