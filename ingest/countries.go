package ingest

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/language"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/hsg"
)

// isoCorrections fixes the gsh iso2 codes that are wrong or no longer valid,
// keyed by gsh id and the code gsh gives: if upstream fixes a code, the
// correction stops applying and the new code is validated like any other.
var isoCorrections = map[[2]string]string{
	{"estonia", "ew"}:              "EE", // "EW" was never an ISO code
	{"cook-islands", "cw"}:         "CK", // CW is Curaçao
	{"macau", "xj"}:                "MO", // Macao has had MO since 1974
	{"netherlands-antilles", "an"}: "XN", // AN was withdrawn in 2010; no code today
}

// idAliases are ids the records use that gsh's countries-old table lacks,
// each mapped to the gsh id of the same state.
var idAliases = map[string]string{
	"turkiye":         "turkey",
	"czechia":         "czech-republic",
	"north-macedonia": "macedonia",
	"eswatini":        "swaziland",
	"congo-kinshasa":  "congo-democratic-republic",
	"somoa":           "samoa", // a typo in the visits data
	"west-bank":       "palestinian-authority",
}

// extraCountries are places the records visit that countries-old does not
// list at all: dependencies and Antarctica, with their ISO codes and the
// bureau that covers them.
var extraCountries = []shuttle.Country{
	{ISO: "AQ", Name: "Antarctica", Region: "", IDs: []string{"antarctica"}},
	{ISO: "PF", Name: "French Polynesia", Region: "eap", IDs: []string{"french-polynesia"}},
	{ISO: "NC", Name: "New Caledonia", Region: "eap", IDs: []string{"new-caledonia"}},
	{ISO: "NU", Name: "Niue", Region: "eap", IDs: []string{"niue"}},
}

// todaysNames are the short names readers know today where gsh's label is
// dated or in reference-list form ("Korea, South"). The name a record used at
// the time stays on the record.
var todaysNames = map[string]string{
	"TR": "Türkiye",
	"CZ": "Czechia",
	"MK": "North Macedonia",
	"SZ": "Eswatini",
	"CD": "Democratic Republic of the Congo",
	"CG": "Republic of the Congo",
	"KR": "South Korea",
	"KP": "North Korea",
	"FM": "Micronesia",
	"CI": "Côte d’Ivoire",
	"CV": "Cabo Verde",
	"PS": "Palestinian Territories",
	"XH": "South Vietnam",
	"MO": "Macao",
	"ST": "São Tomé and Príncipe",
}

// lastYear bounds ids that name an entity which ceased to exist while its id
// stayed in use: a later record under such an id is resolved by the name it
// gives ("Korea, South" under korea in 2017 is South Korea).
var lastYear = map[string]int{
	"korea": 1948, // Korea under U.S. and Soviet administration, 1945–1948
}

// countryTable resolves record country ids to canonical countries.
type countryTable struct {
	byISO   map[string]*shuttle.Country
	byID    map[string]string // gsh or record id → ISO
	byLabel map[string]string // folded gsh label → ISO
}

// validISO checks a gsh code against ISO 3166-1 and returns today's code:
// deprecated codes are replaced by their successors (BU → MM), user-assigned
// codes (X?, Q?) are kept for historical entities, withdrawn ones refused.
func validISO(id, code string) (string, error) {
	if fixed, ok := isoCorrections[[2]string{id, code}]; ok {
		return fixed, nil
	}
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

func newCountryTable(gsh []hsg.Country) (*countryTable, error) {
	t := &countryTable{byISO: map[string]*shuttle.Country{}, byID: map[string]string{}, byLabel: map[string]string{}}
	for _, g := range gsh {
		iso, err := validISO(g.ID, g.ISO2)
		if err != nil {
			return nil, &hsg.Error{Pos: g.Pos, Record: "country " + g.ID, Field: "iso2", Err: err}
		}
		if prev, ok := t.byID[g.ID]; ok {
			return nil, &hsg.Error{Pos: g.Pos, Record: "country " + g.ID, Err: fmt.Errorf("id listed twice (already %s)", prev)}
		}
		c := t.byISO[iso]
		if c == nil {
			c = &shuttle.Country{ISO: iso, Name: g.Label, Region: g.Region}
			t.byISO[iso] = c
		}
		c.IDs = append(c.IDs, g.ID)
		t.byID[g.ID] = iso
		t.byLabel[fold(g.Label)] = iso
	}
	for _, x := range extraCountries {
		if _, ok := t.byISO[x.ISO]; ok {
			continue // upstream has added it to countries-old
		}
		c := x
		c.IDs = append([]string(nil), x.IDs...)
		t.byISO[c.ISO] = &c
		for _, id := range c.IDs {
			t.byID[id] = c.ISO
		}
	}
	for alias, id := range idAliases {
		if _, ok := t.byID[alias]; ok {
			continue // upstream lists the alias itself now
		}
		iso, ok := t.byID[id]
		if !ok {
			return nil, fmt.Errorf("country alias %s → %s: %s is not in gsh countries-old", alias, id, id)
		}
		t.byID[alias] = iso
		c := t.byISO[iso]
		c.IDs = append(c.IDs, alias)
	}
	for iso, name := range todaysNames {
		if c, ok := t.byISO[iso]; ok {
			c.Name = name
		}
	}
	return t, nil
}

// resolve maps a record's country id, as used in year with the given name, to
// its canonical ISO key.
func (t *countryTable) resolve(id, name string, year int) (string, error) {
	iso, ok := t.byID[id]
	if !ok {
		return "", fmt.Errorf("country id %q (%q) is not in gsh countries-old nor among the known aliases", id, name)
	}
	if last, bounded := lastYear[id]; bounded && year > last {
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
