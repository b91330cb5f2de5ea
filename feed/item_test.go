package feed

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/shuttlenews/shuttle/content"
)

func TestToArticle(t *testing.T) {
	now := time.Date(2025, 3, 1, 23, 30, 0, 0, time.FixedZone("EST", -5*3600))
	pub := time.Date(2024, 6, 3, 23, 0, 0, 0, time.FixedZone("PDT", -7*3600)) // 2024-06-04 in UTC
	upd := pub.Add(48 * time.Hour)
	const feedURL = "https://example.org/feed"
	tests := []struct {
		name  string
		item  gofeed.Item
		check func(t *testing.T, a articleView)
	}{
		{"content preferred, description as summary", gofeed.Item{
			Title: "Blinken &amp; Wang <b>meet</b>", GUID: "g1", Link: "https://example.org/a", PublishedParsed: &pub, UpdatedParsed: &upd,
			Description: "<p>Short <i>summary</i>.</p>", Content: `<p>Full <a href="https://x.example/">text</a>.</p><script>alert(1)</script><ul><li>one</li><li>two</li></ul>`,
		}, func(t *testing.T, a articleView) {
			a.want(t, "Title", "Blinken & Wang meet")
			a.want(t, "Date", "2024-06-04")
			a.want(t, "Summary", "Short summary.")
			a.want(t, "Body", "Full text.\n\n- one\n\n- two")
			a.want(t, "HTML", `<p>Full <a href="https://x.example/" rel="nofollow noopener" target="_blank">text</a>.</p><ul><li>one</li><li>two</li></ul>`)
			a.want(t, "Source", "https://example.org/a")
			a.want(t, "UpdatedAt", upd.UTC().String())
		}},
		{"plain-text description", gofeed.Item{
			Title: "Plain", GUID: "g2", Description: "First line & more.\n\nSecond <3 para.", UpdatedParsed: &upd,
		}, func(t *testing.T, a articleView) {
			a.want(t, "HTML", "<p>First line &amp; more.</p>\n<p>Second &lt;3 para.</p>\n")
			a.want(t, "Body", "First line & more.\n\nSecond <3 para.")
			a.want(t, "Summary", "First line & more.")
			a.want(t, "Date", "2024-06-06") // updated, as nothing says published
			a.want(t, "Source", feedURL)    // no link
		}},
		{"hostile link and image", gofeed.Item{
			Title: "X", Link: "javascript:alert(1)", Image: &gofeed.Image{URL: "data:image/png;base64,AA"},
			Enclosures: []*gofeed.Enclosure{{URL: "https://img.example/a.jpg", Type: "image/jpeg"}},
			Content:    `<img src="x" onerror="alert(1)"><iframe src="https://evil/"></iframe><p style="x" onclick="y">ok</p>`,
		}, func(t *testing.T, a articleView) {
			a.want(t, "Source", feedURL)
			a.want(t, "Image", "https://img.example/a.jpg")
			a.want(t, "HTML", `<img src="x"><p>ok</p>`)
			a.want(t, "Date", "2025-03-02") // the poll time, in UTC
		}},
		{"long title", gofeed.Item{Title: strings.Repeat("Secretary travels to Vientiane ", 6), GUID: "g4"}, func(t *testing.T, a articleView) {
			if len(a["Slug"]) > maxTitleSlug+9 || !strings.HasPrefix(a["Slug"], "secretary-travels-to-vientiane-") {
				t.Errorf("slug %q", a["Slug"])
			}
		}},
		{"title without ASCII", gofeed.Item{Title: "日本", GUID: "g5"}, func(t *testing.T, a articleView) {
			if !strings.HasPrefix(a["Slug"], "item-") {
				t.Errorf("slug %q", a["Slug"])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, keys, err := toArticle(feedURL, &tt.item, now)
			if err != nil {
				t.Fatal(err)
			}
			if !content.ValidSlug(a.Slug) || len(keys) == 0 {
				t.Errorf("slug %q keys %v", a.Slug, keys)
			}
			if err := unsafeHTML(a.HTML); err != nil {
				t.Error(err)
			}
			tt.check(t, articleView{
				"Title": a.Title, "Date": a.Date.String(), "Summary": a.Summary, "Body": a.Body, "HTML": a.HTML,
				"Source": a.Source, "Image": a.Image, "UpdatedAt": a.UpdatedAt.String(), "Slug": a.Slug,
			})
		})
	}
}

type articleView map[string]string

func (v articleView) want(t *testing.T, field, want string) {
	t.Helper()
	if v[field] != want {
		t.Errorf("%s = %q, want %q", field, v[field], want)
	}
}

func TestToArticleKeysAndSlugs(t *testing.T) {
	now := time.Now()
	a1, k1, _ := toArticle("https://a.example/feed", &gofeed.Item{Title: "Same headline", GUID: "1", Link: "https://x.example/1"}, now)
	a2, k2, _ := toArticle("https://a.example/feed", &gofeed.Item{Title: "Same headline", GUID: "2", Link: "https://x.example/2"}, now)
	again, _, _ := toArticle("https://a.example/feed", &gofeed.Item{Title: "Same headline", GUID: "1", Link: "https://x.example/1"}, now)
	// Another feed's GUID "1" is another item: it must not take a1's slug,
	// or publishing it would replace a1's article. (The same link is still
	// one story: the link key below dedupes it before it is published.)
	a3, k3, _ := toArticle("https://b.example/feed", &gofeed.Item{Title: "Same headline", GUID: "1", Link: "https://x.example/1"}, now)
	if a1.Slug == a2.Slug || a1.Slug != again.Slug || a1.Slug == a3.Slug {
		t.Errorf("slugs %s %s %s %s: same headline must differ by GUID and feed, and be stable", a1.Slug, a2.Slug, again.Slug, a3.Slug)
	}
	if k3[1] != k1[1] {
		t.Errorf("link keys %v %v: the same link in two feeds is one story", k1, k3)
	}
	if k1[0] == k2[0] || k1[1] != "link:https://x.example/1" {
		t.Errorf("keys %v %v", k1, k2)
	}
	if _, _, err := toArticle("f", &gofeed.Item{Title: " <b></b> ", GUID: "x"}, now); !errors.Is(err, errNoTitle) {
		t.Errorf("untitled item: err = %v", err)
	}
}

func TestCut(t *testing.T) {
	s := strings.Repeat("word ", 100)
	got := cut(s, 50)
	if len(got) > 50+len("…") || !strings.HasSuffix(got, "word…") {
		t.Errorf("cut = %q", got)
	}
	if got := cut("é"+strings.Repeat("é", 10), 5); got != "éé…" {
		t.Errorf("cut in a rune = %q", got)
	}
}
