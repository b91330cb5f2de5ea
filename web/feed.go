package web

import (
	"context"
	"encoding/xml"
	"net/http"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/snapshot"
)

// feedArticles is how many articles the Atom feed carries.
const feedArticles = 50

// Atom 1.0 (RFC 4287), as unexported spec structs: the document's shape
// stays here, apart from the domain types.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title     string    `xml:"title"`
	ID        string    `xml:"id"`
	Link      atomLink  `xml:"link"`
	Published string    `xml:"published"`
	Updated   string    `xml:"updated"`
	Category  *atomCat  `xml:"category"`
	Summary   *atomText `xml:"summary"`
	Content   atomText  `xml:"content"`
}

type atomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

func (s *Server) feed(r *http.Request) (string, buildFunc, error) {
	return "/feed.xml", func(ctx context.Context, _ *snapshot.Snapshot, shows *shown) ([]byte, error) {
		shows.latest = true
		arts, err := s.store.Articles(ctx, shuttle.ArticleFilter{Limit: feedArticles})
		if err != nil {
			return nil, err
		}
		f := atomFeed{
			Title: siteName, ID: s.abs("/"), Author: atomPerson{siteName},
			Links: []atomLink{{Rel: "self", Type: "application/atom+xml", Href: s.abs("/feed.xml")}, {Href: s.abs("/")}},
		}
		var latest time.Time
		for _, a := range arts {
			url := s.abs("/articles/" + a.Slug)
			updated := articleUpdated(a)
			if updated.After(latest) {
				latest = updated
			}
			e := atomEntry{
				Title: a.Title, ID: url, Link: atomLink{Rel: "alternate", Type: "text/html", Href: url},
				Published: a.Date.Time().Format(time.RFC3339), Updated: updated.Format(time.RFC3339),
				Content: atomText{Type: "html", Body: a.HTML},
			}
			if a.Summary != "" {
				e.Summary = &atomText{Type: "text", Body: a.Summary}
			}
			if a.Tag != nil {
				e.Category = &atomCat{Term: a.Tag.Name, Label: a.Tag.Type + " · " + a.Tag.Name}
			}
			f.Entries = append(f.Entries, e)
		}
		if latest.IsZero() {
			latest = time.Unix(0, 0).UTC()
		}
		f.Updated = latest.Format(time.RFC3339)
		b, err := xml.MarshalIndent(f, "", "  ")
		if err != nil {
			return nil, err
		}
		return append([]byte(xml.Header), append(b, '\n')...), nil
	}, nil
}

// articleUpdated is when the article last changed, at least its date.
func articleUpdated(a shuttle.Article) time.Time {
	t := a.Date.Time()
	if a.UpdatedAt.After(t) {
		t = a.UpdatedAt
	}
	return t.UTC().Truncate(time.Second)
}
