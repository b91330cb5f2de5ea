package postgres

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/shuttlenews/shuttle"
)

func copyRegions(ctx context.Context, tx pgx.Tx, d *shuttle.Dataset) error {
	return copyRows(ctx, tx, "regions", []string{"id", "name", "description"}, len(d.Regions),
		func(i int) ([]any, error) {
			r := d.Regions[i]
			return []any{r.ID, r.Name, r.Description}, nil
		})
}

func copyCountries(ctx context.Context, tx pgx.Tx, d *shuttle.Dataset) error {
	return copyRows(ctx, tx, "countries", []string{"iso", "name", "region", "ids"}, len(d.Countries),
		func(i int) ([]any, error) {
			c := d.Countries[i]
			return []any{c.ISO, c.Name, c.Region, nullStrings(c.IDs)}, nil
		})
}

// nullStrings stores an empty list as NULL, so that it reads back as nil.
func nullStrings(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// Regions lists the regional bureaus by id.
func (db *DB) Regions(ctx context.Context) ([]shuttle.Region, error) {
	regions := []shuttle.Region{}
	err := db.run(ctx, "regions", func(c *pgx.Conn) error {
		rows, _ := c.Query(ctx, `SELECT id, name, description FROM regions ORDER BY id`)
		var err error
		regions, err = pgx.AppendRows(regions, rows, func(row pgx.CollectableRow) (shuttle.Region, error) {
			var r shuttle.Region
			err := row.Scan(&r.ID, &r.Name, &r.Description)
			return r, err
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return regions, nil
}

// Countries lists every country by name (byte order, then ISO code) with its
// visits per role. The two queries share one snapshot.
func (db *DB) Countries(ctx context.Context) ([]shuttle.CountryVisits, error) {
	out := []shuttle.CountryVisits{}
	err := db.read(ctx, "countries", func(tx pgx.Tx) error {
		rows, _ := tx.Query(ctx, `SELECT iso, name, region, ids FROM countries ORDER BY name, iso`)
		var err error
		out, err = pgx.AppendRows(out, rows, func(row pgx.CollectableRow) (shuttle.CountryVisits, error) {
			c, err := scanCountry(row)
			visits := make(map[shuttle.Role]int, len(shuttle.Roles))
			for _, r := range shuttle.Roles {
				visits[r] = 0
			}
			return shuttle.CountryVisits{Country: c, Visits: visits}, err
		})
		if err != nil {
			return err
		}
		return countVisits(ctx, tx, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func countVisits(ctx context.Context, tx pgx.Tx, cs []shuttle.CountryVisits) error {
	index := make(map[string]int, len(cs))
	for i, c := range cs {
		index[c.ISO] = i
	}
	rows, _ := tx.Query(ctx, `SELECT country, role, COUNT(*) FROM trips GROUP BY country, role`)
	var iso string
	var role shuttle.Role
	var n int
	_, err := pgx.ForEachRow(rows, []any{&iso, &role, &n}, func() error {
		if i, ok := index[iso]; ok {
			cs[i].Visits[role] = n
		}
		return nil
	})
	return err
}

func scanCountry(row pgx.Row) (shuttle.Country, error) {
	var c shuttle.Country
	err := row.Scan(&c.ISO, &c.Name, &c.Region, &c.IDs)
	return c, err
}

// Country returns the country with the ISO code iso, exactly as given.
func (db *DB) Country(ctx context.Context, iso string) (shuttle.Country, error) {
	var c shuttle.Country
	err := db.run(ctx, "country", func(conn *pgx.Conn) error {
		var err error
		c, err = scanCountry(conn.QueryRow(ctx, `SELECT iso, name, region, ids FROM countries WHERE iso = $1`, iso))
		if errors.Is(err, pgx.ErrNoRows) {
			return notFound("no country with code %q", iso)
		}
		return err
	})
	return c, err
}
