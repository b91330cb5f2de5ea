package content

import (
	"errors"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		src     string
		wantErr string // substring of the error; "" means success
		check   func(t *testing.T, a *shuttle.Article)
	}{
		{
			name: "valid with every key",
			file: "nato-ministerial.md",
			src: `---
title: "NATO ministers meet"
date: 2024-04-04
summary: Allies met in Brussels.
image: /static/img/nato.jpg
image_alt: Flags outside NATO headquarters
caption: Brussels, April 2024
tag: {type: Multilateral Organization, name: NATO}
quote: {text: "We stand together.", speaker: Jens Stoltenberg, title: Secretary General}
insight:
  id: momentum
  role: secretary
  from: 1997
  to: 2024
---
Ministers **met**.
`,
			check: func(t *testing.T, a *shuttle.Article) {
				want := shuttle.Article{
					Slug: "nato-ministerial", Title: "NATO ministers meet", Date: shuttle.MustDate("2024-04-04"),
					Summary: "Allies met in Brussels.", Image: "/static/img/nato.jpg",
					ImageAlt: "Flags outside NATO headquarters", Caption: "Brussels, April 2024",
					Body: "Ministers **met**.\n", HTML: "<p>Ministers <strong>met</strong>.</p>\n",
					Source: "nato-ministerial.md",
				}
				if a.Slug != want.Slug || a.Title != want.Title || !a.Date.Equal(want.Date) ||
					a.Summary != want.Summary || a.Image != want.Image || a.ImageAlt != want.ImageAlt ||
					a.Caption != want.Caption || a.Body != want.Body || a.HTML != want.HTML || a.Source != want.Source {
					t.Errorf("got  %+v\nwant %+v", *a, want)
				}
				if a.Tag == nil || *a.Tag != (shuttle.Tag{Type: "Multilateral Organization", Name: "NATO"}) {
					t.Errorf("tag = %+v", a.Tag)
				}
				if a.Quote == nil || *a.Quote != (shuttle.Quote{Text: "We stand together.", Speaker: "Jens Stoltenberg", Title: "Secretary General"}) {
					t.Errorf("quote = %+v", a.Quote)
				}
				if a.Insight == nil || a.Insight.ID != "momentum" || len(a.Insight.Params) != 3 ||
					a.Insight.Params["role"] != "secretary" || a.Insight.Params["from"] != "1997" || a.Insight.Params["to"] != "2024" {
					t.Errorf("insight = %+v", a.Insight)
				}
			},
		},
		{
			name: "minimal, CRLF and BOM",
			file: "x.md",
			src:  "\uFEFF---\r\ntitle: T\r\ndate: 2024-01-02\r\n---\r\nBody\r\n",
			check: func(t *testing.T, a *shuttle.Article) {
				if a.Title != "T" || a.Tag != nil || a.Quote != nil || a.Insight != nil || a.HTML != "<p>Body</p>\n" {
					t.Errorf("got %+v", *a)
				}
			},
		},
		{
			name: "explicit slug wins over file name",
			file: "draft.md",
			src:  "---\ntitle: T\ndate: 2024-01-02\nslug: my-story\n---\n",
			check: func(t *testing.T, a *shuttle.Article) {
				if a.Slug != "my-story" {
					t.Errorf("slug = %q", a.Slug)
				}
			},
		},
		{
			name: "slug from accented file name",
			file: "dir/Sommet-de-l'Élysée à Paris.md",
			src:  "---\ntitle: T\ndate: 2024-01-02\n---\n",
			check: func(t *testing.T, a *shuttle.Article) {
				if a.Slug != "sommet-de-lelysee-a-paris" {
					t.Errorf("slug = %q", a.Slug)
				}
			},
		},
		{
			name: "slug from title when the file name has none",
			file: "日本.md",
			src:  "---\ntitle: Réunion à Genève\ndate: 2024-01-02\n---\n",
			check: func(t *testing.T, a *shuttle.Article) {
				if a.Slug != "reunion-a-geneve" {
					t.Errorf("slug = %q", a.Slug)
				}
			},
		},
		{
			name: "null optional values",
			file: "x.md",
			src:  "---\ntitle: T\ndate: 2024-01-02\nsummary:\ntag:\ninsight: ~\n---\n",
			check: func(t *testing.T, a *shuttle.Article) {
				if a.Summary != "" || a.Tag != nil || a.Insight != nil {
					t.Errorf("got %+v", *a)
				}
			},
		},
		{name: "missing title", file: "a.md", src: "---\ndate: 2024-01-02\n---\n", wantErr: "content a.md:1: title is required"},
		{name: "empty title", file: "a.md", src: "---\ntitle: \"\"\ndate: 2024-01-02\n---\n", wantErr: "content a.md:2: title is required"},
		{name: "missing date", file: "a.md", src: "---\ntitle: T\n---\n", wantErr: "a.md:1: date is required"},
		{name: "bad date", file: "a.md", src: "---\ntitle: T\ndate: 2024-02-30\n---\n", wantErr: `a.md:3: date "2024-02-30" is not YYYY-MM-DD`},
		{name: "date with time", file: "a.md", src: "---\ntitle: T\ndate: 2024-02-03T10:00:00Z\n---\n", wantErr: `a.md:3: date`},
		{name: "unknown key", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\ntags: [NATO]\n---\n", wantErr: `content a.md:4: unknown key "tags"`},
		{name: "unknown nested key", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\ntag:\n  type: Country\n  label: France\n---\n", wantErr: `a.md:6: unknown key "label" in tag`},
		{name: "repeated key", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\ntitle: U\n---\n", wantErr: `a.md:4: key "title" repeated (first on line 2)`},
		{name: "front matter not closed", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\n\nBody\n", wantErr: "a.md:1: front matter is not closed"},
		{name: "no front matter", file: "a.md", src: "# Title\n", wantErr: "a.md:1: no front matter"},
		{name: "empty file", file: "a.md", src: "", wantErr: "a.md:1: no front matter"},
		{name: "front matter not a mapping", file: "a.md", src: "---\n- a\n- b\n---\n", wantErr: `a.md:2: front matter must be "key: value" lines`},
		{name: "yaml syntax error", file: "a.md", src: "---\ntitle: T\ndate: [2024\n---\n", wantErr: "a.md:"},
		{name: "title is a list", file: "a.md", src: "---\ntitle: [a, b]\ndate: 2024-01-02\n---\n", wantErr: "a.md:2: title must be a single value"},
		{name: "tag without name", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\ntag: {type: Country}\n---\n", wantErr: "a.md:4: tag needs both type and name"},
		{name: "quote without speaker", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\nquote: {text: hi}\n---\n", wantErr: "a.md:4: quote needs text and speaker"},
		{name: "insight without id", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\ninsight: {role: secretary}\n---\n", wantErr: "a.md:4: insight needs an id"},
		{name: "insight param not scalar", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\ninsight: {id: x, roles: [a]}\n---\n", wantErr: "a.md:4: insight.roles must be a single value"},
		{name: "bad explicit slug", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\nslug: Not A Slug\n---\n", wantErr: `a.md:4: slug "Not A Slug" must be lowercase`},
		{name: "javascript image", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\nimage: javascript:alert(1)\n---\n", wantErr: `a.md:4: image URL "javascript:alert(1)": scheme "javascript" is not allowed`},
		{name: "data image", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\nimage: \"data:image/png;base64,AAAA\"\n---\n", wantErr: `a.md:4: image URL "data:image/png;base64,AAAA": scheme "data" is not allowed`},
		{name: "protocol-relative image", file: "a.md", src: "---\ntitle: T\ndate: 2024-01-02\nimage: //evil.example/x.png\n---\n", wantErr: "a.md:4: image URL \"//evil.example/x.png\" is protocol-relative"},
		{name: "invalid UTF-8", file: "a.md", src: "---\ntitle: T\xff\ndate: 2024-01-02\n---\n", wantErr: "a.md:2: not valid UTF-8"},
		{name: "no slug derivable", file: "", src: "---\ntitle: 日本\ndate: 2024-01-02\n---\n", wantErr: "cannot derive a slug"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse(tt.file, []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				var ce *Error
				if !errors.As(err, &ce) || ce.File != tt.file {
					t.Errorf("err %v is not an *Error for %q", err, tt.file)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, a)
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	src := []byte("---\ntitle: T\ndate: 2024-01-02\n---\n" + strings.Repeat("word ", MaxFileSize/5))
	_, err := Parse("big.md", src)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "content big.md: file is larger than 1 MiB") {
		t.Fatalf("err = %v", err)
	}
}

func TestParseBodySanitised(t *testing.T) {
	tests := []struct {
		name, body string
		absent     []string // must not appear in the HTML
		present    []string // must appear
	}{
		{"script tag", "Hi <script>alert(1)</script>\n\n<script>\nalert(2)\n</script>\n", []string{"<script", "</script"}, []string{"Hi"}},
		{"onerror on raw img", `<img src="x.png" onerror="alert(1)">`, []string{"onerror", "<img"}, nil},
		{"javascript link", "[click](javascript:alert(1)) and [ok](https://example.org/a)", []string{"javascript:", `href="javascript`},
			[]string{`<a href="https://example.org/a" rel="nofollow noopener" target="_blank">ok</a>`}},
		{"javascript autolink", "<javascript:alert(1)>", []string{`href="javascript`}, nil},
		{"javascript image", "![x](javascript:alert(1))", []string{`src="javascript`}, nil},
		{"iframe", `<iframe src="https://evil.example/"></iframe>`, []string{"<iframe"}, nil},
		{"style attribute", `<p style="color:red">x</p>`, []string{"style="}, nil},
		{"relative link keeps nofollow", "[about](/about)", nil, []string{`<a href="/about" rel="nofollow">about</a>`}},
		{"table alignment survives as attribute", "| a |\n|--:|\n| 1 |\n", []string{"style="}, []string{`<td align="right">1</td>`}},
		{"markdown image", "![NATO flags](/static/img/flags.jpg)", nil, []string{`<img src="/static/img/flags.jpg" alt="NATO flags">`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Parse("a.md", []byte("---\ntitle: T\ndate: 2024-01-02\n---\n"+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.absent {
				if strings.Contains(a.HTML, s) {
					t.Errorf("HTML contains %q:\n%s", s, a.HTML)
				}
			}
			for _, s := range tt.present {
				if !strings.Contains(a.HTML, s) {
					t.Errorf("HTML lacks %q:\n%s", s, a.HTML)
				}
			}
			if err := unsafeHTML(a.HTML); err != nil {
				t.Errorf("unsafe HTML (%v):\n%s", err, a.HTML)
			}
		})
	}
}

// TestSanitize feeds raw HTML, as feeds deliver it, straight to the policy:
// Markdown rendering drops raw HTML on its own, so this is what proves the
// second wall holds.
func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<p>a<script>alert(1)</script>b</p>`, `<p>ab</p>`},
		{`<img src="x.png" onerror="alert(1)" alt="x">`, `<img src="x.png" alt="x">`},
		{`<a href="javascript:alert(1)">x</a>`, `x`},
		{`<a href="JaVaScRiPt:alert(1)">x</a>`, `x`},
		{`<a href="https://example.org/" onclick="x()">x</a>`, `<a href="https://example.org/" rel="nofollow noopener" target="_blank">x</a>`},
		{`<iframe src="https://evil.example/"></iframe>ok`, `ok`},
		{`<p style="position:fixed" class="c" id="i">x</p>`, `<p>x</p>`},
		{`<img src="data:image/svg+xml;base64,AAAA">`, ``},
		{`<svg onload="alert(1)"><circle/></svg>`, ``},
		{`<form action="/x"><input name="a"></form>`, ``},
		{`<blockquote><p>“We stand together,” she said.</p></blockquote>`, `<blockquote><p>“We stand together,” she said.</p></blockquote>`},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckImageURL(t *testing.T) {
	ok := []string{"", "/static/img/a.jpg", "img/a.jpg", "https://www.state.gov/a.jpg", "http://example.org/a.png?x=1"}
	bad := []string{"javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:image/png;base64,AA", "file:///etc/passwd",
		"//evil.example/a.png", "/\\evil.example/a.png", "java\tscript:alert(1)", "https:///a.png", "vbscript:x", " /a.png"}
	for _, s := range ok {
		if err := CheckImageURL(s); err != nil {
			t.Errorf("CheckImageURL(%q) = %v, want nil", s, err)
		}
	}
	for _, s := range bad {
		if err := CheckImageURL(s); err == nil {
			t.Errorf("CheckImageURL(%q) = nil, want an error", s)
		}
	}
}

func TestParseBodyLimits(t *testing.T) {
	fm := "---\ntitle: T\ndate: 2024-01-02\n---\n"
	tests := []struct{ name, body, wantErr string }{
		{"long line", "ok\n\n" + strings.Repeat("a", maxLineLen+1) + "\n", "a.md:7: line is longer than 8 KiB"},
		{"long paragraph", "ok\n\n" + strings.Repeat(strings.Repeat("a", 1000)+"\n", 70), "a.md:7: paragraph is longer than 64 KiB"},
		{"deep blockquote", "> > > > > > > > > too deep\n", "a.md:5: blockquotes nested deeper than 8 levels"},
	}
	for _, tt := range tests {
		_, err := Parse("a.md", []byte(fm+tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
		}
	}
	// Within the limits, long paragraphs separated by blank lines are fine.
	ok := strings.Repeat(strings.Repeat("word ", 1000)+"\n\n", 50)
	if _, err := Parse("a.md", []byte(fm+ok)); err != nil {
		t.Errorf("long but legal body: %v", err)
	}
}

func TestIsFile(t *testing.T) {
	for src, want := range map[string]bool{
		"nato-foreign-ministers-75th-year.md": true, "2025/rubio.md": true,
		"editor": false, "": false, "https://www.state.gov/feed/item.md": false, "http://example.org/a": false,
	} {
		if got := IsFile(src); got != want {
			t.Errorf("IsFile(%q) = %v, want %v", src, got, want)
		}
	}
}
