package content

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// CheckImageURL accepts what a page may safely put in <img src>: an absolute
// http or https URL, or a path on this site ("/static/img/x.jpg"). It
// rejects other schemes (javascript:, data:, file:), protocol-relative
// URLs, and whitespace, control characters or backslashes, which browsers
// "repair" in ways that can turn a path into another host or scheme.
// The empty string means "no image" and is accepted.
func CheckImageURL(s string) error {
	if s == "" {
		return nil
	}
	if i := strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\\'
	}); i >= 0 {
		return fmt.Errorf("image URL %s contains whitespace, a control character or a backslash", short(s))
	}
	if strings.HasPrefix(s, "//") {
		return fmt.Errorf("image URL %s is protocol-relative; write https://", short(s))
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("image URL %s is not a URL", short(s))
	}
	switch u.Scheme {
	case "":
		return nil
	case "http", "https":
		if u.Host == "" {
			return fmt.Errorf("image URL %s has no host", short(s))
		}
		return nil
	}
	return fmt.Errorf("image URL %s: scheme %q is not allowed; use http(s) or a relative path", short(s), u.Scheme)
}

// short quotes s for an error message, cut so that a megabyte data: URL does
// not end up in the logs whole.
func short(s string) string {
	const max = 60
	if len(s) > max {
		return strconv.Quote(strings.ToValidUTF8(s[:max], "")) + "…"
	}
	return strconv.Quote(s)
}
