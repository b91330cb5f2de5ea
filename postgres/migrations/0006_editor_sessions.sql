-- Editors' sessions, shared by every server. The key is the SHA-256 of the
-- session id; the id itself, the credential in the cookie, is never stored.
CREATE TABLE editor_sessions (
	key     BYTEA PRIMARY KEY,
	csrf    TEXT NOT NULL,
	expires TIMESTAMPTZ NOT NULL,
	method  TEXT NOT NULL,
	token   TEXT NOT NULL
);
CREATE INDEX editor_sessions_expires ON editor_sessions (expires);
