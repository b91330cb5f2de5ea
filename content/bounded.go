package content

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// A bounded renderer is goldmark's, with every node's render function
// wrapped so that the walk stops at the first node after the output passed
// its cap. Capping the writer alone is not enough: goldmark ignores write
// errors and walks on, and the costly part of some nodes comes before the
// write (a link escapes its whole destination each time it is used, so one
// 8 KiB reference used 300,000 times is 2.4 GB of escaping whatever
// happens to the bytes).
type boundedRenderer struct{ renderer.Renderer }

func newBoundedRenderer() renderer.Renderer {
	b := boundedRenderer{renderer.NewRenderer()}
	b.AddOptions(renderer.WithNodeRenderers(util.Prioritized(html.NewRenderer(), 1000)))
	return b
}

// AddOptions wraps the node renderers extensions add (tables, strikethrough,
// task lists) as well as the HTML one; other options pass through.
func (b boundedRenderer) AddOptions(opts ...renderer.Option) {
	for _, opt := range opts {
		c := renderer.NewConfig()
		opt.SetConfig(c)
		for name, v := range c.Options {
			b.Renderer.AddOptions(renderer.WithOption(name, v))
		}
		for i, v := range c.NodeRenderers {
			c.NodeRenderers[i].Value = guardedNodeRenderer{v.Value.(renderer.NodeRenderer)}
		}
		if len(c.NodeRenderers) > 0 {
			b.Renderer.AddOptions(renderer.WithNodeRenderers(c.NodeRenderers...))
		}
	}
}

type guardedNodeRenderer struct{ renderer.NodeRenderer }

func (g guardedNodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	g.NodeRenderer.RegisterFuncs(guardedRegisterer{reg})
}

// SetOption passes renderer options (html.WithXHTML and the like) on, which
// goldmark only hands to node renderers that take them.
func (g guardedNodeRenderer) SetOption(name renderer.OptionName, value any) {
	if s, ok := g.NodeRenderer.(renderer.SetOptioner); ok {
		s.SetOption(name, value)
	}
}

type guardedRegisterer struct {
	renderer.NodeRendererFuncRegisterer
}

func (r guardedRegisterer) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) {
	r.NodeRendererFuncRegisterer.Register(kind, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := w.(*cappedBuffer); ok && c.full {
			return ast.WalkStop, &htmlFullError{at: n}
		}
		return f(w, src, n, entering)
	})
}

// htmlFullError stops a render; at is the node it stopped on.
type htmlFullError struct{ at ast.Node }

func (e *htmlFullError) Error() string { return "rendered HTML is over its limit" }

// cappedBuffer is the util.BufWriter goldmark renders into (it uses one it
// is given as is): it keeps at most limit bytes and notes when more came.
type cappedBuffer struct {
	bytes.Buffer
	limit int
	full  bool
}

func (c *cappedBuffer) fits(n int) bool {
	if c.full || c.Len()+n > c.limit {
		c.full = true
		return false
	}
	return true
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if !c.fits(len(p)) {
		return len(p), nil // the guard reports it at the next node
	}
	return c.Buffer.Write(p)
}

func (c *cappedBuffer) WriteString(s string) (int, error) {
	if !c.fits(len(s)) {
		return len(s), nil
	}
	return c.Buffer.WriteString(s)
}

func (c *cappedBuffer) WriteByte(b byte) error {
	if !c.fits(1) {
		return nil
	}
	return c.Buffer.WriteByte(b)
}

func (c *cappedBuffer) WriteRune(r rune) (int, error) {
	if !c.fits(utf8.RuneLen(r)) {
		return utf8.RuneLen(r), nil
	}
	return c.Buffer.WriteRune(r)
}

func (c *cappedBuffer) Buffered() int { return 0 }
func (c *cappedBuffer) Flush() error  { return nil }
