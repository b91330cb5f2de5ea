package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/shuttlenews/shuttle"
)

// PutSession stores s under key, and forgets the sessions that expired.
func (db *DB) PutSession(ctx context.Context, key [32]byte, s shuttle.EditorSession) error {
	return db.write(ctx, "put session", func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `DELETE FROM editor_sessions WHERE expires <= $1`, db.now()); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO editor_sessions (key, csrf, expires, method, token) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (key) DO UPDATE SET csrf = excluded.csrf, expires = excluded.expires,
			method = excluded.method, token = excluded.token`,
			key[:], s.CSRFToken, s.Expires, s.Method, s.Token)
		return err
	})
}

// EditorSession returns the session under key; ENOTFOUND when none.
func (db *DB) EditorSession(ctx context.Context, key [32]byte) (shuttle.EditorSession, error) {
	var s shuttle.EditorSession
	found := true
	err := db.run(ctx, "session", func(c *pgx.Conn) error {
		err := c.QueryRow(ctx, `SELECT csrf, expires, method, token FROM editor_sessions WHERE key = $1`, key[:]).
			Scan(&s.CSRFToken, &s.Expires, &s.Method, &s.Token)
		if errors.Is(err, pgx.ErrNoRows) {
			found = false
			return nil
		}
		return err
	})
	if err != nil {
		return shuttle.EditorSession{}, err
	}
	if !found {
		return shuttle.EditorSession{}, notFound("no such session")
	}
	s.Expires = s.Expires.UTC()
	return s, nil
}

func (db *DB) DeleteSession(ctx context.Context, key [32]byte) error {
	return db.write(ctx, "delete session", func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM editor_sessions WHERE key = $1`, key[:])
		return err
	})
}
