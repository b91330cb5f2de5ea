package enrich

// Personal names: where a name starts and ends in the tokens, its words, and
// the gazetteer record a name or bare surname stands for.

import (
	"strings"
)

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
		case t.kind == wordTok && words > 0 && t.flags&wParticle != 0:
			// "von der Leyen", "al-Assad", "bin Salman": particles, maybe
			// glued by a hyphen, then the capitalised rest of the name.
			k := a.particlesEnd(j)
			if k > j && k < len(a.toks) && a.toks[k].cap && a.toks[k].kind == wordTok && a.nameWord(k) {
				j = k
				continue
			}
		case t.kind == wordTok && words == 0 && t.cap && placeOpeners[t.low]:
			return i // "San José", "Mar del Plata", "Dar es Salaam": a place
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

// particlesEnd returns the index after the particles starting at toks[j]
// and the hyphens that glue them to the next word.
func (a *analysis) particlesEnd(j int) int {
	k := j
	for k < len(a.toks) && k < j+4 {
		t := a.toks[k]
		switch {
		case t.kind == wordTok && t.flags&wParticle != 0 && !t.cap || (k == j && t.flags&wParticle != 0):
			k++
		case t.key == "-" && t.glued && k > j && k+1 < len(a.toks) && a.toks[k+1].glued:
			k++
		default:
			return k
		}
	}
	return k
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

// listedBySurname finds the listed person a fuller or differently spelled
// name means when its surname is theirs and every other word is one of
// their names' words ("Tayyip Erdogan" is Recep Tayyip Erdoğan). One
// candidate only: two listed people sharing the surname leave it unresolved.
func (a *analysis) listedBySurname(words []string) int {
	last := words[len(words)-1]
	found := -1
	for _, c := range a.e.surnames[last] {
		g := a.e.g.People()[c]
		have := strings.Fields(g.Name)
		for _, al := range g.Aliases {
			have = append(have, strings.Fields(al)...)
		}
		ok := true
		for _, w := range words[:len(words)-1] {
			ok = ok && containsString(have, w)
		}
		if !ok {
			continue
		}
		if found >= 0 && found != c {
			return -1
		}
		found = c
	}
	return found
}
