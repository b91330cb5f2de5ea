package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/shuttlenews/shuttle"
)

// PutSession stores s under key, and forgets the sessions that expired.
func (db *DB) PutSession(ctx context.Context, key [32]byte, s shuttle.EditorSession) error {
	err := db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM editor_sessions WHERE expires <= ?`, db.now().Format(sortableLayout)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO editor_sessions (key, csrf, expires, method, token) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET csrf = excluded.csrf, expires = excluded.expires,
			method = excluded.method, token = excluded.token`,
			key[:], s.CSRFToken, s.Expires.UTC().Format(sortableLayout), s.Method, s.Token)
		return err
	})
	return wrap("put session", err)
}

// EditorSession returns the session under key; ENOTFOUND when none.
func (db *DB) EditorSession(ctx context.Context, key [32]byte) (shuttle.EditorSession, error) {
	var s shuttle.EditorSession
	var expires string
	err := db.db.QueryRowContext(ctx, `SELECT csrf, expires, method, token FROM editor_sessions WHERE key = ?`, key[:]).
		Scan(&s.CSRFToken, &expires, &s.Method, &s.Token)
	if errors.Is(err, sql.ErrNoRows) {
		return shuttle.EditorSession{}, notFound("no such session")
	}
	if err != nil {
		return shuttle.EditorSession{}, wrap("session", err)
	}
	if s.Expires, err = parseTime(expires); err != nil {
		return shuttle.EditorSession{}, wrap("session", err)
	}
	return s, nil
}

func (db *DB) DeleteSession(ctx context.Context, key [32]byte) error {
	_, err := db.db.ExecContext(ctx, `DELETE FROM editor_sessions WHERE key = ?`, key[:])
	return wrap("delete session", err)
}
