package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/shuttlenews/shuttle"
)

func insertTravelers(ctx context.Context, tx *sql.Tx, d *shuttle.Dataset) error {
	err := insertRows(ctx, tx, "travelers", []string{"id", "name"}, len(d.Travelers),
		func(args []any, i int) ([]any, error) {
			return append(args, d.Travelers[i].ID, d.Travelers[i].Name), nil
		})
	if err != nil {
		return err
	}
	type term struct {
		traveler string
		seq      int
		shuttle.Term
	}
	var terms []term
	for _, t := range d.Travelers {
		for i, tm := range t.Terms {
			terms = append(terms, term{t.ID, i, tm})
		}
	}
	return insertRows(ctx, tx, "terms", []string{"traveler_id", "seq", "role", "start_date", "end_date"}, len(terms),
		func(args []any, i int) ([]any, error) {
			t := terms[i]
			return append(args, t.traveler, t.seq, string(t.Role), t.Start.String(), t.End.String()), nil
		})
}

// Travelers lists those who held role ("" for anyone) by the start of their
// first term in it; travellers without terms come last.
func (db *DB) Travelers(ctx context.Context, role shuttle.Role) ([]shuttle.Traveler, error) {
	query := `SELECT tr.id, tr.name FROM travelers tr LEFT JOIN terms te ON te.traveler_id = tr.id
		GROUP BY tr.id ORDER BY MIN(te.start_date) NULLS LAST, tr.id`
	args := []any{}
	if role != "" {
		query = `SELECT tr.id, tr.name FROM travelers tr JOIN terms te ON te.traveler_id = tr.id AND te.role = ?
			GROUP BY tr.id ORDER BY MIN(te.start_date), tr.id`
		args = append(args, role)
	}
	out := []shuttle.Traveler{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t shuttle.Traveler
			if err := rows.Scan(&t.ID, &t.Name); err != nil {
				return err
			}
			out = append(out, t)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return addTerms(ctx, tx, out, `SELECT traveler_id, role, start_date, end_date FROM terms ORDER BY traveler_id, seq`)
	})
	if err != nil {
		return nil, wrap("travelers", err)
	}
	return out, nil
}

// addTerms reads terms (traveler_id, role, start, end) and appends each to
// its traveller in ts.
func addTerms(ctx context.Context, tx *sql.Tx, ts []shuttle.Traveler, query string, args ...any) error {
	index := make(map[string]int, len(ts))
	for i, t := range ts {
		index[t.ID] = i
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, start, end string
		var tm shuttle.Term
		if err := rows.Scan(&id, &tm.Role, &start, &end); err != nil {
			return err
		}
		if tm.Start, err = parseDate(start); err != nil {
			return err
		}
		if tm.End, err = parseDate(end); err != nil {
			return err
		}
		if i, ok := index[id]; ok {
			ts[i].Terms = append(ts[i].Terms, tm)
		}
	}
	return rows.Err()
}

// Traveler returns the traveller with id and all their terms.
func (db *DB) Traveler(ctx context.Context, id string) (shuttle.Traveler, error) {
	t := []shuttle.Traveler{{ID: id}}
	err := db.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT name FROM travelers WHERE id = ?`, id).Scan(&t[0].Name); err != nil {
			return err
		}
		return addTerms(ctx, tx, t, `SELECT traveler_id, role, start_date, end_date FROM terms WHERE traveler_id = ? ORDER BY seq`, id)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return shuttle.Traveler{}, notFound("no traveller with id %q", id)
	}
	if err != nil {
		return shuttle.Traveler{}, wrap("traveler", err)
	}
	return t[0], nil
}
