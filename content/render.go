package content

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// markdown is GitHub-flavoured Markdown (extension.GFM) with one change: table
// cells carry their alignment as an align attribute, because the sanitiser
// drops every style attribute and GFM's default would lose it. Raw HTML
// stays off (goldmark's default): editors write Markdown, and whatever HTML
// slips in is dropped before the sanitiser even sees it.
var markdown = goldmark.New(goldmark.WithExtensions(
	extension.Linkify,
	extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
	extension.Strikethrough,
	extension.TaskList,
))

// policy is stricter than bluemonday.UGCPolicy: text-level and block
// elements, links and images only; no class, id or style attributes, no
// forms, no embedded frames or media. A Policy is safe for concurrent use.
var policy = newPolicy()

func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowStandardURLs() // parseable http, https, mailto or relative URLs only
	p.RequireNoFollowOnLinks(true)
	// Opening other sites in a new tab is what brings rel="noopener" with it.
	p.AddTargetBlankToFullyQualifiedLinks(true)
	p.AllowElements(
		"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
		"blockquote", "pre", "code", "em", "strong", "b", "i", "del", "s",
		"sub", "sup", "small", "mark", "cite", "q", "abbr",
		"ul", "ol", "li", "figure", "figcaption",
		"table", "thead", "tbody", "tfoot", "tr", "th", "td",
	)
	p.AllowAttrs("href", "title").OnElements("a")
	p.AllowAttrs("src", "alt", "title").OnElements("img")
	p.AllowAttrs("width", "height").Matching(bluemonday.Integer).OnElements("img")
	p.AllowAttrs("title").OnElements("abbr")
	p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|center|right)$`)).OnElements("th", "td")
	return p
}

// Sanitize cleans HTML from any source we do not control (a feed, a
// rendered Markdown body) with the one policy shuttle publishes under.
func Sanitize(html string) string { return policy.Sanitize(html) }

// Render turns Markdown into sanitised HTML.
func Render(md []byte) (string, error) {
	var buf bytes.Buffer
	if err := markdown.Convert(md, &buf); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return policy.SanitizeReader(&buf).String(), nil
}
