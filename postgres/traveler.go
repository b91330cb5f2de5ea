package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shuttlenews/shuttle"
)

func copyTravelers(ctx context.Context, tx pgx.Tx, d *shuttle.Dataset) error {
	err := copyRows(ctx, tx, "travelers", []string{"id", "name"}, len(d.Travelers),
		func(i int) ([]any, error) { return []any{d.Travelers[i].ID, d.Travelers[i].Name}, nil })
	if err != nil {
		return err
	}
	var terms [][]any
	for _, t := range d.Travelers {
		for i, tm := range t.Terms {
			terms = append(terms, []any{t.ID, i, string(tm.Role), dateArg(tm.Start), dateArg(tm.End)})
		}
	}
	return copyRows(ctx, tx, "terms", []string{"traveler_id", "seq", "role", "start_date", "end_date"}, len(terms),
		func(i int) ([]any, error) { return terms[i], nil })
}

// dateArg stores the zero Date as NULL.
func dateArg(d shuttle.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.Time()
}

// scannedDate reads back a DATE column; NULL is the zero Date.
func scannedDate(t *time.Time) shuttle.Date {
	if t == nil {
		return shuttle.Date{}
	}
	return shuttle.NewDate(t.Year(), t.Month(), t.Day())
}

// Travelers lists those who held role ("" for anyone) by the start of their
// first term in it; travellers without terms come last.
func (db *DB) Travelers(ctx context.Context, role shuttle.Role) ([]shuttle.Traveler, error) {
	query := `SELECT tr.id, tr.name FROM travelers tr LEFT JOIN terms te ON te.traveler_id = tr.id
		GROUP BY tr.id ORDER BY MIN(te.start_date) NULLS LAST, tr.id`
	var args []any
	if role != "" {
		query = `SELECT tr.id, tr.name FROM travelers tr JOIN terms te ON te.traveler_id = tr.id AND te.role = $1
			GROUP BY tr.id ORDER BY MIN(te.start_date) NULLS LAST, tr.id`
		args = append(args, string(role))
	}
	out := []shuttle.Traveler{}
	err := db.read(ctx, "travelers", func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, query, args...)
		var err error
		out, err = pgx.AppendRows(out, rows, func(row pgx.CollectableRow) (shuttle.Traveler, error) {
			var t shuttle.Traveler
			err := row.Scan(&t.ID, &t.Name)
			return t, err
		})
		if err != nil {
			return err
		}
		return addTerms(ctx, tx, out, `SELECT traveler_id, role, start_date, end_date FROM terms ORDER BY traveler_id, seq`)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// addTerms reads terms (traveler_id, role, start, end) and appends each to
// its traveller in ts.
func addTerms(ctx context.Context, tx pgx.Tx, ts []shuttle.Traveler, query string, args ...any) error {
	index := make(map[string]int, len(ts))
	for i, t := range ts {
		index[t.ID] = i
	}
	rows, _ := tx.Query(ctx, query, args...)
	var id string
	var role shuttle.Role
	var start, end *time.Time
	_, err := pgx.ForEachRow(rows, []any{&id, &role, &start, &end}, func() error {
		if i, ok := index[id]; ok {
			ts[i].Terms = append(ts[i].Terms, shuttle.Term{Role: role, Start: scannedDate(start), End: scannedDate(end)})
		}
		return nil
	})
	return err
}

// Traveler returns the traveller with id and all their terms.
func (db *DB) Traveler(ctx context.Context, id string) (shuttle.Traveler, error) {
	t := []shuttle.Traveler{{ID: id}}
	err := db.read(ctx, "traveler", func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `SELECT name FROM travelers WHERE id = $1`, id).Scan(&t[0].Name)
		if errors.Is(err, pgx.ErrNoRows) {
			return notFound("no traveller with id %q", id)
		}
		if err != nil {
			return err
		}
		return addTerms(ctx, tx, t, `SELECT traveler_id, role, start_date, end_date FROM terms WHERE traveler_id = $1 ORDER BY seq`, id)
	})
	if err != nil {
		return shuttle.Traveler{}, err
	}
	return t[0], nil
}
