// Package xss holds shuttle's corpus of cross-site scripting vectors: the
// test data every door content comes in by (Markdown bodies, front matter,
// feed items, query strings) is checked against, so that content, feed and
// web test the same attacks. The corpus is vectors.txt, embedded.
package xss

import (
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Marker is the global every payload tries to set (window.__xss, or
// parent.__xss from a frame); TitleMarker is the document title some set
// instead. A browser test that finds either set has seen a payload run.
const (
	Marker      = "__xss"
	TitleMarker = "XSS"
)

// Vector is one attack: a unique name (lowercase letters, digits and
// hyphens, usable in a file name or slug) and the hostile text.
type Vector struct {
	Name    string
	Payload string
}

//go:embed vectors.txt
var corpus string

var (
	loadOnce sync.Once
	loaded   []Vector
)

// Vectors returns the corpus in file order, as a fresh slice the caller may
// modify. The file is embedded, so a malformed one is a bug in this package:
// it panics (and TestVectors says why) rather than return an error every
// caller would have to handle.
func Vectors() []Vector {
	loadOnce.Do(func() {
		vs, err := Parse(corpus)
		if err != nil {
			panic("xss: vectors.txt: " + err.Error())
		}
		loaded = vs
	})
	return append([]Vector(nil), loaded...)
}

var validName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Parse reads a corpus in the format of vectors.txt: "=== name" opens an
// entry whose payload runs to the next "===" line, trailing newlines and
// blank lines dropped; "=== name escaped" marks a one-line payload written as
// the inside of a Go string literal. "#" lines before the first entry are
// comments. Names must be unique and payloads non-empty.
func Parse(src string) ([]Vector, error) {
	var (
		out   []Vector
		seen  = map[string]int{}
		cur   *Vector
		lines []string
		esc   bool
		start int
	)
	finish := func() error {
		if cur == nil {
			return nil
		}
		p := strings.TrimRight(strings.Join(lines, "\n"), "\n")
		if esc {
			if strings.Contains(p, "\n") {
				return fmt.Errorf("line %d: escaped vector %s spans more than one line", start, cur.Name)
			}
			u, err := strconv.Unquote(`"` + p + `"`)
			if err != nil {
				return fmt.Errorf("line %d: escaped vector %s: %v", start, cur.Name, err)
			}
			p = u
		}
		if p == "" {
			return fmt.Errorf("line %d: vector %s is empty", start, cur.Name)
		}
		cur.Payload = p
		out = append(out, *cur)
		return nil
	}
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		if head, ok := strings.CutPrefix(line, "=== "); ok {
			if err := finish(); err != nil {
				return nil, err
			}
			f := strings.Fields(head)
			if len(f) == 0 || len(f) > 2 || (len(f) == 2 && f[1] != "escaped") {
				return nil, fmt.Errorf("line %d: want \"=== name\" or \"=== name escaped\", got %q", n, line)
			}
			if !validName.MatchString(f[0]) {
				return nil, fmt.Errorf("line %d: name %q must be lowercase letters, digits and single hyphens", n, f[0])
			}
			if first, dup := seen[f[0]]; dup {
				return nil, fmt.Errorf("line %d: name %q repeated (first on line %d)", n, f[0], first)
			}
			seen[f[0]] = n
			cur, lines, esc, start = &Vector{Name: f[0]}, nil, len(f) == 2, n
			continue
		}
		switch {
		case cur != nil:
			lines = append(lines, line)
		case strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#"):
			return nil, fmt.Errorf("line %d: text before the first \"=== name\" line must be a # comment", n)
		}
	}
	if err := finish(); err != nil {
		return nil, err
	}
	return out, nil
}

// Join concatenates payloads with sep, for tests that put many vectors into
// one field or one page to keep the number of page loads down.
func Join(vs []Vector, sep string) string {
	ps := make([]string, len(vs))
	for i, v := range vs {
		ps[i] = v.Payload
	}
	return strings.Join(ps, sep)
}

// Chunks splits vs into consecutive groups of at most n.
func Chunks(vs []Vector, n int) [][]Vector {
	var out [][]Vector
	for len(vs) > n {
		out = append(out, vs[:n:n])
		vs = vs[n:]
	}
	if len(vs) > 0 {
		out = append(out, vs)
	}
	return out
}
