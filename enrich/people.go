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
	for i := 0; i < len(a.toks); {
		if a.toks[i].kind != wordTok || a.personAt[i] >= 0 {
			i++
			continue
		}
		if ch, ok := a.titleChain(i); ok && !a.heading[a.toks[i].para] {
			// A run of initials alone ("Secretary S.") names no one.
			if end := a.nameRun(ch.e); end > ch.e && len(a.nameWords(ch.e, end)) > 0 {
				p := a.addPerson(ch.e, end, &ch)
				a.persons[p].titled = true
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
		if v, ok := a.listedPerson(i, end); (ok && !a.administration(end)) || a.personEvidence(i, end) {
			if !ok {
				v = -1
			}
			p := a.addPersonGz(i, end, nil, v)
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

// nameRun returns the end of a personal name starting at toks[i], or i when
// none starts there. A name is capitalised words, initials, particles ("bin",
// "von der"), hyphenated parts ("Kosiniak-Kamysz", "Seon-ho"), a bracketed
// insertion ("General [John R.] Allen") and a suffix ("Jr.", "III").
func (a *analysis) nameRun(i int) int {
	j, words := i, 0
	for j < len(a.toks) && a.toks[j].para == a.toks[i].para && words < 7 {
		t := a.toks[j]
		switch {
		case t.kind == wordTok && words > 0 && t.flags&wSuffix != 0 && t.cap:
			j++
			return j
		case t.kind == wordTok && t.cap && a.nameWord(j):
			j++
			words++
			continue
		case t.kind == wordTok && words > 0 && t.flags&wParticle != 0 && j+1 < len(a.toks) &&
			a.toks[j+1].cap && a.nameWord(j+1):
			j++
			continue
		case t.key == "-" && t.glued && words > 0 && j+1 < len(a.toks) && a.toks[j+1].glued &&
			a.toks[j+1].kind == wordTok && a.orgAt[j+1] < 0 && a.placeAt[j+1] < 0:
			j += 2
			continue
		case t.key == "[" && (words > 0 || j == i):
			if k := a.bracketedName(j); k > j {
				j = k
				continue
			}
		case t.key == "," && words > 0 && j+1 < len(a.toks) && (a.toks[j+1].low == "jr." || a.toks[j+1].low == "jr"):
			return j + 2
		}
		break
	}
	if words == 0 {
		return i
	}
	return j
}

// nameWord reports whether toks[j] may be part of a personal name: not a
// function word, not a title, not a country or organisation word.
func (a *analysis) nameWord(j int) bool {
	t := a.toks[j]
	if t.flags&wStop != 0 || a.orgAt[j] >= 0 || a.placeAt[j] >= 0 {
		return false
	}
	if len(t.key) > 1 && t.key == strings.ToUpper(t.key) && !strings.HasSuffix(t.key, ".") {
		return false // an acronym: "SRCC", "BRUSSELS"
	}
	if t.flags&wTitleStart != 0 {
		if e, _ := a.e.titles.match(a.toks, j); e > 0 {
			return false
		}
	}
	return true
}

func (a *analysis) bracketedName(j int) int {
	for k := j + 1; k < len(a.toks) && k < j+6; k++ {
		switch {
		case a.toks[k].key == "]":
			if k > j+1 {
				return k + 1
			}
			return j
		case a.toks[k].kind != wordTok || !a.toks[k].cap:
			return j
		}
	}
	return j
}

// listedPerson matches the gazetteer's people over exactly the name run.
func (a *analysis) listedPerson(s, e int) (int, bool) {
	end, v := a.e.people.match(a.toks, s)
	if end < 0 || end < e-1 || end > e {
		return -1, false
	}
	if end == e-1 && !nameSuffixes[a.toks[end].low] {
		return -1, false
	}
	return v, true
}

// personEvidence reports whether the grammar around a capitalised run shows
// a person: "Wang Yi said", "Richard Marles, Australia's deputy prime
// minister", "By Karen Parrish", "China's Wang Yi", "Yunus, who".
func (a *analysis) personEvidence(s, e int) bool {
	words := 0
	for k := s; k < e; k++ {
		if a.toks[k].kind == wordTok {
			words++
		}
	}
	if words < 2 {
		return false
	}
	if a.speechVerbAfter(e) >= 0 {
		return true
	}
	if e+1 < len(a.toks) && a.toks[e].key == "," {
		if a.toks[e+1].low == "who" {
			return true
		}
		if ch, ok := a.appositiveChain(e + 1); ok && !ch.honorific {
			return true
		}
	}
	if s > 0 && a.toks[s-1].low == "by" && (s == 1 || a.toks[s-2].para != a.toks[s-1].para) {
		return true
	}
	if a.possessiveCountry(s) != "" {
		return true
	}
	// "his spokesman, Salvador Panelo, said": a title set before the name.
	if s >= 2 && a.toks[s-1].key == "," && len(a.titleHits) > 0 {
		if h := a.titleHits[len(a.titleHits)-1]; h.chain.e == s-1 && !h.chain.honorific {
			return true
		}
	}
	if s > 0 && (a.toks[s-1].low == "counterpart" || a.toks[s-1].low == "counterparts") {
		return true
	}
	// The object of a meeting: "met with Hakan Fidan", "hosted Ilir Meta".
	k := s - 1
	if k >= 0 && a.toks[k].low == "with" {
		k--
	}
	return k >= 0 && meetingVerbs[a.toks[k].low]
}

// meetingVerbs take a person as their object in diplomatic news.
var meetingVerbs = setOf("met", "meets", "meet", "meeting", "hosted", "hosts", "welcomed", "welcomes",
	"thanked", "congratulated", "phoned", "called", "received", "receives", "spoke", "speaks", "talks")

// possessiveCountry returns the country of "China's" right before toks[s].
func (a *analysis) possessiveCountry(s int) string {
	if s > 1 && a.toks[s-1].kind == possTok && a.placeAt[s-2] >= 0 && a.places[a.placeAt[s-2]].form != formCapital {
		return a.places[a.placeAt[s-2]].iso
	}
	return ""
}

// appositiveChain parses a title after a comma: "the Special Representative
// of …", "Australia's deputy prime minister", "a former general".
func (a *analysis) appositiveChain(i int) (titleChain, bool) {
	switch a.toks[i].low {
	case "the", "a", "an", "his", "her", "its", "their":
		i++
	}
	if i >= len(a.toks) {
		return titleChain{}, false
	}
	return a.titleChain(i)
}

// speechVerbAfter returns the index of a speech verb right after toks[e]
// (allowing "also", "on Tuesday"), or -1.
func (a *analysis) speechVerbAfter(e int) int {
	for k := e; k < len(a.toks) && k < e+5 && a.toks[k].sent == a.toks[max(e-1, 0)].sent; k++ {
		t := a.toks[k]
		if t.kind != wordTok {
			return -1
		}
		if t.flags&wSpeech != 0 {
			return k
		}
		if t.flags&wFiller == 0 {
			return -1
		}
	}
	return -1
}

// afterName consumes "of Jordan" after a name ("King Abdullah II of Jordan")
// and returns the index after what it consumed.
func (a *analysis) afterName(p, e int) int {
	if e+1 < len(a.toks) && a.toks[e].low == "of" {
		if h := a.placeAt[e+1]; h >= 0 && a.places[h].form == formName && a.places[h].s == e+1 {
			if a.persons[p].country == "" {
				a.persons[p].country = a.places[h].iso
			}
			return a.places[h].e
		}
	}
	return e
}

// appositiveAfter adds the title of "NAME, the TITLE …".
func (a *analysis) appositiveAfter(p, e int) {
	if e+1 >= len(a.toks) || a.toks[e].key != "," {
		return
	}
	ch, ok := a.appositiveChain(e + 1)
	if !ok || ch.honorific || a.nameRun(ch.e) > ch.e {
		return
	}
	a.mergeChain(a.persons[p], &ch)
}

// appositiveBefore adds the title of "TITLE, Gen. NAME" ("U.S. Africa
// Command's new commander, Gen. Dagvin Anderson"): after the ranks the name
// carries.
func (a *analysis) appositiveBefore(p, s int) {
	if s < 2 || a.toks[s-1].key != "," || len(a.titleHits) == 0 {
		return
	}
	h := a.titleHits[len(a.titleHits)-1]
	if h.chain.e != s-1 || h.chain.honorific {
		return
	}
	a.mergeChain(a.persons[p], &h.chain)
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

// singleWord returns the word of a one-word name run, or "".
func (a *analysis) singleWord(s, e int) string {
	if e-s == 1 {
		return a.toks[s].key
	}
	return ""
}

// surnameMatch finds the listed person a bare surname after a title means:
// "President Obama", "Secretary Clinton" (Hillary, not Bill).
func (a *analysis) surnameMatch(word string, ch *titleChain) int {
	cands := a.e.surnames[word]
	if len(cands) == 0 {
		return -1
	}
	var fit []int
	for _, c := range cands {
		if ch == nil || rolesFit(a.e.g.People()[c].Roles, ch.lows) {
			fit = append(fit, c)
		}
	}
	if len(fit) == 1 {
		return fit[0]
	}
	return -1
}

func rolesFit(roles, lows []string) bool {
	if len(lows) == 0 {
		return true
	}
	for _, r := range roles {
		rl := lower(r)
		for _, l := range lows {
			if strings.Contains(l, rl) || strings.Contains(rl, l) {
				return true
			}
		}
	}
	return false
}

// addPersonGz records a mention of the person named by toks[s:e] and returns
// the person's index, merging with someone already named.
func (a *analysis) addPersonGz(s, e int, ch *titleChain, gz int) int {
	words := a.nameWords(s, e)
	name := strings.Join(words, " ")
	if gz >= 0 {
		name = a.e.g.People()[gz].Name
	}
	idx := a.findPerson(name, words, gz)
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

func (a *analysis) addMention(m personMention) {
	for k := m.s; k < m.e; k++ {
		a.personAt[k] = int32(len(a.pmentions))
	}
	a.pmentions = append(a.pmentions, m)
}

// findPerson returns the index of a person already named that name or words
// refer to, or -1.
func (a *analysis) findPerson(name string, words []string, gz int) int {
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
	for i, p := range a.persons {
		if len(p.words) == 1 && p.words[0] == last && p.gz < 0 {
			return i
		}
	}
	return -1
}

// nameWords returns the words of a name run without initials, suffixes and
// brackets, joining hyphenated parts.
func (a *analysis) nameWords(s, e int) []string {
	var words []string
	for k := s; k < e; k++ {
		t := a.toks[k]
		switch {
		case t.key == "-" && len(words) > 0 && k+1 < e:
			words[len(words)-1] += "-" + a.toks[k+1].key
			k++
		case t.kind != wordTok:
		case nameSuffixes[t.low]:
			// "Abdullah II": one name and a numeral is a regnal name, kept;
			// "Lloyd J. Austin III" drops it.
			if len(words) == 1 && t.cap && strings.Trim(t.low, "iv") == "" {
				words = append(words, t.key)
			}
		case strings.HasSuffix(t.key, ".") && len([]rune(t.key)) <= 5 && strings.Count(t.key, ".") >= 1 && isInitials(t.key):
		default:
			words = append(words, t.key)
		}
	}
	return words
}

// isInitials reports whether w is one or more initials ("J.", "R.", "H.W.").
func isInitials(w string) bool {
	for _, part := range strings.Split(strings.TrimSuffix(w, "."), ".") {
		if len([]rune(part)) != 1 {
			return false
		}
	}
	return true
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// personByWord returns the person whose name has the word, preferring a
// surname match and the latest mention before token before (-1: any).
func (a *analysis) personByWord(w string, before int) int {
	best, bestScore := -1, -1
	for i, p := range a.persons {
		score := -1
		for k, pw := range p.words {
			if pw == w {
				score = 1
				if k == len(p.words)-1 {
					score = 2
				}
			}
		}
		if score > bestScore || (score == bestScore && score > 0 && a.lastMention(i, before) > a.lastMention(best, before)) {
			best, bestScore = i, score
		}
	}
	if bestScore <= 0 {
		return -1
	}
	return best
}

func (a *analysis) lastMention(p, before int) int {
	last := -1
	for _, m := range a.pmentions {
		if m.p == p && (before < 0 || m.s < before) && m.s > last {
			last = m.s
		}
	}
	return last
}

// resolveShortMentions links remaining capitalised words to people already
// named: "Stoltenberg made the comments", "Wang and Blinken".
func (a *analysis) resolveShortMentions() {
	for i := 0; i < len(a.toks); {
		t := a.toks[i]
		if t.kind != wordTok || !t.cap || a.personAt[i] >= 0 || t.flags&wStop != 0 {
			i++
			continue
		}
		end := a.nameRun(i)
		if end == i || len(a.nameWords(i, end)) == 0 {
			i++
			continue
		}
		words := a.nameWords(i, end)
		p := -1
		if len(words) > 0 {
			p = a.personByWord(words[len(words)-1], i)
			if p >= 0 {
				for _, w := range words {
					if !containsString(a.persons[p].words, w) {
						p = -1
						break
					}
				}
			}
		}
		if p >= 0 && !a.administration(end) {
			a.addMention(personMention{s: i, e: end, p: p, kind: mentionShort})
		}
		i = end
	}
}

// administration reports "Biden administration": a government, not the person.
func (a *analysis) administration(e int) bool {
	return e < len(a.toks) && (a.toks[e].low == "administration" || a.toks[e].low == "administration's")
}

// inheritCountries gives a coordinated person the country of the one before
// ("Djiboutian Minister of Defense X and Chief of Defense General Y").
func (a *analysis) inheritCountries() {
	for i := 1; i < len(a.pmentions); i++ {
		prev, cur := a.pmentions[i-1], a.pmentions[i]
		pp, cp := a.persons[prev.p], a.persons[cur.p]
		if cp.country != "" || pp.country == "" || prev.p == cur.p || cur.kind != mentionName {
			continue
		}
		if prev.e < len(a.toks) && a.toks[prev.e].low == "and" && a.startsChainAt(prev.e+1, cur.s) {
			cp.country = pp.country
		}
	}
}

// startsChainAt reports whether a title chain without a country of its own
// runs from s to the name at e.
func (a *analysis) startsChainAt(s, e int) bool {
	ch, ok := a.titleChain(s)
	return ok && ch.e == e && ch.country == "" && ch.org < 0
}
