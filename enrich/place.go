package enrich

import (
	"slices"
	"strings"
)

// place is a destination a sentence names: a country, and the city when
// the text names its capital.
type place struct {
	iso, city string
	at        int // byte offset in the sentence
}

// destinations are the countries a sentence sends a U.S. traveller to: the
// countries and capitals it names after its verb of travel (or anywhere, if
// none follows), less the United States, places of departure ("from
// Hungary"), possessives ("Russia's invasion") and demonyms, and any place
// in a clause about the past (blanked in present).
func (e *Enricher) destinations(s sentence, present string, r Result) []place {
	var found []place
	for _, m := range r.Mentions {
		if m.Kind != KindCountry || m.Start < s.start || m.End > s.end || m.Form == "demonym" || m.Key == "US" {
			continue
		}
		at, end := m.Start-s.start, m.End-s.start
		if strings.TrimSpace(present[at:end]) == "" || departure(present, at) || possessive(present, end) {
			continue
		}
		city := ""
		if m.Form == "capital" {
			city = present[at:end]
		}
		found = append(found, place{iso: m.Key, city: city, at: at})
	}
	found = append(found, e.capitals(present)...)
	slices.SortFunc(found, func(a, b place) int { return a.at - b.at })
	cue := travelRe.FindStringIndex(present)
	var after []place
	for _, p := range found {
		if cue != nil && p.at >= cue[0] {
			after = append(after, p)
		}
	}
	if len(after) > 0 {
		found = after
	}
	var out []place
	for _, p := range found {
		i := slices.IndexFunc(out, func(o place) bool { return o.iso == p.iso })
		switch {
		case i < 0:
			out = append(out, p)
		case out[i].city == "":
			out[i].city = p.city
		}
	}
	return out
}

// capitals finds capitals named as places ("arrived in Kyiv", a dateline
// "HANOI —"), which the entity reader leaves out of the countries a text
// refers to.
func (e *Enricher) capitals(text string) []place {
	var out []place
	for _, c := range e.g.Countries() {
		if c.ISO == "US" {
			continue
		}
		for _, name := range c.Capitals {
			for _, form := range []string{name, strings.ToUpper(name)} {
				if at := wordIndex(text, form); at >= 0 && !departure(text, at) && !possessive(text, at+len(form)) {
					out = append(out, place{iso: c.ISO, city: name, at: at})
					break
				}
			}
		}
	}
	return out
}

// wordIndex is the offset of form in text as a whole word, or -1.
func wordIndex(text, form string) int {
	for from := 0; ; {
		i := strings.Index(text[from:], form)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(form)
		if (i == 0 || !isWordByte(text[i-1])) && (end == len(text) || !isWordByte(text[end])) {
			return i
		}
		from = i + 1
	}
}

func departure(text string, at int) bool {
	return strings.HasSuffix(strings.ToLower(strings.TrimRight(text[:at], " ")), " from")
}

func possessive(text string, end int) bool {
	rest := text[end:]
	return strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s")
}
