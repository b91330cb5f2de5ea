package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// markdown is GitHub-flavoured Markdown (extension.GFM) with one change: table
// cells carry their alignment as an align attribute, because the sanitiser
// drops every style attribute and GFM's default would lose it. Raw HTML
// stays off (goldmark's default): editors write Markdown, and whatever HTML
// slips in is dropped before the sanitiser even sees it. The renderer is
// bounded (bounded.go): it stops at maxHTMLBytes instead of finishing.
var markdown = goldmark.New(
	goldmark.WithRenderer(newBoundedRenderer()),
	goldmark.WithExtensions(
		extension.Linkify,
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		extension.Strikethrough,
		extension.TaskList,
	),
)

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

// Render turns Markdown into sanitised HTML. It refuses a body whose tables,
// nesting or HTML exceed the limits in limits.go, with an error naming the
// limit and, where there is one, the line.
func Render(md []byte) (string, error) {
	if err := checkBody(md, 1); err != nil {
		return "", err
	}
	return render(md, 1)
}

// render is Render after checkBody, with errors counting lines from
// firstLine, the file line md starts on.
func render(md []byte, firstLine int) (string, error) {
	doc := markdown.Parser().Parse(text.NewReader(md))
	if err := checkTree(doc, md, firstLine); err != nil {
		return "", err
	}
	out := &cappedBuffer{limit: maxHTMLBytes}
	err := markdown.Renderer().Render(out, md, doc)
	var full *htmlFullError
	switch {
	case errors.As(err, &full):
		return "", errAt(nodeLine(full.at, md, firstLine), "renders to more than %d MiB of HTML, the limit on an article", maxHTMLBytes>>20)
	case err != nil:
		return "", fmt.Errorf("render markdown: %w", err)
	case out.full: // the last node overflowed: no node came after to stop on
		return "", errAt(0, "renders to more than %d MiB of HTML, the limit on an article", maxHTMLBytes>>20)
	}
	html := policy.SanitizeReader(&out.Buffer).String()
	// The sanitiser adds rel and target to links: check what is stored too.
	if len(html) > maxHTMLBytes {
		return "", errAt(0, "renders to more than %d MiB of HTML, the limit on an article", maxHTMLBytes>>20)
	}
	return html, nil
}

// checkTree enforces on the parsed body the limits the text scan in
// checkBody can only estimate: it sees the tables exactly as goldmark
// built them, and the nesting of every element.
func checkTree(doc ast.Node, src []byte, firstLine int) error {
	depth, cells := 0, 0
	return ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		if depth++; depth > maxNesting+1 { // +1: the document itself
			return ast.WalkStop, errAt(nodeLine(n, src, firstLine), "nested more than %d levels deep (lists, quotes, emphasis, links); the limit is %d", maxNesting, maxNesting)
		}
		if k := n.Kind(); k == east.KindTableRow || k == east.KindTableHeader {
			if c := n.ChildCount(); c > maxTableColumns {
				return ast.WalkStop, errAt(nodeLine(n, src, firstLine), "table has %d columns; the limit is %d", c, maxTableColumns)
			}
			if cells += n.ChildCount(); cells > maxTableCells {
				return ast.WalkStop, errAt(nodeLine(n, src, firstLine), "tables hold more than %d cells in all; the limit is %d (rows are padded to the header's width)", maxTableCells, maxTableCells)
			}
		}
		return ast.WalkContinue, nil
	})
}

// nodeLine is the file line n starts on, or that of the nearest ancestor
// that knows its position; 0 when none does.
func nodeLine(n ast.Node, src []byte, firstLine int) int {
	for ; n != nil; n = n.Parent() {
		if off := nodeOffset(n); off >= 0 && off <= len(src) {
			return firstLine + bytes.Count(src[:off], []byte("\n"))
		}
	}
	return 0
}

func nodeOffset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return -1
}
