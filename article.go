package shuttle

import (
	"context"
	"slices"
	"time"
)

// Article is a news story as the site publishes it. Editors write it as
// Markdown with front matter; feeds deliver it as items. Tag, Quote and
// Insight are editor overrides when set in front matter, otherwise filled by
// enrichment.
type Article struct {
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	Date     Date   `json:"date"`
	Summary  string `json:"summary,omitempty"`
	Image    string `json:"image,omitempty"`
	ImageAlt string `json:"image_alt,omitempty"`
	Caption  string `json:"caption,omitempty"`
	// Body is the Markdown source; HTML is it rendered and sanitised.
	Body string `json:"body"`
	HTML string `json:"html"`

	Tag     *Tag        `json:"tag,omitempty"`
	Quote   *Quote      `json:"quote,omitempty"`
	Insight *InsightRef `json:"insight,omitempty"`
	// Countries are the ISO codes the text mentions (for "articles that
	// mention it" on country pages).
	Countries []string `json:"countries,omitempty"`

	// Source is where the article came from: a content file or a feed URL.
	Source    string    `json:"source,omitempty"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Tag is the one entity a story is filed under ("Multilateral Organization · NATO").
type Tag struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

// Quote is a pull quote with its speaker and the speaker's title as the text gives it.
type Quote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Title   string `json:"title,omitempty"`
}

// InsightRef names an insight and its parameters ({id: momentum, role: secretary, from: 1997}).
type InsightRef struct {
	ID     string            `json:"id"`
	Params map[string]string `json:"params,omitempty"`
}

// ArticleFilter selects articles; zero fields match everything.
type ArticleFilter struct {
	Country string // ISO code the article mentions
	Limit   int
}

// ArticleStore holds published articles, newest first.
type ArticleStore interface {
	// PutArticle inserts or replaces the article with a.Slug.
	PutArticle(ctx context.Context, a *Article) error
	DeleteArticle(ctx context.Context, slug string) error
	Article(ctx context.Context, slug string) (Article, error)
	Articles(ctx context.Context, f ArticleFilter) ([]Article, error)
	// ArticleChanges names the articles changed after change number since
	// (Version.Articles counts the changes), so that a server drops exactly
	// the pages that show them, whichever server made the change.
	ArticleChanges(ctx context.Context, since int64) (ArticleChanges, error)
}

// ArticleChanges are the articles put or deleted after a change number.
type ArticleChanges struct {
	Last  int64    // the newest change number, Version.Articles
	Slugs []string // each changed article once, in the order of their last change
	// Complete is false when the store no longer keeps every change after
	// the number asked for (it keeps the newest ones): any article may have
	// changed.
	Complete bool
}

// NewArticleChanges answers ArticleChanges from a store's log of changes:
// last is the newest change number, first the oldest one the log still
// keeps (0 when it keeps none), and slugs the log's slugs after since,
// oldest first.
func NewArticleChanges(since, last, first int64, slugs []string) ArticleChanges {
	c := ArticleChanges{Last: last}
	// Every change after since must still be in the log; a count that went
	// backwards is another database, where anything may differ.
	c.Complete = since == last || (since < last && first > 0 && first <= since+1)
	seen := map[string]bool{}
	for i := len(slugs) - 1; i >= 0; i-- {
		if !seen[slugs[i]] {
			seen[slugs[i]] = true
			c.Slugs = append(c.Slugs, slugs[i])
		}
	}
	slices.Reverse(c.Slugs)
	return c
}
