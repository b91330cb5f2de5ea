package enrich

import (
	"strings"
)

// person is someone the text names, with what the text says about them.
type person struct {
	name    string
	words   []string // the words of the name as written, for later short mentions
	parts   []string // titles, in the order the text gives them
	lows    []string
	country string
	org     int // the body a title ties them to, or -1
	gz      int // the gazetteer's record, or -1
	female  bool
	first   int  // token of the first mention
	titled  bool // a title stood right before the name
	// evidence is the first cue that showed a person the gazetteer does not
	// list: "title: Foreign Minister", "speech verb", "apposition".
	evidence string
}

type mentionKind uint8

const (
	mentionName    mentionKind = iota // the full name, maybe after a title
	mentionShort                      // a surname or first name alone
	mentionPronoun                    // he, she
	mentionRole                       // "the secretary general", "the top U.S. diplomat"
)

type personMention struct {
	s, e int
	p    int
	kind mentionKind
}

// titleHit is a title with no name after it: an appositive ("X's new
// commander, Gen. Y") or a later reference ("the Secretary").
type titleHit struct {
	chain titleChain
}

// findPeople finds named people: after a title, by the gazetteer, or as a
// capitalised name that the grammar around it shows is a person (a speech
// verb, an appositive title, a byline). Short mentions and pronouns are
// resolved afterwards.
func (a *analysis) findPeople() {
	a.markCredits()
	for i := 0; i < len(a.toks); {
		if a.toks[i].kind != wordTok || a.personAt[i] >= 0 || a.credit[i] {
			i++
			continue
		}
		if ch, ok := a.titleChain(i); ok && !a.heading[a.toks[i].para] {
			// A run of initials alone ("Secretary S.") names no one.
			if end := a.nameRun(ch.e); end > ch.e && len(a.nameWords(ch.e, end)) > 0 {
				p := a.addPerson(ch.e, end, &ch)
				a.persons[p].titled = true
				a.persons[p].cue(titleCue(&ch))
				a.appositiveBefore(p, i)
				a.appositiveAfter(p, a.afterName(p, end))
				i = end
				continue
			}
			a.titleHits = append(a.titleHits, titleHit{chain: ch})
			i = max(ch.e, i+1)
			continue
		}
		if a.title || (a.heading[a.toks[i].para] && (i == 0 || a.toks[i-1].low != "by")) {
			i++
			continue
		}
		end := a.nameRun(i)
		if end == i || len(a.nameWords(i, end)) == 0 {
			i++
			continue
		}
		v, ok := a.listedPerson(i, end)
		ok = ok && !a.administration(end)
		cue := ""
		if !ok {
			cue = a.personEvidence(i, end)
		}
		if ok || cue != "" {
			if !ok {
				v = -1
			}
			p := a.addPersonGz(i, end, nil, v)
			a.persons[p].cue(cue)
			a.appositiveBefore(p, i)
			if c := a.possessiveCountry(i); c != "" && a.persons[p].country == "" {
				a.persons[p].country = c // "China's Wang Yi"
			}
			a.appositiveAfter(p, a.afterName(p, end))
		}
		i = end
	}
	a.resolveShortMentions()
	a.inheritCountries()
	a.resolveReferences()
}

// mergeChain adds a chain's titles to a person. A title already covered by a
// fuller one is not repeated ("Secretary Blinken" after "Secretary of State
// Antony J. Blinken"), and a fuller one replaces it.
func (a *analysis) mergeChain(p *person, ch *titleChain) {
next:
	for i, part := range ch.parts {
		low := ch.lows[i]
		for k, have := range p.lows {
			switch {
			case strings.Contains(have, low):
				continue next
			case strings.Contains(low, have):
				p.parts[k], p.lows[k] = part, low
				continue next
			}
		}
		p.parts = append(p.parts, part)
		p.lows = append(p.lows, low)
	}
	if p.country == "" {
		p.country = ch.country
		if p.country == "" && ch.us {
			p.country = "US"
		}
	}
	if p.org < 0 {
		p.org = ch.org
	}
	p.female = p.female || ch.female
}

func (a *analysis) addPerson(s, e int, ch *titleChain) int {
	v := -1
	if gz, ok := a.listedPerson(s, e); ok {
		v = gz
	} else if single := a.singleWord(s, e); single != "" {
		v = a.surnameMatch(single, ch)
	}
	return a.addPersonGz(s, e, ch, v)
}

// addPersonGz records a mention of the person named by toks[s:e] and returns
// the person's index, merging with someone already named.
func (a *analysis) addPersonGz(s, e int, ch *titleChain, gz int) int {
	words := a.nameWords(s, e)
	name := strings.Join(words, " ")
	if gz >= 0 {
		name = a.e.g.People()[gz].Name
	}
	if gz < 0 && len(words) > 1 {
		gz = a.listedBySurname(words)
		if gz >= 0 {
			name = a.e.g.People()[gz].Name
		}
	}
	idx := a.findPerson(name, words, gz, ch)
	if idx < 0 {
		// A bare surname after a title may be someone named in full later
		// or already ("Secretary Blinken"); otherwise it is a new person.
		idx = len(a.persons)
		a.persons = append(a.persons, &person{name: name, org: -1, gz: gz, first: s})
	}
	p := a.persons[idx]
	for _, w := range words {
		if !containsString(p.words, w) {
			p.words = append(p.words, w)
		}
		p.female = p.female || a.e.g.FemaleName(w)
	}
	if len(words) > 1 && p.gz < 0 && len(strings.Fields(p.name)) < len(words) {
		p.name = name // "Secretary Blinken" first, "Antony J. Blinken" later
	}
	if ch != nil {
		a.mergeChain(p, ch)
	}
	if p.gz >= 0 && p.country == "" {
		if g := a.e.g.People()[p.gz]; g.Country != "" && ch != nil && rolesFit(g.Roles, ch.lows) && len(ch.lows) > 0 {
			p.country = g.Country
		}
	}
	kind := mentionName
	if len(words) == 1 && len(p.words) > 1 {
		kind = mentionShort
	}
	a.addMention(personMention{s: s, e: e, p: idx, kind: kind})
	return idx
}

// findPerson returns the index of a person already named that name or words
// refer to, or -1.
func (a *analysis) findPerson(name string, words []string, gz int, ch *titleChain) int {
	for i, p := range a.persons {
		if p.name == name || (gz >= 0 && p.gz == gz) {
			return i
		}
	}
	switch len(words) {
	case 0:
		return -1
	case 1:
		return a.personByWord(words[0], -1)
	}
	// "Antony J. Blinken" after "Secretary Blinken": same surname, and the
	// person so far had only that one word.
	last := words[len(words)-1]
	// "Von der Leyen" after "Ursula von der Leyen", "Lula da Silva" after
	// "Luiz Inácio Lula da Silva": a shorter form of a fuller name.
	for i, p := range a.persons {
		if len(p.words) > len(words) && strings.EqualFold(p.words[len(p.words)-1], last) && wordsWithin(words, p.words) {
			return i
		}
	}
	for i, p := range a.persons {
		if len(p.words) == 1 && p.words[0] == last && p.gz < 0 && a.titlesAgree(p, gz, ch) {
			return i
		}
	}
	return -1
}

// titlesAgree reports whether a one-word mention with its own titles can be
// the same person as a fuller name: "Secretary Blinken" and "Secretary of
// State Antony Blinken" can, "King Salman" and "Crown Prince Mohammed bin
// Salman" cannot.
func (a *analysis) titlesAgree(p *person, gz int, ch *titleChain) bool {
	if len(p.lows) == 0 {
		return true
	}
	if gz >= 0 && len(a.e.g.People()[gz].Roles) > 0 && !rolesFit(a.e.g.People()[gz].Roles, p.lows) {
		return false
	}
	if ch == nil || len(ch.lows) == 0 {
		return true
	}
	for _, l := range ch.lows {
		for _, h := range p.lows {
			if strings.Contains(l, h) || strings.Contains(h, l) {
				return true
			}
		}
	}
	return false
}

// wordsWithin reports whether every word is one of in's, case aside (a
// particle is capitalised at a sentence's start: "Von der Leyen said").
func wordsWithin(words, in []string) bool {
	for _, w := range words {
		found := false
		for _, x := range in {
			found = found || strings.EqualFold(w, x)
		}
		if !found {
			return false
		}
	}
	return true
}

// cue records the first evidence for a person.
func (p *person) cue(c string) {
	if p.evidence == "" {
		p.evidence = c
	}
}

func titleCue(ch *titleChain) string {
	if len(ch.parts) == 0 {
		return "honorific"
	}
	return "title: " + strings.Join(ch.parts, "; ")
}
