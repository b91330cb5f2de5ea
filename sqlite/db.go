// Package sqlite is the shuttle.Store on one SQLite file, the default
// database: pure Go (modernc.org/sqlite), so shuttle builds with CGO_ENABLED=0.
//
// The file is in WAL mode, so readers never wait for an ingest and always see
// the last committed dataset. Every public method runs in one transaction
// (or one statement, which SQLite runs as one): readers see one snapshot.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/shuttlenews/shuttle"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is a shuttle.Store on a SQLite file. It is safe for concurrent use.
type DB struct {
	db      *sql.DB
	version *sql.Stmt // Version is called on every request: prepare it once.

	// Now is the clock for Version.IngestedAt and Article.UpdatedAt; tests
	// may replace it before use.
	Now func() time.Time
}

var _ shuttle.Store = (*DB)(nil)

// Open opens (creating if needed) the database file at path and applies any
// pending migrations. path must be a file: the store opens several
// connections to it, which ":memory:" would give separate databases.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" || path == ":memory:" || strings.Contains(path, "?") {
		return nil, shuttle.Errorf(shuttle.EINVALID, "sqlite: %q is not a database file path", path)
	}
	// busy_timeout: wait for a lock another process holds instead of failing.
	// BEGIN IMMEDIATE (_txlock) takes the write lock up front, so two writers
	// queue instead of one failing when it upgrades; read-only transactions
	// still use a plain BEGIN and never block. page_size (which only a new
	// file takes) and cache_size let an ingest rewrite the dataset in memory
	// in about half the time the defaults take. modernc applies the _pragma
	// list before _journal_mode, so page_size comes before WAL fixes it.
	dsn := path + "?_pragma=busy_timeout(10000)&_pragma=cache_size(-16000)&_pragma=foreign_keys(1)" +
		"&_pragma=page_size(16384)&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate"
	sqldb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	sqldb.SetMaxOpenConns(n)
	sqldb.SetMaxIdleConns(n)
	db := &DB{db: sqldb, Now: time.Now}
	if err := db.open(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return db, nil
}

func (db *DB) open(ctx context.Context) error {
	if err := db.migrate(ctx); err != nil {
		return err
	}
	var err error
	db.version, err = db.db.PrepareContext(ctx, `SELECT COALESCE(d.id, 0), COALESCE(d.ingested_at, ''), COALESCE(d.source, ''), COALESCE(d.trips, 0), a.n
		FROM article_version a LEFT JOIN (SELECT * FROM data_version ORDER BY id DESC LIMIT 1) d ON 1`)
	return err
}

// Close closes the database; an ingest in progress is rolled back.
func (db *DB) Close() error {
	if db.version != nil {
		db.version.Close()
	}
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("sqlite: close: %w", err)
	}
	return nil
}

// Ping reports whether the database file can be read.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.db.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}

// now is the clock at the precision both stores keep (PostgreSQL keeps
// microseconds), in UTC, so that a value read back equals the value written.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// read runs fn in a read-only transaction: one snapshot for all its queries.
func (db *DB) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return fn(tx)
}

// write runs fn in a write transaction and commits if fn succeeds.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}
