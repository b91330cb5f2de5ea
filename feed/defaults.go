package feed

import "time"

// DefaultFeeds are public-domain U.S. government news feeds on foreign
// affairs: Department of State press releases, Department of Defense news
// and Voice of America. Works of the U.S. federal government are not subject
// to copyright, so their text may be republished. Callers pass their own
// list to NewPoller; this is only a starting point.
//
// VOA publishes its feeds under opaque /api/ paths; check the list at
// voanews.com/rssfeeds if this one stops answering.
var DefaultFeeds = []string{
	"https://www.state.gov/rss-feed/press-releases/feed/",
	"https://www.defense.gov/DesktopModules/ArticleCS/RSS.ashx?ContentType=1&Site=945&max=10",
	"https://www.voanews.com/api/zmgqoe$moi",
}

// Defaults for the zero values of Poller's fields.
const (
	DefaultUserAgent   = "shuttle/1 (+https://github.com/shuttlenews/shuttle)"
	DefaultTimeout     = 30 * time.Second // per feed: request, headers and body
	DefaultMaxBytes    = 5 << 20          // per feed body
	DefaultInterval    = 15 * time.Minute
	DefaultConcurrency = 4
	// DefaultMaxSeen bounds MemoryState's dedupe memory: about a year of
	// items from a few dozen busy feeds.
	DefaultMaxSeen = 100_000
)
