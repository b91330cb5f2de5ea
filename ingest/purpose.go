package ingest

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/gazetteer"
)

// The purpose of a stop is read from how the Office of the Historian writes
// its remarks: short clauses, each opened by a verb of business ("Attended
// NATO Ministerial Meeting", "Met with President Lula", "Accompanied President
// Nixon on a State visit"). The reader splits a remark into those clauses,
// reads each for the business it names, and lets the guideline's precedence
// pick the stop's purpose: a multilateral meeting first, then a ceremony,
// then talks, then accompanying the President, then anything else
// (../shared/eval/purpose/GUIDELINES.md, P1–P6).

// StopPurpose is what one stop was for: the purpose, for a multilateral stop
// its organisation or series and the kind of meeting, and the words of the
// remark that decided it.
type StopPurpose struct {
	Purpose      shuttle.Purpose
	Organization string
	Meeting      string
	Evidence     string
}

// Conference is the organisation of a multilateral stop whose meeting belongs
// to no series of the gazetteer: an ad-hoc multi-country conference.
const Conference = "conference"

// PurposeReader reads stops' purposes with the gazetteer's meeting series and
// countries. It is read-only after NewPurposeReader and safe for concurrent use.
type PurposeReader struct {
	names []seriesName
	gz    *gazetteer.Gazetteer
}

// seriesName is one way the remarks write a series, with the meeting kind the
// name implies on its own ("" for none).
type seriesName struct {
	text, series, level string
}

// NewPurposeReader builds a reader from the gazetteer's meeting series.
func NewPurposeReader(gz *gazetteer.Gazetteer) *PurposeReader {
	r := &PurposeReader{gz: gz}
	for _, m := range gz.MeetingSeries() {
		add := func(names []string, level string) {
			for _, n := range names {
				r.names = append(r.names, seriesName{text: n, series: m.Name, level: level})
				// The records write both apostrophes ("Leaders’ Summit").
				if strings.Contains(n, "'") {
					r.names = append(r.names, seriesName{text: strings.ReplaceAll(n, "'", "’"), series: m.Name, level: level})
				}
			}
		}
		add(m.Names, m.Level)
		add(m.Summits, shuttle.MeetingSummit)
		add(m.Ministerials, shuttle.MeetingMinisterial)
	}
	return r
}

// defaultPurposes is the reader on the embedded gazetteer, built once.
var defaultPurposes = sync.OnceValue(func() *PurposeReader { return NewPurposeReader(gazetteer.Default()) })

// ReadPurpose reads a stop's purpose with the embedded gazetteer's tables.
func ReadPurpose(role shuttle.Role, remarks string) StopPurpose {
	return defaultPurposes().Read(role, remarks)
}

// Read returns the purpose of a stop of role with these remarks. Foreign
// leaders' visits have none (their descriptions are not remarks on business
// done abroad), so they get the zero StopPurpose.
func (r *PurposeReader) Read(role shuttle.Role, remarks string) StopPurpose {
	if role == shuttle.RoleVisit {
		return StopPurpose{}
	}
	text := strings.Join(strings.Fields(remarks), " ")
	best := reading{kind: kindOther}
	talks, dedication := false, false
	var talk reading
	for _, c := range clauses(text) {
		rd := r.readClause(role, c, false)
		switch rd.kind {
		case kindBilateral:
			if !talks {
				talk = rd
			}
			talks = true
		case kindDedication:
			dedication = true
		}
		if rd.kind > best.kind || best.evidence == "" && rd.kind == best.kind {
			best = rd
		}
	}
	// A dedication beside talks is an item of the visit (A3: the new
	// embassy dedicated during a presidential visit).
	if best.kind == kindDedication && talks && dedication {
		best = talk
	}
	return best.purpose(talks)
}

// kind is what a clause names, in the order of precedence: a higher kind
// decides the stop.
type kind int

const (
	kindOther kind = iota
	kindAccompanying
	kindOrgTalks // talks with an organisation's officials (P4)
	kindBilateral
	kindDedication // ceremonial unless talks came first (A3)
	kindCeremonial
	kindMultilateral
)

type reading struct {
	kind     kind
	series   string
	meeting  string
	evidence string
}

func (rd reading) purpose(talks bool) StopPurpose {
	p := StopPurpose{Evidence: rd.evidence}
	switch rd.kind {
	case kindMultilateral:
		p.Purpose, p.Organization, p.Meeting = shuttle.PurposeMultilateral, rd.series, rd.meeting
	case kindOrgTalks:
		// Talks with an organisation's officials beside talks with the
		// host are a bilateral stop; alone they are the stop's business.
		if talks {
			p.Purpose = shuttle.PurposeBilateral
		} else {
			p.Purpose, p.Organization, p.Meeting = shuttle.PurposeMultilateral, rd.series, shuttle.MeetingOther
		}
	case kindCeremonial, kindDedication:
		p.Purpose = shuttle.PurposeCeremonial
	case kindBilateral:
		p.Purpose = shuttle.PurposeBilateral
	case kindAccompanying:
		p.Purpose = shuttle.PurposeAccompanying
	default:
		p.Purpose = shuttle.PurposeOther
	}
	return p
}

// The cues, as the remarks write them. They are matched case-insensitively
// except where case carries meaning (series names, "Conference").
var (
	// Business elsewhere: the stop is on the way to it, or after it.
	elsewhereRe = regexp.MustCompile(`(?i)\b(en route|prior to|preparations? for|on (his|her|the) way|returning from|after attending|following the)\b`)
	// Taking part in a meeting.
	attendRe  = regexp.MustCompile(`(?i)\b(attended|attend|participated|took part|joined|co-chaired|chaired|co-hosted|hosted|convened|led the u\.s\. delegation|delegation to|headed the u\.s\. delegation|represented the united states|witnessed|opened|closed)\b`)
	addressRe = regexp.MustCompile(`(?i)\b(addressed|spoke (at|to|before)|delivered (a|an|the)? ?(speech|address|remarks) (at|to|before))\b`)
	briefRe   = regexp.MustCompile(`(?i)\bbriefed\b`)
	// What the stop's meeting was, when no series is named.
	meetingRe  = regexp.MustCompile(`(?i)\b(summit|summits|conference|conferences|ministerial|ministerials|meetings?|sessions?|forum|council|assembly|consultations?|talks|dialogue|signing|launch|gathering|negotiations)\b`)
	summitRe   = regexp.MustCompile(`(?i)(summit|leaders[’']? meeting|leader[’']?s[’']? (summit|meeting)|heads of (state|government)|presidents of)`)
	ministerRe = regexp.MustCompile(`(?i)(ministerial|\bministers\b|minister[’']s meeting)`)
	// A gathering of several governments, named without a series.
	multiRe = regexp.MustCompile(`(?i)(\b(\d+|two|three|four|five|six|seven|eight|nine|ten|big four|big three)[- ](nation|power|party|country|plus-four)\b|\b(tripartite|trilateral|quadrilateral|multilateral|contact group|peace conference|conference of|presidents of|heads of (state|government)|leaders of|ministers[’']? meeting)\b|\bsigning of\b|\b(international|global) (partnership|coalition|alliance|conference)\b)`)
	// A conference that is not a meeting of governments.
	notConferenceRe = regexp.MustCompile(`(?i)\b(press|news|chiefs? of (u\.s\. )?(diplomatic )?missions?|u\.s\. chiefs|ambassadors|town meeting|cabinet meeting|business council|business forum|olympic|negotiations with|talks with|meetings with)\b`)
	// A summit with one leader named: a summit of two (A6).
	withRe  = regexp.MustCompile(`(?i)(summit|conference|meeting)[^,;]*? with `)
	plural  = regexp.MustCompile(`(?i)\b(presidents|leaders|heads|ministers|chiefs|delegations|representatives)\b`)
	titleRe = regexp.MustCompile(`\b(President|Prime Ministers?|Premier|Chancellor|King|Chairman|General Secretary|Generalissimo|Foreign Secretary|Foreign Ministers?|Secretary|Emperor|Shah)\b`)
	// A foreign leader by title and name: the stop's talks, when the
	// remark names no verb ("Soviet Chairman Shuskevich and Foreign
	// Minister Kravchenko.") or a verb the talk cues miss ("Reviewed the
	// peace process with President Assad").
	leaderRe     = regexp.MustCompile(`\b(with|to|and) (the )?([A-Z][a-z]+ )?(President|Prime Minister|Premier|Chancellor|King|Queen|Chairman|Foreign Minister|Crown Prince|Emir|Amir|Sultan|Emperor|Shah)( [A-Z][\w.’'-]+)+`)
	leaderOnlyRe = regexp.MustCompile(`^([A-Z][a-z]+ )?(President|Prime Minister|Premier|Chancellor|King|Queen|Chairman|Foreign Minister)( [A-Z][\w.’'-]+)+`)
	// "U.S.-Soviet", "Australia-U.S.", "U.S.-EU": the U.S. with one other party.
	usPairRe = regexp.MustCompile(`(?:\b(?:U\.S\.|United States|US)[-–]([A-Z][\w.]*(?: [A-Z][\w.]*)*)|\b([A-Z][\w]*)[-–](?:U\.S\.|United States\b|US\b))`)
	pairRe   = regexp.MustCompile(`\b([A-Z][a-z]+)[-–]([A-Z][a-z]+) (summit|Summit|Conference|conference|Council|Committee|Commission|meeting|Meeting|talks|Talks)`)

	ceremonyRe   = regexp.MustCompile(`(?i)(funeral|memorial service|memorial ceremon|inauguration|swearing[- ]in|sworn in|coronation|wedding|commemorat|anniversary|independence (day|celebration|ceremon)|celebrations?\b|jubilee|centenn|bicentenn|centenary|\bd-day\b|\bv-?e day\b|\bv-?j day\b|hand-?over|transfer of sovereignty|transition ceremony|investiture|enthronement|interment|burial|offer(ed)? condolences|pay(ing)? (his |her |their )?respects|lying in state|requiem|ceremon(y|ies))`)
	dedicationRe = regexp.MustCompile(`(?i)(dedicat|cornerstone|corner stone|unveil|ground-?breaking)`)
	// Ceremonies that are routine protocol or not the stop's occasion.
	notCeremonyRe = regexp.MustCompile(`(?i)(wreath|olympic|arrival ceremony|welcoming ceremony|welcome ceremony|signing ceremony|award)`)

	talksRe = regexp.MustCompile(`(?i)(\bmet\b|\bmeeting with\b|\bmeetings with\b|\btalks\b|\bdiscuss|\bconferr|\bconsult|\baudience\b|\bstate visit|\bofficial visit|\bworking visit|\binformal visit|\bofficial working|\bgood ?will\b|\bgoodwill\b|\bcall(ed)? on\b|\bnegotiat|\bmediat|\bshuttle\b|\blunch|\bdinner with|\bbreakfast with|\bsigned\b|\bexchanged\b|\breceived by\b|\bbriefed (king|queen|president|prime minister|chancellor|emperor|the (king|queen|president|prime minister|chancellor|emperor|government))|\bsummit meeting with|\bheld (talks|meetings|discussions)|\breviewed (the )?(situation|relations|progress|bilateral|cooperation)|\bpope\b|attempted to resolve|diplomatic relations|\bpresented\b|exchange of visits|returned visit|official reception|\bbriefed (?:the )?(?:[A-Z][a-z]+ )?(?:foreign minister|officials|crown prince|leaders|government)|\bvisit(ed)? (with )?(king|queen|president|prime minister|emperor|the (king|queen|president|prime minister|emperor|shah)))`)
	// A parliament of the host: an address to it is bilateral business.
	parliamentRe = regexp.MustCompile(`(?i)\baddress(ed)? (a |the )?(joint (session|meeting)|national assembly|parliament|congress|diet|knesset|legislat|senate|bundestag|house of|people[’']s assembly|federal assembly|grand national assembly|[A-Z][a-z]+ (national assembly|parliament|congress|assembly|legislature|senate))`)
	// Talks with Americans only are not diplomacy with the host.
	usOnlyRe = regexp.MustCompile(`(?i)\b(met|meeting|meetings|conferred|discussed [^,;]* with) (with )?(the )?(members of the )?(u\.s\.|american|us)\b`)

	accompanyRe = regexp.MustCompile(`^(?i:accompanied|joined) (?:the President|President(?: [A-Z][\w.]*)*)`)
	// An organisation's officials met outside a session.
	orgOfficialsRe = regexp.MustCompile(`(?i)\b(secretary[- ]general|secretary general|officials|representatives|commission(er)?s?|president of the|permanent council|headquarters|staff|leaders)\b`)
)

// readClause reads one clause. presidentThere says the traveller came with
// the President (an "Accompanied President …" clause read for its business).
func (r *PurposeReader) readClause(role shuttle.Role, c string, presidentThere bool) reading {
	rd := reading{kind: kindOther, evidence: c}
	if role == shuttle.RoleSecretary && !presidentThere {
		if m := accompanyRe.FindStringIndex(c); m != nil {
			rest := r.readClause(role, strings.TrimSpace(c[m[1]:]), true)
			rest.evidence = c
			if rest.kind == kindOther {
				rest.kind = kindAccompanying
			}
			return rest
		}
	}
	if elsewhereRe.MatchString(c) {
		if talksRe.MatchString(c) && !usOnlyRe.MatchString(c) {
			rd.kind = kindBilateral
		}
		return rd
	}
	heads := presidentThere || role == shuttle.RolePresident
	series, at, named := r.series(c)
	cer := ceremonyAt(c)
	if cer >= 0 && (at < 0 || cer < at && !separateMeeting(c, cer, at, named)) {
		rd.kind = kindCeremonial
		if dedicationRe.MatchString(c) && !ceremonyStrongAt(c) {
			rd.kind = kindDedication
		}
		return rd
	}
	attend := attendRe.MatchString(c) || verbless(c) && meetingRe.MatchString(c)
	address := addressRe.MatchString(c) && !parliamentRe.MatchString(c)
	if at >= 0 {
		if k, ok := r.seriesBusiness(c, at, attend, address); ok {
			if m := leaderRe.FindStringIndex(c); k == kindOrgTalks && m != nil && m[0] < at {
				// The host's leaders and an organisation's officials met
				// together: bilateral (P4).
				rd.kind = kindBilateral
				return rd
			}
			rd.kind = k
			rd.series = series
			rd.meeting = r.meetingKind(c, named, heads, series, k)
			return rd
		}
	}
	if (attend || address) && r.multiCountry(c) {
		rd.kind, rd.series = kindMultilateral, Conference
		rd.meeting = r.meetingKind(c, "", heads, Conference, kindMultilateral)
		return rd
	}
	talks := talksRe.MatchString(c) || parliamentRe.MatchString(c) || leaderRe.MatchString(c) || leaderOnlyRe.MatchString(c)
	if (talks || attend && meetingRe.MatchString(c)) && !usOnlyRe.MatchString(c) {
		rd.kind = kindBilateral
	}
	return rd
}

// separateMeeting reports a series named after a ceremony in one clause that
// is its own business, not the ceremony's object: a meeting word follows the
// name ("the 50th Anniversary OECD Ministerial Meeting"), or "and" parts them
// ("the inauguration of President Funes and a ministerial meeting of
// Pathways to Prosperity"). "Ceremonies commemorating … the Final Act of the
// Conference on Security and Cooperation in Europe" is neither.
func separateMeeting(c string, cer, at int, named string) bool {
	if strings.Contains(c[cer:at], " and ") {
		return true
	}
	return meetingWordRe.MatchString(c[at+len(named):])
}

// primeMinisterRe: heads of government are not ministers of a ministerial.
var primeMinisterRe = regexp.MustCompile(`(?i)prime ministers?`)

var meetingWordRe = regexp.MustCompile(`(?i)\b(summit|ministerial|meeting|session)s?\b`)

// verbless reports a clause that opens with a noun, not a verb of business
// ("Ministers meeting.", "Casablanca Conference with …"): the remark names
// the meeting the traveller was at.
func verbless(c string) bool {
	first, _, _ := strings.Cut(c, " ")
	first = strings.ToLower(strings.Trim(first, ".,;:"))
	return !strings.HasSuffix(first, "ed") && !strings.HasSuffix(first, "ing") && first != "met" && first != "led" && first != "spoke" && first != "gave" && first != "made" && first != "held" && first != "to"
}

// seriesBusiness says what a clause naming a series does with it: takes part
// in its meeting, or talks with its officials, or neither (a passing mention).
func (r *PurposeReader) seriesBusiness(c string, at int, attend, address bool) (kind, bool) {
	if businessRe.MatchString(c) {
		return kindOther, false
	}
	lower := strings.ToLower(c)
	talks := strings.HasPrefix(lower, "met ") || strings.Contains(lower, " met with") || strings.HasPrefix(lower, "discussed") || strings.HasPrefix(lower, "visited")
	switch {
	case briefRe.MatchString(c):
		// A briefing of the North Atlantic Council or NATO's ministers is a
		// meeting of the organisation (meeting "other").
		return kindMultilateral, true
	case attend || address:
		return kindMultilateral, true
	case talks && officialsNear(c, at):
		return kindOrgTalks, true
	case talks:
		// The organisation is the subject of talks with someone else
		// ("Discussed NATO's missiles with Foreign Minister Genscher").
		return kindOther, false
	case !talksRe.MatchString(c) && meetingRe.MatchString(c):
		// "NATO Ministerial Meeting." with no verb at all.
		return kindMultilateral, true
	}
	return kindOther, false
}

// businessRe marks a meeting of business people under a series' name, not
// of its governments.
var businessRe = regexp.MustCompile(`(?i)business (council|forum)`)

// officialsNear reports talks with the organisation's own people: its
// officials, ministers or council named just after the mention, or "officials
// of" it just before.
func officialsNear(c string, at int) bool {
	after := c[at:]
	if len(after) > 60 {
		after = after[:60]
	}
	before := c[:at]
	if len(before) > 30 {
		before = before[len(before)-30:]
	}
	return orgOfficialsRe.MatchString(after) || ministersRe.MatchString(after) ||
		officialsOfRe.MatchString(before)
}

var officialsOfRe = regexp.MustCompile(`(?i)(officials|representatives|president|chairman|secretary general|delegates) (of|to) (the )?$`)

var ministersRe = regexp.MustCompile(`(?i)\b(foreign ministers|ministers|council|chairman|delegates)\b`)

// multiCountry reports a clause whose meeting is one of three or more
// governments although it names no series: a named conference, a summit
// with several leaders, a meeting of so many nations or powers.
func (r *PurposeReader) multiCountry(c string) bool {
	if notConferenceRe.MatchString(c) {
		return false
	}
	if r.twoParties(c) {
		return false
	}
	if multiRe.MatchString(c) {
		return true
	}
	if m := withRe.FindStringSubmatchIndex(c); m != nil && !plural.MatchString(c[m[1]:]) {
		// "Summit Meeting with Soviet Chairman Gorbachev": one leader
		// met is a summit of two (A6); two or more make it a conference
		// ("Tehran Conference with Soviet Premier Stalin and British Prime
		// Minister Churchill").
		return len(titleRe.FindAllString(c[m[1]:], -1)) >= 2
	}
	lower := strings.ToLower(c)
	for _, w := range []string{"summit", "conference", "ministerial", "forum"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// twoParties reports a meeting named as the U.S. with one other country
// ("U.S.-Soviet Summit", "Australia-U.S. Ministerial Consultations"): a
// summit of two is bilateral (A6). A pair with an organisation or a region
// ("U.S.-Nordic", "U.S.-Lower Mekong") is not.
func (r *PurposeReader) twoParties(c string) bool {
	for _, m := range usPairRe.FindAllStringSubmatch(c, -1) {
		other := m[1]
		if other == "" {
			other = m[2]
		}
		if r.country(other) {
			return true
		}
	}
	return false
}

// country reports a country's name or demonym, trying the longest run of its
// words first ("Korea" in "Korea Summit").
func (r *PurposeReader) country(name string) bool {
	words := strings.Fields(name)
	for n := len(words); n > 0; n-- {
		if _, ok := r.gz.CountryByName(strings.Join(words[:n], " ")); ok {
			return true
		}
	}
	switch words[0] {
	case "Soviet", "ROK", "PRC", "Russian", "Japan", "Mexico":
		return true
	}
	return false
}

// series finds the first series the clause names: its name, the byte offset
// of the mention, and the name as written (-1 and "" for none). The earliest
// mention wins (A5: the first-named meeting decides), the longest at one
// offset.
func (r *PurposeReader) series(c string) (series string, at int, named string) {
	at = -1
	for _, n := range r.names {
		i := indexWord(c, n.text)
		if i < 0 {
			continue
		}
		if at < 0 || i < at || i == at && len(n.text) > len(named) {
			series, at, named = n.series, i, n.text
		}
	}
	return series, at, named
}

// meetingKind is the level of a multilateral clause's meeting: what the
// remark calls it, else what the series' name implies, else the series'
// constitutional level. A conference or session the President attends is a
// meeting of heads of government; the UN General Assembly's sessions are not
// summits whoever speaks.
func (r *PurposeReader) meetingKind(c, named string, heads bool, series string, k kind) string {
	if strings.HasPrefix(strings.ToLower(c), "briefed") || k == kindOrgTalks {
		return shuttle.MeetingOther
	}
	summit := summitRe.MatchString(c) && !strings.Contains(strings.ToLower(c), "pre-summit")
	switch {
	case summit:
		return shuttle.MeetingSummit
	case ministerRe.MatchString(primeMinisterRe.ReplaceAllString(c, "")):
		return shuttle.MeetingMinisterial
	}
	if level := r.namedLevel(named, series); level != "" {
		return level
	}
	if heads && series != "United Nations" && !addressRe.MatchString(c) {
		return shuttle.MeetingSummit
	}
	return shuttle.MeetingOther
}

// namedLevel is the level a series name implies, from the gazetteer's table.
func (r *PurposeReader) namedLevel(named, series string) string {
	for _, n := range r.names {
		if n.text == named && n.series == series {
			return n.level
		}
	}
	return ""
}

// ceremonyAt is the offset of a ceremony the clause names as its occasion,
// -1 for none.
func ceremonyAt(c string) int {
	if notCeremonyRe.MatchString(c) && !ceremonyStrongAt(c) {
		return -1
	}
	if m := ceremonyRe.FindStringIndex(c); m != nil {
		return m[0]
	}
	if m := dedicationRe.FindStringIndex(c); m != nil {
		return m[0]
	}
	return -1
}

var strongCeremonyRe = regexp.MustCompile(`(?i)(funeral|memorial service|inaugura(l|tion) of (president|prime minister|king|queen|the president|the new president)|swearing[- ]in|coronation|commemorat|anniversary|independence)`)

func ceremonyStrongAt(c string) bool { return strongCeremonyRe.MatchString(c) }

// indexWord finds word in s on word boundaries, with its case.
func indexWord(s, word string) int {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(word)
		if boundaryBefore(s, i) && boundaryAfter(s, end, word) {
			return i
		}
		from = i + 1
	}
	return -1
}

func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func boundaryAfter(s string, end int, word string) bool {
	if end >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[end:])
	if r == '.' && strings.HasSuffix(word, ".") {
		return true
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// clauses splits a collapsed remark into its clauses of business: sentences,
// their parts between semicolons, and the parts a new verb opens after a
// comma or "and" ("Met with President Roh, signed an agreement, and visited
// U.S. military personnel"). Each clause is a verbatim substring.
func clauses(text string) []string {
	var out []string
	for _, s := range sentences(text) {
		for _, part := range strings.Split(s, ";") {
			for _, c := range splitVerbs(part) {
				if c = strings.TrimSpace(c); c != "" {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"Gen": true, "Mr": true, "Mrs": true, "Dr": true, "St": true, "Lt": true, "Jr": true, "Sr": true,
	"Col": true, "Adm": true, "Ft": true, "Mt": true, "No": true, "Gov": true, "Sen": true, "Rep": true,
	"Amb": true, "Maj": true, "Capt": true, "Sgt": true, "Rev": true, "Msgr": true, "Vol": true,
}

func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '.' || i+1 < len(text) && text[i+1] != ' ' {
			continue
		}
		word := text[start:i]
		if j := strings.LastIndexAny(word, " (\"“"); j >= 0 {
			word = word[j+1:]
		}
		// "U.S." and initials ("H.") do not end a sentence; nor does a
		// title before a name.
		if strings.Contains(word, ".") || len(word) == 1 || abbreviations[word] {
			continue
		}
		out = append(out, text[start:i+1])
		start = i + 1
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, text[start:])
	}
	return out
}

var verbSplitRe = regexp.MustCompile(`(?:,? and (?:also |then )?|, (?:also |then )?)((?:met|attended|addressed|participated|signed|visited|discussed|held|toured|dedicated|reviewed|received|laid|delivered|conferred|commemorated|inaugurated|co-chaired|chaired|hosted|co-hosted|briefed|launched|spoke|announced|called|observed|witnessed|accompanied|joined|opened|led|made|gave|presented|consulted|traveled|travelled|stopped|inspected|participated|took part|announced|issued|unveiled|celebrated)\b)`)

func splitVerbs(s string) []string {
	var out []string
	start := 0
	for _, m := range verbSplitRe.FindAllStringSubmatchIndex(s, -1) {
		// The joining words go; the verb opens the next clause.
		out = append(out, s[start:m[0]])
		start = m[2]
	}
	return append(out, s[start:])
}
