package feed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/shuttlenews/shuttle"
)

// Poller polls a list of feeds, on a schedule (Run) or on demand (PollAll).
// The zero value of every optional field means its default; set fields
// before the first poll and leave them alone afterwards.
type Poller struct {
	Feeds []string
	Sink  Sink
	// Enrich, if set, is called on each new article before it reaches the
	// Sink (entity linking, tags, quotes).
	Enrich func(*shuttle.Article)
	State  StateStore // a MemoryState when nil

	Client      *http.Client  // NewHTTPClient() when nil
	UserAgent   string        // DefaultUserAgent when empty
	Timeout     time.Duration // per feed; DefaultTimeout when zero
	MaxBytes    int64         // per feed body; DefaultMaxBytes when zero
	Interval    time.Duration // between rounds of Run; DefaultInterval when zero
	Concurrency int           // feeds fetched at once; DefaultConcurrency when zero
	Logger      *slog.Logger  // slog.Default() when nil
	Now         func() time.Time

	mu         sync.Mutex // one round at a time, so dedupe checks see earlier marks
	initOnce   sync.Once
	defaultCli *http.Client
}

// NewPoller returns a Poller for feeds that delivers to sink, with defaults
// for everything else.
func NewPoller(feeds []string, sink Sink) *Poller {
	return &Poller{Feeds: append([]string(nil), feeds...), Sink: sink, State: NewMemoryState(0)}
}

// Result is the outcome of polling one feed.
type Result struct {
	URL         string
	Status      int  // HTTP status; 0 if no response arrived
	NotModified bool // the server answered 304
	Items       int  // items in the document
	Added       int  // new articles handed to the Sink
	Duplicates  int  // items already seen, by GUID or link
	Skipped     int  // items that could not become articles (no title)
	Err         error
	Elapsed     time.Duration
}

// Run polls every feed at once and then every Interval until ctx is done,
// and returns ctx's error. Failures are logged and retried next round.
func (p *Poller) Run(ctx context.Context) error {
	t := time.NewTicker(p.interval())
	defer t.Stop()
	for {
		p.PollAll(ctx)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// PollAll polls every feed once and returns one Result per feed, in the
// order of Feeds. Feeds are fetched concurrently; their items are delivered
// one feed at a time in list order, so when two feeds carry the same link
// the earlier feed in the list is the one whose item is kept. Calls
// (including Run's rounds) take turns rather than overlap.
func (p *Poller) PollAll(ctx context.Context) []Result {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.init()
	results := make([]Result, len(p.Feeds))
	docs := make([]fetched, len(p.Feeds))
	sem := make(chan struct{}, p.concurrency())
	var wg sync.WaitGroup
	for i, u := range p.Feeds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			docs[i], results[i].Err = p.fetchFeed(ctx, u)
			results[i].URL, results[i].Status = u, docs[i].status
			results[i].Elapsed = time.Since(start)
		}()
	}
	wg.Wait()
	for i := range results {
		r := &results[i]
		if r.Err == nil {
			r.Err = p.deliver(ctx, r, docs[i])
		}
		p.log(r)
	}
	p.logUnreachable(results)
	return results
}

// logUnreachable says in one line how many feeds could not be reached at
// all (no HTTP answer: offline, DNS, a refused connection). Offline, every
// feed fails the same way, and a warning per feed per round is noise that
// hides the one thing to know; the feeds' own errors are at debug level.
func (p *Poller) logUnreachable(results []Result) {
	n, first := 0, error(nil)
	for _, r := range results {
		if unreachable(&r) {
			if n == 0 {
				first = r.Err
			}
			n++
		}
	}
	if n > 0 {
		p.logger().Warn(fmt.Sprintf("feeds: %d of %d unreachable; will try again next round", n, len(results)),
			"first", first, "interval", p.interval())
	}
}

func unreachable(r *Result) bool {
	return r.Err != nil && r.Status == 0 && !errors.Is(r.Err, context.Canceled)
}

func (p *Poller) fetchFeed(ctx context.Context, feedURL string) (fetched, error) {
	prev, err := p.State.FeedState(ctx, feedURL)
	if err != nil {
		return fetched{}, fmt.Errorf("feed %s: state: %w", feedURL, err)
	}
	f, err := p.fetch(ctx, feedURL, prev)
	if err != nil {
		return f, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	return f, nil
}

// deliver hands the document's new items to the Sink. The feed's new
// validators are saved only when every item got through: otherwise the
// next poll would get a 304 and never see the items that failed.
func (p *Poller) deliver(ctx context.Context, r *Result, f fetched) error {
	if f.notModified {
		r.NotModified = true
		return nil
	}
	if p.Sink == nil {
		return fmt.Errorf("feed %s: no Sink to deliver to", r.URL)
	}
	r.Items = len(f.feed.Items)
	now := p.now()
	for _, it := range f.feed.Items {
		if it == nil {
			continue
		}
		a, keys, err := toArticle(r.URL, it, now)
		if err != nil {
			r.Skipped++
			p.logger().Debug("feed item skipped", "url", r.URL, "guid", it.GUID, "err", err)
			continue
		}
		seen, err := p.State.Seen(ctx, keys...)
		if err != nil {
			return fmt.Errorf("feed %s: state: %w", r.URL, err)
		}
		if seen {
			r.Duplicates++
			continue
		}
		if p.Enrich != nil {
			p.Enrich(a)
		}
		if err := p.Sink.PutArticle(ctx, a); err != nil {
			return fmt.Errorf("feed %s: put %s: %w", r.URL, a.Slug, err)
		}
		if err := p.State.MarkSeen(ctx, keys...); err != nil {
			return fmt.Errorf("feed %s: state: %w", r.URL, err)
		}
		r.Added++
	}
	if err := p.State.SetFeedState(ctx, r.URL, f.state); err != nil {
		return fmt.Errorf("feed %s: state: %w", r.URL, err)
	}
	return nil
}

func (p *Poller) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.Default()
}

func (p *Poller) log(r *Result) {
	log := p.logger()
	if unreachable(r) {
		log.Debug("feed unreachable", "url", r.URL, "elapsed", r.Elapsed, "err", r.Err)
		return
	}
	if r.Err != nil {
		log.Warn("feed poll failed", "url", r.URL, "status", r.Status, "elapsed", r.Elapsed, "err", r.Err)
		return
	}
	log.Info("feed polled", "url", r.URL, "status", r.Status, "items", r.Items,
		"added", r.Added, "duplicates", r.Duplicates, "skipped", r.Skipped, "elapsed", r.Elapsed)
}

func (p *Poller) init() {
	p.initOnce.Do(func() {
		if p.State == nil {
			p.State = NewMemoryState(0)
		}
		if p.Client == nil {
			p.defaultCli = NewHTTPClient()
		}
	})
}

func (p *Poller) client() *http.Client {
	if p.Client != nil {
		return p.Client
	}
	return p.defaultCli
}

func (p *Poller) userAgent() string {
	if p.UserAgent != "" {
		return p.UserAgent
	}
	return DefaultUserAgent
}

func (p *Poller) interval() time.Duration {
	if p.Interval <= 0 {
		return DefaultInterval
	}
	return p.Interval
}

func (p *Poller) timeout() time.Duration {
	if p.Timeout > 0 {
		return p.Timeout
	}
	return DefaultTimeout
}

func (p *Poller) maxBytes() int64 {
	if p.MaxBytes > 0 {
		return p.MaxBytes
	}
	return DefaultMaxBytes
}

func (p *Poller) concurrency() int {
	if p.Concurrency > 0 {
		return p.Concurrency
	}
	return DefaultConcurrency
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}
