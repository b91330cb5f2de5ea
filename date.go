package shuttle

import (
	"fmt"
	"time"
)

// DateLayout is how the records, the database and the API write a Date.
const DateLayout = "2006-01-02"

// Date is a calendar day as the records give it: no time of day, no zone.
// The zero Date means "not given" (an open-ended term, for example).
type Date struct{ t time.Time }

// ParseDate parses YYYY-MM-DD strictly: "2021-3-5" and "2021-02-30" are errors.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// MustDate is ParseDate for literals in tests and tables; it panics on a bad literal.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// NewDate builds a Date from its parts.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

func (d Date) IsZero() bool           { return d.t.IsZero() }
func (d Date) Year() int              { return d.t.Year() }
func (d Date) Time() time.Time        { return d.t }
func (d Date) Before(o Date) bool     { return d.t.Before(o.t) }
func (d Date) After(o Date) bool      { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool      { return d.t.Equal(o.t) }
func (d Date) Compare(o Date) int     { return d.t.Compare(o.t) }
func (d Date) AddDays(n int) Date     { return Date{d.t.AddDate(0, 0, n)} }
func (d Date) Format(l string) string { return d.t.Format(l) }

// String is YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(DateLayout)
}

// MarshalText writes YYYY-MM-DD; a zero Date marshals as an empty string.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText accepts YYYY-MM-DD or an empty string (the zero Date).
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
