package content

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
)

// touch moves a file's time forward so that a rewrite of the same size is
// seen even on file systems with coarse timestamps.
func touch(t *testing.T, dir, name string, n int) {
	t.Helper()
	when := time.Now().Add(time.Duration(n) * time.Minute)
	if err := os.Chtimes(filepath.Join(dir, name), when, when); err != nil {
		t.Fatal(err)
	}
}

func slugsOf(as []*shuttle.Article) []string {
	var s []string
	for _, a := range as {
		s = append(s, a.Slug)
	}
	return s
}

func TestWatcherPoll(t *testing.T) {
	dir := t.TempDir()
	w := &Watcher{Dir: dir}
	step := 0
	expect := func(what string, changed, removed []string, nerr int) []*shuttle.Article {
		t.Helper()
		step++
		c, r, errs := w.Poll()
		if !slices.Equal(slugsOf(c), changed) || !slices.Equal(r, removed) || len(errs) != nerr {
			t.Fatalf("step %d (%s): changed %v removed %v errs %v; want %v %v %d errors",
				step, what, slugsOf(c), r, errs, changed, removed, nerr)
		}
		return c
	}

	expect("empty dir", nil, nil, 0)
	writeFile(t, dir, "a.md", article("Alpha", "2024-01-01", ""))
	writeFile(t, dir, "b.md", article("Bravo", "2024-01-01", ""))
	expect("first files", []string{"a", "b"}, nil, 0)
	expect("nothing new", nil, nil, 0)

	writeFile(t, dir, "a.md", article("Alpha two", "2024-01-01", ""))
	touch(t, dir, "a.md", 1)
	if c := expect("edit", []string{"a"}, nil, 0); c[0].Title != "Alpha two" {
		t.Errorf("title = %q", c[0].Title)
	}

	writeFile(t, dir, "b.md", "---\ntitle: Bravo\n") // a half-written save
	touch(t, dir, "b.md", 2)
	expect("broken save keeps b published", nil, nil, 1)
	expect("broken file reported once", nil, nil, 0)

	writeFile(t, dir, "a.md", article("Alpha", "2024-01-01", "slug: alpha-renamed\n"))
	touch(t, dir, "a.md", 3)
	expect("slug moved", []string{"alpha-renamed"}, []string{"a"}, 0)

	writeFile(t, dir, "c.md", article("Charlie", "2024-01-01", "slug: b\n"))
	expect("c wants b's slug", nil, nil, 1)
	if err := os.Remove(filepath.Join(dir, "b.md")); err != nil {
		t.Fatal(err)
	}
	expect("b deleted: c takes its slug, nothing to remove", []string{"b"}, nil, 0)

	if err := os.Rename(filepath.Join(dir, "a.md"), filepath.Join(dir, "z.md")); err != nil {
		t.Fatal(err)
	}
	expect("rename with explicit slug", []string{"alpha-renamed"}, nil, 0)

	for _, name := range []string{"c.md", "z.md"} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	expect("all deleted", nil, []string{"alpha-renamed", "b"}, 0)
}

func TestWatcherKeepsArticlesWhenDirVanishes(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.md", article("Alpha", "2024-01-01", ""))
	w := &Watcher{Dir: dir}
	w.Poll()
	tmp := dir + ".moved"
	if err := os.Rename(dir, tmp); err != nil {
		t.Fatal(err)
	}
	defer os.Rename(tmp, dir)
	c, r, errs := w.Poll()
	if len(c) != 0 || len(r) != 0 || len(errs) != 1 || !errors.Is(errs[0], os.ErrNotExist) {
		t.Errorf("got %v %v %v", c, r, errs)
	}
}

type change struct {
	changed []string
	removed []string
}

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.md", article("Alpha", "2024-01-01", ""))
	ctx, cancel := context.WithCancel(context.Background())
	changes := make(chan change, 16)
	done := make(chan error, 1)
	go func() {
		done <- Watch(ctx, dir, 10*time.Millisecond, func(c []*shuttle.Article, r []string) {
			changes <- change{slugsOf(c), r}
		})
	}()
	wait := func(what string, want change) {
		t.Helper()
		select {
		case got := <-changes:
			if !slices.Equal(got.changed, want.changed) || !slices.Equal(got.removed, want.removed) {
				t.Fatalf("%s: got %+v, want %+v", what, got, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: no callback", what)
		}
	}

	wait("initial load", change{changed: []string{"a"}})
	writeFile(t, dir, "b.md", article("Bravo", "2024-01-02", ""))
	wait("new file", change{changed: []string{"b"}})
	writeFile(t, dir, "a.md", article("Alpha, revised at length", "2024-01-01", ""))
	touch(t, dir, "a.md", 1)
	wait("modified file", change{changed: []string{"a"}})
	if err := os.Remove(filepath.Join(dir, "b.md")); err != nil {
		t.Fatal(err)
	}
	wait("deleted file", change{removed: []string{"b"}})

	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Watch returned %v", err)
	}
	select {
	case c := <-changes:
		t.Errorf("unexpected callback %+v", c)
	default:
	}
}

func TestWatcherOversizedFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "big.md", strings.Repeat("x", MaxFileSize+1))
	_, _, errs := (&Watcher{Dir: dir}).Poll()
	if len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || !strings.Contains(errs[0].Error(), "big.md") {
		t.Errorf("errs = %v", errs)
	}
}
