package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/shuttlenews/shuttle/internal/xss"
)

// unsafeHTML is the test oracle for the sanitiser: the first thing in s a
// page must not serve. It is shared with content's tests (internal/xss), and
// written independently of the policy it checks.
func unsafeHTML(s string) error { return xss.CheckFragment(s) }

// TestItemVectors converts items carrying every vector of the shared corpus
// in title, description and content, as gofeed hands them over.
func TestItemVectors(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, v := range xss.Vectors() {
		for name, it := range map[string]*gofeed.Item{
			"content and description": {Title: "Paris " + v.Payload, Description: v.Payload, Content: "<p>Lead.</p>" + v.Payload, Link: "https://example.org/" + v.Name},
			"description only":        {Title: "Paris", Description: v.Payload, GUID: v.Name},
			"title only":              {Title: v.Payload + " Paris", GUID: v.Name},
		} {
			a, _, err := toArticle("https://example.org/feed", it, now)
			if errors.Is(err, errNoTitle) && name == "title only" {
				continue // markup that swallows the rest ("<script>…") leaves no title: refused
			}
			if err != nil {
				t.Errorf("%s (%s): %v", v.Name, name, err)
				continue
			}
			if err := unsafeHTML(a.HTML); err != nil {
				t.Errorf("%s (%s): unsafe HTML (%v):\n%s", v.Name, name, err, a.HTML)
			}
		}
	}
}

// TestFeedDocumentVectors runs the corpus through the XML parser too: an RSS
// document whose items carry each vector as escaped text and as CDATA, the
// two ways feeds deliver HTML.
func TestFeedDocumentVectors(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var doc bytes.Buffer
	doc.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>`)
	vs := xss.Vectors()
	for _, v := range vs {
		p := strings.ToValidUTF8(v.Payload, "\uFFFD") // XML cannot carry invalid UTF-8 at all
		doc.WriteString("<item><guid>" + v.Name + "</guid><title>Paris ")
		xml.EscapeText(&doc, []byte(p))
		doc.WriteString("</title><description>")
		xml.EscapeText(&doc, []byte(p))
		doc.WriteString("</description><content:encoded><![CDATA[" + strings.ReplaceAll(p, "]]>", "]]]]><![CDATA[>") + "]]></content:encoded></item>")
	}
	doc.WriteString("</channel></rss>")
	f, err := parseFeed(&doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != len(vs) {
		t.Fatalf("%d items parsed, want %d", len(f.Items), len(vs))
	}
	for _, it := range f.Items {
		a, _, err := toArticle("https://example.org/feed", it, now)
		if err != nil {
			t.Errorf("%s: %v", it.GUID, err)
			continue
		}
		if err := unsafeHTML(a.HTML); err != nil {
			t.Errorf("%s: unsafe HTML (%v):\n%s", it.GUID, err, a.HTML)
		}
	}
}
