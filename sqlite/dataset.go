package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// ReplaceDataset swaps in d in one write transaction: delete every row of the
// old dataset, insert the new, record the version. Readers keep their WAL
// snapshot of the old dataset until the commit; on any error nothing changes.
func (db *DB) ReplaceDataset(ctx context.Context, d *shuttle.Dataset) (shuttle.Version, error) {
	if d == nil {
		return shuttle.Version{}, shuttle.Errorf(shuttle.EINVALID, "no dataset")
	}
	if err := d.Validate(); err != nil {
		return shuttle.Version{}, err
	}
	v := shuttle.Version{IngestedAt: db.now(), Source: d.Stats.Source, Trips: len(d.Trips)}
	err := db.write(ctx, func(tx *sql.Tx) error {
		steps := []func(context.Context, *sql.Tx, *shuttle.Dataset) error{
			deleteDataset, insertRegions, insertCountries, insertTravelers, insertTrips,
		}
		for _, step := range steps {
			if err := step(ctx, tx, d); err != nil {
				return err
			}
		}
		return tx.QueryRowContext(ctx, `INSERT INTO data_version (ingested_at, source, trips) VALUES (?, ?, ?) RETURNING id`,
			formatTime(v.IngestedAt), v.Source, v.Trips).Scan(&v.ID)
	})
	if err != nil {
		return shuttle.Version{}, wrap("replace dataset", constraint("dataset", err))
	}
	return v, nil
}

// deleteDataset deletes terms before travellers, whose foreign key they hold.
// The other tables have no foreign keys, so SQLite truncates them instead of
// deleting row by row.
func deleteDataset(ctx context.Context, tx *sql.Tx, _ *shuttle.Dataset) error {
	for _, table := range []string{"trips", "terms", "travelers", "countries", "regions"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table); err != nil {
			return fmt.Errorf("delete %s: %w", table, err)
		}
	}
	return nil
}

// batchRows is how many rows one INSERT carries. A statement per row spends
// more on the trip through database/sql than SQLite spends on the row;
// batches cut an ingest's CPU time by a third. 64 rows of 13 columns stay far
// below SQLite's limit of 32,766 parameters, and larger batches gain nothing.
const batchRows = 64

// insertRows inserts n rows into table; row appends the values of row i to
// args and returns it.
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, row func(args []any, i int) ([]any, error)) error {
	var full *sql.Stmt // prepared on first use, reused for every full batch
	args := make([]any, 0, batchRows*len(cols))
	for i := 0; i < n; i += batchRows {
		rows := min(batchRows, n-i)
		args = args[:0]
		for j := i; j < i+rows; j++ {
			var err error
			if args, err = row(args, j); err != nil {
				return err
			}
		}
		query := insertQuery(table, cols, rows)
		var err error
		switch {
		case rows < batchRows:
			_, err = tx.ExecContext(ctx, query, args...)
		case full == nil:
			if full, err = tx.PrepareContext(ctx, query); err != nil {
				return err
			}
			defer full.Close()
			fallthrough
		default:
			_, err = full.ExecContext(ctx, args...)
		}
		if err != nil {
			return fmt.Errorf("insert into %s: %w", table, err)
		}
	}
	return nil
}

// insertQuery is INSERT INTO table (cols) VALUES (?, ...), ... for rows rows.
func insertQuery(table string, cols []string, rows int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "INSERT INTO %s (%s) VALUES ", table, strings.Join(cols, ", "))
	tuple := "(?" + strings.Repeat(", ?", len(cols)-1) + ")"
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(tuple)
	}
	return b.String()
}

// Version reads the newest data_version row through a statement prepared at
// Open: one indexed lookup, cheap enough for every request.
func (db *DB) Version(ctx context.Context) (shuttle.Version, error) {
	var v shuttle.Version
	var at string
	err := db.version.QueryRowContext(ctx).Scan(&v.ID, &at, &v.Source, &v.Trips, &v.Articles)
	if err == nil {
		v.IngestedAt, err = parseTime(at)
	}
	if err != nil {
		return shuttle.Version{}, wrap("version", err)
	}
	return v, nil
}

// IntegrityCheck verifies the file (PRAGMA integrity_check), the foreign keys,
// the references that trips hold without a foreign key, and that the served
// Version counts the trips the tables hold.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	err := db.read(ctx, func(tx *sql.Tx) error {
		var result string
		if err := tx.QueryRowContext(ctx, `PRAGMA integrity_check(1)`).Scan(&result); err != nil {
			return err
		}
		if result != "ok" {
			return fmt.Errorf("integrity_check: %s", result)
		}
		rows, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
		if err != nil {
			return err
		}
		bad := rows.Next()
		rows.Close()
		if bad {
			return errors.New("foreign_key_check: rows refer to missing parents")
		}
		var trips, want, dangling int
		err = tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM trips),
			COALESCE((SELECT trips FROM data_version ORDER BY id DESC LIMIT 1), 0),
			(SELECT COUNT(*) FROM trips t WHERE NOT EXISTS (SELECT 1 FROM countries c WHERE c.iso = t.country)
				OR (t.traveler_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM travelers r WHERE r.id = t.traveler_id)))`).Scan(&trips, &want, &dangling)
		switch {
		case err != nil:
			return err
		case trips != want:
			return fmt.Errorf("%d trips stored, version says %d", trips, want)
		case dangling > 0:
			return fmt.Errorf("%d trips refer to a missing country or traveller", dangling)
		}
		return nil
	})
	return wrap("integrity check", err)
}
