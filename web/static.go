package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/shuttlenews/shuttle"
)

//go:embed static
var staticFS embed.FS

// assets are the embedded static files, each reachable under its
// content-hash name (app.3f2a9c1b7d.css), which may be cached for a year
// because a change makes a new name, and under its plain name for what
// must keep a stable URL (images in articles), cached briefly.
type assets struct {
	hashed map[string]string // plain name → hashed name
	files  map[string]*entry // either name → response
}

var (
	hdrImmutable = []string{"public, max-age=31536000, immutable"}
	hdrShort     = []string{"public, max-age=300"}
)

func loadAssets() (*assets, error) {
	a := &assets{hashed: map[string]string{}, files: map[string]*entry{}}
	names, err := fs.Glob(staticFS, "static/*")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		b, err := staticFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		plain := path.Base(name)
		ext := path.Ext(plain)
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			return nil, fmt.Errorf("web: static/%s: unknown file type", plain)
		}
		sum := sha256.Sum256(b)
		hashed := strings.TrimSuffix(plain, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		a.hashed[plain] = hashed
		long, short := newEntry(b, ctype), newEntry(b, ctype)
		long.cacheControl, short.cacheControl = hdrImmutable, hdrShort
		a.files[hashed], a.files[plain] = long, short
	}
	return a, nil
}

// url is the content-hash URL of a static file, for templates. An unknown
// name is a bug in a template; it panics at the first render, which every
// page's test performs.
func (a *assets) url(name string) string {
	h, ok := a.hashed[name]
	if !ok {
		panic(fmt.Sprintf("web: no static file %q", name))
	}
	return "/static/" + h
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header(), r.URL.Path)
	e := s.assets.files[r.PathValue("file")]
	if e == nil {
		s.renderError(w, r, shuttle.Errorf(shuttle.ENOTFOUND, "There is no such file."))
		return
	}
	e.serve(w, r, s.write)
}
