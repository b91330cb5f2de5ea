package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

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
	tag, err1 := toJSON(a.Tag)
	quote, err2 := toJSON(a.Quote)
	insight, err3 := toJSON(a.Insight)
	if err := errors.Join(err1, err2, err3); err != nil {
		return wrap("put article", err)
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO articles (slug, title, date, summary, image, image_alt, caption,
			body, html, tag, quote, insight, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (slug) DO UPDATE SET title = excluded.title, date = excluded.date, summary = excluded.summary,
			image = excluded.image, image_alt = excluded.image_alt, caption = excluded.caption, body = excluded.body,
			html = excluded.html, tag = excluded.tag, quote = excluded.quote, insight = excluded.insight,
			source = excluded.source, updated_at = excluded.updated_at`,
			a.Slug, a.Title, a.Date.String(), a.Summary, a.Image, a.ImageAlt, a.Caption, a.Body, a.HTML,
			tag, quote, insight, a.Source, formatTime(updated))
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_countries WHERE slug = ?`, a.Slug); err != nil {
			return err
		}
		return insertRows(ctx, tx, "article_countries", []string{"slug", "seq", "iso"}, len(a.Countries),
			func(args []any, i int) ([]any, error) { return append(args, a.Slug, i, a.Countries[i]), nil })
	})
	if err != nil {
		return wrap("put article", constraint("article", err))
	}
	a.UpdatedAt = updated
	return nil
}

// DeleteArticle deletes the article with slug; its countries go with it.
func (db *DB) DeleteArticle(ctx context.Context, slug string) error {
	res, err := db.db.ExecContext(ctx, `DELETE FROM articles WHERE slug = ?`, slug)
	if err != nil {
		return wrap("delete article", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return wrap("delete article", err)
	}
	if n == 0 {
		return notFound("no article %q", slug)
	}
	return nil
}

// articleColumns reads an article with its countries in one statement, so a
// list needs no second query and no transaction.
const articleColumns = `SELECT slug, title, date, summary, image, image_alt, caption, body, html, tag, quote,
	insight, source, updated_at,
	(SELECT json_group_array(iso) FROM (SELECT iso FROM article_countries c WHERE c.slug = a.slug ORDER BY seq))
	FROM articles a`

// Article returns the article with slug.
func (db *DB) Article(ctx context.Context, slug string) (shuttle.Article, error) {
	rows, err := db.db.QueryContext(ctx, articleColumns+` WHERE slug = ?`, slug)
	if err != nil {
		return shuttle.Article{}, wrap("article", err)
	}
	as, err := scanArticles(rows)
	if err != nil {
		return shuttle.Article{}, wrap("article", err)
	}
	if len(as) == 0 {
		return shuttle.Article{}, notFound("no article %q", slug)
	}
	return as[0], nil
}

// Articles lists the articles f selects, newest first, then by slug.
func (db *DB) Articles(ctx context.Context, f shuttle.ArticleFilter) ([]shuttle.Article, error) {
	query, args := articleColumns, []any{}
	if f.Country != "" {
		query += ` WHERE slug IN (SELECT slug FROM article_countries WHERE iso = ?)`
		args = append(args, f.Country)
	}
	query += ` ORDER BY date DESC, slug`
	if f.Limit > 0 {
		query += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, wrap("articles", err)
	}
	as, err := scanArticles(rows)
	return as, wrap("articles", err)
}

func scanArticles(rows *sql.Rows) ([]shuttle.Article, error) {
	defer rows.Close()
	out := []shuttle.Article{}
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func scanArticle(rows *sql.Rows) (shuttle.Article, error) {
	var a shuttle.Article
	var date, updated string
	var tag, quote, insight, countries *string
	err := rows.Scan(&a.Slug, &a.Title, &date, &a.Summary, &a.Image, &a.ImageAlt, &a.Caption, &a.Body, &a.HTML,
		&tag, &quote, &insight, &a.Source, &updated, &countries)
	if err != nil {
		return a, err
	}
	var errs [6]error
	a.Date, errs[0] = parseDate(date)
	a.UpdatedAt, errs[1] = parseTime(updated)
	a.Tag, errs[2] = fromJSON[shuttle.Tag](tag)
	a.Quote, errs[3] = fromJSON[shuttle.Quote](quote)
	a.Insight, errs[4] = fromJSON[shuttle.InsightRef](insight)
	a.Countries, errs[5] = stringsFromJSON(countries)
	return a, errors.Join(errs[:]...)
}

// ArticleChanges reads the log the article triggers keep (see migration
// 0004), in one snapshot with the change count.
func (db *DB) ArticleChanges(ctx context.Context, since int64) (shuttle.ArticleChanges, error) {
	var last, first int64
	var slugs []string
	err := db.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT n FROM article_version),
			(SELECT COALESCE(MIN(n), 0) FROM article_changes)`).Scan(&last, &first); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT slug FROM article_changes WHERE n > ? ORDER BY n`, since)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			slugs = append(slugs, s)
		}
		return rows.Err()
	})
	if err != nil {
		return shuttle.ArticleChanges{}, wrap("article changes", err)
	}
	return shuttle.NewArticleChanges(since, last, first, slugs), nil
}
