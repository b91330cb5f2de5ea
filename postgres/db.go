// Package postgres is the shuttle.Store on PostgreSQL, chosen by a
// postgres:// URL for deployments that already run a server.
//
// Open does not need the server to be up: connections are dialled when a
// method needs one, and the migrations run on the first connection that
// succeeds (or when a caller runs Migrate). Until then every method fails
// with an EUNAVAILABLE error, served as 503, that tells a reader only that
// the database is unavailable, and the log which server and why; once the server answers, the store recovers by
// itself. A server that is down at start is an outage, not a
// misconfiguration, and a process that refused to start would turn it into
// one more thing to restart.
//
// Every public method is one transaction: a read-only REPEATABLE READ one for
// reads of several statements, so that they share a snapshot, and the
// statement's own for reads of one.
package postgres

import (
	"context"
	"net"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/shuttlenews/shuttle"
)

// DB is a shuttle.Store on a PostgreSQL database. It is safe for concurrent use.
type DB struct {
	pool *pgxpool.Pool
	addr string // host:port, for error messages

	migrated  atomic.Bool
	migrateMu sync.Mutex

	// Now is the clock for Version.IngestedAt and Article.UpdatedAt; tests
	// may replace it before use.
	Now func() time.Time
}

var _ shuttle.Store = (*DB)(nil)

// defaultConnectTimeout bounds a dial to a server that drops packets, when
// the URL sets no connect_timeout: a request should get its 503 in seconds.
const defaultConnectTimeout = 5 * time.Second

// Open prepares a store for the database at url (postgres://...). It fails
// only for a URL it cannot use, or for migrations that the server refuses;
// a server it cannot reach leaves the migrations to the first method that
// gets through.
func Open(ctx context.Context, url string) (*DB, error) {
	config, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, shuttle.Errorf(shuttle.EINVALID, "postgres: database URL: %v", err)
	}
	if config.ConnConfig.ConnectTimeout == 0 {
		config.ConnConfig.ConnectTimeout = defaultConnectTimeout
	}
	// No connections at start (MinConns 0): pgxpool dials on demand, and
	// pings a connection that sat idle before handing it out, which is what
	// lets the store start with the server down and recover when it returns.
	config.MinConns = 0
	if config.MaxConns < 4 {
		config.MaxConns = int32(max(4, runtime.GOMAXPROCS(0)))
	}
	pool, err := pgxpool.NewWithConfig(ctx, config)
	if err != nil {
		return nil, shuttle.Errorf(shuttle.EINVALID, "postgres: %v", err)
	}
	db := &DB{pool: pool, addr: address(config.ConnConfig), Now: time.Now}
	if err := db.Migrate(ctx); err != nil && shuttle.ErrorCode(err) != shuttle.EUNAVAILABLE {
		db.Close()
		return nil, err
	}
	return db, nil
}

// address names the server as messages should: host:port, or the socket
// directory.
func address(c *pgx.ConnConfig) string {
	if len(c.Host) > 0 && c.Host[0] == '/' {
		return c.Host
	}
	return net.JoinHostPort(c.Host, strconv.Itoa(int(c.Port)))
}

// Close closes the connections; it does not wait for those in use.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Ping reports whether the server answers, migrating it if that is still to do.
func (db *DB) Ping(ctx context.Context) error {
	return db.run(ctx, "ping", func(c *pgx.Conn) error { return c.Ping(ctx) })
}

// now is the clock at the precision PostgreSQL keeps, in UTC, so that a
// value read back equals the value written.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// run gives fn a migrated connection and maps what fails to domain errors.
func (db *DB) run(ctx context.Context, op string, fn func(c *pgx.Conn) error) error {
	pc, err := db.pool.Acquire(ctx)
	if err != nil {
		return db.fail(op, err)
	}
	defer pc.Release()
	c := pc.Conn()
	if err := db.ensureMigrated(ctx, c); err != nil {
		return db.fail(op, err)
	}
	return db.fail(op, fn(c))
}

// read runs fn in a read-only REPEATABLE READ transaction: all its queries
// see one snapshot, so never half of an ingest.
func (db *DB) read(ctx context.Context, op string, fn func(tx pgx.Tx) error) error {
	return db.run(ctx, op, func(c *pgx.Conn) error {
		tx, err := c.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
		if err != nil {
			return err
		}
		defer rollback(ctx, tx)
		if err := fn(tx); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
}

// write runs fn in a transaction and commits if fn succeeds and ctx is still
// live. The COMMIT itself is not cancelled: a COMMIT interrupted half-way
// would leave the caller unsure whether it took effect.
func (db *DB) write(ctx context.Context, op string, fn func(tx pgx.Tx) error) error {
	return db.run(ctx, op, func(c *pgx.Conn) error {
		tx, err := c.Begin(ctx)
		if err != nil {
			return err
		}
		defer rollback(ctx, tx)
		if err := fn(tx); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return tx.Commit(context.WithoutCancel(ctx))
	})
}

// rollback ends a transaction that did not commit, even after ctx is done;
// if the server cannot be told, pgx closes the connection, which ends the
// transaction too.
func rollback(ctx context.Context, tx pgx.Tx) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	tx.Rollback(ctx)
}
