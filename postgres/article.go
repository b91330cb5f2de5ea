package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/shuttlenews/shuttle"
)

// PutArticle inserts or replaces the article with a.Slug, its countries
// included. A zero UpdatedAt is set from the clock and written back to a.
func (db *DB) PutArticle(ctx context.Context, a *shuttle.Article) error {
	if a == nil || a.Slug == "" {
		return shuttle.Errorf(shuttle.EINVALID, "an article needs a slug")
	}
	updated := a.UpdatedAt.UTC().Truncate(time.Microsecond)
	if updated.IsZero() {
		updated = db.now()
	}
	tag, err1 := jsonArg(a.Tag)
	quote, err2 := jsonArg(a.Quote)
	insight, err3 := jsonArg(a.Insight)
	if err := errors.Join(err1, err2, err3); err != nil {
		return db.fail("put article", err)
	}
	err := db.write(ctx, "put article", func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO articles (slug, title, date, summary, image, image_alt, caption,
			body, html, tag, quote, insight, source, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
			ON CONFLICT (slug) DO UPDATE SET title = excluded.title, date = excluded.date, summary = excluded.summary,
			image = excluded.image, image_alt = excluded.image_alt, caption = excluded.caption, body = excluded.body,
			html = excluded.html, tag = excluded.tag, quote = excluded.quote, insight = excluded.insight,
			source = excluded.source, updated_at = excluded.updated_at`,
			a.Slug, a.Title, dateArg(a.Date), a.Summary, a.Image, a.ImageAlt, a.Caption, a.Body, a.HTML,
			tag, quote, insight, a.Source, updated)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM article_countries WHERE slug = $1`, a.Slug); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO article_countries (slug, seq, iso)
			SELECT $1, c.seq - 1, c.iso FROM unnest($2::text[]) WITH ORDINALITY AS c (iso, seq)`, a.Slug, a.Countries)
		return err
	})
	if err != nil {
		return err
	}
	a.UpdatedAt = updated
	return nil
}

// jsonArg stores an optional value as jsonb, NULL when unset.
func jsonArg[T any](v *T) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// DeleteArticle deletes the article with slug; its countries go with it.
func (db *DB) DeleteArticle(ctx context.Context, slug string) error {
	return db.run(ctx, "delete article", func(c *pgx.Conn) error {
		tag, err := c.Exec(ctx, `DELETE FROM articles WHERE slug = $1`, slug)
		if err == nil && tag.RowsAffected() == 0 {
			return notFound("no article %q", slug)
		}
		return err
	})
}

// articleQuery reads articles with their countries in one statement, so a
// list needs no second query and no transaction.
const articleQuery = `SELECT slug, title, date, summary, image, image_alt, caption, body, html, tag, quote,
	insight, source, updated_at,
	ARRAY(SELECT iso FROM article_countries c WHERE c.slug = a.slug ORDER BY seq)
	FROM articles a`

// Article returns the article with slug.
func (db *DB) Article(ctx context.Context, slug string) (shuttle.Article, error) {
	as, err := db.articles(ctx, "article", articleQuery+` WHERE slug = $1`, slug)
	if err != nil {
		return shuttle.Article{}, err
	}
	if len(as) == 0 {
		return shuttle.Article{}, notFound("no article %q", slug)
	}
	return as[0], nil
}

// Articles lists the articles f selects, newest first, then by slug.
func (db *DB) Articles(ctx context.Context, f shuttle.ArticleFilter) ([]shuttle.Article, error) {
	query := articleQuery + ` WHERE ($1 = '' OR slug IN (SELECT slug FROM article_countries WHERE iso = $1))
		ORDER BY date DESC NULLS LAST, slug LIMIT $2`
	var limit *int // NULL: no limit
	if f.Limit > 0 {
		limit = &f.Limit
	}
	return db.articles(ctx, "articles", query, f.Country, limit)
}

func (db *DB) articles(ctx context.Context, op, query string, args ...any) ([]shuttle.Article, error) {
	out := []shuttle.Article{}
	err := db.run(ctx, op, func(c *pgx.Conn) error {
		rows, _ := c.Query(ctx, query, args...)
		var err error
		out, err = pgx.AppendRows(out, rows, scanArticle)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func scanArticle(row pgx.CollectableRow) (shuttle.Article, error) {
	var a shuttle.Article
	var date *time.Time
	err := row.Scan(&a.Slug, &a.Title, &date, &a.Summary, &a.Image, &a.ImageAlt, &a.Caption, &a.Body, &a.HTML,
		&a.Tag, &a.Quote, &a.Insight, &a.Source, &a.UpdatedAt, &a.Countries)
	a.Date, a.UpdatedAt = scannedDate(date), a.UpdatedAt.UTC()
	if len(a.Countries) == 0 {
		a.Countries = nil
	}
	return a, err
}

// ArticleChanges reads the log the article trigger keeps (see migration
// 0004), in one snapshot with the change count.
func (db *DB) ArticleChanges(ctx context.Context, since int64) (shuttle.ArticleChanges, error) {
	var last, first int64
	var slugs []string
	err := db.read(ctx, "article changes", func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT (SELECT n FROM article_version),
			(SELECT COALESCE(MIN(n), 0) FROM article_changes)`).Scan(&last, &first); err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `SELECT slug FROM article_changes WHERE n > $1 ORDER BY n`, since)
		var err error
		slugs, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	if err != nil {
		return shuttle.ArticleChanges{}, err
	}
	return shuttle.NewArticleChanges(since, last, first, slugs), nil
}
