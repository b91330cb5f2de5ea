package enrich

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The scorer's matching rule. A predicted name matches a gold name when both
// fold to the same key, or when the prediction folds to one of the gold
// entry's own aliases (an optional "aliases" list in the annotation). The
// key folds case, diacritics, punctuation and spacing; for people it also
// drops honorifics, initials (dotted or not) and generational suffixes ("Mr. Lloyd J.
// Austin III" is "lloyd austin"). The scorer deliberately does not consult
// the reader's gazetteer: canonicalising gold names through the reader's own
// tables would let the reader's alias list grade itself, and would hide
// exactly the names the reader gets wrong outside its tables. The one table
// it reads is the country table, to compare a primary entity of type Country
// by ISO code, which is how the annotation identifies countries anyway.

// matcher holds the gold aliases of one annotated article, by folded name.
type matcher struct {
	aliases map[string][]string
}

// fits reports whether a predicted key matches a gold key or its aliases.
func (m matcher) fits(gold, pred string) bool {
	if gold == pred {
		return true
	}
	for _, a := range m.aliases[gold] {
		if a == pred {
			return true
		}
	}
	return false
}

func (m matcher) sameOrg(gold, pred string) bool { return m.fits(foldName(gold), foldName(pred)) }

func (m matcher) samePerson(gold, pred string) bool {
	return m.fits(foldPerson(gold), foldPerson(pred))
}

func (m matcher) sameTypedOrg(a, b string) bool {
	an, at, _ := strings.Cut(a, " | ")
	bn, bt, _ := strings.Cut(b, " | ")
	return at == bt && m.sameOrg(an, bn)
}

// sameQuote needs the same text and speaker. An anonymous speaker is matched
// by its whole descriptor ("unnamed senior diplomat"), never merely for being
// anonymous: two different unnamed sources are two different speakers.
func (m matcher) sameQuote(a, b string) bool {
	as, at, _ := strings.Cut(a, " | ")
	bs, bt, _ := strings.Cut(b, " | ")
	return at == bt && (m.samePerson(as, bs) || m.sameOrg(as, bs))
}

// foldName is the key of an organisation's or any entity's name: no case, no
// diacritics, punctuation as space, single spaces, no leading "the".
func foldName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '.' || r == '\'' || r == '’' || r == '‘':
			continue // "U.S." is "us", "O'Brien" is "obrien"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return strings.TrimPrefix(b.String(), "the ")
}

// scoreHonorifics are courtesy words that are no part of a person's name.
var scoreHonorifics = setOf("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame")

// foldPerson is foldName without honorifics, initials and suffixes.
func foldPerson(s string) string {
	if strings.HasPrefix(s, "unnamed") {
		return foldName(s)
	}
	// Initials are told by their dots before folding removes them.
	var kept []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		if strings.Contains(w, ".") && isInitials(w) {
			continue
		}
		kept = append(kept, w)
	}
	words := strings.Fields(foldName(strings.Join(kept, " ")))
	out := words[:0]
	for i, w := range words {
		if (i == 0 && scoreHonorifics[w]) || (i > 0 && nameSuffixes[w]) || (len(w) == 1 && len(words) > 1) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// goldFile is an annotation as stored: a Result whose organisations and
// people may carry aliases the scorer also accepts.
type goldFile struct {
	Organizations []struct {
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	} `json:"organizations"`
	People []struct {
		Name    string   `json:"name"`
		Aliases []string `json:"aliases"`
	} `json:"people"`
}

// readGold reads an annotation and the matcher its aliases make.
func readGold(path string) (Result, matcher, error) {
	r, err := readResult(path)
	if err != nil {
		return r, matcher{}, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return r, matcher{}, err
	}
	var g goldFile
	if err := json.Unmarshal(data, &g); err != nil {
		return r, matcher{}, fmt.Errorf("%s: %w", path, err)
	}
	m := matcher{aliases: map[string][]string{}}
	for _, o := range g.Organizations {
		for _, a := range o.Aliases {
			k := foldName(o.Name)
			m.aliases[k] = append(m.aliases[k], foldName(a))
		}
	}
	for _, p := range g.People {
		for _, a := range p.Aliases {
			k := foldPerson(p.Name)
			m.aliases[k] = append(m.aliases[k], foldPerson(a))
		}
	}
	return r, m, nil
}
