package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/shuttlenews/shuttle/auth"
	"github.com/shuttlenews/shuttle/editor"
	"github.com/shuttlenews/shuttle/feed"
	"github.com/shuttlenews/shuttle/metrics"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/api"
	"github.com/shuttlenews/shuttle/ingest"
	"github.com/shuttlenews/shuttle/internal/wire"
	"github.com/shuttlenews/shuttle/snapshot"
	"github.com/shuttlenews/shuttle/web"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr)
	app := &App{}
	app.Flags.register(fs)
	fs.StringVar(&app.Addr, "addr", env("SHUTTLE_ADDR", "localhost:8080"), "address to listen on (SHUTTLE_ADDR)")
	fs.StringVar(&app.BaseURL, "base-url", env("SHUTTLE_BASE_URL", ""), "the site's public origin for feeds, OpenGraph and embeds (SHUTTLE_BASE_URL; default http://ADDR)")
	fs.StringVar(&app.Content, "content", os.Getenv("SHUTTLE_CONTENT"), "directory of Markdown articles, watched for changes (SHUTTLE_CONTENT)")
	feeds := fs.String("feeds", env("SHUTTLE_FEEDS", "default"), "comma-separated RSS/Atom URLs to poll; \"default\" is the U.S. government list, \"\" none (SHUTTLE_FEEDS)")
	fs.DurationVar(&app.FeedInterval, "feeds-interval", 15*time.Minute, "time between feed polls")
	fs.StringVar(&app.TLSCert, "tls-cert", os.Getenv("SHUTTLE_TLS_CERT"), "PEM certificate chain: serve HTTPS (and HTTP/2) with --tls-key (SHUTTLE_TLS_CERT)")
	fs.StringVar(&app.TLSKey, "tls-key", os.Getenv("SHUTTLE_TLS_KEY"), "PEM private key for --tls-cert (SHUTTLE_TLS_KEY)")
	fs.StringVar(&app.MetricsAddr, "metrics-addr", env("SHUTTLE_METRICS_ADDR", "localhost:9464"), "address of the Prometheus /metrics listener, kept off the public one; \"\" for none (SHUTTLE_METRICS_ADDR)")
	fs.IntVar(&app.MaxConns, "max-conns", 4096, "connections served at once; more wait in the kernel's backlog")
	if err := fs.Parse(args); err != nil {
		return err
	}
	app.Feeds = feedList(*feeds)
	tuneGC()
	if err := app.Open(ctx); err != nil {
		return err
	}
	defer app.Close()
	fmt.Fprintf(stdout, "shuttle serving %s on %s\n", redact(app.Flags.dbURL()), app.URL())
	if u := app.MetricsURL(); u != "" {
		fmt.Fprintf(stdout, "metrics on %s\n", u)
	}
	return app.Run(ctx)
}

// App is the whole server, startable on :0 by end-to-end tests.
type App struct {
	Addr  string
	Flags storeFlags
	// Fetcher downloads the datasets when Flags.data is empty.
	Fetcher *ingest.Fetcher
	// Timeouts bound slow clients; zero fields take the defaults below.
	Timeouts Timeouts
	// BaseURL is the public origin written into feeds and metadata.
	BaseURL string
	// Content is a directory of Markdown articles to publish and watch.
	Content string
	// Feeds are polled every FeedInterval into the articles.
	Feeds        []string
	FeedInterval time.Duration
	// TLSCert and TLSKey, both or neither, make the server speak HTTPS,
	// with HTTP/2 offered as net/http does by itself.
	TLSCert, TLSKey string
	// MetricsAddr is where /metrics is served, apart from the site; ""
	// serves it nowhere.
	MetricsAddr string
	// MaxConns caps the connections served at once; zero is no cap.
	MaxConns int

	Store    shuttle.Store
	snapshot *snapshot.Source
	news     *newsroom
	feeds    *feed.Poller
	auth     *auth.Authenticator
	metrics  *metrics.Metrics
	site     *web.Server
	ln       *wire.Listener
	server   *http.Server
	// metricsLn and metricsServer serve /metrics on MetricsAddr.
	metricsLn     net.Listener
	metricsServer *http.Server
	listen        func(network, addr string) (net.Listener, error) // net.Listen unless a test counts the writes
}

// Open connects to the database and listens; it does not wait for the
// database to answer, so a server whose database is down still starts and
// reports 503 until it is back.
func (a *App) Open(ctx context.Context) (err error) {
	st, err := a.Flags.openStore(ctx)
	if err != nil {
		return err
	}
	a.Store = st
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	a.snapshot = &snapshot.Source{Store: st}
	a.news = newNewsroom(st)
	if a.Fetcher == nil {
		a.Fetcher = &ingest.Fetcher{}
	}
	a.feeds = a.news.poller(a.Feeds, a.FeedInterval, a.Store)
	cfg, err := auth.ConfigFromEnv(os.Getenv)
	if err != nil {
		return fmt.Errorf("editor tokens: %w", err)
	}
	cfg.LoginPath = editor.LoginPath
	cfg.Sessions = st // every server shares the editors' sessions
	if a.auth, err = auth.New(cfg); err != nil {
		return fmt.Errorf("editor tokens: %w", err)
	}
	a.metrics = metrics.New()
	listen := net.Listen
	if a.listen != nil {
		listen = a.listen
	}
	ln, err := listen("tcp", a.Addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", a.Addr, err)
	}
	a.ln = wire.NewListener(ln, wire.Config{MaxConns: a.MaxConns, Error: refusal})
	base := a.BaseURL
	if base == "" {
		base = a.URL()
	}
	if a.site, err = web.New(web.Config{Store: st, Snapshot: a.snapshot, BaseURL: base, WriteBody: wire.Write}); err != nil {
		return err
	}
	a.news.changed = a.site.ArticlesChanged
	if a.server, err = a.httpServer(a.Handler()); err != nil {
		return err
	}
	return a.openMetrics(listen)
}

// URL is where the app listens.
func (a *App) URL() string {
	if a.TLSCert != "" {
		return "https://" + a.ln.Addr().String()
	}
	return "http://" + a.ln.Addr().String()
}

// MetricsURL is where /metrics is served, "" when nowhere.
func (a *App) MetricsURL() string {
	if a.metricsLn == nil {
		return ""
	}
	return "http://" + a.metricsLn.Addr().String() + "/metrics"
}

// Handler is every route of the app.
func (a *App) Handler() http.Handler {
	mux := http.NewServeMux()
	(&api.Server{Store: a.Store, Snapshot: a.snapshot}).Register(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET /readyz", a.ready)
	a.site.Register(mux)
	(&editor.Server{Auth: a.auth, Actions: editor.Actions{
		Store: a.Store, Ingest: a.ingestNow, PollFeeds: a.pollNow,
		Enrich: a.news.enricher.EnrichArticle, ArticlesChanged: a.site.ArticlesChanged,
	}}).Register(mux)
	// Instrument is outermost of ours: it reads the matched route pattern
	// after the mux has served the request. The wire's mark is outside it.
	return a.ln.Handler(a.metrics.Instrument(logRequests(limitBodies(web.SecurityHeaders(mux)))))
}

// ingestNow runs an ingest for the editor's trigger and the first start, and
// records it in the metrics.
func (a *App) ingestNow(ctx context.Context) (shuttle.Version, error) {
	began := time.Now()
	d, v, err := ingestInto(ctx, a.Store, a.Fetcher, a.Flags, nil)
	var stats shuttle.IngestStats
	if d != nil {
		stats = d.Stats
	}
	a.metrics.ObserveIngest(time.Since(began), stats, v, err)
	return v, err
}

// pollNow runs one round over the feeds for the editor's trigger; it shares
// the scheduled poller, and so its lock.
func (a *App) pollNow(ctx context.Context) (int, error) {
	added := 0
	for _, r := range a.feeds.PollAll(ctx) {
		added += r.Added
	}
	return added, nil
}

// ready answers 200 once the database answers and holds data.
func (a *App) ready(w http.ResponseWriter, r *http.Request) {
	v, err := a.Store.Version(r.Context())
	switch {
	case err != nil:
		http.Error(w, "database unavailable: "+shuttle.ErrorMessage(err), http.StatusServiceUnavailable)
	case v.ID == 0:
		http.Error(w, "no data ingested yet: "+shuttle.ErrorMessage(a.snapshot.NoData()), http.StatusServiceUnavailable)
	default:
		fmt.Fprintf(w, "ready: data version %d\n", v.ID)
	}
}

// Run serves until ctx ends, then drains in-flight requests.
func (a *App) Run(ctx context.Context) error {
	t := a.Timeouts.withDefaults()
	go a.ingestIfEmpty(ctx)
	if a.Content != "" {
		go a.news.watch(ctx, a.Content, 2*time.Second)
	}
	if len(a.Feeds) > 0 {
		go a.feeds.Run(ctx)
	}
	errc := make(chan error, 2)
	go func() { errc <- a.serve() }()
	if a.metricsServer != nil {
		go func() { errc <- a.metricsServer.Serve(a.metricsLn) }()
	}
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), t.Drain)
	defer cancel()
	slog.Info("shutting down: draining requests")
	if a.metricsServer != nil {
		a.metricsServer.Close() // a scrape needs no draining
	}
	if err := a.server.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// Retries of a failed first ingest: soon, for a network that comes back,
// then less often, for a data directory that needs a person.
const (
	firstRetry = 30 * time.Second
	maxRetry   = 15 * time.Minute
)

// ingestIfEmpty loads the data on a first start. It waits for the database
// to answer, so a server started before its database catches up by itself;
// a failed ingest is retried with backoff, and until one lands the pages,
// the API and /readyz say why there is no data (snapshot.Source.NoData).
func (a *App) ingestIfEmpty(ctx context.Context) {
	wait := 500 * time.Millisecond // while the database does not answer
	retry := firstRetry            // after a failed ingest
	for {
		delay := wait
		v, err := a.Store.Version(ctx)
		if err == nil && v.ID != 0 {
			a.snapshot.IngestFailed("")
			return
		}
		if err == nil {
			if _, err = a.ingestNow(ctx); err == nil {
				a.snapshot.IngestFailed("")
				return
			}
			if ctx.Err() != nil {
				return
			}
			if shuttle.ErrorCode(err) != shuttle.EUNAVAILABLE {
				delay, retry = retry, min(2*retry, maxRetry)
				a.snapshot.IngestFailed(a.noDataReason(err, delay))
				slog.Error("first-start ingest failed; retrying", "err", err, "in", delay)
			}
		}
		if delay == wait {
			slog.Warn("database not ready; will retry", "err", err, "in", delay)
			wait = min(2*wait, 30*time.Second)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
	}
}

// noDataReason is what a reader is told while the first ingest keeps
// failing: the failure, and the way out.
func (a *App) noDataReason(err error, retry time.Duration) string {
	fix := "fix the data directory, or run `shuttle ingest`"
	if a.Flags.data == "" {
		fix = "check the network, or run `shuttle serve --data DIR` with a local copy of the records"
	}
	return fmt.Sprintf("The first ingest failed: %s. %s; trying again in %s.", readerSafe(err), capitalise(fix), retry.Round(time.Second))
}

// readerSafe is what a reader may be told of a failed ingest: the
// download's or the data's own error names a URL or a file:line, which is
// what to act on; the database's is the operator's, and only logged.
func readerSafe(err error) string {
	var se *storeError
	switch {
	case errors.As(err, &se):
		return "the database did not take the data (the server's log says why)"
	case shuttle.ErrorCode(err) != shuttle.EINTERNAL:
		return shuttle.ErrorMessage(err)
	}
	line, _, _ := strings.Cut(err.Error(), "\n")
	return line
}

func capitalise(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// Close releases the listener and the database.
func (a *App) Close() error {
	if a.ln != nil {
		a.ln.Close()
	}
	if a.metricsLn != nil {
		a.metricsLn.Close()
	}
	if a.Store != nil {
		return a.Store.Close()
	}
	return nil
}

// redact hides a password in a database URL before it is printed.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Timeouts are the server's limits on slow clients and on draining.
type Timeouts struct {
	ReadHeader, Read, Write, Idle time.Duration
	// Drain is how long a stopping server waits for requests in flight.
	Drain time.Duration
}

func (t Timeouts) withDefaults() Timeouts {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&t.ReadHeader, 5*time.Second) // a client that dribbles headers is cut off
	def(&t.Read, 15*time.Second)
	def(&t.Write, 30*time.Second)
	def(&t.Idle, 90*time.Second)
	def(&t.Drain, 20*time.Second)
	return t
}
