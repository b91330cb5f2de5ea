package enrich

import "strings"

// agent is who a speech verb's subject is: a person, an organisation, or an
// anonymous source ("a senior defense official").
type agent struct {
	person  int // index into persons, or -1
	org     int // organisation index, or -1
	unnamed string
}

var noAgent = agent{person: -1, org: -1}

func (g agent) ok() bool { return g.person >= 0 || g.org >= 0 || g.unnamed != "" }

// resolveReferences links pronouns and role nouns ("he", "the secretary
// general", "the top U.S. diplomat") to people already named, in text order,
// so that each resolved reference can itself be the antecedent of the next.
func (a *analysis) resolveReferences() {
	for i := 0; i < len(a.toks); i++ {
		t := a.toks[i]
		if t.kind != wordTok || a.personAt[i] >= 0 || a.inQuote[i] {
			continue
		}
		switch {
		case t.flags&(wMale|wFemale) != 0:
			if p := a.antecedent(i, t.flags&wFemale != 0); p >= 0 {
				a.addMention(personMention{s: i, e: i + 1, p: p, kind: mentionPronoun})
			}
		case t.low == "the" && i+1 < len(a.toks) && a.mayOpenRole(i+1):
			if end, p := a.roleReference(i); p >= 0 {
				a.addMention(personMention{s: i, e: end, p: p, kind: mentionRole})
				i = end - 1
			}
		}
	}
}

// mayOpenRole is a cheap test for the word after "the" in a role phrase.
func (a *analysis) mayOpenRole(j int) bool {
	if a.mayOpenChain(j) {
		return true
	}
	_, ok := roleSynonyms[a.toks[j].low]
	return ok
}

// antecedent picks the person a pronoun at toks[i] stands for: someone named
// earlier in the same sentence, else the subject (first person named) of the
// latest sentence that names one, within the last two paragraphs.
func (a *analysis) antecedent(i int, female bool) int {
	fits := func(p int) bool {
		if female {
			return a.persons[p].female || !a.anyFemale()
		}
		return !a.persons[p].female
	}
	sent := a.toks[i].sent
	best := -1
	for _, m := range a.pmentions {
		if m.s >= i || a.toks[i].para-a.toks[m.s].para > 2 || !fits(m.p) || a.inQuote[m.s] {
			continue
		}
		if a.toks[m.s].sent == sent {
			// The first person in the sentence is its subject.
			if best < 0 || a.toks[a.pmentions[best].s].sent != sent || m.s < a.pmentions[best].s {
				best = a.mentionIndex(m)
			}
			continue
		}
		if best >= 0 && a.toks[a.pmentions[best].s].sent == sent {
			continue
		}
		if best < 0 || a.toks[m.s].sent > a.toks[a.pmentions[best].s].sent ||
			(a.toks[m.s].sent == a.toks[a.pmentions[best].s].sent && m.s < a.pmentions[best].s) {
			best = a.mentionIndex(m)
		}
	}
	if best < 0 {
		return -1
	}
	return a.pmentions[best].p
}

func (a *analysis) mentionIndex(m personMention) int { return int(a.personAt[m.s]) }

func (a *analysis) anyFemale() bool {
	for _, p := range a.persons {
		if p.female {
			return true
		}
	}
	return false
}

// roleReference parses "the [NATO|U.S.|top] secretary general" at toks[i] and
// returns its end and the person named earlier who holds such a title.
func (a *analysis) roleReference(i int) (int, int) {
	end, noun, org, country := a.rolePhrase(i)
	if end < 0 {
		return -1, -1
	}
	want := roleSynonyms[noun]
	if want == nil {
		want = []string{noun}
	}
	best, bestAt := -1, -1
	for pi, p := range a.persons {
		if p.first >= i || !holdsRole(p, want) {
			continue
		}
		if org >= 0 && p.org != org && !strings.Contains(strings.Join(p.lows, " "), lower(a.org(org).name)) {
			continue
		}
		if country != "" && p.country != country {
			continue
		}
		if at := a.lastMention(pi, i); at > bestAt {
			best, bestAt = pi, at
		}
	}
	return end, best
}

func holdsRole(p *person, want []string) bool {
	for _, l := range p.lows {
		for _, w := range want {
			if strings.Contains(l, w) {
				return true
			}
		}
	}
	return false
}

// rolePhrase parses a definite description of an office holder: "the",
// then organisations, countries and modifiers, then a title or role noun.
func (a *analysis) rolePhrase(i int) (end int, noun string, org int, country string) {
	org = -1
	j := i + 1
	for j < len(a.toks) && a.toks[j].sent == a.toks[i].sent {
		t := a.toks[j]
		switch {
		case a.orgAt[j] >= 0 && a.orgs[a.orgAt[j]].s == j && !a.titleEndsAfterOrg(j):
			org = a.orgs[a.orgAt[j]].org
			j = a.orgs[a.orgAt[j]].e
			continue
		case a.placeAt[j] >= 0 && a.places[a.placeAt[j]].s == j && a.places[a.placeAt[j]].form != formCapital:
			country = a.places[a.placeAt[j]].iso
			j = a.places[a.placeAt[j]].e
			continue
		case t.kind == possTok:
			j++
			continue
		}
		if e, v := a.e.titles.match(a.toks, j); e > 0 && a.e.titleList[v].Kind != "honorific" {
			tt := a.e.titleList[v]
			noun = tt.Noun
			if noun == "" {
				noun = lower(tt.Title)
			}
			if a.nameRun(e) > e {
				return -1, "", -1, "" // a name follows: not a reference
			}
			return e, noun, org, country
		}
		if _, ok := roleSynonyms[t.low]; ok {
			return j + 1, t.low, org, country
		}
		if a.e.modifiers[t.low] || droppedModifiers[t.low] {
			j++
			continue
		}
		break
	}
	return -1, "", -1, ""
}

// agentAt parses a speaker phrase that starts at toks[i]: a name with its
// title ("China's foreign ministry spokeswoman Mao Ning"), a pronoun or role
// already resolved, an organisation ("the State Department"), an anonymous
// source, or a body or document standing for one ("the alliance", "the
// declaration"). It returns the agent and the index after the phrase.
func (a *analysis) agentAt(i int) (agent, int) {
	if i >= len(a.toks) {
		return noAgent, -1
	}
	if m := a.personAt[i]; m >= 0 {
		return agent{person: a.pmentions[m].p, org: -1}, a.pmentions[m].e
	}
	if ch, ok := a.titleChain(i); ok && ch.e < len(a.toks) {
		if m := a.personAt[ch.e]; m >= 0 {
			return agent{person: a.pmentions[m].p, org: -1}, a.pmentions[m].e
		}
	}
	j := i
	if a.toks[j].low == "the" || a.toks[j].low == "a" || a.toks[j].low == "an" {
		j++
	}
	if j < len(a.toks) {
		if h := a.orgAt[j]; h >= 0 && a.orgs[h].s == j {
			end := a.orgs[h].e
			// "ASEAN foreign ministers", "the ministry's spokesperson"
			for end < len(a.toks) && end < a.orgs[h].e+3 && a.toks[end].kind == wordTok &&
				(a.toks[end].low == "foreign" || a.toks[end].low == "defense" || strings.HasPrefix(a.toks[end].low, "minister") ||
					a.toks[end].low == "leaders" || a.toks[end].low == "officials") {
				end++
			}
			return agent{person: -1, org: a.orgs[h].org}, end
		}
	}
	if g, end := a.anonymous(i); g.ok() {
		return g, end
	}
	if g, end := a.memberGroup(i); g.ok() {
		return g, end
	}
	if j < len(a.toks) && (a.toks[i].low == "their" || a.toks[i].low == "its") {
		j = i + 1
	}
	if j < len(a.toks) && a.toks[j].low == "joint" {
		j++ // "their joint statement"
	}
	if j < len(a.toks) && j > i {
		w := a.toks[j].low
		if documentNouns[w] || (j+1 < len(a.toks) && documentNouns[a.toks[j+1].low] && a.toks[j].cap == false) {
			if o := a.documentIssuer(i, w); o >= 0 {
				end := j + 1
				if !documentNouns[w] {
					end++
				}
				return agent{person: -1, org: o}, end
			}
		}
		if typ, ok := bodyNouns[w]; ok {
			if o := a.latestOrg(i, typ); o >= 0 {
				return agent{person: -1, org: o}, j + 1
			}
		}
	}
	return noAgent, -1
}

// agentBefore finds the subject of the speech verb at toks[v]: the phrase
// that ends right before it, past fillers ("also", "on Tuesday") and a
// parenthetical ("Clinton, speaking to reporters, said").
func (a *analysis) agentBefore(v int) agent {
	k := v - 1
	for k >= 0 && a.toks[k].sent == a.toks[v].sent && a.toks[k].kind == wordTok && attributionFiller[a.toks[k].low] &&
		a.personAt[k] < 0 {
		k--
	}
	// "Its spokesman, Zhang Shuili, said": the name in apposition is the
	// speaker, not a parenthetical to skip.
	if k >= 1 && a.toks[k].key == "," && a.toks[k].sent == a.toks[v].sent {
		if m := a.personAt[k-1]; m >= 0 && a.pmentions[m].kind <= mentionShort && a.commaBefore(a.pmentions[m].s) {
			return agent{person: a.pmentions[m].p, org: -1}
		}
	}
	if k >= 0 && a.toks[k].key == "," {
		// Skip back over ", speaking to reporters on her plane,".
		for m := k - 1; m >= 0 && m > k-25 && a.toks[m].sent == a.toks[v].sent; m-- {
			if a.toks[m].key == "," {
				k = m - 1
				break
			}
			if a.toks[m].kind == quoteTok {
				break
			}
		}
	}
	if k < 0 || a.toks[k].sent != a.toks[v].sent {
		return noAgent
	}
	if m := a.personAt[k]; m >= 0 {
		return agent{person: a.pmentions[m].p, org: -1}
	}
	if h := a.orgAt[k]; h >= 0 {
		return agent{person: -1, org: a.orgs[h].org}
	}
	// Walk back to the start of a noun phrase ("the declaration", "a senior
	// defense official") and parse it forwards.
	for s := k; s >= 0 && s > k-6 && a.toks[s].sent == a.toks[v].sent; s-- {
		l := a.toks[s].low
		if l == "the" || l == "a" || l == "an" {
			if g, end := a.agentAt(s); g.ok() && end == k+1 {
				return g
			}
			break
		}
		if a.toks[s].kind != wordTok {
			break
		}
	}
	return noAgent
}

// anonymous parses "a senior defense official", "U.S. officials", "the
// official" into an unnamed source.
func (a *analysis) anonymous(i int) (agent, int) {
	var quals []string
	j := i
	for j < len(a.toks) && j < i+6 && a.toks[j].sent == a.toks[i].sent {
		t := a.toks[j]
		if t.kind != wordTok && t.key != "-" {
			break
		}
		if t.low == "official" || t.low == "officials" {
			name := "unnamed official"
			if len(quals) > 0 {
				name = "unnamed " + strings.Join(quals, " ") + " official"
			}
			return agent{person: -1, org: -1, unnamed: name}, j + 1
		}
		switch {
		case t.low == "a" || t.low == "an" || t.low == "the" || t.low == "one" || t.low == "two" ||
			t.low == "senior" || t.low == "top" || t.low == "high" || t.low == "ranking" || t.key == "-" ||
			t.low == "administration" || t.low == "government" || t.low == "several":
		case a.placeAt[j] >= 0:
		case t.kind == wordTok && !t.cap && len(t.low) > 2:
			quals = append(quals, t.low)
		default:
			return noAgent, -1
		}
		j++
	}
	return noAgent, -1
}

// groupNouns name a body's members speaking together ("the ministers said
// in a joint communique").
var groupNouns = setOf("ministers", "leaders", "members", "allies", "delegates", "heads")

// memberGroup parses "the [foreign] ministers", "Southeast Asian foreign
// ministers" as the multilateral body named last.
func (a *analysis) memberGroup(i int) (agent, int) {
	for j := i; j < len(a.toks) && j < i+5 && a.toks[j].kind == wordTok; j++ {
		if groupNouns[a.toks[j].low] {
			o := a.latestOrg(i+1, "Multilateral Organization")
			if o < 0 {
				o = a.latestOrg(len(a.toks), "Multilateral Organization")
			}
			if o >= 0 {
				return agent{person: -1, org: o}, j + 1
			}
			return noAgent, -1
		}
	}
	return noAgent, -1
}

// latestOrg returns the organisation named last before toks[i], of type typ
// when typ is set, or -1.
func (a *analysis) latestOrg(i int, typ string) int {
	for k := len(a.orgs) - 1; k >= 0; k-- {
		h := a.orgs[k]
		if h.s < i && (typ == "" || a.org(h.org).typ == typ) {
			return h.org
		}
	}
	return -1
}

// summitDocuments are issued by a multilateral body's meeting, so the body
// named most so far is their author ("The declaration said" in a G20 story
// that also names the African Union it admitted).
var summitDocuments = setOf("declaration", "communique", "communiqué", "statement")

// documentIssuer returns the organisation a document noun at toks[i] stands
// for: the multilateral body named most before it for a summit document,
// else the organisation named last.
func (a *analysis) documentIssuer(i int, noun string) int {
	if summitDocuments[noun] {
		count := map[int]int{}
		best, n := -1, 0
		for _, h := range a.orgs {
			if h.s >= i || a.org(h.org).typ != "Multilateral Organization" {
				continue
			}
			count[h.org]++
			if count[h.org] >= n {
				best, n = h.org, count[h.org]
			}
		}
		if best >= 0 {
			return best
		}
	}
	return a.latestOrg(i, "")
}

// commaBefore reports a name set off by a comma before it, past an honorific
// ("…, Dr S Jaishankar,"): an apposition, not the end of a clause such as
// "alongside French President Francois Hollande,".
func (a *analysis) commaBefore(s int) bool {
	j := s - 1
	for j >= 0 && j > s-3 && a.toks[j].kind == wordTok && a.toks[j].cap {
		if ch, ok := a.titleChain(j); !ok || !ch.honorific {
			return false
		}
		j--
	}
	return j >= 0 && a.toks[j].key == ","
}
