package enrich

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// sinceClauseRe is a claim's clause about the past, whose places and people
// are the earlier visit's, not the reported one's.
var sinceClauseRe = regexp.MustCompile(`(?i)\bsince\b[^,;—–]*`)

// claimContext fills what a claim is about: the office, the traveller, the
// country and the days, from the sentence first, then from the article's
// visits, its headline and address.
func (e *Enricher) claimContext(c *Claim, s sentence, d Doc, r Result, visits []Visit, article shuttle.Date) {
	present := sinceClauseRe.ReplaceAllStringFunc(s.text, func(m string) string { return strings.Repeat(" ", len(m)) })
	if loc := lastInRe.FindStringIndex(s.text); loc != nil && c.Kind == "first_since" && c.SinceTraveler == "" {
		// "Bill Clinton was the last sitting U.S. president to visit
		// Argentina in 1997": the person before "last" made the earlier visit.
		c.SinceTraveler = e.personBefore(s, r, loc[0])
	}
	if g, ok := e.g.Person(c.SinceTraveler); ok && g.Traveler != "" {
		c.SinceTravelerID = g.Traveler
	}
	who, ok := e.officeRole(present)
	if !ok {
		who, ok = e.traveller(s, present, r)
	}
	if !ok {
		if u := firstOf(lower(s.text), uncovered); u != "" {
			c.Problem = "the records list the travels of Secretaries of State and Presidents and foreign leaders' visits to the U.S., not of a " + u
			return
		}
		if len(visits) == 0 {
			c.Problem = "the claim names no office the records cover, and the article reports no visit"
			return
		}
		who = traveller{role: visits[0].Role}
	}
	c.Role = who.role
	// The traveller: a person of the sentence in the claim's office, who is
	// not the earlier visit's.
	for _, m := range r.Mentions {
		if m.Kind != KindPerson || m.Start < s.start || m.End > s.end || m.Key == c.SinceTraveler ||
			strings.TrimSpace(present[m.Start-s.start:m.End-s.start]) == "" {
			continue
		}
		if t, ok := e.personRole(m.Key, r); ok && t.role == c.Role {
			c.Traveler, c.TravelerID = t.name, t.id
			if t.role == shuttle.RoleVisit {
				who.country = t.country
			}
			break
		}
	}
	c.Country = who.country
	if c.Country == "" && c.Role != shuttle.RoleVisit {
		if ps := e.destinations(s, present, r); len(ps) > 0 {
			c.Country = ps[0].iso
		}
	}
	var match *Visit
	for i := range visits {
		v := &visits[i]
		if v.Role == c.Role && (c.Country == "" || v.Country == c.Country) {
			match = v
			break
		}
	}
	if c.Country == "" && match != nil {
		c.Country = match.Country
	}
	if c.Country == "" {
		c.Country = e.namedCountry(d.Title)
	}
	if c.Country == "" {
		c.Country = e.slugCountry(d.URL)
	}
	if w, ok := resolveWhen(present, article); ok {
		c.When = w
	} else if match != nil && match.Exact {
		c.When = When{Start: match.Start, End: match.End, Exact: true, Ahead: match.Ahead}
	} else {
		c.When = When{Start: article, End: article, Ahead: w.Ahead}
	}
}

// personBefore is the last person the sentence names before offset at.
func (e *Enricher) personBefore(s sentence, r Result, at int) string {
	name := ""
	for _, m := range r.Mentions {
		if m.Kind == KindPerson && m.Start >= s.start && m.End <= s.start+at {
			name = m.Key
		}
	}
	return name
}

func firstOf(s string, subs []string) string {
	best, at := "", -1
	for _, x := range subs {
		if i := strings.Index(s, x); i >= 0 && (at < 0 || i < at) {
			best, at = x, i
		}
	}
	return best
}

// namedCountry is the first country other than the United States named in
// text (a headline), or "".
func (e *Enricher) namedCountry(text string) string {
	best, at := "", -1
	for _, c := range e.g.Countries() {
		if c.ISO == "US" {
			continue
		}
		for _, n := range append([]string{c.Name}, c.Names...) {
			if i := wordIndex(text, n); i >= 0 && (at < 0 || i < at) {
				best, at = c.ISO, i
			}
		}
	}
	return best
}

// slugCountry reads a country from an article's address, whose slug is
// its headline in lower case ("pompeo-praises-paraguay-s-return…"): the last
// resort of a claim whose text names none.
func (e *Enricher) slugCountry(address string) string {
	u, err := url.Parse(address)
	if err != nil || u.Path == "" {
		return ""
	}
	slug := strings.NewReplacer("-", " ", "_", " ", "/", " ", ".", " ").Replace(strings.ToLower(u.Path))
	best, at := "", -1
	for _, c := range e.g.Countries() {
		if c.ISO == "US" {
			continue
		}
		for _, n := range append([]string{c.Name}, c.Names...) {
			if i := wordIndex(slug, lower(n)); i >= 0 && (at < 0 || i < at) {
				best, at = c.ISO, i
			}
		}
	}
	return best
}
