package enrich

import (
	"regexp"
	"slices"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// Visit statuses, relative to the article's date.
const (
	StatusAnnounced = "announced"
	StatusUnderWay  = "under_way"
	StatusOver      = "over"
)

// Visit is a visit an article reports: who travels, where, when, and
// whether it is to come, under way or over on the article's date.
type Visit struct {
	Role shuttle.Role `json:"role"`
	// Traveler is the traveller's name as the reader knows it, "" when the
	// text gives only the office ("a sitting Secretary of State");
	// TravelerID is the records' id when the gazetteer knows it.
	Traveler   string `json:"traveler"`
	TravelerID string `json:"traveler_id,omitempty"`
	// Country is where a Secretary or President goes, or the country of a
	// foreign leader visiting the United States; City is the place named.
	Country string       `json:"country"`
	City    string       `json:"city,omitempty"`
	Start   shuttle.Date `json:"start"`
	End     shuttle.Date `json:"end"`
	Exact   bool         `json:"exact_dates"`
	Ahead   bool         `json:"-"`
	Status  string       `json:"status"`
	// SentenceStart and SentenceEnd are the byte offsets of the first
	// sentence that reports it.
	SentenceStart int `json:"sentence_start"`
	SentenceEnd   int `json:"sentence_end"`
}

var (
	// travelRe is a verb or noun of travel; a sentence without one reports
	// no visit, whoever it names.
	travelRe = regexp.MustCompile(`(?i)\b(visit(s|ed|ing)?|arriv(e|es|ed|ing)|travel(s|led|ed|ling|ing)?|trip|tour(s|ed|ing)?|touch(ed|es)? down|land(s|ed)|flew|heads? to|headed to|return(s|ed)? to|came to|comes to|stop(ped|s)? in|hosts?|hosted|welcom(e|es|ed)|set foot)\b`)
	// sinceRe cuts a clause about the past ("since Colin Powell did so in
	// 2004", "since Russia's full-scale invasion"): its places are not
	// where the traveller goes now.
	sinceRe = regexp.MustCompile(`(?i)\b(since|last (sitting |serving )?[\w. ]{0,30}?(to visit|visited))\b[^,;—–]*`)
	yearRe  = regexp.MustCompile(`\b(1[89]\d\d|20\d\d)\b`)
	// usDestRe is the United States as a foreign leader's destination.
	usDestRe = regexp.MustCompile(`(?i)\b(white house|washington|united states|the u\.?s\.?|america|oval office|camp david)\b`)
)

// leaderTitles are the offices of heads of state and government whose
// visits to the United States the records list.
var leaderTitles = []string{"president", "prime minister", "king", "queen", "chancellor", "emir", "premier",
	"sultan", "crown prince", "taoiseach", "leader", "head of state", "head of government"}

// uncovered are U.S. offices whose travels the records do not list; a
// traveller holding one reports no visit the records could hold.
var uncovered = []string{"vice president", "secretary of defense", "defense secretary", "defence secretary",
	"secretary of the treasury", "treasury secretary", "secretary of commerce", "commerce secretary",
	"national security adviser", "first lady", "ambassador", "envoy", "secretary general", "secretary-general",
	"deputy secretary", "under secretary", "assistant secretary", "pentagon chief", "secretary of homeland"}

// Visits finds the visits an article reports, in text order: one per
// traveller and country (several for a tour), none when it reports none.
// r is the article's Enrich result; the article's date resolves "on
// Tuesday" and "next week".
func (e *Enricher) Visits(d Doc, r Result) []Visit {
	article, _ := shuttle.ParseDate(d.Date)
	var out []Visit
	for _, s := range sentences(d.Body) {
		for _, v := range e.sentenceVisits(s, r, article) {
			out = mergeVisit(out, v)
		}
	}
	return out
}

func mergeVisit(out []Visit, v Visit) []Visit {
	for i := range out {
		o := &out[i]
		if o.Role != v.Role || o.Country != v.Country || (o.Traveler != v.Traveler && o.Traveler != "" && v.Traveler != "") {
			continue
		}
		if o.Traveler == "" {
			o.Traveler, o.TravelerID = v.Traveler, v.TravelerID
		}
		if o.City == "" {
			o.City = v.City
		}
		if !o.Exact && v.Exact {
			o.Start, o.End, o.Exact, o.Ahead, o.Status = v.Start, v.End, true, v.Ahead, v.Status
		}
		return out
	}
	return append(out, v)
}

// traveller is who a sentence says travels, in the records' roles.
type traveller struct {
	role     shuttle.Role
	name, id string
	country  string // a foreign leader's country
}

func (e *Enricher) sentenceVisits(s sentence, r Result, article shuttle.Date) []Visit {
	if !travelRe.MatchString(s.text) {
		return nil
	}
	present := sinceRe.ReplaceAllStringFunc(s.text, func(m string) string { return strings.Repeat(" ", len(m)) })
	when, exact := resolveWhen(present, article)
	if !exact {
		if y := yearRe.FindString(present); y != "" && (article.IsZero() || y != article.Format("2006")) {
			return nil // a visit of another year: history, not news
		}
		when = When{Start: article, End: article, Ahead: when.Ahead}
	}
	who, ok := e.traveller(s, present, r)
	if !ok {
		return nil
	}
	var out []Visit
	add := func(country, city string) {
		out = append(out, Visit{Role: who.role, Traveler: who.name, TravelerID: who.id, Country: country, City: city,
			Start: when.Start, End: when.End, Exact: when.Exact, Ahead: when.Ahead, Status: status(when, article),
			SentenceStart: s.start, SentenceEnd: s.end})
	}
	if who.role == shuttle.RoleVisit {
		if usDestRe.MatchString(present) {
			add(who.country, "")
		}
		return out
	}
	for _, p := range e.destinations(s, present, r) {
		add(p.iso, p.city)
	}
	return out
}

func status(w When, article shuttle.Date) string {
	switch {
	case article.IsZero() || !w.Exact:
		if w.Ahead {
			return StatusAnnounced
		}
		return StatusUnderWay
	case w.Start.After(article):
		return StatusAnnounced
	case w.End.Before(article):
		return StatusOver
	}
	return StatusUnderWay
}

// traveller picks the first person of the sentence who holds an office
// the records cover, or else an office named without a person.
func (e *Enricher) traveller(s sentence, present string, r Result) (traveller, bool) {
	for _, m := range r.Mentions {
		if m.Kind != KindPerson || m.Start < s.start || m.End > s.end || strings.TrimSpace(present[m.Start-s.start:m.End-s.start]) == "" {
			continue
		}
		if t, ok := e.personRole(m.Key, r); ok {
			return t, true
		}
	}
	return e.officeRole(present)
}

// personRole is the office a named person travels in, from the title the
// text gives or the gazetteer's roles.
func (e *Enricher) personRole(name string, r Result) (traveller, bool) {
	var p Person
	for _, x := range r.People {
		if x.Name == name {
			p = x
		}
	}
	title, country, id := lower(p.Title), p.Country, ""
	if g, ok := e.g.Person(name); ok {
		id = g.Traveler
		if title == "" {
			title = lower(strings.Join(g.Roles, "; "))
		}
		if country == "" {
			country = g.Country
		}
	}
	for _, u := range uncovered {
		if strings.Contains(title, u) {
			return traveller{}, false
		}
	}
	switch {
	case strings.Contains(title, "secretary of state") && (country == "US" || country == ""):
		return traveller{role: shuttle.RoleSecretary, name: name, id: id}, true
	case strings.Contains(title, "president") && country == "US":
		return traveller{role: shuttle.RolePresident, name: name, id: id}, true
	case country != "" && country != "US" && hasAny(title, leaderTitles):
		return traveller{role: shuttle.RoleVisit, name: name, country: country}, true
	}
	return traveller{}, false
}

var (
	secretaryNounRe = regexp.MustCompile(`(?i)\b(secretary of state|top (u\.?s\.?|us|american) diplomat|america's top diplomat)\b`)
	presidentNounRe = regexp.MustCompile(`(?i)\b((u\.?s\.?|us|american|sitting|serving) (president|leader)|president of the united states)\b`)
	leaderNounRe    = regexp.MustCompile(`(?i)\b([A-Z][a-z]+) (president|prime minister|leader|king|chancellor|premier|emir)\b`)
)

// officeRole is the office a sentence names without a person ("a sitting
// Secretary of State visited Djibouti", "a Cypriot president").
func (e *Enricher) officeRole(s string) (traveller, bool) {
	switch {
	case secretaryNounRe.MatchString(s):
		return traveller{role: shuttle.RoleSecretary}, true
	case presidentNounRe.MatchString(s):
		return traveller{role: shuttle.RolePresident}, true
	}
	for _, m := range leaderNounRe.FindAllStringSubmatch(s, -1) {
		if iso := e.demonymCountry(m[1]); iso != "" && iso != "US" {
			return traveller{role: shuttle.RoleVisit, country: iso}, true
		}
	}
	return traveller{}, false
}

func (e *Enricher) demonymCountry(word string) string {
	for _, c := range e.g.Countries() {
		if slices.Contains(c.Demonyms, word) {
			return c.ISO
		}
	}
	return ""
}

func hasAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}
