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
	hdrReferrer = []string{"strict-origin-when-cross-origin"}
)

// SecurityHeaders sets the site's security headers on every response of
// next: Content-Security-Policy (framing allowed only under /embed/),
// X-Content-Type-Options and Referrer-Policy. The page routes of Register
// set them already; wrap the whole mux with it so that the API and the
// health checks carry them too (setting them twice is harmless).
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header(), r.URL.Path)
		next.ServeHTTP(w, r)
	})
}

func setSecurityHeaders(h http.Header, path string) {
	if strings.HasPrefix(path, "/embed/") {
		h["Content-Security-Policy"] = hdrCSPEmbed
	} else {
		h["Content-Security-Policy"] = hdrCSP
	}
	h["X-Content-Type-Options"] = hdrNoSniff
	h["Referrer-Policy"] = hdrReferrer
}
