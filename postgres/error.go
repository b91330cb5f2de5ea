package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/shuttlenews/shuttle"
)

// Unavailable is what a reader is told while the database cannot be reached.
const Unavailable = "The database is unavailable. Please try again in a minute."

// fail maps err to the domain: an unreachable server to EUNAVAILABLE, a
// violated constraint to EINVALID, and wraps the rest with the operation.
// Domain errors pass through so their code and message survive.
func (db *DB) fail(op string, err error) error {
	var e *shuttle.Error
	switch {
	case err == nil || errors.As(err, &e):
		return err
	case unreachable(err):
		// Readers are told the database is unavailable; which server and
		// why is the operator's, in the error's detail for the log.
		return fmt.Errorf("postgres: %s: %w", op, &shuttle.Error{Code: shuttle.EUNAVAILABLE, Message: Unavailable,
			Err: fmt.Errorf("database at %s is unreachable: %s", db.addr, cause(err))})
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && strings.HasPrefix(pgErr.Code, "23") { // integrity_constraint_violation
		return fmt.Errorf("postgres: %s: %w", op,
			shuttle.Errorf(shuttle.EINVALID, "refused by the database: %s", pgErr.Message))
	}
	return fmt.Errorf("postgres: %s: %w", op, err)
}

// unreachable tells a server that cannot be reached or went away from one
// that answered with an error. A cancelled context is the caller's doing.
func unreachable(err error) bool {
	var connectErr *pgconn.ConnectError
	var pgErr *pgconn.PgError
	var netErr net.Error
	switch {
	case errors.As(err, &connectErr):
		return !errors.Is(err, context.Canceled)
	case errors.As(err, &pgErr):
		// connection_exception, admin or crash shutdown, cannot_connect_now,
		// too_many_connections
		return strings.HasPrefix(pgErr.Code, "08") || strings.HasPrefix(pgErr.Code, "57P") || pgErr.Code == "53300"
	case errors.Is(err, context.Canceled):
		return false
	}
	return errors.As(err, &netErr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, pgconn.ErrConnClosed)
}

// cause is the reason a reader can act on ("connection refused"), not the
// chain of wrappers around it.
func cause(err error) string {
	var pgErr *pgconn.PgError
	var errno syscall.Errno
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &pgErr):
		return pgErr.Message
	case errors.As(err, &errno):
		return errno.Error()
	case errors.As(err, &dnsErr):
		return dnsErr.Err
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timed out"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, pgconn.ErrConnClosed):
		return "the connection was closed"
	}
	for errors.Unwrap(err) != nil {
		err = errors.Unwrap(err)
	}
	return err.Error()
}

func notFound(format string, args ...any) error {
	return shuttle.Errorf(shuttle.ENOTFOUND, format, args...)
}
