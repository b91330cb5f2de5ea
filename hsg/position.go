package hsg

import "fmt"

// Position is a place in a source file, 1-based.
type Position struct {
	File   string
	Line   int
	Column int
}

func (p Position) String() string {
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Error is a decoding error with where it happened and which record it was in.
type Error struct {
	Pos    Position
	Record string // "trip 3992", "" when the record could not be identified
	Field  string // "start-date", "" when it concerns the whole record or file
	Err    error
}

func (e *Error) Error() string {
	s := e.Pos.String() + ": "
	if e.Record != "" {
		s += e.Record + ": "
	}
	if e.Field != "" {
		s += e.Field + ": "
	}
	return s + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }
