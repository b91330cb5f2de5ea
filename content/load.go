package content

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// LoadDir parses every Markdown file (*.md, *.markdown) directly in dir;
// subdirectories and dot-files (editor backups, lock files) are skipped.
// A bad file is reported in the errors and the others still load. When two
// files claim one slug, the first by file name wins and the error names
// both. Articles come back newest first, then by slug.
func LoadDir(dir string) ([]*shuttle.Article, []error) {
	w := &Watcher{Dir: dir}
	articles, _, errs := w.Poll()
	slices.SortFunc(articles, func(a, b *shuttle.Article) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	return articles, errs
}

// isArticleFile says which directory entries are articles.
func isArticleFile(e os.DirEntry) bool {
	name := e.Name()
	if !e.Type().IsRegular() || strings.HasPrefix(name, ".") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}

// readFile reads at most MaxFileSize+1 bytes, so that a file growing after
// it was listed still cannot take more memory than the limit.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize {
		return nil, ErrTooLarge
	}
	return src, nil
}
