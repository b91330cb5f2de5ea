package archtest

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// pkg is one package directory of the module as the checker sees it.
type pkg struct {
	dir     string   // slash-separated, relative to the module root; "." for the root
	name    string   // the package clause
	files   []string // its non-test .go files
	imports map[string][]string
}

// check walks the module rooted at root and returns every way its packages
// break rules: an import a row does not allow, a package with no row, a row
// with no package, and everything granted to a package that is not a program.
// An error means the tree could not be read, which must fail the test rather
// than pass it with nothing checked.
func check(root string, rules map[string][]string) ([]string, error) {
	module, err := modulePath(root)
	if err != nil {
		return nil, err
	}
	pkgs, err := walk(root)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range pkgs {
		allow, listed := rules[p.dir]
		if !listed {
			out = append(out, fmt.Sprintf("package %s is not in the import rules: add its row (DESIGN.md's \"may import\" column)", p.dir))
			continue
		}
		if slices.Contains(allow, everything) && p.name != "main" {
			out = append(out, fmt.Sprintf("package %s may import everything, but only programs may: it is package %s", p.dir, p.name))
		}
		for _, f := range p.files {
			for _, imp := range p.imports[f] {
				dir, ours := ownPackage(module, imp)
				if ours && !slices.Contains(allow, dir) && !slices.Contains(allow, everything) {
					out = append(out, fmt.Sprintf("%s imports %s, which is not in package %s's row %v", f, imp, p.dir, allow))
				}
			}
		}
	}
	have := map[string]bool{}
	for _, p := range pkgs {
		have[p.dir] = true
	}
	for dir := range rules {
		if !have[dir] {
			out = append(out, fmt.Sprintf("the import rules list package %s, which has no non-test .go files: remove its row", dir))
		}
	}
	slices.Sort(out)
	return out, nil
}

// ownPackage returns the directory of a module import path ("." for the
// module itself); ours is false for the standard library and dependencies.
func ownPackage(module, imp string) (dir string, ours bool) {
	if imp == module {
		return domain, true
	}
	rel, ok := strings.CutPrefix(imp, module+"/")
	return rel, ok
}

// modulePath reads the module line of root/go.mod, so that the checker runs
// on a fake tree as it does on the real one.
func modulePath(root string) (string, error) {
	f, err := os.Open(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", fmt.Errorf("archtest: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(m), `"`), nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("archtest: %s: %w", f.Name(), err)
	}
	return "", fmt.Errorf("archtest: %s has no module line", f.Name())
}

// walk finds every directory with non-test .go files, skipping what the go
// command skips (testdata, and names starting with . or _) and node_modules.
func walk(root string) ([]*pkg, error) {
	byDir := map[string]*pkg{}
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || name == "node_modules" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(root, filepath.Dir(path))
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		pkgName, imps, err := parseImports(path)
		if err != nil {
			return err
		}
		p := byDir[rel]
		if p == nil {
			p = &pkg{dir: rel, name: pkgName, imports: map[string][]string{}}
			byDir[rel] = p
			dirs = append(dirs, rel)
		}
		p.files = append(p.files, path)
		p.imports[path] = imps
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archtest: walking %s: %w", root, err)
	}
	out := make([]*pkg, 0, len(dirs))
	for _, d := range dirs {
		out = append(out, byDir[d])
	}
	return out, nil
}

// parseImports returns a file's package name and import paths.
func parseImports(file string) (string, []string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
	if err != nil {
		return "", nil, fmt.Errorf("archtest: %w", err)
	}
	var out []string
	for _, s := range f.Imports {
		p, err := strconv.Unquote(s.Path.Value)
		if err != nil {
			return "", nil, fmt.Errorf("archtest: %s: import %s: %w", file, s.Path.Value, err)
		}
		out = append(out, p)
	}
	return f.Name.Name, out, nil
}
