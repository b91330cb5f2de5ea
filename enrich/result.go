package enrich

import (
	"encoding/json"

	"github.com/shuttlenews/shuttle"
)

// Result is what enrichment decides for one article. Its JSON has the shape of
// the evaluation annotations (url, countries, organizations, people, quotes,
// primary_entity) plus the mentions' byte offsets and the insights.
type Result struct {
	URL           string         `json:"url"`
	Countries     []string       `json:"countries"`
	Organizations []Organization `json:"organizations"`
	People        []Person       `json:"people"`
	Quotes        []Quote        `json:"quotes"`
	PrimaryEntity *Entity        `json:"primary_entity"`
	// Mentions are every reference found in the body, in text order; offsets
	// are bytes into Doc.Body.
	Mentions []Mention            `json:"mentions,omitempty"`
	Insights []shuttle.InsightRef `json:"insights,omitempty"`
}

// Sources of an entity: the gazetteer lists it (its canonical name is used),
// or the reader inferred it from the text's context (the text's own form).
const (
	SourceKnown    = "known"
	SourceInferred = "inferred"
)

// Organization is a named organisation with its type. Source and Evidence
// say whether the gazetteer knows it and, if not, the cue it was found by
// ("name ends in Institute", "ministry of a named country"), so that an
// editor can review what the reader guessed.
type Organization struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Source   string `json:"source,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

// Person is someone the article names. Title and Country are "" when the text
// gives none (null in JSON, as the annotations write it). Source and Evidence
// are as for Organization; the evidence of an inferred person is the title
// or the grammatical cue ("speech verb", "apposition").
type Person struct {
	Name     string `json:"name"`
	Title    string `json:"title"`
	Country  string `json:"country"`
	Source   string `json:"source,omitempty"`
	Evidence string `json:"evidence,omitempty"`
}

// MarshalJSON writes empty Title and Country as null.
func (p Person) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name     string  `json:"name"`
		Title    *string `json:"title"`
		Country  *string `json:"country"`
		Source   string  `json:"source,omitempty"`
		Evidence string  `json:"evidence,omitempty"`
	}{p.Name, nullable(p.Title), nullable(p.Country), p.Source, p.Evidence})
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Quote is a quotation and who said it: a person's canonical name, an
// organisation's, or "unnamed …" for an anonymous source.
type Quote struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
	// Title is the speaker's title as the article gives it, for a pull quote.
	Title string `json:"-"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Entity is the one tag the story is filed under. Type is an organisation
// type, "Country" or "Person".
type Entity struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// Mention kinds.
const (
	KindCountry      = "country"
	KindOrganization = "organization"
	KindPerson       = "person"
	KindQuote        = "quote"
)

// Mention is one reference in the text. Key is the ISO code, the
// organisation's or person's canonical name, or the quote's speaker. Form says
// how the text made it ("name", "demonym", "capital", "short", "pronoun",
// "role").
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
	Key   string `json:"key"`
	Form  string `json:"form,omitempty"`
}

// Tag is the editor's tag for the primary entity ("Multilateral
// Organization · NATO"), or nil.
func (r *Result) Tag() *shuttle.Tag {
	if r.PrimaryEntity == nil {
		return nil
	}
	return &shuttle.Tag{Type: r.PrimaryEntity.Type, Name: r.PrimaryEntity.Name}
}

// PullQuote picks the quotation a page shows: a named person's, the longest,
// preferring one set apart as a pull quote by the article itself.
func (r *Result) PullQuote() *shuttle.Quote {
	var best *Quote
	people := map[string]bool{}
	for _, p := range r.People {
		people[p.Name] = true
	}
	for i := range r.Quotes {
		q := &r.Quotes[i]
		if !people[q.Speaker] {
			continue
		}
		if best == nil || len(q.Text) > len(best.Text) {
			best = q
		}
	}
	if best == nil {
		return nil
	}
	return &shuttle.Quote{Text: best.Text, Speaker: best.Speaker, Title: best.Title}
}

// Insight is the first insight that fits, or nil.
func (r *Result) Insight() *shuttle.InsightRef {
	if len(r.Insights) == 0 {
		return nil
	}
	in := r.Insights[0]
	return &in
}

// Apply fills what an editor left unset in a: the tag, the pull quote, the
// insight, and always the countries the text mentions.
func (r *Result) Apply(a *shuttle.Article) {
	if a.Tag == nil {
		a.Tag = r.Tag()
	}
	if a.Quote == nil {
		a.Quote = r.PullQuote()
	}
	if a.Insight == nil {
		a.Insight = r.Insight()
	}
	a.Countries = append([]string(nil), r.Countries...)
}
