package web

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/snapshot"
)

// The embed's frame: wide enough for a sidebar, tall enough for three rows.
const embedWidth, embedHeight = 400, 440

type embedPage struct {
	layoutData
	Widget *widget
}

// embed is the widget alone, for an iframe on another site. Its links are
// absolute and open in a new tab: a click must not navigate the frame.
func (s *Server) embed(r *http.Request) (string, buildFunc, error) {
	id := r.PathValue("id")
	if !slices.Contains(rankingIDs, id) {
		return "", nil, shuttle.Errorf(shuttle.ENOTFOUND, "There is no insight called %q.", id)
	}
	p, q, err := rankingQuery(id, r.URL)
	if err != nil {
		return "", nil, err
	}
	key := "/embed/insights/" + id + q.encode()
	return key, func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		p.Limit = widgetRows
		rk, err := snap.Insights.Rank(p)
		if err != nil {
			return nil, err
		}
		page := embedPage{layoutData: s.layout(key, rk.Title), Widget: newWidget(rk, s.base)}
		page.Canonical = s.abs("/insights/" + id + resolved(rk).encode())
		return s.tmpl.render("embed", "embed", page)
	}, nil
}

// embedCode is the snippet readers paste into their pages.
func embedCode(src, title string) string {
	return `<iframe src="` + template.HTMLEscapeString(src) + `" title="` + template.HTMLEscapeString(title) +
		`" width="` + strconv.Itoa(embedWidth) + `" height="` + strconv.Itoa(embedHeight) + `" loading="lazy"></iframe>`
}

// oembedResponse is the oEmbed 1.0 "rich" type.
type oembedResponse struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	CacheAge     int    `json:"cache_age"`
}

// oembed answers /oembed?url=…&format=json for the site's insight and
// embed pages, so that a CMS turns a pasted link into the widget.
func (s *Server) oembed(r *http.Request) (string, buildFunc, error) {
	q, err := readQuery(r.URL, []string{"url", "format", "maxwidth", "maxheight"})
	if err != nil {
		return "", nil, err
	}
	if f := q.Get("format"); f != "" && f != "json" {
		// The spec's answer to a format the provider does not offer.
		return "", nil, &httpError{http.StatusNotImplemented, "Only format=json is offered."}
	}
	id, rq, err := s.oembedTarget(q.Get("url"))
	if err != nil {
		return "", nil, err
	}
	p, canon, err := rankingQuery(id, rq)
	if err != nil {
		return "", nil, err
	}
	w, h := embedWidth, embedHeight
	if w, err = limit(q.Get("maxwidth"), w); err == nil {
		h, err = limit(q.Get("maxheight"), h)
	}
	if err != nil {
		return "", nil, err
	}
	key := "/oembed/" + id + canon.encode() + "#" + strconv.Itoa(w) + "x" + strconv.Itoa(h)
	return key, func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		rk, err := snap.Insights.Rank(p)
		if err != nil {
			return nil, err
		}
		src := s.abs("/embed/insights/" + id + resolved(rk).encode())
		code := strings.Replace(embedCode(src, rk.Title), `width="`+strconv.Itoa(embedWidth)+`" height="`+strconv.Itoa(embedHeight)+`"`,
			`width="`+strconv.Itoa(w)+`" height="`+strconv.Itoa(h)+`"`, 1)
		return json.Marshal(oembedResponse{
			Version: "1.0", Type: "rich", Title: rk.Title, ProviderName: siteName, ProviderURL: s.base + "/",
			HTML: code, Width: w, Height: h, CacheAge: 3600,
		})
	}, nil
}

// oembedTarget accepts this site's /insights/{id} and /embed/insights/{id}
// URLs; anything else is the spec's 404.
func (s *Server) oembedTarget(raw string) (string, *url.URL, error) {
	notFound := shuttle.Errorf(shuttle.ENOTFOUND, "This site has no embed for that URL.")
	if raw == "" {
		return "", nil, shuttle.Errorf(shuttle.EINVALID, "url: the page to embed is required")
	}
	u, err := url.Parse(raw)
	if err != nil || !strings.HasPrefix(raw, s.base+"/") {
		return "", nil, notFound
	}
	path := strings.TrimPrefix(u.Path, "/embed")
	id, ok := strings.CutPrefix(path, "/insights/")
	if !ok || !slices.Contains(rankingIDs, id) {
		return "", nil, notFound
	}
	return id, u, nil
}

// limit reads maxwidth or maxheight: the size never exceeds it.
func limit(v string, def int) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, shuttle.Errorf(shuttle.EINVALID, "%q is not a size in pixels", v)
	}
	return min(n, def), nil
}

// httpError is an error with a status the domain codes do not name (501).
type httpError struct {
	status  int
	message string
}

func (e *httpError) Error() string { return e.message }
