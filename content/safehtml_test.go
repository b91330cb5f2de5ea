package content

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// unsafeHTML returns the first thing in s that a page must not serve: a
// script-capable element, an event handler, a style attribute or a URL with
// a scheme other than http, https or mailto. It is the test oracle for the
// sanitiser, written independently of its policy.
func unsafeHTML(s string) error {
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return nil
			}
			return z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			if err := unsafeTag(z.Token()); err != nil {
				return err
			}
		}
	}
}

func unsafeTag(t html.Token) error {
	switch t.Data {
	case "script", "iframe", "frame", "object", "embed", "style", "form", "input", "svg", "math", "link", "meta", "base":
		return fmt.Errorf("element <%s>", t.Data)
	}
	for _, a := range t.Attr {
		switch {
		case strings.HasPrefix(a.Key, "on"):
			return fmt.Errorf("event handler %s on <%s>", a.Key, t.Data)
		case a.Key == "style":
			return fmt.Errorf("style attribute on <%s>", t.Data)
		case a.Key == "href" || a.Key == "src":
			u, err := url.Parse(a.Val)
			if err != nil {
				return fmt.Errorf("unparseable %s %q", a.Key, a.Val)
			}
			switch u.Scheme {
			case "", "http", "https", "mailto":
			default:
				return fmt.Errorf("%s with scheme %q", a.Key, u.Scheme)
			}
		}
	}
	return nil
}
