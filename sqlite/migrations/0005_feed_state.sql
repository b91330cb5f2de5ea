-- What polling the feeds learnt, kept across restarts and shared by every
-- server: each feed's validators for a conditional GET, and the items
-- delivered already (by GUID and by link), kept for a year; an item that old
-- has long left its feed.
CREATE TABLE feed_state (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL,
	last_modified TEXT NOT NULL
);
CREATE TABLE feed_seen (
	key     TEXT PRIMARY KEY,
	seen_at TEXT NOT NULL
);
CREATE INDEX feed_seen_at ON feed_seen (seen_at);
