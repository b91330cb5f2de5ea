package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/shuttlenews/shuttle"
)

// FeedState returns what feedURL's server said last; zero for a feed never
// polled.
func (db *DB) FeedState(ctx context.Context, feedURL string) (shuttle.FeedState, error) {
	var s shuttle.FeedState
	err := db.run(ctx, "feed state", func(c *pgx.Conn) error {
		err := c.QueryRow(ctx, `SELECT etag, last_modified FROM feed_state WHERE url = $1`, feedURL).
			Scan(&s.ETag, &s.LastModified)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		return err
	})
	return s, err
}

func (db *DB) SetFeedState(ctx context.Context, feedURL string, s shuttle.FeedState) error {
	return db.write(ctx, "set feed state", func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO feed_state (url, etag, last_modified) VALUES ($1, $2, $3)
			ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified`,
			feedURL, s.ETag, s.LastModified)
		return err
	})
}

// Seen reports whether any of keys was marked.
func (db *DB) Seen(ctx context.Context, keys ...string) (bool, error) {
	var seen bool
	err := db.run(ctx, "feed items seen", func(c *pgx.Conn) error {
		return c.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM feed_seen WHERE key = ANY($1))`, keys).Scan(&seen)
	})
	return seen, err
}

// MarkSeen marks keys, and forgets the items marked more than a year ago.
func (db *DB) MarkSeen(ctx context.Context, keys ...string) error {
	now := db.now()
	return db.write(ctx, "mark feed items seen", func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO feed_seen (key, seen_at) SELECT k, $2 FROM unnest($1::text[]) AS k
			ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at`, keys, now); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM feed_seen WHERE seen_at < $1`, now.Add(-shuttle.FeedItemsKept))
		return err
	})
}
