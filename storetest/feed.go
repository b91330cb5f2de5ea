package storetest

import (
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
)

// testFeedState checks what the feed poller keeps in the database: each
// feed's validators, and the items delivered, found by any of their keys.
func testFeedState(t *testing.T, s shuttle.Store) {
	ctx := t.Context()
	const feed = "https://www.state.gov/feed/"
	if st, err := s.FeedState(ctx, feed); err != nil || st != (shuttle.FeedState{}) {
		t.Errorf("a feed never polled: %+v, %v", st, err)
	}
	want := shuttle.FeedState{ETag: `W/"abc"`, LastModified: "Wed, 25 Nov 2026 10:00:00 GMT"}
	for range 2 { // the second is an update
		if err := s.SetFeedState(ctx, feed, want); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.FeedState(ctx, feed); err != nil || got != want {
		t.Errorf("FeedState: %+v, %v; want %+v", got, err, want)
	}
	if got, _ := s.FeedState(ctx, feed+"other"); got != (shuttle.FeedState{}) {
		t.Errorf("another feed: %+v", got)
	}

	seen := func(keys ...string) bool {
		t.Helper()
		ok, err := s.Seen(ctx, keys...)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if seen("guid:1", "https://example.org/1") {
		t.Error("an item never marked is seen")
	}
	if err := s.MarkSeen(ctx, "guid:1", "https://example.org/1"); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSeen(ctx, "guid:1"); err != nil { // again: no error
		t.Fatal(err)
	}
	if !seen("guid:other", "https://example.org/1") || !seen("guid:1") {
		t.Error("a marked item is not seen by one of its keys")
	}
	if seen("guid:2", "https://example.org/2") || seen() {
		t.Error("an unmarked item, or no key, is seen")
	}
}

// FeedSeenForgotten checks that a delivered item is forgotten FeedItemsKept
// after it was last marked, so that the table does not grow for ever. setNow sets the
// store's clock.
func FeedSeenForgotten(t *testing.T, s shuttle.Store, setNow func(func() time.Time)) {
	ctx := t.Context()
	start := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	now := start
	setNow(func() time.Time { return now })
	if err := s.MarkSeen(ctx, "old", "kept"); err != nil {
		t.Fatal(err)
	}
	now = start.Add(200 * 24 * time.Hour)
	if err := s.MarkSeen(ctx, "kept"); err != nil { // delivered again: remembered anew
		t.Fatal(err)
	}
	now = start.Add(shuttle.FeedItemsKept + 24*time.Hour)
	if err := s.MarkSeen(ctx, "new"); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]bool{"old": false, "kept": true, "new": true} {
		if got, err := s.Seen(ctx, key); err != nil || got != want {
			t.Errorf("Seen(%q) a year on: %v, %v; want %v", key, got, err, want)
		}
	}
}
