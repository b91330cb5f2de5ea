package shared

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"

	"github.com/shuttlenews/shuttle/ingest"
)

// Without shared/ beside the repository, the tests that read the records
// download the commits the snapshot was taken at (ingest.Pinned), once per
// machine, with the downloader `serve` uses. Offline they skip, with one
// line that says why; under CI, where a skipped suite would pass for a
// green run, they fail.

var (
	downloadOnce sync.Once
	downloaded   string
	downloadErr  error
)

// download returns the pinned records' directory, fetching them into the
// user's cache on first use. Test packages run in parallel processes: a
// lock file makes one of them download while the others wait.
func download() (string, error) {
	downloadOnce.Do(func() {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		cache := filepath.Join(base, "shuttle-test", pinnedKey())
		if err := os.MkdirAll(cache, 0o755); err != nil {
			downloadErr = err
			return
		}
		lock, err := os.OpenFile(filepath.Join(cache, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			downloadErr = err
			return
		}
		defer lock.Close()
		if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
			downloadErr = err
			return
		}
		defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		f := &ingest.Fetcher{Commits: ingest.Pinned}
		_, downloaded, downloadErr = f.Open(ctx, "", cache)
	})
	return downloaded, downloadErr
}

// pinnedKey names the cache by the commits, so a new pin downloads anew.
func pinnedKey() string {
	var repos []string
	for r, c := range ingest.Pinned {
		repos = append(repos, r+"@"+c)
	}
	sort.Strings(repos)
	sum := sha256.Sum256(fmt.Append(nil, repos))
	return "hsg-" + hex.EncodeToString(sum[:6])
}

// hsgDir finds the records: shared/'s, or the pinned download.
func hsgDir() (string, error) {
	if d, ok := Dir(); ok {
		return filepath.Join(d, "data", "hsg"), nil
	}
	dir, err := download()
	if err != nil {
		return "", fmt.Errorf("shared/ is not beside the repository (set SHUTTLE_SHARED) and the pinned records could not be downloaded: %w", err)
	}
	return dir, nil
}
