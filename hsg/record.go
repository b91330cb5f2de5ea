package hsg

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// Limits that keep hostile files from exhausting memory. The real files are
// a few hundred kilobytes and three levels deep.
const (
	MaxFileSize = 64 << 20
	maxDepth    = 32
	maxFieldLen = 1 << 20
)

// field is one child element of a record: its text (nested markup such as
// <em> flattened into it) and attributes.
type field struct {
	text  strings.Builder
	attrs []xml.Attr
	pos   Position
}

// record is one element read whole, its descendants keyed by path relative to
// it ("start-date", "started/date"); repeated paths keep every occurrence.
type record struct {
	name   string
	attrs  []xml.Attr
	pos    Position
	fields map[string][]*field
	label  string // "trip 3992", set once the id is known
}

// reader streams the records of one file. Records are the elements found at
// recordPath below the root ("trip" in <trips>, "principals/principal" in
// <principal-position>), or the root itself when recordPath is empty.
type reader struct {
	dec        *xml.Decoder
	file       string
	root       string
	recordPath []string
	stack      []string // open containers below the root
	started    bool
	done       bool
}

func newReader(r io.Reader, file, root, recordPath string) *reader {
	lr := &limitedReader{r: r, n: MaxFileSize + 1, file: file}
	dec := xml.NewDecoder(lr)
	dec.Strict = true
	// The datasets are UTF-8; anything else is refused with a clear error
	// rather than silently misread.
	dec.CharsetReader = func(label string, input io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "utf8") {
			return input, nil
		}
		return nil, fmt.Errorf("encoding %q is not supported (the datasets are UTF-8)", label)
	}
	rd := &reader{dec: dec, file: file, root: root}
	if recordPath != "" {
		rd.recordPath = strings.Split(recordPath, "/")
	}
	return rd
}

func (r *reader) pos() Position {
	line, col := r.dec.InputPos()
	return Position{File: r.file, Line: line, Column: col}
}

func (r *reader) errorf(format string, args ...any) error {
	return &Error{Pos: r.pos(), Err: fmt.Errorf(format, args...)}
}

// syntaxError wraps an encoding/xml error with the position the decoder
// stopped at.
func (r *reader) syntaxError(err error) error {
	var le *limitError
	if errors.As(err, &le) {
		return &Error{Pos: Position{File: r.file}, Err: err}
	}
	var he *Error
	if errors.As(err, &he) {
		return err
	}
	return &Error{Pos: r.pos(), Err: fmt.Errorf("malformed XML: %w", err)}
}

// next returns the next record, or io.EOF after the last one.
func (r *reader) next() (*record, error) {
	if r.done {
		return nil, io.EOF
	}
	for {
		tok, err := r.dec.Token()
		if err == io.EOF {
			switch {
			case !r.started:
				return nil, r.errorf("no <%s> element: the file is empty or not a %s file", r.root, r.root)
			case len(r.stack) > 0:
				return nil, r.errorf("unexpected end of file inside <%s>", r.root)
			}
			r.done = true
			return nil, io.EOF
		}
		if err != nil {
			return nil, r.syntaxError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !r.started {
				if t.Name.Local != r.root {
					return nil, r.errorf("root element is <%s>, want <%s>", t.Name.Local, r.root)
				}
				r.started = true
				if len(r.recordPath) == 0 {
					r.done = true
					return r.readRecord(t)
				}
				r.stack = append(r.stack, t.Name.Local)
				continue
			}
			if len(r.stack) == 0 {
				// encoding/xml accepts a second top-level element; XML does not.
				return nil, r.errorf("element <%s> after the root element <%s> ended", t.Name.Local, r.root)
			}
			depth := len(r.stack) - 1 // containers below the root
			switch {
			case depth < len(r.recordPath)-1 && t.Name.Local == r.recordPath[depth]:
				r.stack = append(r.stack, t.Name.Local)
			case depth == len(r.recordPath)-1 && t.Name.Local == r.recordPath[depth]:
				return r.readRecord(t)
			default:
				if err := r.dec.Skip(); err != nil {
					return nil, r.syntaxError(err)
				}
			}
		case xml.EndElement:
			if len(r.stack) > 0 {
				r.stack = r.stack[:len(r.stack)-1]
			}
		case xml.Directive:
			// A DOCTYPE could declare entities; encoding/xml never expands
			// them, but refusing it outright makes the rule plain.
			return nil, r.errorf("DTDs are not allowed")
		}
	}
}

// readRecord reads the element opened by start up to its end.
func (r *reader) readRecord(start xml.StartElement) (*record, error) {
	rec := &record{name: start.Name.Local, attrs: start.Attr, pos: r.pos(), fields: map[string][]*field{}}
	rec.label = rec.name
	var path []string
	var open []*field
	for {
		tok, err := r.dec.Token()
		if err != nil {
			if err == io.EOF {
				return nil, &Error{Pos: r.pos(), Record: rec.describe(), Err: fmt.Errorf("unexpected end of file inside <%s>", rec.name)}
			}
			return nil, r.syntaxError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(path) >= maxDepth {
				return nil, &Error{Pos: r.pos(), Record: rec.describe(), Err: fmt.Errorf("elements nested deeper than %d", maxDepth)}
			}
			path = append(path, t.Name.Local)
			f := &field{attrs: t.Attr, pos: r.pos()}
			key := strings.Join(path, "/")
			rec.fields[key] = append(rec.fields[key], f)
			open = append(open, f)
		case xml.CharData:
			// Text belongs to every open element, so that markup nested in a
			// description (<em>) stays part of the description.
			for _, f := range open {
				if f.text.Len()+len(t) > maxFieldLen {
					return nil, &Error{Pos: r.pos(), Record: rec.describe(), Field: strings.Join(path, "/"), Err: fmt.Errorf("text longer than %d bytes", maxFieldLen)}
				}
				f.text.Write(t)
			}
		case xml.EndElement:
			if len(path) == 0 {
				return rec, nil
			}
			path = path[:len(path)-1]
			open = open[:len(open)-1]
		case xml.Directive:
			return nil, r.errorf("DTDs are not allowed")
		}
	}
}

// describe names the record for an error raised while it is still being
// read: by its id when that has been seen.
func (rec *record) describe() string {
	if rec.label != rec.name {
		return rec.label
	}
	if id := rec.text("id"); id != "" && len(id) <= 64 {
		return rec.name + " " + id
	}
	return rec.name
}

// Clean folds the hard line breaks and indentation of the XML into single
// spaces, as a reader would see the text.
func Clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// text returns the cleaned text of the first occurrence of path, "" if absent.
func (rec *record) text(path string) string {
	fs := rec.fields[path]
	if len(fs) == 0 {
		return ""
	}
	return Clean(fs[0].text.String())
}

// all returns the cleaned texts of every occurrence of path.
func (rec *record) all(path string) []string {
	var out []string
	for _, f := range rec.fields[path] {
		if s := Clean(f.text.String()); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// attr returns attribute name of the first occurrence of path ("" for the
// record's own attributes).
func (rec *record) attr(path, name string) string {
	attrs := rec.attrs
	if path != "" {
		fs := rec.fields[path]
		if len(fs) == 0 {
			return ""
		}
		attrs = fs[0].attrs
	}
	for _, a := range attrs {
		if a.Name.Local == name {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// fieldPos is where path starts, or the record's position when it is absent.
func (rec *record) fieldPos(path string) Position {
	if fs := rec.fields[path]; len(fs) > 0 {
		return fs[0].pos
	}
	return rec.pos
}

func (rec *record) errorf(path, format string, args ...any) error {
	return &Error{Pos: rec.fieldPos(path), Record: rec.label, Field: path, Err: fmt.Errorf(format, args...)}
}

// required returns the text of path or an error naming the missing field.
func (rec *record) required(path string) (string, error) {
	s := rec.text(path)
	if s == "" {
		if len(rec.fields[path]) == 0 {
			return "", rec.errorf(path, "missing")
		}
		return "", rec.errorf(path, "empty")
	}
	return s, nil
}

// id reads the record's numeric <id> and names the record after it.
func (rec *record) id() (int64, error) {
	s, err := rec.required("id")
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, rec.errorf("id", "%q is not a positive integer", s)
	}
	rec.label = fmt.Sprintf("%s %d", rec.name, n)
	return n, nil
}

// date reads a required YYYY-MM-DD field.
func (rec *record) date(path string) (shuttle.Date, error) {
	s, err := rec.required(path)
	if err != nil {
		return shuttle.Date{}, err
	}
	d, err := shuttle.ParseDate(s)
	if err != nil {
		return shuttle.Date{}, rec.errorf(path, "%v", err)
	}
	return d, nil
}

// optionalDate reads a YYYY-MM-DD field that may be absent or empty.
func (rec *record) optionalDate(path string) (shuttle.Date, error) {
	if rec.text(path) == "" {
		return shuttle.Date{}, nil
	}
	return rec.date(path)
}

// dates reads start and end and checks their order.
func (rec *record) dates(startPath, endPath string) (start, end shuttle.Date, err error) {
	if start, err = rec.date(startPath); err != nil {
		return
	}
	if end, err = rec.date(endPath); err != nil {
		return
	}
	if end.Before(start) {
		err = rec.errorf(endPath, "end date %s is before start date %s", end, start)
	}
	return
}

// limitedReader fails, rather than truncates, past its limit.
type limitedReader struct {
	r    io.Reader
	n    int64
	file string
}

type limitError struct {
	file  string
	limit int64
}

func (e *limitError) Error() string {
	return fmt.Sprintf("file is larger than %d MiB", e.limit>>20)
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, &limitError{file: l.file, limit: MaxFileSize}
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
