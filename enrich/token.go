package enrich

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	wordTok  tokKind = iota
	punctTok         // one punctuation rune: , . ; : - – ( ) [ ] …
	quoteTok         // a double quotation mark, straight or curly
	possTok          // the possessive 's, or a bare apostrophe after a plural
)

// token is a word or mark of the text. Offsets are bytes into the text it was
// read from, always on rune boundaries; nothing is folded in place, so offsets
// stay true whatever case or apostrophe the text uses.
type token struct {
	start, end int32
	kind       tokKind
	glued      bool // no space before it ("Kosiniak-Kamysz", "U.S.-Kenya")
	cap        bool // begins with an upper-case letter
	para, sent int32
	key        string // the text with typographic apostrophes made straight
	low        string // key in lower case, for titles and function words
	flags      wordClass
}

// abbreviations keep their final dot as part of the word, so that "Gen." and
// "Mr." do not end a sentence.
var abbreviations = setOf("mr", "mrs", "ms", "dr", "gen", "lt", "col", "brig", "maj", "adm", "capt",
	"sgt", "cmdr", "cdr", "gov", "sen", "rep", "amb", "prof", "rev", "st", "jr", "sr", "no", "vs",
	"inc", "corp", "co", "ltd", "dept", "sec", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec", "mt", "ft", "etc", "approx", "govt", "hon", "ret")

// tokenize splits text into tokens with paragraph and sentence numbers.
// Paragraphs are separated by blank lines.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/4+8)
	// One lower-case copy of the text serves every token's low form; only
	// tokens with non-ASCII capitals or typographic apostrophes need their own.
	lowText := asciiLower(text)
	para := 0
	newlines := 0
	lineStart := 0
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '\n':
			newlines++
			if newlines == 1 && len(toks) > 0 && shortLine(text[lineStart:i]) {
				toks[len(toks)-1].sent = -1 // marks a soft sentence end; see assignSentences
			}
			lineStart = i + 1
			i += size
			continue
		case r == ' ' || r == '\t' || r == '\r' || (r >= utf8.RuneSelf && unicode.IsSpace(r)):
			i += size
			continue
		}
		if newlines >= 2 && len(toks) > 0 {
			para++
		}
		glued := newlines == 0 && len(toks) > 0 && int(toks[len(toks)-1].end) == i
		newlines = 0
		t := token{start: int32(i), glued: glued, para: int32(para)}
		switch {
		case isWordRune(r):
			t.end = int32(scanWord(text, i))
			t.kind = wordTok
			t.cap = unicode.IsUpper(r)
		case isQuoteMark(r):
			t.end, t.kind = int32(i+size), quoteTok
		case isApostrophe(r) && glued && possessiveAt(text, i, toks):
			t.end, t.kind = int32(possessiveEnd(text, i)), possTok
		default:
			t.end, t.kind = int32(i+size), punctTok
		}
		raw := text[t.start:t.end]
		t.key = straighten(raw)
		if len(t.key) == len(raw) && !hasUpperNonASCII(raw) {
			t.low = lowText[t.start:t.end]
		} else {
			t.low = lower(t.key)
		}
		toks = append(toks, t)
		i = int(t.end)
	}
	assignSentences(toks)
	return toks
}

// shortLine tells a heading or dateline ("Readout", "December 3, 2024") from a
// line of wrapped prose: a line break after it ends a sentence.
func shortLine(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > 60 {
		return false
	}
	last := line[len(line)-1]
	return last != ',' && last != ';' && last != ':' && last != '-'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‟':
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// scanWord returns the end of the word starting at i. Inner dots ("U.S",
// "2.5"), apostrophes ("O'Brien", "you’re") and digit groups ("1,000") stay
// inside; a possessive 's does not. A final dot is kept for abbreviations,
// initials and dotted forms ("U.S.", "J.", "Gen.").
func scanWord(text string, i int) int {
	j := i
	dotted := false
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case isWordRune(r):
			j += size
			continue
		case r == '.' && wordRuneAt(text, j+1):
			dotted = true
			j++
			continue
		case isApostrophe(r):
			next, nsize := utf8.DecodeRuneInString(text[j+size:])
			if !unicode.IsLetter(next) {
				break
			}
			if (next == 's' || next == 'S') && !wordRuneAt(text, j+size+nsize) {
				break // possessive
			}
			j += size
			continue
		case r == ',' && j > i && isDigitByte(text[j-1]) && j+3 < len(text) &&
			isDigitByte(text[j+1]) && isDigitByte(text[j+2]) && isDigitByte(text[j+3]):
			j++
			continue
		}
		break
	}
	if j < len(text) && text[j] == '.' {
		w := text[i:j]
		if dotted || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper(firstRune(w))) || abbreviations[lower(w)] {
			j++
		}
	}
	return j
}

func wordRuneAt(text string, j int) bool {
	if j >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	return isWordRune(r)
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// possessiveAt reports whether the apostrophe at i, right after a word, marks a
// possessive: "’s" before a non-letter, or a bare apostrophe after a word
// ending in s ("Yunus' work").
func possessiveAt(text string, i int, toks []token) bool {
	prev := toks[len(toks)-1]
	if prev.kind != wordTok {
		return false
	}
	_, size := utf8.DecodeRuneInString(text[i:])
	j := i + size
	if j < len(text) && (text[j] == 's' || text[j] == 'S') && !wordRuneAt(text, j+1) {
		return true
	}
	return strings.HasSuffix(prev.low, "s") && !wordRuneAt(text, j)
}

func possessiveEnd(text string, i int) int {
	_, size := utf8.DecodeRuneInString(text[i:])
	j := i + size
	if j < len(text) && (text[j] == 's' || text[j] == 'S') && !wordRuneAt(text, j+1) {
		return j + 1
	}
	return j
}

// sentenceStarters are words that, after an abbreviation's dot ("the U.S. He
// said"), show that the dot also ended the sentence.
var sentenceStarters = setOf("the", "he", "she", "it", "they", "we", "i", "in", "on", "at", "but",
	"and", "this", "that", "these", "those", "a", "an", "his", "her", "their", "our", "if", "as",
	"while", "after", "before", "during", "however", "there", "both", "earlier", "later", "some")

// assignSentences numbers sentences. A dot inside quotation marks does not end
// the enclosing sentence, so a quotation and its attribution stay together.
func assignSentences(toks []token) {
	sent, inQuote := int32(0), false
	for i := range toks {
		t := &toks[i]
		soft := t.sent == -1
		t.sent = sent
		if i+1 == len(toks) {
			break
		}
		next := &toks[i+1]
		if next.para != t.para {
			sent++
			inQuote = false
			continue
		}
		if t.kind == quoteTok {
			inQuote = !inQuote
			if !inQuote && i > 0 && endsSentence(toks[i-1]) && (next.cap || next.kind == quoteTok) {
				sent++
			}
			continue
		}
		switch {
		case inQuote:
		case soft:
			sent++
		case t.kind == punctTok && endsSentence(*t) && (next.kind != wordTok || next.cap || isDigitByte(next.key[0])):
			sent++
		case t.kind == wordTok && strings.HasSuffix(t.key, ".") && sentenceStarters[next.low] && next.cap:
			sent++
		}
	}
}

func endsSentence(t token) bool {
	return t.kind == punctTok && (t.key == "." || t.key == "?" || t.key == "!" || t.key == "…")
}

func straighten(s string) string {
	if strings.IndexByte(s, 0xE2) < 0 || (!strings.ContainsRune(s, '’') && !strings.ContainsRune(s, '‘')) {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "’", "'"), "‘", "'")
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func hasUpperNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if unicode.IsUpper(r) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// lower folds case without allocating for text that has no upper case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
