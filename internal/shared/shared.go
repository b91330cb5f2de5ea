// Package shared finds the project's shared inputs — the Office of the
// Historian snapshot and the annotated articles — which live beside the
// repository (../shared), never inside it. Tests use it so that they run the
// same from any package directory and in CI's fresh clone.
package shared

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Dir returns the shared/ directory: $SHUTTLE_SHARED if set, else the first
// "shared" directory found beside the current directory or one of its
// parents.
func Dir() (string, bool) {
	if d := os.Getenv("SHUTTLE_SHARED"); d != "" {
		return d, true
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared", "data", "hsg")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return filepath.Join(dir, "shared"), true
		}
		if dir == filepath.Dir(dir) {
			return "", false
		}
	}
}

// Path returns a path below shared/ (the annotated evaluation sets, which
// exist nowhere else). Without shared/ the test skips with one line, except
// under CI, where a missing copy is an error.
func Path(t testing.TB, elem ...string) string {
	t.Helper()
	d, ok := Dir()
	if !ok {
		const why = "shared/ not found beside the repository or its parents (set SHUTTLE_SHARED)"
		if os.Getenv("CI") != "" {
			t.Fatal(why)
		}
		t.Skip(why)
	}
	return filepath.Join(append([]string{d}, elem...)...)
}

// HSG is the Office of the Historian snapshot: shared/'s, or the pinned
// upstream commits downloaded (download.go). When neither can be had the
// test skips, except under CI, where it fails.
func HSG(t testing.TB) string {
	t.Helper()
	dir, err := hsgDir()
	switch {
	case err == nil:
		return dir
	case os.Getenv("CI") != "":
		t.Fatal(err)
	default:
		t.Skip(err)
	}
	return ""
}

// HSGDir is HSG for package-level variables; "" when the records cannot be
// had, which makes the tests that read it fail with the path they tried
// (call HSG first in those tests to skip them instead).
func HSGDir() string {
	dir, _ := hsgDir()
	return dir
}

// CopyHSG copies the snapshot's XML (less the territories, which no ingest
// reads) into a temporary tree that a test may damage. The copy lives only as
// long as the test.
func CopyHSG(t testing.TB) string {
	t.Helper()
	src := HSG(t)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !strings.HasSuffix(path, ".xml") || strings.Contains(rel, "territories") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
