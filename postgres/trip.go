package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shuttlenews/shuttle"
)

func copyTrips(ctx context.Context, tx pgx.Tx, d *shuttle.Dataset) error {
	cols := []string{"role", "id", "source_ids", "traveler_id", "traveler_name", "start_date", "end_date",
		"year", "country", "country_id", "country_name", "locale", "remarks",
		"purpose", "organization", "meeting", "purpose_evidence"}
	return copyRows(ctx, tx, "trips", cols, len(d.Trips), func(i int) ([]any, error) {
		t := &d.Trips[i]
		var traveler any // NULL for foreign leaders
		if t.TravelerID != "" {
			traveler = t.TravelerID
		}
		return []any{string(t.Role), t.ID, t.SourceIDs, traveler, t.TravelerName, t.Start.Time(), t.End.Time(),
			t.Year(), t.Country, t.CountryID, t.CountryName, t.Locale, t.Remarks,
			string(t.Purpose), t.Organization, t.Meeting, t.PurposeEvidence}, nil
	})
}

// tripWhere builds the WHERE clause for f, with only the conditions f
// sets ("" when none), and its arguments.
func tripWhere(f shuttle.TripFilter) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, fmt.Sprintf(cond, len(args)))
	}
	if f.Role != "" {
		add("role = $%d", string(f.Role))
	}
	if f.Country != "" {
		add("country = $%d", f.Country)
	}
	if f.Traveler != "" {
		add("traveler_id = $%d", f.Traveler)
	}
	if f.Year != 0 {
		add("year = $%d", f.Year)
	}
	if f.FromYear != 0 {
		add("year >= $%d", f.FromYear)
	}
	if f.ToYear != 0 {
		add("year <= $%d", f.ToYear)
	}
	if f.Purpose != "" {
		add("purpose = $%d", string(f.Purpose))
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
	if f.Limit > 0 {
		args = append(args, f.Limit)
		fmt.Fprintf(&q, " LIMIT $%d", len(args))
	}
	if f.Offset > 0 {
		args = append(args, f.Offset)
		fmt.Fprintf(&q, " OFFSET $%d", len(args))
	}
	return q.String(), args
}

// CountTrips counts the trips f selects, ignoring its Limit and Offset.
func (db *DB) CountTrips(ctx context.Context, f shuttle.TripFilter) (int, error) {
	where, args := tripWhere(f)
	var n int
	err := db.run(ctx, "count trips", func(c *pgx.Conn) error {
		return c.QueryRow(ctx, "SELECT COUNT(*) FROM trips"+where, args...).Scan(&n)
	})
	return n, err
}

// Trips returns the trips f selects by start date, then role, then id.
func (db *DB) Trips(ctx context.Context, f shuttle.TripFilter) ([]shuttle.Trip, error) {
	query, args := tripQuery(f)
	trips := []shuttle.Trip{}
	err := db.run(ctx, "trips", func(c *pgx.Conn) error {
		rows, _ := c.Query(ctx, query, args...)
		var err error
		trips, err = pgx.AppendRows(trips, rows, scanTrip)
		return err
	})
	if err != nil {
		return nil, err
	}
	return trips, nil
}

func scanTrip(row pgx.CollectableRow) (shuttle.Trip, error) {
	var t shuttle.Trip
	var start, end time.Time
	err := row.Scan(&t.Role, &t.ID, &t.SourceIDs, &t.TravelerID, &t.TravelerName, &start, &end,
		&t.Country, &t.CountryID, &t.CountryName, &t.Locale, &t.Remarks,
		&t.Purpose, &t.Organization, &t.Meeting, &t.PurposeEvidence)
	t.Start, t.End = scannedDate(&start), scannedDate(&end)
	return t, err
}

// YearCounts counts the visits of role ("" for every role) per country and
// year; the index on (country, role, year) covers the query.
func (db *DB) YearCounts(ctx context.Context, role shuttle.Role) ([]shuttle.YearCount, error) {
	query := `SELECT country, year, COUNT(*) FROM trips GROUP BY country, year ORDER BY country, year`
	var args []any
	if role != "" {
		query = `SELECT country, year, COUNT(*) FROM trips WHERE role = $1 GROUP BY country, year ORDER BY country, year`
		args = append(args, string(role))
	}
	out := []shuttle.YearCount{}
	err := db.run(ctx, "year counts", func(c *pgx.Conn) error {
		rows, _ := c.Query(ctx, query, args...)
		var err error
		out, err = pgx.AppendRows(out, rows, func(row pgx.CollectableRow) (shuttle.YearCount, error) {
			var yc shuttle.YearCount
			err := row.Scan(&yc.Country, &yc.Year, &yc.Visits)
			return yc, err
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
