package content

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/shuttlenews/shuttle"
)

// DefaultInterval is how often a Watcher polls when Interval is not set.
const DefaultInterval = 2 * time.Second

// Watcher polls a content directory and reports articles that changed or
// disappeared since the previous poll. It compares the set of file names
// and each file's size and modification time, so it needs nothing beyond
// the standard library and works on any file system, network mounts
// included, at the cost of noticing a change up to one Interval late.
//
// The first poll reports every article as changed: a server can start with
// an empty store and let the Watcher fill it.
type Watcher struct {
	Dir      string
	Interval time.Duration // DefaultInterval when zero
	// OnChange receives changed articles and removed slugs. Apply removals
	// first: a slug never appears in both lists of one call.
	OnChange func(changed []*shuttle.Article, removed []string)
	Logger   *slog.Logger // slog.Default() when nil

	mu    sync.Mutex
	files map[string]fileState // by file name
}

type fileState struct {
	size int64
	mod  time.Time
	// slug is what the file currently publishes: kept when a later version
	// fails to parse, so a broken save does not take the article down.
	slug string
	// wanted is a slug another file holds; this file is read again once it
	// is freed.
	wanted string
}

// Watch polls dir every interval and calls fn with what changed, until ctx is
// done. It returns ctx's error.
func Watch(ctx context.Context, dir string, interval time.Duration, fn func(changed []*shuttle.Article, removed []string)) error {
	w := &Watcher{Dir: dir, Interval: interval, OnChange: fn}
	return w.Run(ctx)
}

// Run polls at once, then every Interval until ctx is done, calling
// OnChange when something changed and logging files that fail to parse
// (once per version of the file). It returns ctx's error.
func (w *Watcher) Run(ctx context.Context) error {
	interval := w.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		w.pollAndReport()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

func (w *Watcher) pollAndReport() {
	changed, removed, errs := w.Poll()
	log := w.Logger
	if log == nil {
		log = slog.Default()
	}
	for _, err := range errs {
		log.Warn("content file skipped", "dir", w.Dir, "err", err)
	}
	if (len(changed) > 0 || len(removed) > 0) && w.OnChange != nil {
		w.OnChange(changed, removed)
	}
}

// Poll scans the directory once and returns the articles whose files are
// new or changed (in file-name order), the slugs no longer published, and
// the errors of files that could not be read or parsed. Safe to call
// alongside Run, for a reload on demand.
func (w *Watcher) Poll() (changed []*shuttle.Article, removed []string, errs []error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	entries, err := os.ReadDir(w.Dir)
	if err != nil {
		// Keep what is published: a directory that is briefly unreadable
		// (a remount, a deploy swapping it) must not empty the site.
		return nil, nil, []error{fmt.Errorf("content %s: %w", w.Dir, err)}
	}
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool { return !isArticleFile(e) })
	// Deletions first, so that a slug a deleted file frees can be taken by
	// another file in this same poll.
	removed = w.forgetMissing(entries)
	bySlug := make(map[string]string, len(w.files))
	for name, st := range w.files {
		if st.slug != "" {
			bySlug[st.slug] = name
		}
	}
	for _, e := range entries {
		a, dropped, err := w.update(e, bySlug)
		if err != nil {
			errs = append(errs, err)
		}
		if a != nil {
			changed = append(changed, a)
		}
		if dropped != "" {
			removed = append(removed, dropped)
		}
	}
	return changed, w.settleRemoved(changed, removed), errs
}

func (w *Watcher) forgetMissing(entries []os.DirEntry) (removed []string) {
	if w.files == nil {
		w.files = make(map[string]fileState)
	}
	present := make(map[string]bool, len(entries))
	for _, e := range entries {
		present[e.Name()] = true
	}
	for name, st := range w.files {
		if !present[name] {
			delete(w.files, name)
			removed = append(removed, st.slug)
		}
	}
	return removed
}

// update re-reads one file if its size or time changed, or if it lost a
// slug to another file and that slug has since been freed. It returns the
// article when it parsed, and the slug the file published before if the new
// version moved to another one. The file's new size and time are recorded
// even when it fails to parse, so a broken file is reported once, not on
// every poll.
func (w *Watcher) update(e os.DirEntry, bySlug map[string]string) (a *shuttle.Article, dropped string, err error) {
	name := e.Name()
	info, err := e.Info()
	if errors.Is(err, os.ErrNotExist) {
		return nil, "", nil // deleted since it was listed; the next poll sees it gone
	}
	if err != nil {
		return nil, "", &Error{File: name, Err: err}
	}
	old, known := w.files[name]
	same := known && old.size == info.Size() && old.mod.Equal(info.ModTime())
	if same && (old.wanted == "" || bySlug[old.wanted] != "") {
		return nil, "", nil
	}
	st := fileState{size: info.Size(), mod: info.ModTime(), slug: old.slug}
	w.files[name] = st
	if a, err = w.load(name, info); err != nil {
		return nil, "", err
	}
	if other := bySlug[a.Slug]; other != "" && other != name {
		st.wanted = a.Slug
		w.files[name] = st
		return nil, "", &Error{File: name, Err: fmt.Errorf("duplicate slug %q: already used by %s", a.Slug, other)}
	}
	if old.slug != "" && old.slug != a.Slug {
		dropped = old.slug
		delete(bySlug, old.slug)
	}
	bySlug[a.Slug] = name
	st.slug = a.Slug
	w.files[name] = st
	return a, dropped, nil
}

func (w *Watcher) load(name string, info os.FileInfo) (*shuttle.Article, error) {
	if info.Size() > MaxFileSize {
		return nil, &Error{File: name, Err: fmt.Errorf("%w (%d bytes)", ErrTooLarge, info.Size())}
	}
	src, err := readFile(filepath.Join(w.Dir, name))
	if err != nil {
		return nil, &Error{File: name, Err: err}
	}
	return Parse(name, src)
}

// settleRemoved lists each removed slug once, sorted, leaving out slugs that
// are still published: by a changed article (a file renamed, a slug moved
// from one file to another) or by a file that kept it.
func (w *Watcher) settleRemoved(changed []*shuttle.Article, removed []string) []string {
	live := make(map[string]bool, len(w.files))
	for _, st := range w.files {
		live[st.slug] = true
	}
	for _, a := range changed {
		live[a.Slug] = true
	}
	var out []string
	for _, s := range removed {
		if s != "" && !live[s] && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}
