package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/content"
)

const (
	maxTitleSlug = 60
	maxSummary   = 300
)

var errNoTitle = errors.New("item has no title")

// looksLikeHTML tells markup from plain text that merely holds a "<" ("<3").
var looksLikeHTML = regexp.MustCompile(`<[a-zA-Z/!]|&[a-zA-Z#][a-zA-Z0-9]*;`)

// toArticle converts one feed item (see the package documentation for the
// rules). keys are the dedupe keys: the GUID scoped to its feed, since
// GUIDs are only unique within one feed, and the link, which identifies a
// story across feeds.
func toArticle(feedURL string, it *gofeed.Item, now time.Time) (a *shuttle.Article, keys []string, err error) {
	title := strings.TrimSpace(htmlToText(it.Title))
	if title == "" {
		return nil, nil, errNoTitle
	}
	guid := strings.TrimSpace(it.GUID)
	link := webURL(it.Link)
	id := itemID(feedURL, guid, link, title+"\x00"+it.Published+it.Updated)
	if guid != "" {
		keys = append(keys, "guid:"+feedURL+"\x00"+guid)
	}
	if link != "" {
		keys = append(keys, "link:"+link)
	}
	if len(keys) == 0 {
		keys = append(keys, "id:"+id)
	}

	rawHTML := firstNonEmpty(it.Content, it.Description)
	if !looksLikeHTML.MatchString(rawHTML) {
		rawHTML = textToHTML(rawHTML)
	}
	safe := content.Sanitize(rawHTML)
	body := htmlToText(safe)
	summary := firstParagraph(body)
	if it.Content != "" && it.Description != "" {
		summary = htmlToText(content.Sanitize(it.Description))
	}
	published := itemTime(it, now)
	return &shuttle.Article{
		Slug:      itemSlug(title, id),
		Title:     title,
		Date:      shuttle.NewDate(published.Year(), published.Month(), published.Day()),
		Summary:   cut(summary, maxSummary),
		Image:     itemImage(it),
		Body:      body,
		HTML:      safe,
		Source:    firstNonEmpty(link, feedURL),
		UpdatedAt: updatedTime(it, published),
	}, keys, nil
}

// itemID is what an item's slug is made from: its identity, the same that
// dedupes it. A GUID means something only within its feed, so it is taken
// with the feed's URL: two feeds numbering their items "1" would otherwise
// share a slug, and the second feed's item replace the first's article. A
// link is the story's wherever it is carried; an item with neither is known
// by its feed, title and dates.
func itemID(feedURL, guid, link, fallback string) string {
	switch {
	case guid != "":
		return feedURL + "\x00" + guid
	case link != "":
		return link
	}
	return feedURL + "\x00" + fallback
}

func itemSlug(title, id string) string {
	sum := sha256.Sum256([]byte(id))
	h := hex.EncodeToString(sum[:4])
	s := content.Slugify(title)
	if len(s) > maxTitleSlug {
		s = strings.TrimRight(s[:maxTitleSlug], "-")
		if i := strings.LastIndexByte(s, '-'); i > maxTitleSlug/2 {
			s = s[:i]
		}
	}
	if s == "" {
		return "item-" + h
	}
	return s + "-" + h
}

// itemTime is when the item was published, in UTC.
func itemTime(it *gofeed.Item, now time.Time) time.Time {
	switch {
	case it.PublishedParsed != nil && !it.PublishedParsed.IsZero():
		return it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil && !it.UpdatedParsed.IsZero():
		return it.UpdatedParsed.UTC()
	}
	return now.UTC()
}

func updatedTime(it *gofeed.Item, published time.Time) time.Time {
	if it.UpdatedParsed != nil && it.UpdatedParsed.After(published) {
		return it.UpdatedParsed.UTC()
	}
	return published
}

func itemImage(it *gofeed.Item) string {
	if it.Image != nil {
		if u := webURL(it.Image.URL); u != "" {
			return u
		}
	}
	for _, e := range it.Enclosures {
		if e != nil && strings.HasPrefix(e.Type, "image/") {
			if u := webURL(e.URL); u != "" {
				return u
			}
		}
	}
	return ""
}

// webURL returns s if it is an absolute http(s) URL safe to link to, else "".
// A relative URL in a feed is relative to the feed's site, not ours; the
// image rules (no whitespace, control characters or backslashes) suit
// links as well.
func webURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || content.CheckImageURL(s) != nil {
		return ""
	}
	return s
}

func firstParagraph(body string) string {
	p, _, _ := strings.Cut(body, "\n\n")
	return p
}

// cut shortens s to at most n bytes, at a word boundary, adding an ellipsis.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = strings.ToValidUTF8(s[:n], "")
	if i := strings.LastIndexByte(s, ' '); i > n/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, " ,;:") + "…"
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}
