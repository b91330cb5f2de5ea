package enrich

import (
	"strings"

	"github.com/shuttlenews/shuttle/gazetteer"
)

// titleChain is the run of words before (or after) a name that says who the
// person is: "Poland's Deputy Prime Minister and Defense Minister",
// "Pentagon Press Secretary Brig. Gen.", "U.S. Ambassador to Somalia".
type titleChain struct {
	s, e      int
	parts     []string // titles as the person's record shows them, in text order
	lows      []string // the same in lower case, for "the secretary general" later
	country   string   // the state the prefix or an "of <country>" names
	org       int      // the body the title belongs to, or -1
	us        bool     // a bare U.S. office ("Secretary of State")
	honorific bool     // Mr., Ms., Dr.: introduces a name but is no title
	female    bool
	ranks     int // how many parts are military ranks
}

// droppedModifiers qualify a title in passing and are left out of it ("the
// new commander", "the top diplomat").
var droppedModifiers = setOf("new", "top", "then", "current", "newly", "appointed", "sitting")

// portfolio words may follow "of" or "for" inside a title ("Minister of
// National Defense", "High Representative for Foreign Affairs and Security
// Policy") without being taken for the holder's name.
var portfolio = setOf("defense", "defence", "foreign", "affairs", "national", "state", "security",
	"interior", "finance", "policy", "commerce", "treasury", "energy", "justice", "health", "trade",
	"economy", "economic", "intelligence", "homeland", "staff", "operations", "political", "military",
	"public", "diplomacy", "arms", "control", "international", "european", "asian", "african",
	"naval", "army", "air", "force", "forces", "the", "and", "external", "home", "internal",
	"development", "cooperation", "war", "navy", "marine", "corps", "general", "peace",
	"human", "rights", "refugees", "migration", "counterterrorism", "terrorism", "global",
	"management", "resources", "relations", "multilateral", "bilateral", "strategic", "planning",
	"communications", "information", "legislative", "legal", "europe", "asia", "africa",
	"americas", "pacific", "east", "west", "north", "south", "middle", "near", "affairs,",
	"chairperson", "chairman", "commission", "president", "secretary", "department", "ministry",
	"office", "council", "assembly", "bureau", "agency", "union", "special", "representative",
	"command", "operation", "mission", "arms", "nonproliferation", "disarmament", "space", "cyber")

// mayOpenChain is a cheap test that spares most words the full parse.
func (a *analysis) mayOpenChain(i int) bool {
	t := a.toks[i]
	if t.kind != wordTok {
		return false
	}
	if (a.placeAt[i] >= 0 && a.places[a.placeAt[i]].s == i) || (a.orgAt[i] >= 0 && a.orgs[a.orgAt[i]].s == i) {
		return true
	}
	return t.flags&(wTitleStart|wModifier|wDropped) != 0 || (t.cap && t.flags&wPortfolio != 0)
}

// titleChain parses a title chain starting at toks[i].
func (a *analysis) titleChain(i int) (titleChain, bool) {
	ch := titleChain{s: i, org: -1}
	if !a.mayOpenChain(i) {
		return ch, false
	}
	j, orgText, orgPoss := a.titlePrefix(i, &ch)
	countryText := ""
	if orgText == "" && j > i {
		countryText = a.tokText(i, j)
	}
	first := true
	for {
		k, part, t, ok := a.titleUnit(j)
		if !ok && !first && j+1 < len(a.toks) && a.toks[j].low == "and" {
			// "… Security Policy and Vice President of …", "OSCE
			// Chairman-in-Office and Polish Foreign Minister": a second office.
			n := j + 1
			if h := a.placeAt[n]; h >= 0 && a.places[h].s == n && a.places[h].form != formCapital {
				if ch.country == "" {
					ch.country = a.places[h].iso
				}
				n = a.places[h].e
				if n < len(a.toks) && a.toks[n].kind == possTok {
					n++
				}
			}
			if k2, part2, t2, ok2 := a.titleUnit(n); ok2 && t2.Kind == gazetteer.Office {
				k, part, t, ok = k2, part2, t2, ok2
			}
		}
		if !ok {
			break
		}
		if first && countryText != "" && strings.Contains(part, " to ") {
			// "U.S. Ambassador to Somalia" keeps the sending country, which
			// the complement would otherwise seem to replace.
			part = countryText + " " + part
		}
		if first && orgText != "" && t.Kind == gazetteer.Office {
			// "NATO Secretary General", "Pentagon Press Secretary": the body
			// is part of the title ("U.S. Africa Command's commander" is the
			// "Commander of U.S. Africa Command"); a country adjective is not.
			if orgPoss {
				part += " of " + a.org(ch.org).name
			} else {
				part = orgText + " " + part
			}
		}
		ch.parts = append(ch.parts, part)
		ch.lows = append(ch.lows, lower(part))
		if t.Kind == gazetteer.Rank {
			ch.ranks++
		}
		ch.us = ch.us || t.US
		ch.honorific = t.Kind == gazetteer.Honorific && len(ch.parts) == 1
		if femaleWords[t.Noun] || femaleWords[lower(t.Form)] {
			ch.female = true
		}
		j, first = k, false
	}
	if len(ch.parts) == 0 {
		return ch, false
	}
	if ch.honorific {
		ch.parts, ch.lows = nil, nil
	}
	ch.e = j
	return ch, true
}

// titlePrefix consumes a country or organisation before a title ("French",
// "Poland's", "Republic of Korea (ROK)", "NATO", "U.S. Africa Command's") and
// returns the index after it, with the organisation's words as written.
func (a *analysis) titlePrefix(i int, ch *titleChain) (j int, orgText string, orgPoss bool) {
	j = i
	for j < len(a.toks) {
		switch {
		case a.orgAt[j] >= 0 && a.orgs[a.orgAt[j]].s == j:
			if a.titleEndsAfterOrg(j) {
				return j, orgText, orgPoss // "Foreign Ministry Spokeswoman" is a title
			}
			h := a.orgs[a.orgAt[j]]
			ch.org = h.org
			if c := a.org(h.org).country; c != "" && ch.country == "" {
				ch.country = c
			}
			orgText, orgPoss = a.tokText(j, h.e), false
			j = h.e
		case a.placeAt[j] >= 0 && a.places[a.placeAt[j]].s == j && a.places[a.placeAt[j]].form != formCapital:
			h := a.places[a.placeAt[j]]
			if ch.country == "" {
				ch.country = h.iso
			}
			j = h.e
		default:
			return j, orgText, orgPoss
		}
		if j < len(a.toks) && a.toks[j].kind == possTok {
			j++
			orgPoss = orgText != ""
		}
		j = a.skipAcronym(j)
	}
	return j, orgText, orgPoss
}

// titleEndsAfterOrg reports whether a title matched at j reaches past the
// organisation that also starts at j.
func (a *analysis) titleEndsAfterOrg(j int) bool {
	k, _, _, ok := a.titleUnit(j)
	return ok && k > a.orgs[a.orgAt[j]].e
}

// skipAcronym steps over a parenthesised abbreviation: "Republic of Korea (ROK)".
func (a *analysis) skipAcronym(j int) int {
	if j+2 < len(a.toks) && a.toks[j].key == "(" && a.toks[j+2].key == ")" && a.toks[j+1].kind == wordTok {
		return j + 3
	}
	return j
}

// titleUnit parses modifiers, a title and its "of …" complement, and titles
// joined to it by "and" ("Deputy Prime Minister and Defense Minister").
func (a *analysis) titleUnit(j int) (end int, text string, t gazetteer.Title, ok bool) {
	var words []string
	k := j
	for k < len(a.toks) && a.toks[k].kind == wordTok {
		if e, v := a.e.titles.match(a.toks, k); e > 0 {
			t = a.e.titleList[v]
			words = append(words, t.Title)
			k = e
			ok = true
			break
		}
		l := a.toks[k].low
		// A portfolio before the head counts only in capitals ("Health
		// Minister"), so that prose ("security minister") stays prose.
		capPortfolio := portfolio[l] && a.toks[k].cap && !small[l] && a.orgAt[k] < 0 && a.placeAt[k] < 0
		if !a.e.modifiers[l] && !droppedModifiers[l] && !capPortfolio {
			return j, "", t, false
		}
		if !droppedModifiers[l] {
			words = append(words, titleCase(a.toks[k].key))
		}
		k++
	}
	if !ok {
		return j, "", t, false
	}
	if t.Kind == gazetteer.Honorific {
		return k, t.Title, t, true
	}
	before := k
	k, words = a.titleComplement(k, words)
	// "… Minister and Defense Minister": another title joined by "and", one
	// post held twice over; after a complement it is a second office.
	if k == before && k+1 < len(a.toks) && a.toks[k].low == "and" {
		if e2, text2, t2, ok2 := a.titleUnit(k + 1); ok2 && t2.Kind == gazetteer.Office && t.Kind == gazetteer.Office {
			words = append(words, "and", text2)
			k = e2
		}
	}
	return k, strings.Join(words, " "), t, true
}

// titleComplement consumes "of National Defense", "for Somalia", "to
// Somalia", "of the African Union Commission (SRCC)" after a title.
func (a *analysis) titleComplement(k int, words []string) (int, []string) {
	for k+1 < len(a.toks) {
		l := a.toks[k].low
		if l != "of" && l != "for" && l != "to" {
			return k, words
		}
		m := k + 1
		var comp []string
		for m < len(a.toks) && a.toks[m].para == a.toks[k].para {
			t := a.toks[m]
			switch {
			case a.orgAt[m] >= 0 && a.orgs[a.orgAt[m]].s == m:
				h := a.orgs[a.orgAt[m]]
				comp = append(comp, a.tokText(m, h.e))
				m = a.skipAcronym(h.e)
				continue
			case a.placeAt[m] >= 0 && a.places[a.placeAt[m]].s == m && a.places[a.placeAt[m]].form == formName:
				h := a.places[a.placeAt[m]]
				comp = append(comp, a.tokText(m, h.e))
				m = h.e
				continue
			case t.kind == wordTok && portfolio[t.low]:
				comp = append(comp, titleCase(t.key))
				m++
				continue
			}
			break
		}
		// A complement must name something: trailing "the"/"and" go back.
		for len(comp) > 0 && (comp[len(comp)-1] == "the" || comp[len(comp)-1] == "and") {
			comp = comp[:len(comp)-1]
			m--
		}
		if len(comp) == 0 {
			return k, words
		}
		words = append(words, l)
		words = append(words, comp...)
		k = m
	}
	return k, words
}

// titleCase writes a title word as an office is written ("deputy" → "Deputy").
func titleCase(w string) string {
	if w == "" || small[w] {
		return w
	}
	r := []rune(w)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

var small = setOf("of", "for", "and", "the", "to", "in", "on", "at")

// renderTitle writes title words the way an office is written whatever the
// text's case ("deputy prime minister" → "Deputy Prime Minister").
func renderTitle(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if i == 0 || !small[lower(w)] {
			words[i] = titleCase(w)
		} else {
			words[i] = lower(w)
		}
	}
	return strings.Join(words, " ")
}
