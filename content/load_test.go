package content

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, src string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func article(title, date, extra string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\n" + extra + "---\nBody of " + title + ".\n"
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "a.md", article("Alpha", "2024-01-01", ""))
	writeFile(t, dir, "b.md", article("Bravo", "2024-03-01", ""))
	writeFile(t, dir, "c.markdown", article("Charlie", "2024-02-01", ""))
	writeFile(t, dir, "d.md", article("Delta", "2024-02-01", "slug: a\n")) // a.md already holds "a"
	writeFile(t, dir, "e.md", article("Echo", "2024-13-01", ""))
	writeFile(t, dir, "f.md", "---\ntitle: F\ndate: 2024-01-01\n---\n"+strings.Repeat("x", MaxFileSize))
	writeFile(t, dir, "notes.txt", "not an article")
	writeFile(t, dir, ".draft.md", "not an article either")
	if err := os.Mkdir(filepath.Join(dir, "sub.md"), 0o755); err != nil {
		t.Fatal(err)
	}

	got, errs := LoadDir(dir)
	var slugs []string
	for _, a := range got {
		slugs = append(slugs, a.Slug)
	}
	if want := "b c a"; strings.Join(slugs, " ") != want {
		t.Errorf("slugs = %v, want %s (newest first)", slugs, want)
	}
	msgs := make([]string, len(errs))
	for i, err := range errs {
		msgs[i] = err.Error()
	}
	all := strings.Join(msgs, "\n")
	if len(errs) != 3 ||
		!strings.Contains(all, `content d.md: duplicate slug "a": already used by a.md`) ||
		!strings.Contains(all, "content e.md:3: date") ||
		!strings.Contains(all, "content f.md: file is larger than 1 MiB") {
		t.Errorf("errors:\n%s", all)
	}
	if !errors.Is(errs[len(errs)-1], ErrTooLarge) {
		t.Errorf("last error %v does not wrap ErrTooLarge", errs[len(errs)-1])
	}
}

func TestLoadDirMissing(t *testing.T) {
	got, errs := LoadDir(filepath.Join(t.TempDir(), "nope"))
	if len(got) != 0 || len(errs) != 1 || !errors.Is(errs[0], os.ErrNotExist) {
		t.Errorf("got %v, %v", got, errs)
	}
}

// The samples are what the README's run command serves: they must load.
func TestLoadDirSamples(t *testing.T) {
	got, errs := LoadDir("sample")
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if len(got) != 2 {
		t.Fatalf("%d sample articles, want 2", len(got))
	}
	var tagged int
	for _, a := range got {
		if a.Summary == "" || !strings.Contains(a.HTML, "<blockquote>") || !strings.Contains(a.Body, " said") {
			t.Errorf("%s: want a summary, a pull quote and a \"said\" attribution", a.Source)
		}
		if a.Tag != nil {
			tagged++
			if a.Tag.Name != "NATO" || a.Insight == nil || a.Insight.ID != "momentum" || a.Insight.Params["role"] != "secretary" {
				t.Errorf("%s: tag %+v insight %+v", a.Source, a.Tag, a.Insight)
			}
		}
		if err := unsafeHTML(a.HTML); err != nil {
			t.Errorf("%s: %v", a.Source, err)
		}
	}
	if tagged != 1 {
		t.Errorf("%d tagged samples, want 1", tagged)
	}
}
