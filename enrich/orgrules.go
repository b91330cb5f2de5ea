package enrich

import (
	"strings"

	"github.com/shuttlenews/shuttle/gazetteer"
)

// Organisations no table lists, found by how news names them: a capitalised
// name ending in a head noun ("Istanbul Policy Center", "Indian Army"), a
// country's armed forces or parliament ("the Turkish military", "Lebanon's
// parliament"), and a name set after the noun that says what it is ("the
// Argentine newspaper Perfil", "the bloc, known as CELAC").

// orgHeads are the last word of an organisation's name, with the type the
// word gives it. Words that also end names of places, events or documents
// ("Council", "Group", "Forum") are left out: they would guess wrong.
var orgHeads = map[string]string{
	"institute": gazetteer.NGO, "center": gazetteer.NGO, "centre": gazetteer.NGO,
	"foundation": gazetteer.NGO, "association": gazetteer.NGO, "society": gazetteer.NGO,
	"watch": gazetteer.NGO, "army": gazetteer.Military, "navy": gazetteer.Military,
	"regiment": gazetteer.Military, "brigade": gazetteer.Military, "battalion": gazetteer.Military,
	"corps": gazetteer.Military, "forces": gazetteer.Military, "cabinet": gazetteer.Agency,
	"government": gazetteer.Agency, "party": gazetteer.Party, "bank": gazetteer.Company,
	"corporation": gazetteer.Company, "airlines": gazetteer.Company,
}

// orgNameWords bounds an inferred name: longer capitalised runs are titles
// of works or headlines, not bodies.
const orgNameWords = 6

// orgCueNouns introduce a name by what it is: "the newspaper Perfil".
var orgCueNouns = map[string]string{
	"newspaper": gazetteer.Media, "daily": gazetteer.Media, "broadcaster": gazetteer.Media,
	"magazine": gazetteer.Media, "tabloid": gazetteer.Media, "weekly": gazetteer.Media,
	"channel": gazetteer.Media, "outlet": gazetteer.Media, "consultancy": gazetteer.Company,
	"firm": gazetteer.Company, "company": gazetteer.Company, "lender": gazetteer.Company,
	"conglomerate": gazetteer.Company, "bloc": gazetteer.Multilateral,
	"grouping": gazetteer.Multilateral,
}

// findRuleOrgs runs after the tables' organisations and places are marked.
func (a *analysis) findRuleOrgs() {
	for i := 0; i < len(a.toks); i++ {
		t := a.toks[i]
		if t.kind != wordTok || a.orgAt[i] >= 0 || a.inQuote[i] {
			continue
		}
		if typ, ok := orgCueNouns[t.low]; ok && !t.cap {
			if e := a.orgNameAfterCue(i + 1); e > 0 {
				a.addInferredOrg(a.cueStart(i+1), e, typ, "named after \""+t.low+"\"")
				i = e - 1
			}
			continue
		}
		if t.cap && (t.flags&wStop == 0 || portfolio[t.low] && !small[t.low]) || a.placeAt[i] >= 0 {
			if e, typ := a.headedName(i); e > 0 {
				if !a.venue(i, e) {
					a.addInferredOrg(i, e, typ, "name ends in "+titleCase(a.toks[e-1].low))
				}
				i = e - 1
			}
		}
	}
	a.findNationalBodies()
	a.dropModifyingUN()
}

// dropModifyingUN removes "UN" that only modifies a UN body named right
// after it ("the UN peacekeeping force Unifil"): the body is the entity.
func (a *analysis) dropModifyingUN() {
	for i := 0; i+1 < len(a.orgs); i++ {
		h, next := a.orgs[i], a.orgs[i+1]
		if h.org >= len(a.e.orgList) || a.org(h.org).name != "United Nations" || next.s-h.e > 3 || next.s < h.e {
			continue
		}
		lower := true
		for k := h.e; k < next.s; k++ {
			lower = lower && a.toks[k].kind == wordTok && !a.toks[k].cap
		}
		if lower {
			for k := h.s; k < h.e; k++ {
				a.orgAt[k] = -1
			}
			a.orgs = append(a.orgs[:i], a.orgs[i+1:]...)
			for k := range a.orgAt {
				if a.orgAt[k] > int32(i) {
					a.orgAt[k]--
				}
			}
		}
	}
}

// cueStart skips ", known as" between a cue noun and its name.
func (a *analysis) cueStart(i int) int {
	if i+2 < len(a.toks) && a.toks[i].key == "," && a.toks[i+1].low == "known" && a.toks[i+2].low == "as" {
		return i + 3
	}
	return i
}

// orgNameAfterCue returns the end of a capitalised name right after a cue
// noun, or -1: "the newspaper Perfil", "the bloc, known as CELAC".
func (a *analysis) orgNameAfterCue(i int) int {
	i = a.cueStart(i)
	e := i
	for e < len(a.toks) && e < i+orgNameWords && a.toks[e].kind == wordTok && a.toks[e].cap &&
		a.toks[e].flags&wStop == 0 && a.orgAt[e] < 0 && a.placeAt[e] < 0 && a.toks[e].para == a.toks[i].para {
		e++
	}
	if e == i {
		return -1
	}
	return e
}

// headedName returns the end and type of a capitalised name starting at
// toks[i] whose last word is an organisation head ("Middle East Institute",
// "Assistance Association for Political Prisoners"), or -1. A run with a
// listed organisation inside it is left to the table.
func (a *analysis) headedName(i int) (int, string) {
	end, typ, words := -1, "", 0
	for k := i; k < len(a.toks) && words < orgNameWords && a.toks[k].para == a.toks[i].para; k++ {
		t := a.toks[k]
		switch {
		case a.orgAt[k] >= 0:
			return -1, ""
		case t.key == "-" && t.glued:
			continue
		case t.kind != wordTok:
			return end, typ
		case !t.cap && (t.low == "for" || t.low == "of" || t.low == "and") && end < 0:
			continue // "Association for …" after its head is taken below
		case !t.cap:
			return end, typ
		}
		words++
		if h, ok := orgHeads[t.low]; ok && words > 1 || ok && k > i && a.placeAt[i] >= 0 {
			end, typ = k+1, h
			// "Association for Political Prisoners": a complement of
			// capitalised words after the head belongs to the name.
			if k+2 < len(a.toks) && (a.toks[k+1].low == "for" || a.toks[k+1].low == "of") {
				m := k + 2
				for m < len(a.toks) && m < k+2+orgNameWords && a.toks[m].kind == wordTok && a.toks[m].cap &&
					a.toks[m].flags&wStop == 0 && a.orgAt[m] < 0 && a.placeAt[m] < 0 {
					m++
				}
				if m > k+2 {
					end = m
				}
			}
			return end, typ
		}
		if t.flags&wStop != 0 && a.placeAt[k] < 0 && !portfolio[t.low] {
			return -1, "" // "Camp David", "Defense Department" are not a new body
		}
	}
	return end, typ
}

// venue reports a building named as a place ("senior officials at the Joint
// Operations Coordination Center"): a Center after a locative is where
// people met, which the annotations do not count as a body.
func (a *analysis) venue(s, e int) bool {
	if h := a.toks[e-1].low; h != "center" && h != "centre" {
		return false
	}
	p := s - 1
	if p >= 0 && a.toks[p].low == "the" {
		p--
	}
	// "an analyst at the Istanbul Policy Center" is an affiliation.
	return p >= 0 && a.toks[p].flags&wLocative != 0 && (p == 0 || !roleNouns[a.toks[p-1].low])
}

// bodyVerbs may follow a country's body used as a subject ("the Turkish
// military said"); any other word after "military" makes it an adjective
// ("a Russian military aircraft", "Myanmar's military government").
var bodyVerbs = setOf("is", "was", "were", "are", "has", "had", "have", "will", "would", "could",
	"did", "does", "must", "should", "may", "can")

// nationalBodyNouns after a country are that country's institutions, named
// as the annotations name them ("the Turkish military" → Turkish Armed
// Forces, "Lebanon's parliament" → Parliament of Lebanon).
var nationalBodyNouns = map[string]string{
	"military": "armed forces", "armed": "armed forces", "army": "armed forces", "parliament": "parliament",
}

// findNationalBodies names a country's armed forces and parliament from a
// demonym or possessive before the noun. A force the gazetteer lists for the
// country (Israel Defense Forces) is used under its own name.
func (a *analysis) findNationalBodies() {
	for _, h := range a.places {
		if h.drop || h.form == formCapital || h.iso == "US" {
			continue
		}
		j := h.e
		if j < len(a.toks) && a.toks[j].kind == possTok {
			j++
		}
		if j >= len(a.toks) || a.orgAt[j] >= 0 || a.toks[j].cap {
			continue
		}
		kind, ok := nationalBodyNouns[a.toks[j].low]
		if !ok {
			continue
		}
		end := j + 1
		if a.toks[j].low == "armed" {
			if end >= len(a.toks) || a.toks[end].low != "forces" {
				continue
			}
			end++
		}
		if kind != "parliament" && end < len(a.toks) && a.toks[end].kind == wordTok && a.toks[end].flags&(wSpeech|wFiller) == 0 &&
			!bodyVerbs[a.toks[end].low] && !strings.HasSuffix(a.toks[end].low, "ed") {
			continue
		}
		if kind != "parliament" {
			if o := a.nationalForce(h.iso); o >= 0 {
				a.addOrg(h.s, end, o)
				continue
			}
		}
		c, _ := a.e.g.Country(h.iso)
		var name, typ string
		switch {
		case kind == "parliament":
			name, typ = "Parliament of "+c.Name, gazetteer.Agency
		case len(c.Demonyms) == 0:
			continue
		default:
			// "the Lebanese army", "Sudan's army": the annotations name a
			// national force by its institution, the Armed Forces.
			name, typ = c.Demonyms[0]+" Armed Forces", gazetteer.Military
		}
		a.addNamedOrg(h.s, end, orgInfo{name: name, typ: typ, country: h.iso, evidence: "country's " + a.toks[j].low})
	}
}

// nationalForce returns the gazetteer's armed force of a country, or -1.
func (a *analysis) nationalForce(iso string) int {
	for i, o := range a.e.orgList {
		if o.country == iso && o.typ == gazetteer.Military &&
			(strings.Contains(o.name, "Forces") || strings.HasSuffix(o.name, "Army")) {
			return i
		}
	}
	return -1
}

func (a *analysis) addInferredOrg(s, e int, typ, evidence string) {
	name := a.tokText(s, e)
	a.addNamedOrg(s, e, orgInfo{name: name, typ: typ, evidence: evidence})
}

// addNamedOrg marks an organisation found by rule, once per name.
func (a *analysis) addNamedOrg(s, e int, o orgInfo) {
	idx := -1
	for k, x := range a.extra {
		if x.name == o.name {
			idx = len(a.e.orgList) + k
		}
	}
	if idx < 0 {
		idx = len(a.e.orgList) + len(a.extra)
		a.extra = append(a.extra, o)
	}
	a.addOrg(s, e, idx)
}
