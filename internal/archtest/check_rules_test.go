package archtest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeTree makes a module example.com/m in a temporary directory from a map
// of file path → Go source.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.24\n"
	for name, src := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestCheckCatches runs the checker over small fake modules, one mistake
// each, and requires it to report that mistake and nothing else: the real
// tree passing proves little unless the checker is seen to fail.
func TestCheckCatches(t *testing.T) {
	base := map[string][]string{domain: nil, "sqlite": {domain}, "snapshot": {domain}, "cmd/app": {everything}}
	baseFiles := func() map[string]string {
		return map[string]string{
			"domain.go":                "package m\n",
			"sqlite/sqlite.go":         "package sqlite\n\nimport _ \"example.com/m\"\n",
			"snapshot/snap.go":         "package snapshot\n\nimport (\n\t\"fmt\"\n\t_ \"example.com/m\"\n)\n\nvar _ = fmt.Sprint\n",
			"cmd/app/main.go":          "package main\n\nimport (\n\t_ \"example.com/m/snapshot\"\n\t_ \"example.com/m/sqlite\"\n)\n\nfunc main() {}\n",
			"sqlite/x_test.go":         "package sqlite\n\nimport _ \"example.com/m/snapshot\"\n", // tests are not checked
			"snapshot/testdata/bad.go": "package bad\n\nimport _ \"example.com/m/sqlite\"\n",      // nor testdata
		}
	}
	tests := []struct {
		name  string
		edit  func(files map[string]string, rules map[string][]string)
		wants []string // substrings, one per expected violation
	}{
		{"clean tree", func(map[string]string, map[string][]string) {}, nil},
		{"snapshot imports sqlite", func(f map[string]string, _ map[string][]string) {
			f["snapshot/store.go"] = "package snapshot\n\nimport _ \"example.com/m/sqlite\"\n"
		}, []string{"snapshot/store.go imports example.com/m/sqlite, which is not in package snapshot's row"}},
		{"domain imports a package of ours", func(f map[string]string, _ map[string][]string) {
			f["store.go"] = "package m\n\nimport _ \"example.com/m/sqlite\"\n"
		}, []string{"store.go imports example.com/m/sqlite, which is not in package .'s row []"}},
		{"unlisted package", func(f map[string]string, _ map[string][]string) {
			f["internal/jsonw/jsonw.go"] = "package jsonw\n"
		}, []string{"package internal/jsonw is not in the import rules"}},
		{"listed package missing", func(_ map[string]string, r map[string][]string) {
			r["web"] = []string{domain}
		}, []string{"the import rules list package web, which has no non-test .go files"}},
		{"library granted everything", func(_ map[string]string, r map[string][]string) {
			r["sqlite"] = []string{everything}
		}, []string{"package sqlite may import everything, but only programs may"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, rules := baseFiles(), map[string][]string{}
			for k, v := range base {
				rules[k] = slices.Clone(v)
			}
			tt.edit(files, rules)
			got, err := check(writeTree(t, files), rules)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.wants) {
				t.Fatalf("violations = %q, want %d matching %q", got, len(tt.wants), tt.wants)
			}
			for i, want := range tt.wants {
				if !strings.Contains(filepath.ToSlash(got[i]), want) {
					t.Errorf("violation %q, want it to contain %q", got[i], want)
				}
			}
		})
	}
}

// A root that cannot be read fails rather than passing with nothing checked.
func TestCheckUnreadableRoot(t *testing.T) {
	if _, err := check(filepath.Join(t.TempDir(), "absent"), allowed); err == nil {
		t.Fatal("check of a missing tree succeeded")
	}
}
