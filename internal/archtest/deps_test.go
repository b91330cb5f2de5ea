package archtest

import (
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
	pkgs, err := walk("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for _, f := range p.files {
			for _, imp := range p.imports[f] {
				for dep, allowed := range homes {
					if imp != dep && !strings.HasPrefix(imp, dep+"/") {
						continue
					}
					ok := false
					for _, a := range allowed {
						ok = ok || p.dir == a
					}
					if !ok {
						t.Errorf("%s imports %s, which belongs in %v", filepath.ToSlash(f), imp, allowed)
					}
				}
			}
		}
	}
}
