package enrich

import (
	"slices"
	"strings"

	"github.com/shuttlenews/shuttle/gazetteer"
)

// Enrich reads d with the embedded gazetteer.
func Enrich(d Doc) Result { return Default().Enrich(d) }

// Enrich reads an article and decides its entities, quotes, primary entity
// and insights.
func (e *Enricher) Enrich(d Doc) Result {
	body := e.read(d.Body, nil)
	head := e.read(d.Title, body)
	r := Result{URL: d.URL, Countries: []string{}, Organizations: []Organization{}, People: []Person{}, Quotes: []Quote{}}
	r.Countries = body.countries()
	r.Organizations = body.organizations()
	r.People = body.people()
	quotes := body.findQuotes()
	for _, q := range quotes {
		name, title := body.agentName(q.speaker)
		r.Quotes = append(r.Quotes, Quote{Speaker: name, Text: q.text, Title: title, Start: q.start, End: q.end})
	}
	r.PrimaryEntity = primaryEntity(body, head)
	r.Mentions = body.mentions(quotes)
	r.Insights = body.insights(r.PrimaryEntity)
	return r
}

// read runs the passes over one text. A headline (body != nil) only links
// names to the people the body introduced, since in Title Case every word
// looks like a name.
func (e *Enricher) read(text string, body *analysis) *analysis {
	a := newAnalysis(e, text, body != nil)
	a.findPlaces()
	a.findOrgs()
	a.sortOrgs()
	if body != nil {
		a.persons = body.persons
		a.findHeadlinePeople()
	} else {
		a.findPeople()
		a.settleCountries()
	}
	for i := range a.places {
		if a.personAt[a.places[i].s] >= 0 && a.pmentions[a.personAt[a.places[i].s]].kind <= mentionShort {
			a.places[i].drop = true
		}
	}
	return a
}

func (a *analysis) sortOrgs() {
	slices.SortFunc(a.orgs, func(x, y orgHit) int { return x.s - y.s })
	for i, h := range a.orgs {
		for k := h.s; k < h.e; k++ {
			a.orgAt[k] = int32(i)
		}
	}
}

// findHeadlinePeople links the headline's names and titled names to people
// of the body ("Austin, Kim Discuss …", "Meeting with Josep Borrell").
func (a *analysis) findHeadlinePeople() {
	for i := 0; i < len(a.toks); {
		if a.toks[i].kind != wordTok {
			i++
			continue
		}
		s := i
		if ch, ok := a.titleChain(i); ok {
			s = ch.e
			a.titleHits = append(a.titleHits, titleHit{chain: ch})
		}
		end := a.nameRun(s)
		for e := end; e > s; e-- {
			words := a.nameWords(s, e)
			if len(words) == 0 {
				continue
			}
			if p := a.personByWord(words[len(words)-1], -1); p >= 0 && allIn(words, a.persons[p].words) {
				a.addMention(personMention{s: s, e: e, p: p, kind: mentionShort})
				end = e
				break
			}
		}
		i = max(end, s, i+1)
	}
}

func allIn(words, in []string) bool {
	for _, w := range words {
		if !containsString(in, w) {
			return false
		}
	}
	return true
}

// settleCountries gives spokespeople of a U.S.-government source their
// country: "Spokesperson Ned Price" in a readout about the Secretary of State.
func (a *analysis) settleCountries() {
	us := false
	for _, p := range a.persons {
		for _, l := range p.lows {
			for _, t := range a.e.usTitles {
				us = us || strings.Contains(l, t)
			}
		}
	}
	for _, h := range a.orgs {
		if o := a.org(h.org); o.country == "US" && o.typ != gazetteer.Media {
			us = true
		}
	}
	if !us {
		return
	}
	for _, p := range a.persons {
		if p.country != "" || p.org >= 0 || !p.titled {
			continue
		}
		for _, l := range p.lows {
			if strings.Contains(l, "spokes") || strings.Contains(l, "press secretary") {
				p.country = "US"
			}
		}
	}
}

// countries lists the ISO codes referred to, sorted.
func (a *analysis) countries() []string {
	out := []string{}
	for _, h := range a.places {
		if !h.drop && !slices.Contains(out, h.iso) {
			out = append(out, h.iso)
		}
	}
	slices.Sort(out)
	return out
}

func (a *analysis) organizations() []Organization {
	out := []Organization{}
	for _, h := range a.orgs {
		o := a.org(h.org)
		if !slices.ContainsFunc(out, func(x Organization) bool { return x.Name == o.name }) {
			src, ev := SourceKnown, ""
			if h.org >= len(a.e.orgList) {
				src, ev = SourceInferred, o.evidence
			}
			out = append(out, Organization{Name: o.name, Type: o.typ, Source: src, Evidence: ev})
		}
	}
	return out
}

func (a *analysis) people() []Person {
	out := []Person{}
	order := make([]int, 0, len(a.persons))
	for _, m := range a.pmentions {
		if !slices.Contains(order, m.p) {
			order = append(order, m.p)
		}
	}
	for _, i := range order {
		p := a.persons[i]
		src, ev := SourceInferred, p.evidence
		if p.gz >= 0 {
			src, ev = SourceKnown, ""
		}
		out = append(out, Person{Name: p.name, Title: strings.Join(p.parts, "; "), Country: p.country, Source: src, Evidence: ev})
	}
	return out
}

// agentName writes a speaker as the annotations do, with the person's title.
func (a *analysis) agentName(g agent) (name, title string) {
	switch {
	case g.person >= 0:
		p := a.persons[g.person]
		return p.name, strings.Join(p.parts, "; ")
	case g.org >= 0:
		return a.org(g.org).name, ""
	}
	return g.unnamed, ""
}

var formNames = map[placeForm]string{formName: "name", formDemonym: "demonym", formCapital: "capital"}
var mentionForms = map[mentionKind]string{mentionName: "name", mentionShort: "short", mentionPronoun: "pronoun", mentionRole: "role"}

// mentions lists every reference in text order with byte offsets.
func (a *analysis) mentions(quotes []foundQuote) []Mention {
	var out []Mention
	span := func(s, e int) (int, int) { return int(a.toks[s].start), int(a.toks[e-1].end) }
	for _, h := range a.places {
		if !h.drop {
			s, e := span(h.s, h.e)
			out = append(out, Mention{Start: s, End: e, Kind: KindCountry, Key: h.iso, Form: formNames[h.form]})
		}
	}
	for _, h := range a.orgs {
		s, e := span(h.s, h.e)
		out = append(out, Mention{Start: s, End: e, Kind: KindOrganization, Key: a.org(h.org).name})
	}
	for _, m := range a.pmentions {
		s, e := span(m.s, m.e)
		out = append(out, Mention{Start: s, End: e, Kind: KindPerson, Key: a.persons[m.p].name, Form: mentionForms[m.kind]})
	}
	for _, q := range quotes {
		name, _ := a.agentName(q.speaker)
		out = append(out, Mention{Start: q.start, End: q.end, Kind: KindQuote, Key: name})
	}
	slices.SortFunc(out, func(x, y Mention) int {
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		if x.End != y.End {
			return x.End - y.End
		}
		return strings.Compare(x.Kind, y.Kind)
	})
	return out
}
