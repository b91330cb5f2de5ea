package enrich

// Evidence that a capitalised run is a person, and the titles and countries
// the words around a name give them.

// personEvidence returns the cue by which the grammar around a capitalised run shows
// a person: "Wang Yi said", "Richard Marles, Australia's deputy prime
// minister", "China's Wang Yi", "Yunus, who".
func (a *analysis) personEvidence(s, e int) string {
	words := 0
	for k := s; k < e; k++ {
		if a.toks[k].kind == wordTok {
			words++
		}
	}
	if words < 2 {
		return ""
	}
	switch {
	case a.speechVerbAfter(e) >= 0:
		return "speech verb"
	case a.invertedSpeech(s):
		return "inverted attribution"
	case a.roleApposition(e):
		return "apposition"
	case a.roleBefore(s):
		return "role before the name"
	}
	if e+1 < len(a.toks) && a.toks[e].key == "," {
		if a.toks[e+1].low == "who" {
			return "relative clause"
		}
		if ch, ok := a.appositiveChain(e + 1); ok && !ch.honorific {
			return "apposition"
		}
	}
	if a.possessiveCountry(s) != "" {
		return "country possessive"
	}
	// "his spokesman, Salvador Panelo, said": a title set before the name.
	if s >= 2 && a.toks[s-1].key == "," && len(a.titleHits) > 0 {
		if h := a.titleHits[len(a.titleHits)-1]; h.chain.e == s-1 && !h.chain.honorific {
			return "title before the name"
		}
	}
	if s > 0 && (a.toks[s-1].low == "counterpart" || a.toks[s-1].low == "counterparts") {
		return "counterpart"
	}
	// The object of a meeting: "met with Hakan Fidan", "hosted Ilir Meta".
	k := s - 1
	if k >= 0 && a.toks[k].low == "with" {
		k--
	}
	if k >= 0 && meetingVerbs[a.toks[k].low] {
		return "object of a meeting"
	}
	return ""
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

// invertedSpeech reports a name after its speech verb at the end of a
// quotation, "…," said Deniz Arslanbek: AP and Reuters style inverts the
// attribution when the speaker needs an apposition.
func (a *analysis) invertedSpeech(s int) bool {
	if s < 2 || a.toks[s-1].flags&wSpeech == 0 || a.toks[s-1].cap {
		return false
	}
	p := a.toks[s-2]
	return p.kind == quoteTok || p.key == ","
}

// appositionWords bounds the words searched after "NAME, a …" for the noun
// that says what the person is ("a foreign policy analyst at …"); further
// than this the phrase is a clause, not an apposition.
const appositionWords = 6

// roleApposition reports "NAME, a foreign policy analyst", "NAME, the
// Saudi journalist", "NAME, its Arabic-language spokesman", "NAME, 41,": an
// apposition whose head is a role noun or an age.
func (a *analysis) roleApposition(e int) bool {
	if e+1 >= len(a.toks) || a.toks[e].key != "," {
		return false
	}
	k := e + 1
	if t := a.toks[k]; isDigitByte(t.key[0]) && len(t.key) <= 3 && k+1 < len(a.toks) && a.toks[k+1].key == "," {
		return true // an age
	}
	switch a.toks[k].low {
	case "a", "an", "the", "his", "her", "its", "their":
		k++
	default:
		if a.possessiveCountry(k+2) == "" && !(k+1 < len(a.toks) && a.toks[k+1].kind == possTok) {
			return false
		}
	}
	return a.roleNounWithin(k, appositionWords)
}

// roleBefore reports "The chief Iranian negotiator, Abbas Araghchi," and
// "An opposition parliament member, Ababu Namwamba,": a role phrase set
// before the name and closed by a comma.
func (a *analysis) roleBefore(s int) bool {
	if s < 2 || a.toks[s-1].key != "," {
		return false
	}
	st := a.sentenceStart(s - 1)
	for k := s - 2; k >= st && k > s-2-appositionWords; k-- {
		t := a.toks[k]
		if t.kind != wordTok {
			return false
		}
		if roleNouns[t.low] {
			return a.toks[st].low == "the" || a.toks[st].low == "a" || a.toks[st].low == "an" || k == s-2
		}
	}
	return false
}

// roleNounWithin reports a role noun among the n words from toks[k], before
// any punctuation or verb.
func (a *analysis) roleNounWithin(k, n int) bool {
	for end := min(len(a.toks), k+n); k < end; k++ {
		t := a.toks[k]
		if t.kind == possTok || t.key == "-" {
			continue
		}
		if t.kind != wordTok || t.flags&wSpeech != 0 {
			return false
		}
		if roleNouns[t.low] {
			return true
		}
		if e, v := a.e.titles.match(a.toks, k); e > 0 && a.e.titleList[v].Kind != "honorific" {
			return true
		}
	}
	return false
}
