package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shuttlenews/shuttle"
)

// ReplaceDataset swaps in d in one transaction: delete the old rows, COPY the
// new ones in, record the version. Readers keep seeing the old dataset until
// the commit.
//
// DELETE rather than TRUNCATE: TRUNCATE is not MVCC-safe, and a reader whose
// snapshot predates it would see empty tables. The price is dead rows, which
// autovacuum clears soon after an ingest (7,500 dead rows pass its default
// threshold); until it has, another ingest's COPY checks each new key against
// the dead versions, so ingests back to back get slower.
func (db *DB) ReplaceDataset(ctx context.Context, d *shuttle.Dataset) (shuttle.Version, error) {
	if d == nil {
		return shuttle.Version{}, shuttle.Errorf(shuttle.EINVALID, "no dataset")
	}
	if err := d.Validate(); err != nil {
		return shuttle.Version{}, err
	}
	v := shuttle.Version{IngestedAt: db.now(), Source: d.Stats.Source, Trips: len(d.Trips)}
	err := db.write(ctx, "replace dataset", func(tx pgx.Tx) error {
		// The lock queues concurrent ingests (MAX(id) + 1 below must not
		// race) but, unlike ACCESS EXCLUSIVE, lets readers read.
		if _, err := tx.Exec(ctx, `LOCK TABLE data_version IN EXCLUSIVE MODE;
			DELETE FROM trips; DELETE FROM terms; DELETE FROM travelers; DELETE FROM countries; DELETE FROM regions`); err != nil {
			return fmt.Errorf("delete: %w", err)
		}
		for _, copy := range []func(context.Context, pgx.Tx, *shuttle.Dataset) error{
			copyRegions, copyCountries, copyTravelers, copyTrips,
		} {
			if err := copy(ctx, tx, d); err != nil {
				return err
			}
		}
		return tx.QueryRow(ctx, `INSERT INTO data_version (id, ingested_at, source, trips)
			SELECT COALESCE(MAX(id), 0) + 1, $1, $2, $3 FROM data_version RETURNING id`,
			v.IngestedAt, v.Source, v.Trips).Scan(&v.ID)
	})
	if err != nil {
		return shuttle.Version{}, err
	}
	return v, nil
}

// copyRows COPYs n rows into table.
func copyRows(ctx context.Context, tx pgx.Tx, table string, cols []string, n int, row func(i int) ([]any, error)) error {
	if n == 0 {
		return nil
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromSlice(n, row)); err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	return nil
}

// Version reads the newest data_version row: one statement on the primary
// key, cheap enough for every request.
func (db *DB) Version(ctx context.Context) (shuttle.Version, error) {
	var v shuttle.Version
	err := db.run(ctx, "version", func(c *pgx.Conn) error {
		var at *time.Time
		err := c.QueryRow(ctx, `SELECT COALESCE(d.id, 0), d.ingested_at, COALESCE(d.source, ''), COALESCE(d.trips, 0), a.n
			FROM article_version a LEFT JOIN (SELECT * FROM data_version ORDER BY id DESC LIMIT 1) d ON true`).
			Scan(&v.ID, &at, &v.Source, &v.Trips, &v.Articles)
		if at != nil {
			v.IngestedAt = *at
		}
		return err
	})
	if err != nil {
		return shuttle.Version{}, err
	}
	v.IngestedAt = v.IngestedAt.UTC()
	return v, nil
}

// IntegrityCheck verifies what the schema does not: that every trip refers
// to a country and traveller of the dataset, and that the served Version
// counts the trips the tables hold.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	return db.read(ctx, "integrity check", func(tx pgx.Tx) error {
		var trips, want, dangling int
		err := tx.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM trips),
			COALESCE((SELECT trips FROM data_version ORDER BY id DESC LIMIT 1), 0),
			(SELECT COUNT(*) FROM trips t WHERE NOT EXISTS (SELECT 1 FROM countries c WHERE c.iso = t.country)
				OR (t.traveler_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM travelers r WHERE r.id = t.traveler_id)))`).
			Scan(&trips, &want, &dangling)
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
}
