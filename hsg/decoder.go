package hsg

import "io"

// Decoder streams the records of one file. Call Next until it returns io.EOF,
// as with encoding/csv. Any other error is an *Error with a position.
type Decoder[T any] struct {
	r    *reader
	conv func(*record) (T, error)
}

// Next returns the next record.
func (d *Decoder[T]) Next() (T, error) {
	var zero T
	rec, err := d.r.next()
	if err != nil {
		return zero, err
	}
	return d.conv(rec)
}

// All reads every record of the file.
func (d *Decoder[T]) All() ([]T, error) {
	var out []T
	for {
		v, err := d.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
}
