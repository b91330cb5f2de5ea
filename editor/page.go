package editor

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"net/url"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/auth"
	"github.com/shuttlenews/shuttle/content"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/editor.css
var css []byte

// cssURL carries a hash of the stylesheet, so it can be cached for long and
// a new build is still fetched at once.
var cssURL = func() string {
	sum := sha256.Sum256(css)
	return Prefix + "static/editor.css?v=" + hex.EncodeToString(sum[:6])
}()

// pages are parsed once at start; a broken template fails every test.
var pages = func() map[string]*template.Template {
	layout := template.Must(template.ParseFS(templateFS, "templates/layout.html"))
	m := map[string]*template.Template{}
	for _, name := range []string{"login", "list", "edit", "error"} {
		m[name] = template.Must(template.Must(layout.Clone()).ParseFS(templateFS, "templates/"+name+".html"))
	}
	return m
}()

// pageData is what every page template gets.
type pageData struct {
	Title string
	CSS   string
	CSRF  string // set when signed in: the hidden field of every form
	Flash string
	Error string

	Disabled bool // login: no token configured

	Articles  []shuttle.Article
	CanIngest bool
	CanPoll   bool

	Slug     string // edit: "" for a new article
	Markdown string
	File     string // edit: the content file the article is published from; it is read-only here
}

// flashes are the only messages a redirect can ask for, by key, so that a
// link cannot make the editor show text of someone else's choosing.
var flashes = map[string]string{
	"saved":    "Article saved.",
	"deleted":  "Article deleted.",
	"ingested": "The records were ingested.",
	"polled":   "The feeds were polled.",
	"out":      "Signed out.",
}

// pageHandler is a page handler that reports failure by returning an error.
type pageHandler func(w http.ResponseWriter, r *http.Request) error

func (s *Server) registerPages(mux *http.ServeMux) {
	mux.Handle("GET "+Prefix+"{$}", s.page(s.signedIn(s.listPage)))
	mux.Handle("GET "+LoginPath, s.page(s.loginPage))
	// Throttle refuses a client that failed too often before its form is
	// read; Login would refuse it too, but only after.
	mux.Handle("POST "+LoginPath, s.Auth.RejectCrossOrigin(s.Auth.Throttle(s.page(limited(maxLoginBytes, s.login)))))
	mux.Handle("POST "+Prefix+"logout", s.write(maxNoBody, s.page(noBody(s.logout))))
	mux.Handle("GET "+Prefix+"new", s.page(s.signedIn(s.newPage)))
	mux.Handle("POST "+Prefix+"articles", s.write(maxArticleBody, s.page(limited(maxArticleBody, s.createForm))))
	mux.Handle("GET "+Prefix+"articles/{slug}", s.page(s.signedIn(s.editPage)))
	mux.Handle("POST "+Prefix+"articles/{slug}", s.write(maxArticleBody, s.page(limited(maxArticleBody, s.updateForm))))
	mux.Handle("POST "+Prefix+"articles/{slug}/delete", s.write(maxNoBody, s.page(noBody(s.deleteForm))))
	mux.Handle("POST "+Prefix+"ingest", s.write(maxNoBody, s.page(noBody(s.ingestForm))))
	mux.Handle("POST "+Prefix+"feeds/poll", s.write(maxNoBody, s.page(noBody(s.pollForm))))
	mux.HandleFunc("GET "+Prefix+"static/editor.css", serveCSS)
}

// page adapts h: headers every editor page needs, and errors as a page.
func (s *Server) page(h pageHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hdr := w.Header()
		// Nothing inline, nothing from elsewhere, never framed; no-store
		// because the pages hold CSRF tokens and unpublished drafts.
		hdr.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		hdr.Set("X-Frame-Options", "DENY")
		hdr.Set("Referrer-Policy", "same-origin")
		hdr.Set("X-Content-Type-Options", "nosniff")
		hdr.Set("Cache-Control", "no-store")
		if err := h(w, r); err != nil {
			code, _, msg := status(err)
			s.logFailure(r, code, err)
			retryAfter(w, code, err)
			s.render(w, r, code, "error", pageData{Title: http.StatusText(code), Error: msg})
		}
	})
}

// signedIn sends visitors without a session to the login form.
func (s *Server) signedIn(h func(w http.ResponseWriter, r *http.Request, sess auth.Session) error) pageHandler {
	return func(w http.ResponseWriter, r *http.Request) error {
		sess, ok := s.Auth.Session(r)
		if !ok {
			http.Redirect(w, r, LoginPath, http.StatusSeeOther)
			return nil
		}
		return h(w, r, sess)
	}
}

// render executes a page into a buffer first, so a template error is a
// clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, d pageData) {
	d.CSS = cssURL
	if d.CSRF == "" {
		if sess, ok := s.Auth.Session(r); ok {
			d.CSRF = sess.CSRFToken
		}
	}
	var b bytes.Buffer
	if err := pages[name].ExecuteTemplate(&b, "layout", d); err != nil {
		s.logger().Error("editor: render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b.Bytes())
}

func serveCSS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(css)
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	if _, ok := s.Auth.Session(r); ok {
		http.Redirect(w, r, Prefix, http.StatusSeeOther)
		return nil
	}
	s.render(w, r, http.StatusOK, "login", pageData{Title: "Sign in", Disabled: !s.Auth.Enabled(),
		Flash: flashes[r.URL.Query().Get("done")]})
	return nil
}

// maxLoginBytes is plenty for a token field (tokens have at most 512
// characters) and little to read for a form no credential guards.
const maxLoginBytes = 4 << 10

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return tooLarge(fmt.Sprintf("the login form is larger than %d KiB", maxLoginBytes>>10))
		}
		return shuttle.Errorf(shuttle.EINVALID, "unreadable form")
	}
	if _, err := s.Auth.Login(w, r, r.PostForm.Get("token")); err != nil {
		code, _, msg := status(err)
		retryAfter(w, code, err)
		s.render(w, r, code, "login", pageData{Title: "Sign in", Disabled: !s.Auth.Enabled(), Error: msg})
		return nil
	}
	http.Redirect(w, r, Prefix, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	s.Auth.Logout(w, r)
	http.Redirect(w, r, LoginPath+"?done=out", http.StatusSeeOther)
	return nil
}

func (s *Server) listPage(w http.ResponseWriter, r *http.Request, sess auth.Session) error {
	st, err := s.store()
	if err != nil {
		return err
	}
	as, err := st.Articles(r.Context(), shuttle.ArticleFilter{})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "list", pageData{
		Title: "Articles", CSRF: sess.CSRFToken, Flash: flashes[r.URL.Query().Get("done")], Articles: as,
		CanIngest: s.Actions.Ingest != nil, CanPoll: s.Actions.PollFeeds != nil,
	})
	return nil
}

// newArticleTemplate starts a new article with the required keys.
const newArticleTemplate = "---\ntitle: \ndate: %s\nsummary: \n---\nThe first paragraph.\n"

func (s *Server) newPage(w http.ResponseWriter, r *http.Request, sess auth.Session) error {
	s.render(w, r, http.StatusOK, "edit", pageData{Title: "New article", CSRF: sess.CSRFToken,
		Markdown: fmt.Sprintf(newArticleTemplate, s.now().Format(time.DateOnly))})
	return nil
}

func (s *Server) editPage(w http.ResponseWriter, r *http.Request, sess auth.Session) error {
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
	src, err := markdownSource(a, s.Actions.Enrich)
	if err != nil {
		return err
	}
	p := pageData{Title: "Edit " + a.Title, CSRF: sess.CSRFToken,
		Flash: flashes[r.URL.Query().Get("done")], Slug: slug, Markdown: src}
	if content.IsFile(a.Source) {
		p.File = a.Source
	}
	s.render(w, r, http.StatusOK, "edit", p)
	return nil
}

// formMarkdown reads the form's textarea. RequireEditor parses the form only
// when it looks there for the CSRF token (a session without X-CSRF-Token);
// a post with a bearer token or the header arrives unparsed, and reading
// r.PostForm alone saw no fields at all. ParseForm does nothing for a form
// already parsed, and reads under write's limit otherwise. Browsers send
// CRLF line endings from a textarea; content.Parse accepts them.
func formMarkdown(r *http.Request) ([]byte, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/x-www-form-urlencoded" {
		return nil, &statusError{http.StatusUnsupportedMediaType, "unsupported_media_type",
			"send the form as application/x-www-form-urlencoded (programs: use the API under /api/v1/articles)"}
	}
	if err := r.ParseForm(); err != nil {
		return nil, bodyError(err)
	}
	return []byte(r.PostForm.Get("markdown")), nil
}

// createForm saves a new article from the form; on failure the form comes
// back with the text as typed and the reason, so nothing is lost.
func (s *Server) createForm(w http.ResponseWriter, r *http.Request) error {
	src, err := formMarkdown(r)
	if err != nil {
		return err
	}
	a, err := s.create(r.Context(), src)
	if err != nil {
		return s.formError(w, r, "", src, err)
	}
	http.Redirect(w, r, Prefix+"articles/"+url.PathEscape(a.Slug)+"?done=saved", http.StatusSeeOther)
	return nil
}

func (s *Server) updateForm(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	src, err := formMarkdown(r)
	if err != nil {
		return err
	}
	if _, _, err := s.update(r.Context(), slug, src); err != nil {
		return s.formError(w, r, slug, src, err)
	}
	http.Redirect(w, r, Prefix+"articles/"+url.PathEscape(slug)+"?done=saved", http.StatusSeeOther)
	return nil
}

func (s *Server) formError(w http.ResponseWriter, r *http.Request, slug string, src []byte, err error) error {
	code, _, msg := status(err)
	if code >= 500 {
		return err
	}
	title := "New article"
	if slug != "" {
		title = "Edit " + slug
	}
	s.render(w, r, code, "edit", pageData{Title: title, Error: msg, Slug: slug, Markdown: string(src)})
	return nil
}

func (s *Server) deleteForm(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if !content.ValidSlug(slug) {
		return shuttle.Errorf(shuttle.ENOTFOUND, "no article %q", slug)
	}
	if err := s.remove(r.Context(), slug); err != nil {
		return err
	}
	http.Redirect(w, r, Prefix+"?done=deleted", http.StatusSeeOther)
	return nil
}

func (s *Server) ingestForm(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.runIngest(r); err != nil {
		return err
	}
	http.Redirect(w, r, Prefix+"?done=ingested", http.StatusSeeOther)
	return nil
}

func (s *Server) pollForm(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.runPoll(r); err != nil {
		return err
	}
	http.Redirect(w, r, Prefix+"?done=polled", http.StatusSeeOther)
	return nil
}
