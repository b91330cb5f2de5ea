package archtest

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// homes: a dependency → the package directories that may import it. One
// package per dependency keeps each swappable and its quirks in one place.
var homes = map[string][]string{
	"modernc.org/sqlite":                  {"sqlite"},
	"github.com/jackc/pgx":                {"postgres", "internal/pgtest"},
	"github.com/prometheus/client_golang": {"metrics"},
	"github.com/mmcdole/gofeed":           {"feed"},
	"github.com/yuin/goldmark":            {"content"},
	"github.com/microcosm-cc/bluemonday":  {"content"},
	"github.com/schollz/progressbar":      {"cmd/shuttle"},
}

func TestDependencyHomes(t *testing.T) {
	root := "../.."
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir, _ := filepath.Rel(root, filepath.Dir(path))
		for _, imp := range imports(t, path) {
			for dep, allowed := range homes {
				if imp != dep && !strings.HasPrefix(imp, dep+"/") {
					continue
				}
				ok := false
				for _, a := range allowed {
					ok = ok || filepath.ToSlash(dir) == a
				}
				if !ok {
					t.Errorf("%s imports %s, which belongs in %v", path, imp, allowed)
				}
			}
		}
		return nil
	})
}
