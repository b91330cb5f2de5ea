package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// Repositories are the upstream repositories an ingest reads.
var Repositories = []string{"travels", "visits", "gsh", "pocom"}

// DefaultBaseURL is where the repositories' archives are downloaded from;
// %s is the repository name.
const DefaultBaseURL = "https://github.com/HistoryAtState/%s/archive/refs/heads/master.tar.gz"

// PinnedURL is the archive of one commit of a repository: the first %s is
// the repository, the second the commit.
const PinnedURL = "https://github.com/HistoryAtState/%s/archive/%s.tar.gz"

// Pinned are the upstream commits the project is tested against (the
// snapshot beside the repository, ../shared/data/hsg/SOURCES.md): a clone
// without that snapshot downloads exactly these.
var Pinned = map[string]string{
	"travels": "3170c773f22c99dadc8ec93da070f8ff6259d6d8",
	"visits":  "869ca4f0e8d15521bc3c094b846e6b1d3c7d8f1d",
	"gsh":     "c8aea3fec913baa1daa8472e3a6becdf7277d8be",
	"pocom":   "44d2226df6b26f8f5807215ec40e3a6c4d706bbb",
}

// Fetcher downloads the upstream repositories into a cache directory.
type Fetcher struct {
	// URL is a format string with one %s for the repository name.
	URL    string
	Client *http.Client
	Logger *slog.Logger
	// Refresh downloads even when a cached copy exists.
	Refresh bool
	// Commits, when set, pins each repository to a commit (see Pinned),
	// downloaded from PinnedURL; URL is then unused.
	Commits map[string]string
}

// Open resolves a data source: a directory laid out like the upstream
// repositories side by side, or, when dir is "", the upstream download cached
// under cacheDir. It returns the tree and a description for logs and the
// dataset's Version.
func (f *Fetcher) Open(ctx context.Context, dir, cacheDir string) (fs.FS, string, error) {
	if dir != "" {
		st, err := os.Stat(dir)
		if err != nil {
			return nil, "", fmt.Errorf("data %s: %w", dir, err)
		}
		if !st.IsDir() {
			return nil, "", fmt.Errorf("data %s: not a directory (want one holding travels/, visits/, gsh/ and pocom/)", dir)
		}
		fsys := os.DirFS(dir)
		if _, err := layout(fsys); err != nil {
			return nil, "", fmt.Errorf("data %s: %w", dir, err)
		}
		return fsys, dir, nil
	}
	cached := filepath.Join(cacheDir, "hsg")
	if !f.Refresh {
		if fsys := os.DirFS(cached); isLaidOut(fsys) {
			return fsys, cached, nil
		}
	}
	if err := f.download(ctx, cached); err != nil {
		if fsys := os.DirFS(cached); isLaidOut(fsys) {
			f.logger().Warn("download failed; using the cached copy", "cache", cached, "err", err)
			return fsys, cached, nil
		}
		return nil, "", err
	}
	return os.DirFS(cached), cached, nil
}

func isLaidOut(fsys fs.FS) bool {
	_, err := layout(fsys)
	return err == nil
}

func (f *Fetcher) logger() *slog.Logger {
	if f.Logger != nil {
		return f.Logger
	}
	return slog.Default()
}

// download fetches every repository into a fresh directory beside dest,
// checks the layout, and only then swaps it in, so a failed download never
// damages a good cache.
func (f *Fetcher) download(ctx context.Context, dest string) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("cache %s: %w", dest, err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), ".hsg-download-")
	if err != nil {
		return fmt.Errorf("cache %s: %w", dest, err)
	}
	defer os.RemoveAll(tmp)
	for _, repo := range Repositories {
		url := fmt.Sprintf(f.url(), repo)
		if f.Commits != nil {
			url = fmt.Sprintf(PinnedURL, repo, f.Commits[repo])
		}
		began := time.Now()
		if err := f.fetch(ctx, url, filepath.Join(tmp, repo)); err != nil {
			return err
		}
		f.logger().Info("downloaded", "repository", repo, "url", url, "took", time.Since(began).Round(time.Millisecond))
	}
	if _, err := layout(os.DirFS(tmp)); err != nil {
		return fmt.Errorf("downloaded repositories: %w", err)
	}
	old := dest + ".old"
	os.RemoveAll(old)
	if err := os.Rename(dest, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cache %s: %w", dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		return fmt.Errorf("cache %s: %w", dest, err)
	}
	os.RemoveAll(old)
	return nil
}

func (f *Fetcher) url() string {
	if f.URL != "" {
		return f.URL
	}
	return DefaultBaseURL
}

func (f *Fetcher) fetch(ctx context.Context, url, dir string) error {
	client := f.Client
	if client == nil {
		client = &http.Client{Timeout: 2 * time.Minute}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("download %s: %w", url, err)
	}
	req.Header.Set("User-Agent", "shuttle-ingest")
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("download %s: %w\n(offline? `shuttle ingest --data DIR` reads a local copy laid out like the upstream repositories)", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("download %s: %s", url, resp.Status)
	}
	if err := untar(resp.Body, dir); err != nil {
		return fmt.Errorf("download %s: %w", url, err)
	}
	return nil
}
