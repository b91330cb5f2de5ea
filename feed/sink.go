package feed

import (
	"context"

	"github.com/shuttlenews/shuttle"
)

// Sink receives new articles. shuttle.ArticleStore satisfies it.
type Sink interface {
	PutArticle(ctx context.Context, a *shuttle.Article) error
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(ctx context.Context, a *shuttle.Article) error

func (f SinkFunc) PutArticle(ctx context.Context, a *shuttle.Article) error { return f(ctx, a) }
