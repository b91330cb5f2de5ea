package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/shuttlenews/shuttle"
)

func insertRegions(ctx context.Context, tx *sql.Tx, d *shuttle.Dataset) error {
	return insertRows(ctx, tx, "regions", []string{"id", "name", "description"}, len(d.Regions),
		func(args []any, i int) ([]any, error) {
			r := d.Regions[i]
			return append(args, r.ID, r.Name, r.Description), nil
		})
}

func insertCountries(ctx context.Context, tx *sql.Tx, d *shuttle.Dataset) error {
	return insertRows(ctx, tx, "countries", []string{"iso", "name", "region", "ids"}, len(d.Countries),
		func(args []any, i int) ([]any, error) {
			c := d.Countries[i]
			ids, err := stringsJSON(c.IDs)
			return append(args, c.ISO, c.Name, c.Region, ids), err
		})
}

// Regions lists the regional bureaus by id.
func (db *DB) Regions(ctx context.Context) ([]shuttle.Region, error) {
	regions := []shuttle.Region{}
	rows, err := db.db.QueryContext(ctx, `SELECT id, name, description FROM regions ORDER BY id`)
	if err != nil {
		return nil, wrap("regions", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r shuttle.Region
		if err := rows.Scan(&r.ID, &r.Name, &r.Description); err != nil {
			return nil, wrap("regions", err)
		}
		regions = append(regions, r)
	}
	return regions, wrap("regions", rows.Err())
}

// Countries lists every country by name (byte order, then ISO code) with its
// visits per role. The two queries share one snapshot.
func (db *DB) Countries(ctx context.Context) ([]shuttle.CountryVisits, error) {
	var out []shuttle.CountryVisits
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		if out, err = queryCountries(ctx, tx); err != nil {
			return err
		}
		return countVisits(ctx, tx, out)
	})
	if err != nil {
		return nil, wrap("countries", err)
	}
	return out, nil
}

func queryCountries(ctx context.Context, tx *sql.Tx) ([]shuttle.CountryVisits, error) {
	rows, err := tx.QueryContext(ctx, `SELECT iso, name, region, ids FROM countries ORDER BY name, iso`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []shuttle.CountryVisits{}
	for rows.Next() {
		c, err := scanCountry(rows)
		if err != nil {
			return nil, err
		}
		visits := make(map[shuttle.Role]int, len(shuttle.Roles))
		for _, r := range shuttle.Roles {
			visits[r] = 0
		}
		out = append(out, shuttle.CountryVisits{Country: c, Visits: visits})
	}
	return out, rows.Err()
}

func countVisits(ctx context.Context, tx *sql.Tx, cs []shuttle.CountryVisits) error {
	index := make(map[string]int, len(cs))
	for i, c := range cs {
		index[c.ISO] = i
	}
	rows, err := tx.QueryContext(ctx, `SELECT country, role, COUNT(*) FROM trips GROUP BY country, role`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var iso string
		var role shuttle.Role
		var n int
		if err := rows.Scan(&iso, &role, &n); err != nil {
			return err
		}
		if i, ok := index[iso]; ok {
			cs[i].Visits[role] = n
		}
	}
	return rows.Err()
}

func scanCountry(row interface{ Scan(...any) error }) (shuttle.Country, error) {
	var c shuttle.Country
	var ids *string
	if err := row.Scan(&c.ISO, &c.Name, &c.Region, &ids); err != nil {
		return c, err
	}
	var err error
	c.IDs, err = stringsFromJSON(ids)
	return c, err
}

// Country returns the country with the ISO code iso, exactly as given.
func (db *DB) Country(ctx context.Context, iso string) (shuttle.Country, error) {
	c, err := scanCountry(db.db.QueryRowContext(ctx, `SELECT iso, name, region, ids FROM countries WHERE iso = ?`, iso))
	if errors.Is(err, sql.ErrNoRows) {
		return shuttle.Country{}, notFound("no country with code %q", iso)
	}
	if err != nil {
		return shuttle.Country{}, wrap("country", err)
	}
	return c, nil
}
