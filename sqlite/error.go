package sqlite

import (
	"errors"
	"fmt"

	"github.com/shuttlenews/shuttle"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// wrap adds the operation to err. Domain errors pass through untouched so
// that their code and user-safe message survive.
func wrap(op string, err error) error {
	var e *shuttle.Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("sqlite: %s: %w", op, err)
}

// constraint turns a constraint violation, which only bad input can cause,
// into EINVALID, so that a refused dataset or article reads as the caller's
// fault and not as a failing database.
func constraint(what string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT {
		return shuttle.Errorf(shuttle.EINVALID, "%s refused by the database: %s", what, se.Error())
	}
	return err
}

func notFound(format string, args ...any) error {
	return shuttle.Errorf(shuttle.ENOTFOUND, format, args...)
}
