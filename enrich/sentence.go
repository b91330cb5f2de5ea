package enrich

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is a span of the body; start and end are byte offsets.
type sentence struct {
	start, end int
	text       string
}

// notEnds are abbreviations whose dot ends no sentence in news copy ("U.S.
// Secretary", "Gen. Austin", "Jan. 12"). Single capitals (initials, "F.")
// are handled apart.
var notEnds = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "lt": true,
	"col": true, "sen": true, "rep": true, "gov": true, "sgt": true, "adm": true, "st": true, "jr": true,
	"sr": true, "no": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "u.s": true, "u.k": true,
	"u.n": true, "vs": true, "inc": true, "corp": true, "prof": true, "maj": true, "capt": true}

// sentences splits a body into sentences at ". ", "? " and "! " before a
// capital or a quotation mark, and at paragraph breaks.
func sentences(body string) []sentence {
	var out []sentence
	start := 0
	emit := func(end int) {
		s := strings.TrimSpace(body[start:end])
		if s != "" {
			lead := start + strings.Index(body[start:end], s)
			out = append(out, sentence{start: lead, end: lead + len(s), text: s})
		}
		start = end
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\n' && i+1 < len(body) && body[i+1] == '\n' {
			emit(i)
			continue
		}
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		for j < len(body) && (body[j] == '"' || body[j] == '\'' || body[j] == ')') {
			j++
		}
		if j >= len(body) || (body[j] != ' ' && body[j] != '\n') {
			continue
		}
		k := j
		for k < len(body) && (body[k] == ' ' || body[k] == '\n') {
			k++
		}
		r, _ := utf8.DecodeRuneInString(body[k:])
		if k < len(body) && !unicode.IsUpper(r) && !strings.ContainsRune("\"“'‘(", r) {
			continue
		}
		if c == '.' && abbreviation(body[start:i]) {
			continue
		}
		emit(j)
	}
	emit(len(body))
	return out
}

// abbreviation reports whether the text before a dot ends in a word that
// does not end a sentence.
func abbreviation(before string) bool {
	w := before
	if i := strings.LastIndexAny(before, " \n(\"“"); i >= 0 {
		w = before[i+1:]
	}
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(w)[0]) {
		return true // an initial: "John F. Kerry"
	}
	return notEnds[strings.ToLower(w)]
}
