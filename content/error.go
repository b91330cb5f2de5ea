package content

import (
	"errors"
	"fmt"
)

// MaxFileSize bounds what Parse and LoadDir accept, so that one runaway file
// cannot make the server hold an arbitrary amount of memory.
const MaxFileSize = 1 << 20

// ErrTooLarge is wrapped by the error for a file over MaxFileSize.
var ErrTooLarge = errors.New("file is larger than 1 MiB")

// Error is a problem in one content file. Line is 1-based and counts from the
// top of the file (front matter included); it is 0 when the problem concerns
// the file as a whole.
type Error struct {
	File string
	Line int
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("content %s:%d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("content %s: %v", e.File, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// lineError is a problem found while the file name is not yet at hand; Parse
// turns it into an *Error.
type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return e.msg }

func errAt(line int, format string, args ...any) error {
	return &lineError{line: line, msg: fmt.Sprintf(format, args...)}
}

// fileError attaches the file name, and the line when err carries one.
func fileError(name string, err error) *Error {
	var le *lineError
	if errors.As(err, &le) {
		return &Error{File: name, Line: le.line, Err: errors.New(le.msg)}
	}
	return &Error{File: name, Err: err}
}
