package sqlite

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shuttlenews/shuttle"
)

// Values are stored as text that sorts and reads the way the domain writes
// them: dates as YYYY-MM-DD, times as RFC 3339 in UTC.

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// sortableLayout has a fixed width, so that times stored with it compare as
// text in time order (RFC 3339 with its trailing zeros trimmed does not);
// parseTime reads it.
const sortableLayout = "2006-01-02T15:04:05.000000Z"

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// parseDate reads back Date.String: "" is the zero Date.
func parseDate(s string) (shuttle.Date, error) {
	if s == "" {
		return shuttle.Date{}, nil
	}
	return shuttle.ParseDate(s)
}

// formatIDs writes source ids compactly ("12,13"): they are only ever read
// back with their trip, never searched.
func formatIDs(ids []int64) string {
	b := make([]byte, 0, 8*len(ids))
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(b)
}

func parseIDs(s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	ids := make([]int64, 0, strings.Count(s, ",")+1)
	for f := range strings.SplitSeq(s, ",") {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("stored source ids %q: %w", s, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// toJSON stores an optional value: NULL when v is nil or empty, so that it
// reads back as nil.
func toJSON[T any](v *T) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

func fromJSON[T any](s *string) (*T, error) {
	if s == nil {
		return nil, nil
	}
	v := new(T)
	if err := json.Unmarshal([]byte(*s), v); err != nil {
		return nil, fmt.Errorf("stored JSON %q: %w", *s, err)
	}
	return v, nil
}

// stringsJSON stores a list of strings, NULL for none.
func stringsJSON(s []string) (any, error) {
	if len(s) == 0 {
		return nil, nil
	}
	return toJSON(&s)
}

func stringsFromJSON(s *string) ([]string, error) {
	v, err := fromJSON[[]string](s)
	if v == nil || len(*v) == 0 {
		return nil, err
	}
	return *v, err
}

// nullString stores "" as NULL, for columns where absence is NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
