package shuttle

import (
	"context"
	"time"
)

// DatasetStore holds the ingested records. Every method is one transaction.
// Not-found lookups return an *Error with code ENOTFOUND; an unreachable
// database returns one with EUNAVAILABLE.
type DatasetStore interface {
	// ReplaceDataset swaps in d atomically and returns the new Version. On any
	// error the previous dataset stays exactly as it was.
	ReplaceDataset(ctx context.Context, d *Dataset) (Version, error)
	// Version is cheap: servers call it on every request.
	Version(ctx context.Context) (Version, error)

	Regions(ctx context.Context) ([]Region, error)
	// Countries lists every country with its visit counts per role, by name.
	Countries(ctx context.Context) ([]CountryVisits, error)
	Country(ctx context.Context, iso string) (Country, error)
	// Travelers lists those who held a role ("" for all), by first term in it.
	Travelers(ctx context.Context, role Role) ([]Traveler, error)
	Traveler(ctx context.Context, id string) (Traveler, error)
	// Trips returns matching trips ordered by start date, then role and id.
	Trips(ctx context.Context, f TripFilter) ([]Trip, error)
	// CountTrips counts the trips f matches, ignoring its Limit and Offset:
	// the total a page of Trips is out of.
	CountTrips(ctx context.Context, f TripFilter) (int, error)
	// YearCounts returns visits per country and year for a role, ordered by
	// country then year; years without visits are absent.
	YearCounts(ctx context.Context, role Role) ([]YearCount, error)
}

// FeedStateStore remembers what polling the feeds learnt: each feed's
// validators for a conditional GET, and the items delivered already. In the
// database, both outlive a restart and are shared by every server polling.
type FeedStateStore interface {
	FeedState(ctx context.Context, feedURL string) (FeedState, error)
	SetFeedState(ctx context.Context, feedURL string, s FeedState) error
	// Seen reports whether any of keys (an item's GUID, its link) was marked.
	Seen(ctx context.Context, keys ...string) (bool, error)
	// MarkSeen marks keys, and forgets those last marked FeedItemsKept ago.
	MarkSeen(ctx context.Context, keys ...string) error
}

// FeedItemsKept is how long a delivered feed item is remembered: an item
// that old has long left its feed.
const FeedItemsKept = 365 * 24 * time.Hour

// FeedState is what a feed's server told us last time, for a conditional GET.
type FeedState struct {
	ETag         string
	LastModified string
}

// SessionStore keeps the editors' sessions where every server finds them.
// A session is kept under the SHA-256 of its id: the id, the credential its
// cookie carries, is never stored.
type SessionStore interface {
	// PutSession stores s under key, and forgets the sessions that expired.
	PutSession(ctx context.Context, key [32]byte, s EditorSession) error
	// EditorSession returns the session under key; ENOTFOUND when none.
	// Expiry is the caller's to check.
	EditorSession(ctx context.Context, key [32]byte) (EditorSession, error)
	DeleteSession(ctx context.Context, key [32]byte) error
}

// EditorSession is a signed-in editor's session.
type EditorSession struct {
	CSRFToken string
	Expires   time.Time
	// Method and Token say how the editor signed in: the method, and a
	// fingerprint of the token, never the token.
	Method, Token string
}

// Store is what a database offers the rest of shuttle.
type Store interface {
	DatasetStore
	ArticleStore
	FeedStateStore
	SessionStore
	// Ping reports whether the database answers (for /readyz and 503s).
	Ping(ctx context.Context) error
	Close() error
}
