package enrich

import (
	"github.com/shuttlenews/shuttle/gazetteer"
)

// primaryEntity chooses the one tag a news site would file the story under,
// in the order the editors' rules give:
//
//  1. a multilateral body the headline names, directly or through its
//     official ("Meeting with NATO Secretary General Rutte") → that body;
//  2. a headline about one counterpart ("Call With Israeli Minister of
//     Defense …", "Hosts Polish Counterpart") → the counterpart's country;
//  3. a multilateral body whose meeting the lead reports → that body;
//  4. a foreign country the headline names → the first one;
//  5. a U.S. command or other body the headline names → that body;
//  6. the lead's first foreign country, unless a command is touring several;
//  7. whatever the body mentions most.
//
// The United States is the home side of U.S.-government sources, so it is
// never the partner.
func primaryEntity(body, head *analysis) *Entity {
	if o, ok := head.visitingCommand(); ok {
		return &Entity{Name: o.name, Type: o.typ}
	}
	if iso, ok := head.headlineSubjectCountry(); ok {
		return countryEntity(body, iso)
	}
	if o, ok := head.headlineOrg(body, true); ok {
		return &Entity{Name: o.name, Type: o.typ}
	}
	countries := head.headlineCountries()
	if len(countries) > 0 && head.bilateral() {
		return countryEntity(body, countries[0])
	}
	if o, ok := body.leadMeeting(); ok {
		return &Entity{Name: o.name, Type: o.typ}
	}
	if len(countries) > 0 {
		return countryEntity(body, countries[0])
	}
	if o, ok := head.headlineOrg(body, false); ok {
		return &Entity{Name: o.name, Type: o.typ}
	}
	return body.fallbackEntity()
}

func countryEntity(a *analysis, iso string) *Entity {
	c, _ := a.e.g.Country(iso)
	return &Entity{Name: c.Name, Type: "Country"}
}

// visitVerbs make a headline about a tour ("SOUTHCOM Commander Visits
// Colombia, Ecuador").
var visitVerbs = setOf("visits", "visit", "tours", "tour", "travels")

// visitingCommand returns the military command a headline opens with when
// the headline reports its visit: the annotations file a command's visit
// under the command, not the countries it toured.
func (a *analysis) visitingCommand() (orgInfo, bool) {
	if len(a.orgs) == 0 || a.orgs[0].s != 0 {
		return orgInfo{}, false
	}
	o := a.org(a.orgs[0].org)
	if o.typ != gazetteer.Military {
		return orgInfo{}, false
	}
	for _, t := range a.toks {
		if visitVerbs[t.low] {
			return o, true
		}
	}
	return orgInfo{}, false
}

// headlineSubjectCountry returns the foreign country a headline opens with
// as its subject ("Cambodia Persists in Asean Border Resolution", "Annan to
// Leave Kenya …" does not open with it), unless a multilateral body's
// meeting is the headline's news ("Venezuela Crisis Looms Over OAS Meeting").
// It also takes a headline whose only multilateral link is a person's office
// ("Annan to Leave Kenya Sunday"): the country named outranks the office.
func (a *analysis) headlineSubjectCountry() (string, bool) {
	for _, h := range a.orgs {
		if a.org(h.org).typ == gazetteer.Multilateral && h.e < len(a.toks) && meetingWords[a.toks[h.e].low] {
			return "", false
		}
	}
	countries := a.headlineCountries()
	if len(countries) == 0 {
		return "", false
	}
	for _, h := range a.places {
		if !h.drop && h.iso != "US" && h.s == 0 {
			return h.iso, true
		}
	}
	if len(a.orgs) > 0 {
		return "", false
	}
	for _, m := range a.pmentions {
		if p := a.persons[m.p]; m.s == 0 && p.org >= 0 && p.country == "" {
			for _, h := range a.places {
				if !h.drop && h.iso != "US" && h.form == formName {
					return h.iso, true
				}
			}
		}
	}
	return "", false
}

// headlineOrg returns the first organisation the headline names, or the body
// of a foreign official it names; multilateral bodies only, or any other.
func (a *analysis) headlineOrg(body *analysis, multilateral bool) (orgInfo, bool) {
	type cand struct {
		at int
		o  orgInfo
	}
	var best *cand
	consider := func(at int, o orgInfo) {
		if (o.typ == gazetteer.Multilateral) != multilateral || o.typ == gazetteer.Media {
			return
		}
		if best == nil || at < best.at {
			best = &cand{at, o}
		}
	}
	for _, h := range a.orgs {
		consider(h.s, a.org(h.org))
	}
	for _, m := range a.pmentions {
		if p := a.persons[m.p]; p.org >= 0 && p.country != "US" {
			consider(m.s, body.org(p.org))
		}
	}
	if best == nil {
		return orgInfo{}, false
	}
	return best.o, true
}

// headlineCountries lists the foreign countries of the headline in order:
// named, or the country of a person it names.
func (a *analysis) headlineCountries() []string {
	type at struct {
		pos int
		iso string
	}
	var found []at
	for _, h := range a.places {
		if !h.drop && h.iso != "US" {
			found = append(found, at{h.s, h.iso})
		}
	}
	for _, m := range a.pmentions {
		if c := a.persons[m.p].country; c != "" && c != "US" {
			found = append(found, at{m.s, c})
		}
	}
	var out []string
	for len(found) > 0 {
		k := 0
		for i := range found {
			if found[i].pos < found[k].pos {
				k = i
			}
		}
		if !containsString(out, found[k].iso) {
			out = append(out, found[k].iso)
		}
		found = append(found[:k], found[k+1:]...)
	}
	return out
}

// bilateral reports a headline about a meeting or call with one counterpart.
func (a *analysis) bilateral() bool {
	for _, t := range a.toks {
		if bilateralHeadline[t.low] {
			return true
		}
	}
	return false
}

// leadParagraphs returns the first two paragraphs of running text, past
// bylines, datelines and "The below is attributable to …" lines.
func (a *analysis) leadParagraphs() map[int32]bool {
	if a.lead != nil {
		return a.lead
	}
	words := make([]int, a.lastPara()+1)
	for _, t := range a.toks {
		if t.kind == wordTok {
			words[t.para]++
		}
	}
	a.lead = map[int32]bool{}
	for p := 0; len(a.lead) < 2 && p < len(words); p++ {
		if words[p] >= 12 {
			a.lead[int32(p)] = true
		}
	}
	return a.lead
}

// opensSentence reports whether toks[i] begins its sentence, after "The".
func (a *analysis) opensSentence(i int) bool {
	s := a.sentenceStart(i)
	return s == i || (s == i-1 && a.toks[s].low == "the")
}

func (a *analysis) lastPara() int {
	if len(a.toks) == 0 {
		return -1
	}
	return int(a.toks[len(a.toks)-1].para)
}

// leadMeeting returns a multilateral body the lead names in the same sentence
// as a meeting ("an ASEAN foreign ministers meeting", "meetings with foreign
// ministers of NATO") and the body names again.
func (a *analysis) leadMeeting() (orgInfo, bool) {
	lead := a.leadParagraphs()
	count := map[string]int{}
	for _, h := range a.orgs {
		count[a.org(h.org).name]++
	}
	for _, h := range a.orgs {
		o := a.org(h.org)
		if o.typ != gazetteer.Multilateral || !lead[a.toks[h.s].para] || count[o.name] < 2 {
			continue
		}
		sent := a.toks[h.s].sent
		for k := a.sentenceStart(h.s); k < len(a.toks) && a.toks[k].sent == sent; k++ {
			if meetingWords[a.toks[k].low] && a.orgAt[k] < 0 {
				return o, true
			}
		}
	}
	return orgInfo{}, false
}

// fallbackEntity follows rule 6 and 7: the lead's first foreign country, or a
// command touring several; else what the body mentions most.
func (a *analysis) fallbackEntity() *Entity {
	lead := a.leadParagraphs()
	foreign := map[string]int{}
	first := ""
	for _, h := range a.places {
		if h.drop || h.iso == "US" {
			continue
		}
		foreign[h.iso]++
		if first == "" && lead[a.toks[h.s].para] {
			first = h.iso
		}
	}
	// A U.S. command that opens the lead and the story takes across several
	// countries is the story's subject ("U.S. Africa Command's new commander
	// visited …"); one named only as a venue is not.
	for _, h := range a.orgs {
		o := a.org(h.org)
		if o.typ == gazetteer.Military && o.country == "US" && lead[a.toks[h.s].para] && len(foreign) >= 3 &&
			a.opensSentence(h.s) {
			return &Entity{Name: o.name, Type: o.typ}
		}
	}
	if first != "" {
		return countryEntity(a, first)
	}
	best, n := "", 0
	for _, h := range a.places {
		if !h.drop && h.iso != "US" && foreign[h.iso] > n {
			best, n = h.iso, foreign[h.iso]
		}
	}
	if best != "" {
		return countryEntity(a, best)
	}
	if len(a.orgs) > 0 {
		o := a.org(a.orgs[0].org)
		return &Entity{Name: o.name, Type: o.typ}
	}
	if len(a.persons) > 0 {
		return &Entity{Name: a.persons[a.pmentions[0].p].name, Type: "Person"}
	}
	for _, h := range a.places {
		if !h.drop {
			return countryEntity(a, h.iso)
		}
	}
	return nil
}
