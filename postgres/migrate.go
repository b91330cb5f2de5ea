package postgres

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"

	"github.com/jackc/pgx/v5"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key that serialises migrations between
// processes starting at the same time.
const migrationLock = 0x73687574746c65 // "shuttle"

// Migrate applies pending migrations. Open tries it once; callers that want
// the schema in place before serving (the migrate command) call it and retry
// while the error is EUNAVAILABLE. It is safe to call at any time.
func (db *DB) Migrate(ctx context.Context) error {
	return db.run(ctx, "migrate", func(*pgx.Conn) error { return nil })
}

// ensureMigrated migrates once per DB, on the first connection that works.
func (db *DB) ensureMigrated(ctx context.Context, c *pgx.Conn) error {
	if db.migrated.Load() {
		return nil
	}
	db.migrateMu.Lock()
	defer db.migrateMu.Unlock()
	if db.migrated.Load() {
		return nil
	}
	if err := migrate(ctx, c); err != nil {
		return err
	}
	db.migrated.Store(true)
	return nil
}

// migrate applies, in name order, the migrations not yet recorded in the
// migrations table, in one transaction: PostgreSQL's DDL is transactional, so
// a failed migration leaves the schema as it was.
func migrate(ctx context.Context, c *pgx.Conn) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	return pgx.BeginFunc(ctx, c, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
			return fmt.Errorf("migration lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS migrations (
			name       text PRIMARY KEY,
			applied_at timestamptz NOT NULL DEFAULT now()
		)`); err != nil {
			return fmt.Errorf("migrations table: %w", err)
		}
		for _, name := range names {
			if err := apply(ctx, tx, name); err != nil {
				return fmt.Errorf("migration %s: %w", name, err)
			}
		}
		return nil
	})
}

func apply(ctx context.Context, tx pgx.Tx, name string) error {
	var done bool
	if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM migrations WHERE name = $1)`, name).Scan(&done); err != nil || done {
		return err
	}
	script, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, string(script)); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO migrations (name) VALUES ($1)`, name)
	return err
}
