// Package feed polls RSS and Atom feeds and turns their items into
// articles.
//
// A [Poller] fetches each feed with a conditional GET (the ETag and
// Last-Modified it last saw), under a per-feed timeout and a cap on the
// body size, parses it with gofeed, drops items already seen (by the feed's
// GUID and, across all feeds, by link), converts the rest and hands them to
// a [Sink]. One feed failing — unreachable, slow, malformed, too large — is
// logged and reported in its [Result]; the other feeds are polled as usual.
//
// # How an item becomes an article
//
//   - Title: the item title as plain text (markup stripped, entities decoded).
//     Items without a title are skipped.
//   - Slug: the title's slug, cut to 60 bytes, plus 8 hex digits of a SHA-256
//     of the feed's URL and the GUID (or of the link when there is no GUID),
//     so two stories with the same headline do not collide and a
//     re-delivered item keeps its slug. The feed's URL is part of it because
//     an item belongs to its feed: GUIDs are unique only within one, and two
//     feeds' items "1" titled alike must not replace each other's article.
//   - Date: the published date, else the updated date, else the poll time,
//     as a UTC calendar day.
//   - HTML: content:encoded (or Atom content), else the description, passed
//     through content.Sanitize — the same policy as editors' articles.
//     A description in plain text is escaped and split into paragraphs.
//   - Body: plain text extracted from that sanitised HTML, one paragraph per
//     block separated by blank lines, list items prefixed "- ". It is valid
//     Markdown in practice but is not rendered again; it is what enrichment
//     reads (entities, quotes), so it keeps quotation marks and names intact
//     rather than escaping Markdown punctuation.
//   - Summary: the description as plain text when the item also has full
//     content, else the first paragraph, cut at a word near 300 bytes.
//   - Image: the item image or first image enclosure, if it is an absolute
//     http(s) URL.
//   - Source: the item link (http or https only), else the feed URL.
package feed
