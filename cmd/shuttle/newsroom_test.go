package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/content"
	"github.com/shuttlenews/shuttle/editor"
	"github.com/shuttlenews/shuttle/sqlite"
)

// The newsroom writes an article only when it changed, and a feed does not
// undo an editor's change: a restart that republishes every file and
// re-polls every feed leaves the store, and every server's cache, alone.
func TestNewsroomWritesOnlyChanges(t *testing.T) {
	ctx := context.Background()
	st := openSQLite(t)
	n := newNewsroom(st)
	notified := 0
	n.changed = func() { notified++ }
	changes := func() int64 {
		v, err := st.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v.Articles
	}
	// item is what a feed delivers, afresh on every poll.
	item := func(title string) *shuttle.Article {
		return &shuttle.Article{Slug: "kishida-state-visit", Title: title, Date: shuttle.MustDate("2024-04-10"),
			Body: "Prime Minister Kishida of Japan came to Washington.", HTML: "<p>Prime Minister Kishida of Japan came to Washington.</p>",
			Source: "https://www.state.gov/feed/kishida"}
	}
	put := func(a *shuttle.Article) {
		t.Helper()
		if err := n.PutArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}

	put(item("Kishida's state visit"))
	before, notifiedBefore := changes(), notified
	put(item("Kishida's state visit")) // a poll after a restart
	if changes() != before || notified != notifiedBefore {
		t.Errorf("the same item again was written: changes %d -> %d, notified %d -> %d", before, changes(), notifiedBefore, notified)
	}
	put(item("Kishida's state visit, day two"))
	if changes() == before || notified == notifiedBefore {
		t.Error("a changed item was not written")
	}

	// An editor retitles it; the feed's next delivery does not undo that.
	a, err := st.Article(ctx, "kishida-state-visit")
	if err != nil {
		t.Fatal(err)
	}
	a.Title, a.Source = "Kishida at the White House", editor.Source
	if err := st.PutArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	put(item("Kishida's state visit, day three"))
	if got, _ := st.Article(ctx, "kishida-state-visit"); got.Title != "Kishida at the White House" {
		t.Errorf("the feed replaced the editor's version: %q", got.Title)
	}

	// A content file is its article's source: it does replace the editor's.
	file := item("From the file")
	file.Source = "kishida-state-visit.md"
	put(file)
	if got, _ := st.Article(ctx, "kishida-state-visit"); got.Title != "From the file" {
		t.Errorf("the content file did not publish: %q", got.Title)
	}
}

// A restart publishes the content directory again, enriched again: the
// sample articles come back the same, and nothing is written.
func TestRestartRepublishesNothing(t *testing.T) {
	ctx := context.Background()
	st := openSQLite(t)
	n := newNewsroom(st)
	publish := func() int64 {
		t.Helper()
		changed, _, errs := (&content.Watcher{Dir: "../../content/sample"}).Poll()
		if len(errs) > 0 || len(changed) == 0 {
			t.Fatalf("content/sample: %d articles, errors %v", len(changed), errs)
		}
		for _, a := range changed {
			if err := n.PutArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		v, err := st.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v.Articles
	}
	first := publish()
	if again := publish(); again != first {
		t.Errorf("publishing the same files again made %d writes", again-first)
	}
}

// openSQLite opens a store in a fresh file, closed when the test ends.
func openSQLite(t *testing.T) *sqlite.DB {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "shuttle.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
