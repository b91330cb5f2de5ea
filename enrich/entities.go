package enrich

// analysis is one text being read: its tokens and what was found on them.
// Hits are token ranges [s, e); the per-token slices say which hit covers a
// token (-1: none), so later rules ask "is this word part of an organisation's
// name?" in constant time.
type analysis struct {
	e     *Enricher
	text  string
	toks  []token
	title bool // a headline: Title Case, so capitalised words prove nothing

	places  []placeHit
	orgs    []orgHit
	extra   []orgInfo // organisations found by rule, indexed from len(e.orgList)
	placeAt []int32
	orgAt   []int32

	persons   []*person
	pmentions []personMention
	personAt  []int32
	credit    []bool // the token is in a byline or credit line
	titleHits []titleHit
	inQuote   []bool         // the token is inside quotation marks
	heading   map[int32]bool // paragraphs in Title Case: headings, captions
	lead      map[int32]bool // the lead's paragraphs, once computed
	spans     []quoteSpan    // the quotations, once paired
}

type placeHit struct {
	s, e int
	iso  string
	form placeForm
	drop bool // a capital used as a place, or a word of a person's name
}

type orgHit struct {
	s, e int
	org  int
}

func newAnalysis(e *Enricher, text string, title bool) *analysis {
	a := &analysis{e: e, text: text, toks: tokenize(text), title: title}
	n := len(a.toks)
	for i := range a.toks {
		a.toks[i].flags = e.classes[a.toks[i].low]
	}
	a.placeAt = filled(n)
	a.orgAt = filled(n)
	a.personAt = filled(n)
	a.inQuote = make([]bool, n)
	for _, q := range a.quoteSpans() {
		end := q.close
		if end < 0 {
			end = n
			for end > q.open && a.toks[end-1].para != a.toks[q.open].para {
				end--
			}
		}
		for k := q.open + 1; k < end; k++ {
			a.inQuote[k] = true
		}
	}
	a.heading = a.headings()
	return a
}

var headingSmall = setOf("of", "for", "and", "the", "to", "in", "on", "at", "with", "a", "an", "by",
	"from", "as", "over", "into", "vs", "or", "but", "up")

// headings finds paragraphs written in Title Case, like a headline: every
// word but the small ones capitalised, and no verb of speech.
func (a *analysis) headings() map[int32]bool {
	out := map[int32]bool{}
	n := a.lastPara() + 1
	words, caps := make([]int, n), make([]int, n)
	speech := make([]bool, n)
	for _, t := range a.toks {
		if t.kind != wordTok || t.flags&wHeadingSmall != 0 {
			continue
		}
		words[t.para]++
		if t.cap || isDigitByte(t.key[0]) {
			caps[t.para]++
		}
		speech[t.para] = speech[t.para] || (t.flags&wSpeech != 0 && !t.cap)
	}
	for p, w := range words {
		if w >= 3 && caps[p] == w && !speech[p] {
			out[int32(p)] = true
		}
	}
	return out
}

func filled(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

func (a *analysis) org(i int) orgInfo {
	if i < len(a.e.orgList) {
		return a.e.orgList[i]
	}
	return a.extra[i-len(a.e.orgList)]
}

func (a *analysis) tokText(s, e int) string {
	if s >= e {
		return ""
	}
	return a.text[a.toks[s].start:a.toks[e-1].end]
}

// findPlaces marks every country name, demonym and capital; capitals that
// stand for a place rather than its government are marked dropped.
func (a *analysis) findPlaces() {
	for i := 0; i < len(a.toks); {
		if a.toks[i].kind != wordTok || a.toks[i].flags&wPlaceStart == 0 {
			i++
			continue
		}
		end, v := a.e.places.match(a.toks, i)
		if end < 0 {
			i++
			continue
		}
		pv := a.e.placeVals[v]
		if pv.form != formExcluded {
			h := placeHit{s: i, e: end, iso: pv.iso, form: pv.form}
			if pv.form == formCapital && !a.metonym(i, end) {
				h.drop = true
			}
			// "Washington-based", "Kenya-born": a place of origin, still a
			// reference for names but not for capitals.
			for k := i; k < end; k++ {
				a.placeAt[k] = int32(len(a.places))
			}
			a.places = append(a.places, h)
		}
		i = end
	}
}

// metonym reports whether a capital at [s, e) stands for its government
// ("Beijing's ambitions", "urge New Delhi") rather than a place ("in Moscow",
// "Mogadishu, Somalia", "the Washington Treaty").
func (a *analysis) metonym(s, e int) bool {
	p := s - 1
	if p >= 0 && a.toks[p].low == "the" {
		p--
	}
	if p >= 0 && a.toks[p].para == a.toks[s].para && a.toks[p].flags&wLocative != 0 {
		return false
	}
	if e < len(a.toks) {
		next := a.toks[e]
		if next.kind == wordTok && next.flags&wFollower != 0 {
			return false
		}
		if next.key == "," && e+1 < len(a.toks) {
			if end, v := a.e.places.match(a.toks, e+1); end > 0 && a.e.placeVals[v].form == formName {
				return false
			}
		}
		if next.key == "-" && next.glued && e+1 < len(a.toks) && a.toks[e+1].low == "based" {
			return false
		}
	}
	return true
}

// findOrgs marks organisations named in the tables, then bodies named by rule:
// a country's foreign or defence ministry.
func (a *analysis) findOrgs() {
	for i := 0; i < len(a.toks); {
		if a.toks[i].kind != wordTok || a.toks[i].flags&wOrgStart == 0 {
			i++
			continue
		}
		end, v := a.e.orgs.match(a.toks, i)
		if end < 0 {
			i++
			continue
		}
		a.addOrg(i, end, v)
		i = end
	}
	a.findMinistries()
	if !a.title {
		a.findRuleOrgs()
	}
	// A capital inside an organisation's name ("Washington Post", "Bucharest
	// Nine") is part of the name, not the government.
	for i := range a.places {
		h := &a.places[i]
		if h.form == formCapital && a.orgAt[h.s] >= 0 {
			h.drop = true
		}
	}
}

func (a *analysis) addOrg(s, e, org int) {
	for k := s; k < e; k++ {
		a.orgAt[k] = int32(len(a.orgs))
	}
	a.orgs = append(a.orgs, orgHit{s: s, e: e, org: org})
}

// ministryForms are the ways text names a national ministry after its country
// ("China's foreign ministry", "the Japanese Ministry of Defense").
var ministryForms = map[string]string{
	"foreign ministry":             "Ministry of Foreign Affairs",
	"ministry of foreign affairs":  "Ministry of Foreign Affairs",
	"foreign affairs ministry":     "Ministry of Foreign Affairs",
	"defense ministry":             "Ministry of Defense",
	"defence ministry":             "Ministry of Defense",
	"ministry of defense":          "Ministry of Defense",
	"ministry of defence":          "Ministry of Defense",
	"ministry of national defense": "Ministry of National Defense",
	"interior ministry":            "Ministry of Interior",
	"ministry of interior":         "Ministry of Interior",
	"ministry of the interior":     "Ministry of Interior",
	"ministry of external affairs": "Ministry of External Affairs",
	"external affairs ministry":    "Ministry of External Affairs",
}

func (a *analysis) findMinistries() {
	for _, h := range a.places {
		if h.form == formCapital {
			continue
		}
		j := h.e
		if j < len(a.toks) && a.toks[j].kind == possTok {
			j++
		}
		name, end := a.ministryAt(j)
		if end < 0 || a.orgAt[j] >= 0 || h.iso == "US" {
			continue
		}
		a.addRuleOrg(j, end, name, h.iso)
	}
	// "Ministry of Foreign Affairs of Japan"
	for i, t := range a.toks {
		if t.low != "ministry" {
			continue
		}
		name, end := a.ministryAt(i)
		if end < 0 || a.orgAt[i] >= 0 || end+1 >= len(a.toks) || a.toks[end].low != "of" {
			continue
		}
		if p := a.placeAt[end+1]; p >= 0 && a.places[p].form == formName && a.places[p].iso != "US" {
			a.addRuleOrg(i, a.places[p].e, name, a.places[p].iso)
		}
	}
}

// ministryAt matches a ministry's name at toks[i]; "foreign ministry
// spokeswoman" still names the ministry.
func (a *analysis) ministryAt(i int) (string, int) {
	if i >= len(a.toks) {
		return "", -1
	}
	end, v := a.e.ministries.match(a.toks, i)
	if end < 0 {
		return "", -1
	}
	return a.e.ministryNames[v], end
}

func (a *analysis) addRuleOrg(s, e int, ministry, iso string) {
	c, _ := a.e.g.Country(iso)
	name := ministry + " of " + c.Name
	idx := -1
	for k, o := range a.extra {
		if o.name == name {
			idx = len(a.e.orgList) + k
		}
	}
	if idx < 0 {
		idx = len(a.e.orgList) + len(a.extra)
		a.extra = append(a.extra, orgInfo{name: name, typ: "Government Agency", country: iso, evidence: "ministry of a named country"})
	}
	a.addOrg(s, e, idx)
}
