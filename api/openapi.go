package api

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/shuttlenews/shuttle/internal/httpapi"
)

// openAPIDoc describes every route under /api/v1, the editor's included.
// It is written by hand, as the contract, and a test holds it to the
// routes the servers register and to what they answer.
//
//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the OpenAPI 3.1 document of the API.
func OpenAPI() []byte { return slices.Clone(openAPIDoc) }

// prepared are the answers that do not depend on the data: the document
// and the index, prepared (ETag, gzip) once.
var prepared = sync.OnceValues(func() ([2]*httpapi.Answer, error) {
	header := func() http.Header {
		return http.Header{
			"Content-Type":           {httpapi.ContentTypeJSON},
			"X-Content-Type-Options": {"nosniff"},
			"Cache-Control":          {cacheControl},
		}
	}
	idx, err := indexOf(openAPIDoc)
	if err != nil {
		// A fault of the build, which TestOpenAPI catches.
		return [2]*httpapi.Answer{}, fmt.Errorf("api: the embedded openapi.json: %w", err)
	}
	return [2]*httpapi.Answer{httpapi.NewAnswer(header(), openAPIDoc), httpapi.NewAnswer(header(), idx)}, nil
})

func (s *Server) openAPI() http.Handler { return s.fixed(0) }

// index answers /api/ and /api/v1/: where the document is and the routes
// it lists, so that a client exploring the API finds its way.
func (s *Server) index() http.Handler { return s.fixed(1) }

// fixed serves prepared answer i (0 the document, 1 the index).
func (s *Server) fixed(i int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := newQuery(r.URL); err != nil {
			s.fail(w, r, err)
			return
		}
		a, err := prepared()
		if err != nil {
			s.fail(w, r, err)
			return
		}
		a[i].Serve(w, r)
	})
}

// indexRoute is one line of the index.
type indexRoute struct {
	Method  string `json:"method"`
	Path    string `json:"path"`
	Summary string `json:"summary"`
	Auth    bool   `json:"auth,omitempty"` // needs an editor's bearer token
}

// indexOf lists doc's operations, by path then method.
func indexOf(doc []byte) ([]byte, error) {
	var d struct {
		Info  struct{ Title, Version string }
		Paths map[string]map[string]struct {
			Summary  string                `json:"summary"`
			Security []map[string][]string `json:"security"`
		}
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	var routes []indexRoute
	for _, path := range slices.Sorted(maps.Keys(d.Paths)) {
		for _, m := range methods {
			op, ok := d.Paths[path][strings.ToLower(m)]
			if !ok {
				continue
			}
			routes = append(routes, indexRoute{m, path, op.Summary, len(op.Security) > 0})
		}
	}
	b, err := json.Marshal(struct {
		Title   string       `json:"title"`
		Version string       `json:"version"`
		OpenAPI string       `json:"openapi"`
		Routes  []indexRoute `json:"routes"`
	}{d.Info.Title, d.Info.Version, "/api/v1/openapi.json", routes})
	return append(b, '\n'), err
}
