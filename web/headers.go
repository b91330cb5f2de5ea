package web

import (
	"net/http"
	"strings"
)

// The policy allows nothing inline and no script or style from elsewhere:
// the site has no script at all and its CSS is one file. Images may come
// from any https host, as a news site's photographs do (an editor's front
// matter accepts https image URLs); an image cannot run code. Only embeds
// may be framed, by anyone; every other page by no one.
var (
	hdrCSP = []string{"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; " +
		"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"}
	hdrCSPEmbed = []string{"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; " +
		"base-uri 'self'; form-action 'self'; frame-ancestors *"}
)

// SecurityHeaders sets the site's security headers on every response of
// next: Content-Security-Policy (framing allowed only under /embed/) and
// X-Content-Type-Options. The page routes of Register set them already;
// wrap the whole mux with it so that the API and the health checks carry
// them too (setting them twice is harmless).
//
// The referrer policy is not a header: every page states it in a
// <meta name="referrer"> element, with the same effect, since documents are
// what send a Referer. Go's header map keeps eight entries inline and a
// ninth costs a table, six allocations and 1.5 KB per response: the pages
// keep to eight.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header(), r.URL.Path)
		next.ServeHTTP(w, r)
	})
}

func setSecurityHeaders(h http.Header, path string) {
	if h["Content-Security-Policy"] != nil {
		return // set by SecurityHeaders around the mux: one lookup, not three stores
	}
	h["Content-Security-Policy"] = cspFor(path)
	h["X-Content-Type-Options"] = hdrNoSniff
}

// cspFor is the policy for a path: only embeds may be framed.
func cspFor(path string) []string {
	if strings.HasPrefix(path, "/embed/") {
		return hdrCSPEmbed
	}
	return hdrCSP
}

// SetSecurityHeaders sets on h the security headers of a response to path,
// for answers written outside the mux (net/http's own refusals).
func SetSecurityHeaders(h http.Header, path string) {
	h["Content-Security-Policy"] = cspFor(path)
	h["X-Content-Type-Options"] = hdrNoSniff
}
