package enrich

// Evidence that a capitalised run is a person, and the titles and countries
// the words around a name give them.

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
