// Package archtest holds the import rules of DESIGN.md as a test, so that a
// layering mistake fails CI instead of creeping in.
package archtest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/shuttlenews/shuttle"

// rules: package directory → module packages it must not import ("*" is
// every module package).
var rules = map[string][]string{
	".":         {"*"},
	"hsg":       {"ingest", "sqlite", "postgres", "web", "api", "insight", "enrich", "snapshot"},
	"insight":   {"sqlite", "postgres", "web", "api", "ingest", "snapshot", "enrich", "content", "feed"},
	"enrich":    {"sqlite", "postgres", "web", "api", "ingest", "snapshot", "insight", "content", "feed"},
	"gazetteer": {"sqlite", "postgres", "web", "api", "ingest", "snapshot", "insight", "enrich"},
	"web":       {"sqlite", "postgres"},
	"api":       {"sqlite", "postgres", "web"},
	"ingest":    {"sqlite", "postgres", "web", "api"},
	"sqlite":    {"postgres", "web", "api", "ingest", "insight"},
	"postgres":  {"sqlite", "web", "api", "ingest", "insight"},
	"auth":      {"sqlite", "postgres", "web", "api", "ingest", "insight", "enrich", "editor", "snapshot"},
	"metrics":   {"sqlite", "postgres", "web", "api", "ingest", "insight", "enrich", "editor"},
	"editor":    {"sqlite", "postgres", "web", "api", "ingest", "enrich", "insight", "snapshot"},
}

func TestImportRules(t *testing.T) {
	root := "../.."
	for dir, banned := range rules {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*.go"))
		if len(files) == 0 {
			continue // not written yet
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			for _, imp := range imports(t, f) {
				rel, ours := strings.CutPrefix(imp, module+"/")
				if !ours {
					continue
				}
				top := strings.Split(rel, "/")[0]
				for _, b := range banned {
					if b == "*" || b == top {
						t.Errorf("%s imports %s, which DESIGN.md rules out for package %q", f, imp, dir)
					}
				}
			}
		}
	}
}

func imports(t *testing.T, file string) []string {
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(token.NewFileSet(), file, src, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range f.Imports {
		p, _ := strconv.Unquote(s.Path.Value)
		out = append(out, p)
	}
	return out
}
