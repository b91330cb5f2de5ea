package xss

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// CheckFragment returns the first thing in the HTML fragment s that a page
// must not serve: a script-capable, framing, form or foreign-content
// element, an event handler, a style or srcdoc attribute, or a URL attribute
// with a scheme other than http, https or mailto. It is the oracle for what
// the sanitiser lets through, written independently of its policy (a
// deny-list where the policy is an allow-list), so that a change to the
// policy cannot quietly change the oracle with it.
func CheckFragment(s string) error {
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

// fragmentDenied are the elements no sanitised fragment may hold.
var fragmentDenied = map[string]bool{
	"script": true, "iframe": true, "frame": true, "frameset": true, "object": true, "embed": true, "applet": true,
	"style": true, "form": true, "input": true, "button": true, "select": true, "textarea": true, "isindex": true,
	"svg": true, "math": true, "link": true, "meta": true, "base": true, "template": true, "noscript": true,
}

// urlAttrs are the attributes a browser follows or fetches as a URL.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "data": true,
	"background": true, "poster": true, "cite": true, "longdesc": true, "lowsrc": true, "dynsrc": true, "codebase": true,
}

func unsafeTag(t html.Token) error {
	if fragmentDenied[t.Data] {
		return fmt.Errorf("element <%s>", t.Data)
	}
	for _, a := range t.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case strings.HasPrefix(key, "on"):
			return fmt.Errorf("event handler %s on <%s>", a.Key, t.Data)
		case key == "style" || key == "srcdoc":
			return fmt.Errorf("%s attribute on <%s>", key, t.Data)
		case urlAttrs[key]:
			if err := checkURL(a.Val); err != nil {
				return fmt.Errorf("%s on <%s>: %v", key, t.Data, err)
			}
		case key == "srcset":
			for _, c := range strings.Split(a.Val, ",") {
				if f := strings.Fields(c); len(f) > 0 {
					if err := checkURL(f[0]); err != nil {
						return fmt.Errorf("srcset on <%s>: %v", t.Data, err)
					}
				}
			}
		}
	}
	return nil
}

// checkURL accepts relative URLs and http, https and mailto ones. Go's URL
// parser refuses the control characters and the tabs and newlines a browser
// would strip out of "jav\tascript:", so those count as unsafe too.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("unparseable URL %q", raw)
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return nil
	}
	return fmt.Errorf("URL with scheme %q", u.Scheme)
}
