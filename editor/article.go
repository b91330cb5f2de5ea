package editor

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/auth"
	"github.com/shuttlenews/shuttle/content"
)

// MaxArticleBytes is the largest article accepted, the limit content files
// have too. JSON and form bodies may be up to envelopeFactor times larger,
// because escaping can grow the Markdown inside them.
const (
	MaxArticleBytes = content.MaxFileSize
	envelopeFactor  = 4
)

// Source is the Source of articles written through the editor.
const Source = "editor"

// unnamed is the file name given to content.Parse for a new article: it has
// no stem, so without a slug in the front matter the slug comes from the
// title, not from a made-up file name.
const unnamed = ".md"

var errTooLarge = tooLarge(fmt.Sprintf("the article is larger than %d KiB", MaxArticleBytes>>10))

// parse reads an article as content.Parse does for files, then enriches it.
// name is unnamed for a new article, or SLUG.md to make the slug the default.
func (s *Server) parse(name string, src []byte) (*shuttle.Article, error) {
	a, err := content.Parse(name, src)
	if err != nil {
		return nil, parseError(err)
	}
	a.Source = Source
	if s.Actions.Enrich != nil {
		s.Actions.Enrich(a)
	}
	return a, nil
}

// parseError turns a content error into a 400 (or 413) that names the line
// but not the made-up file name.
func parseError(err error) error {
	if errors.Is(err, content.ErrTooLarge) {
		return errTooLarge
	}
	var ce *content.Error
	if errors.As(err, &ce) && ce.Line > 0 {
		return shuttle.Errorf(shuttle.EINVALID, "line %d: %v", ce.Line, ce.Err)
	}
	if ce != nil {
		return shuttle.Errorf(shuttle.EINVALID, "%v", ce.Err)
	}
	return shuttle.Errorf(shuttle.EINVALID, "%v", err)
}

func (s *Server) store() (shuttle.ArticleStore, error) {
	if s.Actions.Store == nil {
		return nil, shuttle.Errorf(shuttle.EUNAVAILABLE, "no article store configured")
	}
	return s.Actions.Store, nil
}

// create stores a new article; a slug already taken is a 409, so that a
// create never silently replaces someone else's story.
func (s *Server) create(ctx context.Context, src []byte) (*shuttle.Article, error) {
	st, err := s.store()
	if err != nil {
		return nil, err
	}
	a, err := s.parse(unnamed, src)
	if err != nil {
		return nil, err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	switch _, err := st.Article(ctx, a.Slug); shuttle.ErrorCode(err) {
	case "":
		return nil, conflictf(fmt.Sprintf("an article with slug %q exists; edit it, or set another slug: in the front matter", a.Slug))
	case shuttle.ENOTFOUND:
	default:
		return nil, fmt.Errorf("create %s: %w", a.Slug, err)
	}
	if err := st.PutArticle(ctx, a); err != nil {
		return nil, fmt.Errorf("create %s: %w", a.Slug, err)
	}
	s.changed(ctx, "article created", a.Slug)
	return a, nil
}

// update replaces (or creates) the article at slug. The front matter may
// repeat the slug but not change it: renaming would break the article's
// URL, so it is a create plus a delete, on purpose.
func (s *Server) update(ctx context.Context, slug string, src []byte) (a *shuttle.Article, created bool, err error) {
	st, err := s.store()
	if err != nil {
		return nil, false, err
	}
	if !content.ValidSlug(slug) {
		return nil, false, shuttle.Errorf(shuttle.EINVALID, "%q is not a slug", slug)
	}
	if a, err = s.parse(slug+".md", src); err != nil {
		return nil, false, err
	}
	if a.Slug != slug {
		return nil, false, shuttle.Errorf(shuttle.EINVALID,
			"the front matter's slug %q differs from %q: to rename, create the article anew and delete this one", a.Slug, slug)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	old, err := st.Article(ctx, slug)
	switch shuttle.ErrorCode(err) {
	case "":
		if err := fromFile(old); err != nil {
			return nil, false, err
		}
	case shuttle.ENOTFOUND:
		created = true
	default:
		return nil, false, fmt.Errorf("update %s: %w", slug, err)
	}
	if err := st.PutArticle(ctx, a); err != nil {
		return nil, false, fmt.Errorf("update %s: %w", slug, err)
	}
	s.changed(ctx, "article saved", slug)
	return a, created, nil
}

func (s *Server) remove(ctx context.Context, slug string) error {
	st, err := s.store()
	if err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if old, err := st.Article(ctx, slug); err == nil {
		if err := fromFile(old); err != nil {
			return err
		}
	}
	if err := st.DeleteArticle(ctx, slug); err != nil {
		return fmt.Errorf("delete %s: %w", slug, err)
	}
	s.changed(ctx, "article deleted", slug)
	return nil
}

// fromFile refuses to change an article published from a content file: the
// file would win at its next change or the next server start, and the
// editor's work would be lost without a word.
func fromFile(a shuttle.Article) error {
	if !content.IsFile(a.Source) {
		return nil
	}
	return conflictf(fmt.Sprintf("%q is published from the file %s in the content directory: edit that file "+
		"(the site picks up the change within seconds), or remove it there to manage the article here", a.Slug, a.Source))
}

// changed logs a write with its editor and tells the caches.
func (s *Server) changed(ctx context.Context, what, slug string) {
	ed, _ := auth.EditorFrom(ctx)
	s.logger().Info(what, "slug", slug, "editor", ed.Method, "token", ed.Token)
	if s.Actions.ArticlesChanged != nil {
		s.Actions.ArticlesChanged()
	}
}

// readMarkdown reads the article in an API request body: raw Markdown
// (text/markdown) or JSON {"markdown": "…"}.
func readMarkdown(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		mt = ""
	}
	switch mt {
	case "text/markdown", "text/x-markdown", "text/plain":
		return readLimited(w, r, MaxArticleBytes)
	case "application/json":
		b, err := readLimited(w, r, envelopeFactor*MaxArticleBytes)
		if err != nil {
			return nil, err
		}
		var body struct {
			Markdown *string `json:"markdown"`
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&body); err != nil || dec.More() {
			return nil, shuttle.Errorf(shuttle.EINVALID, "body: want one JSON object {\"markdown\": \"…\"}")
		}
		if body.Markdown == nil {
			return nil, shuttle.Errorf(shuttle.EINVALID, "body: the markdown field is missing")
		}
		if len(*body.Markdown) > MaxArticleBytes {
			return nil, errTooLarge
		}
		return []byte(*body.Markdown), nil
	}
	return nil, &statusError{http.StatusUnsupportedMediaType, "unsupported_media_type",
		"send the article as Content-Type: text/markdown, or as application/json {\"markdown\": \"…\"}"}
}

// readLimited reads at most limit bytes of the body; more is a 413. The
// MaxBytesReader also tells the server to close the connection rather than
// drain an oversized upload.
func readLimited(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		if limit == MaxArticleBytes {
			return nil, errTooLarge
		}
		return nil, tooLarge(fmt.Sprintf("the request body is larger than %d KiB", limit>>10))
	case err != nil:
		return nil, shuttle.Errorf(shuttle.EINVALID, "reading the body: %v", err)
	}
	return b, nil
}
