package web

import "strings"

// siteName is the publication's name in titles, feeds and OpenGraph.
const siteName = "Shuttle"

// layoutData is what the layout around every page needs. Pages embed it.
type layoutData struct {
	Title       string
	Description string
	// Canonical is the page's absolute URL.
	Canonical string
	// Section marks the navigation entry of the page ("map", "insights"…).
	Section string
	// OG holds OpenGraph properties, in order.
	OG []meta
	// JSONLD is structured data for search engines (a NewsArticle), written
	// as a non-executable application/ld+json block.
	JSONLD any
	// OEmbed is the discovery link of an embeddable page.
	OEmbed string
	Feed   string
}

type meta struct{ Property, Content string }

// layout fills the fields every page shares.
func (s *Server) layout(path, title string) layoutData {
	section, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return layoutData{
		Title: title, Canonical: s.abs(path), Section: section, Feed: "/feed.xml",
		Description: "Foreign affairs news with the data behind it: where U.S. Secretaries of State and Presidents travel, and who comes to Washington.",
	}
}
