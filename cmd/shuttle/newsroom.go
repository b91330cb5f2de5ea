package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"strings"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/content"
	"github.com/shuttlenews/shuttle/editor"
	"github.com/shuttlenews/shuttle/enrich"
	"github.com/shuttlenews/shuttle/feed"
)

// newsroom is where articles enter the store, from whichever door: the
// content directory, feeds, or the editor. Each is enriched (tag, quote,
// insight and mentioned countries where the editor set none) and the site is
// told, so it re-renders exactly what changed.
type newsroom struct {
	store    shuttle.ArticleStore
	enricher *enrich.Enricher
	changed  func() // the site's cache invalidation; may be nil
}

func newNewsroom(st shuttle.ArticleStore) *newsroom {
	return &newsroom{store: st, enricher: enrich.Default()}
}

// PutArticle enriches and stores a; it makes newsroom a feed.Sink.
//
// It writes nothing when the store holds the same article already: every
// start republishes the content files, and polls again the feeds whose
// delivered items it forgot, and an unchanged article must not cost every
// server its cached pages. Nor does a feed item replace the article an
// editor has changed since: the editor's version is the one published.
func (n *newsroom) PutArticle(ctx context.Context, a *shuttle.Article) error {
	n.enricher.EnrichArticle(a)
	old, err := n.store.Article(ctx, a.Slug)
	switch {
	case err == nil && sameArticle(old, *a):
		return nil
	case err == nil && old.Source == editor.Source && strings.Contains(a.Source, "://"):
		slog.Info("feed: an editor changed this article; the feed's version is not published", "slug", a.Slug, "source", a.Source)
		return nil
	case err != nil && shuttle.ErrorCode(err) != shuttle.ENOTFOUND:
		return fmt.Errorf("article %s: %w", a.Slug, err)
	}
	if err := n.store.PutArticle(ctx, a); err != nil {
		return fmt.Errorf("article %s: %w", a.Slug, err)
	}
	n.notify()
	return nil
}

// sameArticle reports whether a and b publish the same thing: the time of
// the last write aside, and an empty list the same as none.
func sameArticle(a, b shuttle.Article) bool {
	for _, x := range []*shuttle.Article{&a, &b} {
		x.UpdatedAt = time.Time{}
		if len(x.Countries) == 0 {
			x.Countries = nil
		}
		if x.Insight != nil && len(x.Insight.Params) == 0 {
			in := *x.Insight
			in.Params = nil
			x.Insight = &in
		}
	}
	return reflect.DeepEqual(a, b)
}

func (n *newsroom) DeleteArticle(ctx context.Context, slug string) error {
	if err := n.store.DeleteArticle(ctx, slug); err != nil && shuttle.ErrorCode(err) != shuttle.ENOTFOUND {
		return fmt.Errorf("article %s: %w", slug, err)
	}
	n.notify()
	return nil
}

func (n *newsroom) notify() {
	if n.changed != nil {
		n.changed()
	}
}

// watch keeps the store in step with a content directory: the first poll
// loads every article, later ones what changed.
func (n *newsroom) watch(ctx context.Context, dir string, interval time.Duration) {
	w := &content.Watcher{Dir: dir, Interval: interval, OnChange: func(changed []*shuttle.Article, removed []string) {
		for _, slug := range removed {
			if err := n.DeleteArticle(ctx, slug); err != nil {
				slog.Error("content: remove", "dir", dir, "slug", slug, "err", err)
			}
		}
		for _, a := range changed {
			if err := n.PutArticle(ctx, a); err != nil {
				slog.Error("content: store", "dir", dir, "slug", a.Slug, "err", err)
				continue
			}
			slog.Info("content: published", "slug", a.Slug, "source", a.Source)
		}
	}}
	if err := w.Run(ctx); err != nil && ctx.Err() == nil {
		slog.Error("content: watcher stopped", "dir", dir, "err", err)
	}
}

// poller polls feeds into the newsroom, keeping what it learns (the feeds'
// validators, the items delivered) in state: the database, so that a restart
// or another server does not fetch and deliver everything again.
func (n *newsroom) poller(feeds []string, interval time.Duration, state feed.StateStore) *feed.Poller {
	p := feed.NewPoller(feeds, n)
	p.Interval = interval
	p.State = state
	return p
}

// feedList parses a comma-separated list of feed URLs; "default" stands for
// feed.DefaultFeeds and "" for none.
func feedList(s string) []string {
	var out []string
	for _, u := range strings.Split(s, ",") {
		switch u = strings.TrimSpace(u); u {
		case "":
		case "default":
			out = append(out, feed.DefaultFeeds...)
		default:
			out = append(out, u)
		}
	}
	return out
}

// runFeeds implements "shuttle feeds poll": one round over every feed.
func runFeeds(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "poll" {
		return fmt.Errorf("usage: shuttle feeds poll [--feeds URL,…] [--db URL]")
	}
	fs := newFlagSet("feeds poll", stderr)
	var sf storeFlags
	sf.register(fs)
	feeds := fs.String("feeds", env("SHUTTLE_FEEDS", "default"), "comma-separated feed URLs; \"default\" is the U.S. government list (SHUTTLE_FEEDS)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	st, err := sf.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	n := newNewsroom(st)
	failed := 0
	for _, r := range n.poller(feedList(*feeds), 0, st).PollAll(ctx) {
		status := "ok"
		switch {
		case r.Err != nil:
			status, failed = "failed: "+r.Err.Error(), failed+1
		case r.NotModified:
			status = "not modified"
		}
		fmt.Fprintf(stdout, "%s: %d items, %d new, %d duplicates — %s\n", r.URL, r.Items, r.Added, r.Duplicates, status)
	}
	if failed > 0 {
		return fmt.Errorf("%d feed(s) failed", failed)
	}
	return nil
}
