package enrich

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/shuttlenews/shuttle"
)

// Claim is a sentence stating a fact about a visit's history ("the first
// US secretary of state to visit Paraguay since 1965"), read into the terms
// the records are checked in. Start and End are the sentence's byte offsets.
type Claim struct {
	Sentence string       `json:"sentence"`
	Start    int          `json:"start"`
	End      int          `json:"end"`
	Kind     string       `json:"kind"`
	Role     shuttle.Role `json:"role"`
	Country  string       `json:"country"`
	// Traveler is who the visit is by, when the sentence names them (the
	// records' id in TravelerID); When is the visit's time.
	Traveler   string `json:"traveler,omitempty"`
	TravelerID string `json:"traveler_id,omitempty"`
	When       When   `json:"-"`
	// SinceYear, SinceTraveler (first_since); Years, Qualifier
	// (first_in_years); N, WindowStart, ByRole (nth_visit).
	SinceYear       int          `json:"since_year,omitempty"`
	SinceTraveler   string       `json:"since_traveler,omitempty"`
	SinceTravelerID string       `json:"-"`
	Years           int          `json:"years,omitempty"`
	Qualifier       string       `json:"qualifier,omitempty"`
	N               int          `json:"n,omitempty"`
	WindowStart     shuttle.Date `json:"window_start,omitzero"`
	ByRole          bool         `json:"by_role,omitempty"`
	// Problem is why the claim cannot be checked (an office the records do
	// not cover, a window the reader cannot date); "" when it can.
	Problem string `json:"problem,omitempty"`
}

const (
	ordinals   = `second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th)`
	numberWord = `\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|half a|a quarter`
)

var (
	nthRe     = regexp.MustCompile(`(?i)\b(?:his|her|its|their|the)\s+(` + ordinals + `)(?:\s+and\s+(?:final|last))?\s+(?:[a-z-]+\s+){0,2}?(?:trip|visit|journey|stop)\b`)
	inYearsRe = regexp.MustCompile(`(?i)\bfirst\b.{0,160}?\bin\s+(?:(more than|over|nearly|almost|close to|about)\s+)?(` + numberWord + `)\s+(years?|decades?|century|centuries)\b`)
	sinceYRe  = regexp.MustCompile(`(?i)\bsince\s+(?:(?-i:([A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}))\s+(?:did so\s+|visited\s+|came\s+|went\s+|was there\s+)?in\s+)?(1[789]\d\d|20\d\d)\b`)
	lastInRe  = regexp.MustCompile(`(?i)\blast\s+(?:sitting\s+|serving\s+)?[\w. ]{0,40}?\bto\s+(?:visit|travel to|set foot in)\b.{0,60}?\bin\s+(1[789]\d\d|20\d\d)\b`)
	firstRe   = regexp.MustCompile(`(?i)\bfirst\b`)
	visitWord = regexp.MustCompile(`(?i)\b(visit|visited|trip|travel|set foot|come to|go to|land)`)
	sittingRe = regexp.MustCompile(`(?i)\bfirst\b.{0,40}?\b(sitting|serving)\b`)
	everRe    = regexp.MustCompile(`(?i)\b(first[- ]ever|never before|first time (?:that )?(?:a|an|any)\b|first (?:[\w.]+ ){0,3}(?:visit|trip) (?:by|of) (?:a|an|any)\b)`)
	windowRe  = regexp.MustCompile(`(?i)\bsince\s+([^,.;—–]+)`)
)

var numbers = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "half a": 50, "a quarter": 25}

var ordinalWords = map[string]int{"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}

// datedEvents are turning points news dates a count from ("his fourth trip
// since Russia's full-scale invasion"): a window the reader can only date
// from such a table. A window not listed is a problem, never a guess.
var datedEvents = []struct {
	phrase string
	day    string
}{
	{"full-scale invasion", "2022-02-24"}, // Russia's invasion of Ukraine
	{"russia's invasion", "2022-02-24"},
	{"the invasion", "2022-02-24"},
	{"october 7", "2023-10-07"}, // Hamas's attack on Israel
	{"oct. 7", "2023-10-07"},
}

// Claims finds the sentences that state a fact of a visit's history and
// reads each into a Claim. visits are the article's visits, whose country
// and days a claim without its own inherit.
func (e *Enricher) Claims(d Doc, r Result, visits []Visit) []Claim {
	article, _ := shuttle.ParseDate(d.Date)
	var out []Claim
	for _, s := range sentences(d.Body) {
		c, ok := readClaim(s.text)
		if !ok {
			continue
		}
		c.Sentence, c.Start, c.End = s.text, s.start, s.end
		e.claimContext(&c, s, d, r, visits, article)
		out = append(out, c)
	}
	return out
}

// readClaim reads the kind and numbers of a claim in a sentence.
func readClaim(s string) (Claim, bool) {
	var c Claim
	switch m := nthRe.FindStringSubmatch(s); {
	case m != nil:
		c.Kind, c.N = "nth_visit", ordinal(m[1])
		if w := windowRe.FindStringSubmatch(s[strings.Index(s, m[0]):]); w != nil {
			c.WindowStart, c.Problem = window(w[1])
		}
		c.ByRole = !regexp.MustCompile(`(?i)^(his|her)\b`).MatchString(m[0])
		return c, c.N > 0
	}
	if m := inYearsRe.FindStringSubmatch(s); m != nil && visitWord.MatchString(m[0]) {
		n := numbers[strings.ToLower(m[2])]
		if v, err := strconv.Atoi(m[2]); err == nil {
			n = v
		}
		switch unit := strings.ToLower(m[3]); {
		case strings.HasPrefix(unit, "decade"):
			n *= 10
		case strings.HasPrefix(unit, "centur"):
			n *= 100
		}
		c.Kind, c.Years = "first_in_years", n
		switch strings.ToLower(m[1]) {
		case "more than", "over":
			c.Qualifier = "more_than"
		case "nearly", "almost", "close to":
			c.Qualifier = "nearly"
		}
		return c, n > 0
	}
	if loc := sinceYRe.FindStringSubmatchIndex(s); loc != nil {
		if f := firstRe.FindAllStringIndex(s[:loc[0]], -1); f != nil && visitWord.MatchString(s[f[len(f)-1][0]:loc[0]]) {
			c.Kind, c.SinceYear = "first_since", atoi(s[loc[4]:loc[5]])
			if loc[2] >= 0 {
				c.SinceTraveler = s[loc[2]:loc[3]]
			}
			return c, true
		}
	}
	if m := lastInRe.FindStringSubmatchIndex(s); m != nil {
		c.Kind, c.SinceYear = "first_since", atoi(s[m[2]:m[3]])
		return c, true
	}
	switch {
	case sittingRe.MatchString(s) && visitWord.MatchString(s):
		c.Kind = "first_sitting"
	case everRe.MatchString(s) && visitWord.MatchString(s):
		c.Kind = "first_ever"
	default:
		return c, false
	}
	return c, true
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func ordinal(w string) int {
	w = strings.ToLower(w)
	if n, ok := ordinalWords[w]; ok {
		return n
	}
	return atoi(strings.TrimRight(w, "stndrh"))
}

// window dates the start of a count ("since 2021", "since Russia's
// full-scale invasion"); words that name no start the reader can date, and
// that do not just restate the office ("since taking office"), are a problem.
func window(phrase string) (shuttle.Date, string) {
	p := strings.ToLower(strings.TrimSpace(phrase))
	if y := yearRe.FindString(p); y != "" && strings.HasPrefix(p, y) {
		return shuttle.NewDate(atoi(y), 1, 1), ""
	}
	for _, ev := range datedEvents {
		if strings.Contains(p, ev.phrase) {
			return shuttle.MustDate(ev.day), ""
		}
	}
	if hasAny(p, []string{"taking office", "becoming", "he took office", "she took office", "assuming office"}) {
		return shuttle.Date{}, ""
	}
	return shuttle.Date{}, "the count starts \"since " + strings.TrimSpace(phrase) + "\", which the reader cannot date"
}
