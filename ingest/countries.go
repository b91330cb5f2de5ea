package ingest

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/gazetteer"
	"github.com/shuttlenews/shuttle/hsg"
)

// countryTable resolves record country ids to canonical countries.
type countryTable struct {
	byISO   map[string]*shuttle.Country
	byID    map[string]string // gsh or record id → ISO
	byLabel map[string]string // folded gsh label → ISO
	until   map[string]int    // id → the last year it denotes its entity
}

// validISO checks a gsh code against ISO 3166-1 and returns today's code:
// deprecated codes are replaced by their successors (BU → MM), user-assigned
// codes (X?, Q?) are kept for historical entities, withdrawn ones refused.
// It serves only the ids the gazetteer does not know yet (an upstream
// addition); the gazetteer's code wins for the others, which is how gsh's
// wrong codes (estonia's "ew") are corrected.
func validISO(code string) (string, error) {
	if len(code) != 2 {
		return "", fmt.Errorf("iso2 %q is not a two-letter code", code)
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return "", fmt.Errorf("iso2 %q is not an ISO 3166-1 code", code)
	}
	if r.IsPrivateUse() {
		return strings.ToUpper(code), nil
	}
	r = r.Canonicalize()
	if !r.IsCountry() || !isCurrent(r) {
		return "", fmt.Errorf("iso2 %q is no longer an ISO 3166-1 code", code)
	}
	return r.String(), nil
}

// newCountryTable builds the table from gsh's countries-old and the embedded
// gazetteer.
func newCountryTable(gsh []hsg.Country) (*countryTable, error) {
	return buildCountryTable(gazetteer.Default(), gsh)
}

// buildCountryTable resolves each gsh id through the gazetteer (its code and
// the name to show; gsh keeps the bureau), then adds the ids gsh lacks: the
// records' other ids for a place gsh lists (turkiye), and places gsh does not
// list at all (Antarctica), whose bureau the gazetteer gives.
func buildCountryTable(gz *gazetteer.Gazetteer, gsh []hsg.Country) (*countryTable, error) {
	t := &countryTable{byISO: map[string]*shuttle.Country{}, byID: map[string]string{},
		byLabel: map[string]string{}, until: map[string]int{}}
	for _, g := range gsh {
		if prev, ok := t.byID[g.ID]; ok {
			return nil, &hsg.Error{Pos: g.Pos, Record: "country " + g.ID, Err: fmt.Errorf("id listed twice (already %s)", prev)}
		}
		iso, name := "", g.Label
		if k, known := gz.HSG(g.ID); known {
			iso, name = k.ISO, k.RecordName()
			t.until[g.ID] = k.HSGUntil
		} else {
			var err error
			if iso, err = validISO(g.ISO2); err != nil {
				return nil, &hsg.Error{Pos: g.Pos, Record: "country " + g.ID, Field: "iso2", Err: err}
			}
		}
		c := t.byISO[iso]
		if c == nil {
			c = &shuttle.Country{ISO: iso, Name: name, Region: g.Region}
			t.byISO[iso] = c
		}
		c.IDs = append(c.IDs, g.ID)
		t.byID[g.ID] = iso
		t.byLabel[fold(g.Label)] = iso
	}
	for _, k := range gz.HSGCountries() {
		c := t.byISO[k.ISO]
		if c == nil && k.State {
			// gsh lists every state; one missing means upstream renamed
			// its id, and the gazetteer's hsg ids need the new one.
			return nil, fmt.Errorf("gsh countries-old lists none of %s's ids %v: add its id to the gazetteer", k.ISO, k.HSG)
		}
		if c == nil {
			c = &shuttle.Country{ISO: k.ISO, Name: k.RecordName(), Region: k.Region}
			t.byISO[k.ISO] = c
		}
		for _, id := range k.HSG {
			if _, ok := t.byID[id]; ok {
				continue // gsh lists it
			}
			t.byID[id] = k.ISO
			t.until[id] = k.HSGUntil
			c.IDs = append(c.IDs, id)
		}
	}
	return t, nil
}

// resolve maps a record's country id, as used in year with the given name, to
// its canonical ISO key.
func (t *countryTable) resolve(id, name string, year int) (string, error) {
	iso, ok := t.byID[id]
	if !ok {
		return "", fmt.Errorf("country id %q (%q) is neither in gsh countries-old nor among the gazetteer's hsg ids", id, name)
	}
	if last := t.until[id]; last != 0 && year > last {
		byName, ok := t.byLabel[fold(name)]
		if !ok || byName == iso {
			return "", fmt.Errorf("country id %q names an entity that ended in %d, and the record's name %q (year %d) names no other country", id, last, name, year)
		}
		return byName, nil
	}
	return iso, nil
}

// countries lists the table's countries by ISO code, their ids sorted.
func (t *countryTable) countries() []shuttle.Country {
	out := make([]shuttle.Country, 0, len(t.byISO))
	for _, c := range t.byISO {
		cc := *c
		cc.IDs = append([]string(nil), c.IDs...)
		sort.Strings(cc.IDs)
		out = append(out, cc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ISO < out[j].ISO })
	return out
}

// fold normalises a country name for lookups: case, spacing and the two
// apostrophes the records mix.
func fold(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
