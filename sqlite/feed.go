package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/shuttlenews/shuttle"
)

// FeedState returns what feedURL's server said last; zero for a feed never
// polled.
func (db *DB) FeedState(ctx context.Context, feedURL string) (shuttle.FeedState, error) {
	var s shuttle.FeedState
	err := db.db.QueryRowContext(ctx, `SELECT etag, last_modified FROM feed_state WHERE url = ?`, feedURL).
		Scan(&s.ETag, &s.LastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return shuttle.FeedState{}, nil
	}
	return s, wrap("feed state", err)
}

func (db *DB) SetFeedState(ctx context.Context, feedURL string, s shuttle.FeedState) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO feed_state (url, etag, last_modified) VALUES (?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified`,
		feedURL, s.ETag, s.LastModified)
	return wrap("set feed state", err)
}

// Seen reports whether any of keys was marked.
func (db *DB) Seen(ctx context.Context, keys ...string) (bool, error) {
	for _, k := range keys {
		var one int
		err := db.db.QueryRowContext(ctx, `SELECT 1 FROM feed_seen WHERE key = ?`, k).Scan(&one)
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return false, wrap("feed items seen", err)
		}
	}
	return false, nil
}

// MarkSeen marks keys, and forgets the items marked more than a year ago.
func (db *DB) MarkSeen(ctx context.Context, keys ...string) error {
	now := db.now()
	err := db.write(ctx, func(tx *sql.Tx) error {
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT INTO feed_seen (key, seen_at) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at`, k, now.Format(sortableLayout)); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM feed_seen WHERE seen_at < ?`, now.Add(-shuttle.FeedItemsKept).Format(sortableLayout))
		return err
	})
	return wrap("mark feed items seen", err)
}
