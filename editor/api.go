package editor

import (
	"net/http"
	"net/url"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/auth"
	"github.com/shuttlenews/shuttle/content"
	"github.com/shuttlenews/shuttle/internal/httpapi"
)

// defaultListLimit is a page of GET /api/v1/articles when the client gives
// no limit; the maximum is the API's (httpapi.MaxLimit).
const defaultListLimit = 50

// summary is an article in a list: everything but the body, which the
// article's own route serves.
type summary struct {
	Slug      string       `json:"slug"`
	Title     string       `json:"title"`
	Date      shuttle.Date `json:"date"`
	Summary   string       `json:"summary,omitempty"`
	Tag       *shuttle.Tag `json:"tag,omitempty"`
	Countries []string     `json:"countries,omitempty"`
	Source    string       `json:"source,omitempty"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// listArticles answers GET /api/v1/articles?country=&limit=.
func (s *Server) listArticles(w http.ResponseWriter, r *http.Request) error {
	f, err := articleFilter(r.URL)
	if err != nil {
		return err
	}
	st, err := s.store()
	if err != nil {
		return err
	}
	as, err := st.Articles(r.Context(), f)
	if err != nil {
		return err
	}
	out := struct {
		Articles []summary `json:"articles"`
	}{Articles: make([]summary, 0, len(as))}
	for _, a := range as {
		out.Articles = append(out.Articles, summary{a.Slug, a.Title, a.Date, a.Summary, a.Tag, a.Countries, a.Source, a.UpdatedAt})
	}
	return writeJSON(w, http.StatusOK, out)
}

// articleFilter reads the list's parameters with the API's one parser: a
// malformed query string ("country=%zz"), an unknown or repeated parameter
// or an out-of-range limit is a 400 naming the parameter, as on every
// other route, never an unfiltered list.
func articleFilter(u *url.URL) (shuttle.ArticleFilter, error) {
	f := shuttle.ArticleFilter{Limit: defaultListLimit}
	q, err := httpapi.ParseQuery(u, "country", "limit")
	if err != nil {
		return f, err
	}
	if f.Country, err = q.CountryCode("country"); err != nil {
		return f, err
	}
	f.Limit, err = q.Limit(defaultListLimit)
	return f, err
}

// getArticle answers GET /api/v1/articles/{slug}.
func (s *Server) getArticle(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if !content.ValidSlug(slug) {
		return shuttle.Errorf(shuttle.ENOTFOUND, "no article %q", slug)
	}
	st, err := s.store()
	if err != nil {
		return err
	}
	a, err := st.Article(r.Context(), slug)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Article shuttle.Article `json:"article"`
	}{a})
}

// createArticle answers POST /api/v1/articles: 201 with the article and its
// Location.
func (s *Server) createArticle(w http.ResponseWriter, r *http.Request) error {
	src, err := readMarkdown(w, r)
	if err != nil {
		return err
	}
	a, err := s.create(r.Context(), src)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/articles/"+a.Slug)
	return writeJSON(w, http.StatusCreated, struct {
		Article *shuttle.Article `json:"article"`
	}{a})
}

// putArticle answers PUT /api/v1/articles/{slug}: 200 when it replaced an
// article, 201 when it created one.
func (s *Server) putArticle(w http.ResponseWriter, r *http.Request) error {
	src, err := readMarkdown(w, r)
	if err != nil {
		return err
	}
	a, created, err := s.update(r.Context(), r.PathValue("slug"), src)
	if err != nil {
		return err
	}
	code := http.StatusOK
	if created {
		code = http.StatusCreated
		w.Header().Set("Location", "/api/v1/articles/"+a.Slug)
	}
	return writeJSON(w, code, struct {
		Article *shuttle.Article `json:"article"`
	}{a})
}

// deleteArticle answers DELETE /api/v1/articles/{slug}: 204, or 404.
func (s *Server) deleteArticle(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if !content.ValidSlug(slug) {
		return shuttle.Errorf(shuttle.ENOTFOUND, "no article %q", slug)
	}
	if err := s.remove(r.Context(), slug); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ingest answers POST /api/v1/ingest with the new data version.
func (s *Server) ingest(w http.ResponseWriter, r *http.Request) error {
	v, err := s.runIngest(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Version shuttle.Version `json:"version"`
	}{v})
}

// runIngest runs Actions.Ingest unless one is running. It runs in the
// request's context: a client that gives up cancels it, and the store then
// keeps the dataset it had.
func (s *Server) runIngest(r *http.Request) (shuttle.Version, error) {
	if s.Actions.Ingest == nil {
		return shuttle.Version{}, errNotImplemented
	}
	if !s.ingestMu.TryLock() {
		return shuttle.Version{}, conflictf("an ingest is already running; try again when it has finished")
	}
	defer s.ingestMu.Unlock()
	began := time.Now()
	v, err := s.Actions.Ingest(r.Context())
	if err != nil {
		return shuttle.Version{}, err
	}
	ed, _ := auth.EditorFrom(r.Context())
	s.logger().Info("ingest triggered by an editor", "version", v.ID, "trips", v.Trips,
		"took", time.Since(began).Round(time.Millisecond), "editor", ed.Method, "token", ed.Token)
	return v, nil
}

// pollFeeds answers POST /api/v1/feeds/poll with the number of new articles.
func (s *Server) pollFeeds(w http.ResponseWriter, r *http.Request) error {
	n, err := s.runPoll(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, struct {
		Added int `json:"added"`
	}{n})
}

func (s *Server) runPoll(r *http.Request) (int, error) {
	if s.Actions.PollFeeds == nil {
		return 0, errNotImplemented
	}
	if !s.pollMu.TryLock() {
		return 0, conflictf("a feed poll is already running; try again when it has finished")
	}
	defer s.pollMu.Unlock()
	n, err := s.Actions.PollFeeds(r.Context())
	if err != nil {
		return 0, err
	}
	if n > 0 && s.Actions.ArticlesChanged != nil {
		s.Actions.ArticlesChanged()
	}
	return n, nil
}
