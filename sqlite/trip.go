package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/shuttlenews/shuttle"
)

var tripColumns = []string{"role", "id", "source_ids", "traveler_id", "traveler_name", "start_date", "end_date",
	"year", "country", "country_id", "country_name", "locale", "remarks",
	"purpose", "organization", "meeting", "purpose_evidence"}

func insertTrips(ctx context.Context, tx *sql.Tx, d *shuttle.Dataset) error {
	return insertRows(ctx, tx, "trips", tripColumns, len(d.Trips),
		func(args []any, i int) ([]any, error) {
			t := &d.Trips[i]
			return append(args, string(t.Role), t.ID, formatIDs(t.SourceIDs), nullString(t.TravelerID), t.TravelerName,
				t.Start.String(), t.End.String(), t.Year(), t.Country, t.CountryID, t.CountryName, t.Locale, t.Remarks,
				string(t.Purpose), t.Organization, t.Meeting, t.PurposeEvidence), nil
		})
}

// tripWhere builds the WHERE clause for f ("" when f matches everything).
// Only conditions that f sets are added, so that SQLite can pick an index
// for each.
func tripWhere(f shuttle.TripFilter) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		where = append(where, cond)
		args = append(args, v)
	}
	if f.Role != "" {
		add("role = ?", string(f.Role))
	}
	if f.Country != "" {
		add("country = ?", f.Country)
	}
	if f.Traveler != "" {
		add("traveler_id = ?", f.Traveler)
	}
	if f.Year != 0 {
		add("year = ?", f.Year)
	}
	if f.FromYear != 0 {
		add("year >= ?", f.FromYear)
	}
	if f.ToYear != 0 {
		add("year <= ?", f.ToYear)
	}
	if f.Purpose != "" {
		add("purpose = ?", string(f.Purpose))
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// tripQuery builds the SELECT for f.
func tripQuery(f shuttle.TripFilter) (string, []any) {
	where, args := tripWhere(f)
	var q strings.Builder
	q.WriteString(`SELECT role, id, source_ids, COALESCE(traveler_id, ''), traveler_name, start_date, end_date,
		country, country_id, country_name, locale, remarks, purpose, organization, meeting, purpose_evidence FROM trips`)
	q.WriteString(where)
	q.WriteString(" ORDER BY start_date, role, id")
	switch {
	case f.Limit > 0 || f.Offset > 0:
		// SQLite takes OFFSET only after a LIMIT; -1 is no limit.
		limit := f.Limit
		if limit <= 0 {
			limit = -1
		}
		q.WriteString(" LIMIT ? OFFSET ?")
		args = append(args, limit, max(f.Offset, 0))
	}
	return q.String(), args
}

// CountTrips counts the trips f selects, ignoring its Limit and Offset.
func (db *DB) CountTrips(ctx context.Context, f shuttle.TripFilter) (int, error) {
	where, args := tripWhere(f)
	var n int
	err := db.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM trips"+where, args...).Scan(&n)
	return n, wrap("count trips", err)
}

// Trips returns the trips f selects by start date, then role, then id.
func (db *DB) Trips(ctx context.Context, f shuttle.TripFilter) ([]shuttle.Trip, error) {
	query, args := tripQuery(f)
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, wrap("trips", err)
	}
	defer rows.Close()
	trips := []shuttle.Trip{}
	for rows.Next() {
		t, err := scanTrip(rows)
		if err != nil {
			return nil, wrap("trips", err)
		}
		trips = append(trips, t)
	}
	return trips, wrap("trips", rows.Err())
}

func scanTrip(rows *sql.Rows) (shuttle.Trip, error) {
	var t shuttle.Trip
	var ids, start, end string
	err := rows.Scan(&t.Role, &t.ID, &ids, &t.TravelerID, &t.TravelerName, &start, &end,
		&t.Country, &t.CountryID, &t.CountryName, &t.Locale, &t.Remarks,
		&t.Purpose, &t.Organization, &t.Meeting, &t.PurposeEvidence)
	if err != nil {
		return t, err
	}
	if t.SourceIDs, err = parseIDs(ids); err != nil {
		return t, err
	}
	if t.Start, err = parseDate(start); err != nil {
		return t, err
	}
	t.End, err = parseDate(end)
	return t, err
}

// YearCounts counts the visits of role ("" for every role) per country and
// year; the index on (country, role, year) covers the query.
func (db *DB) YearCounts(ctx context.Context, role shuttle.Role) ([]shuttle.YearCount, error) {
	query := `SELECT country, year, COUNT(*) FROM trips GROUP BY country, year ORDER BY country, year`
	var args []any
	if role != "" {
		query = `SELECT country, year, COUNT(*) FROM trips WHERE role = ? GROUP BY country, year ORDER BY country, year`
		args = append(args, string(role))
	}
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, wrap("year counts", err)
	}
	defer rows.Close()
	out := []shuttle.YearCount{}
	for rows.Next() {
		var c shuttle.YearCount
		if err := rows.Scan(&c.Country, &c.Year, &c.Visits); err != nil {
			return nil, wrap("year counts", err)
		}
		out = append(out, c)
	}
	return out, wrap("year counts", rows.Err())
}
