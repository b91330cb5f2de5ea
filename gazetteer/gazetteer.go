// Package gazetteer is the knowledge base shuttle reads text with: the world's
// states with the names, demonyms and capitals news uses for them, organisations
// with their type and members, public figures, and titles of office.
//
// The tables are YAML files under data/, embedded in the binary, so that a
// reviewer can read and extend them without touching code. Default returns them
// parsed once; Load parses another copy (a test fixture, a site's own tables).
package gazetteer

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

//go:embed data/*.yaml
var embedded embed.FS

// Organisation types: the closed list an editor's tag may carry.
const (
	Multilateral = "Multilateral Organization"
	Agency       = "Government Agency"
	Military     = "Military"
	Company      = "Company"
	Media        = "Media"
	Party        = "Political Party"
	NGO          = "Non-Governmental Organization"
)

// Types lists the organisation types in the order a reader would rank them.
var Types = []string{Multilateral, Agency, Military, Company, Media, Party, NGO}

// Country is a sovereign state (countries.yaml) or, where State is false, a
// dependency, historical entity or Antarctica (territories.yaml), which text
// is not matched against but records and map shapes are.
type Country struct {
	ISO      string   `json:"iso"`
	Name     string   `json:"name"`
	Names    []string `json:"names,omitempty"`
	Demonyms []string `json:"demonyms,omitempty"`
	// Capitals are the capital and seats of power, which stand for the
	// government only where the text uses them so ("Moscow said").
	Capitals []string `json:"capitals,omitempty"`
	UNMember bool     `json:"un_member"`
	State    bool     `json:"state"`
	// Numeric is the ISO 3166-1 numeric code ("004"), "" where ISO gives
	// none (XK, the historical entities).
	Numeric string `json:"numeric,omitempty"`
	// HSG are the Office of the Historian's ids that denote it: its gsh
	// countries-old id and the ids the records use besides (turkiye).
	HSG []string `json:"hsg,omitempty"`
	// HSGName is the name shown beside the records where it is not Name
	// (Burma, Palestinian Territories); RecordName picks between the two.
	HSGName string `json:"hsg_name,omitempty"`
	// HSGUntil is the last year the HSG ids denote it, 0 for no bound: a
	// later record under them names a successor ("korea" after 1948).
	HSGUntil int `json:"hsg_until,omitempty"`
	// Region is the State Department bureau, given only for places gsh's
	// table does not list (gsh gives the others).
	Region string `json:"region,omitempty"`
}

// RecordName is the name to show beside the Office of the Historian's records.
func (c Country) RecordName() string {
	if c.HSGName != "" {
		return c.HSGName
	}
	return c.Name
}

// Organization is a named body. Members are ISO codes, set for
// intergovernmental bodies and sorted.
type Organization struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Country string   `json:"country,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	Members []string `json:"members,omitempty"`
}

// MeetingSeries is an organisation or a conference series as the Office of
// the Historian's trip remarks name its meetings (data/meetings.yaml): the
// name a stop's purpose gives it, the names remarks use (matched with their
// case), and what kind of meeting a name implies when the remark states none.
type MeetingSeries struct {
	Name string `json:"name"`
	// Organization is the series' row among Organizations, "" for none.
	Organization string   `json:"organization,omitempty"`
	Names        []string `json:"names,omitempty"`
	// Level is the meeting kind of a session that states none: "ministerial"
	// for bodies that meet by their constitution at ministerial level.
	Level string `json:"level,omitempty"`
	// Summits and Ministerials are names that are themselves a meeting of
	// that kind ("Economic Summit", "North Atlantic Council").
	Summits      []string `json:"summits,omitempty"`
	Ministerials []string `json:"ministerials,omitempty"`
}

// Person is a public figure whose names text varies or whose office text leaves
// implicit.
type Person struct {
	Name     string   `json:"name"`
	Country  string   `json:"country,omitempty"`
	Roles    []string `json:"roles,omitempty"`
	Aliases  []string `json:"aliases,omitempty"`
	Traveler string   `json:"traveler,omitempty"`
}

// Title is a title of office as text writes it.
type Title struct {
	Form  string `json:"form"`
	Title string `json:"title"` // the written-out form ("General" for "Gen.")
	Kind  string `json:"kind"`  // office, rank or honorific
	US    bool   `json:"us,omitempty"`
	Noun  string `json:"noun,omitempty"`
}

// Title kinds.
const (
	Office    = "office"
	Rank      = "rank"
	Honorific = "honorific"
)

// Gazetteer holds the tables and their indexes. It is read-only after Load and
// safe for concurrent use.
type Gazetteer struct {
	countries        []Country
	orgs             []Organization
	people           []Person
	titles           []Title
	modifiers        []string
	excluded         []string
	capitalFollowers []string
	female           map[string]bool
	meetings         []MeetingSeries

	territories []Country

	countryByISO  map[string]int
	countryByName map[string]int
	// The code lookups span states and territories: an index below
	// len(countries) is a state, the rest territories.
	byHSG        map[string]int
	byNumeric    map[string]int
	orgByName    map[string]int
	personByName map[string]int
}

var defaultGazetteer = sync.OnceValue(func() *Gazetteer {
	g, err := Load(embedded)
	if err != nil {
		// The embedded tables are checked by the package tests; a failure
		// here is a build that skipped them.
		panic(fmt.Sprintf("gazetteer: embedded tables: %v", err))
	}
	return g
})

// Default returns the embedded tables, parsed on first use.
func Default() *Gazetteer { return defaultGazetteer() }

// Load parses data/countries.yaml, territories.yaml, organizations.yaml, people.yaml, titles.yaml,
// places.yaml, names.yaml and meetings.yaml from fsys.
func Load(fsys fs.FS) (*Gazetteer, error) {
	g := &Gazetteer{}
	if err := g.loadCountries(fsys); err != nil {
		return nil, err
	}
	if err := g.loadTerritories(fsys); err != nil {
		return nil, err
	}
	if err := g.loadOrganizations(fsys); err != nil {
		return nil, err
	}
	if err := g.loadPeople(fsys); err != nil {
		return nil, err
	}
	if err := g.loadTitles(fsys); err != nil {
		return nil, err
	}
	if err := g.loadPlaces(fsys); err != nil {
		return nil, err
	}
	if err := g.loadNames(fsys); err != nil {
		return nil, err
	}
	if err := g.loadMeetings(fsys); err != nil {
		return nil, err
	}
	return g, nil
}

func decodeFile(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, "data/"+name)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// Key folds a name for lookups: case, dots, typographic apostrophes and dashes,
// spacing and a leading "the" do not distinguish names ("the U.S. Army" and
// "US Army" are one key).
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case '.':
			continue
		case '’', '‘', '`':
			r = '\''
		case '–', '—', '‐', '‑':
			r = '-'
		case ' ', '\t', '\n', '\u00a0':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	k := b.String()
	return strings.TrimPrefix(k, "the ")
}

// Countries lists every state, by ISO code as the file orders them.
func (g *Gazetteer) Countries() []Country { return g.countries }

// Country returns the state with ISO code iso (any case).
func (g *Gazetteer) Country(iso string) (Country, bool) {
	i, ok := g.countryByISO[strings.ToUpper(iso)]
	if !ok {
		return Country{}, false
	}
	return g.countries[i], true
}

// Territories lists the dependencies, historical entities and Antarctica, by
// code as the file orders them.
func (g *Gazetteer) Territories() []Country { return g.territories }

// coded returns the state or territory at a code-lookup index.
func (g *Gazetteer) coded(i int) Country {
	if i < len(g.countries) {
		return g.countries[i]
	}
	return g.territories[i-len(g.countries)]
}

// HSG returns the state or territory an Office of the Historian country id
// denotes ("turkiye" and "turkey" are Türkiye).
func (g *Gazetteer) HSG(id string) (Country, bool) {
	i, ok := g.byHSG[id]
	if !ok {
		return Country{}, false
	}
	return g.coded(i), true
}

// HSGCountries lists the states and territories that have Office of the
// Historian ids, states first.
func (g *Gazetteer) HSGCountries() []Country {
	var out []Country
	for _, c := range append(slices.Clip(g.countries), g.territories...) {
		if len(c.HSG) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// Numeric returns the state or territory with ISO 3166-1 numeric code num
// ("004", or "4": the zeros are optional).
func (g *Gazetteer) Numeric(num string) (Country, bool) {
	if len(num) < 3 {
		num = strings.Repeat("0", 3-len(num)) + num
	}
	i, ok := g.byNumeric[num]
	if !ok {
		return Country{}, false
	}
	return g.coded(i), true
}

// CountryByName returns the state a name, short form, abbreviation or demonym
// refers to ("Lao PDR", "ROK", "Britain", "Ukrainian"), or an ISO code.
func (g *Gazetteer) CountryByName(name string) (Country, bool) {
	if i, ok := g.countryByName[Key(name)]; ok {
		return g.countries[i], true
	}
	if len(name) == 2 {
		return g.Country(name)
	}
	return Country{}, false
}

// Organizations lists every organisation as the file orders them.
func (g *Gazetteer) Organizations() []Organization { return g.orgs }

// Organization returns the organisation with that canonical name or alias.
func (g *Gazetteer) Organization(name string) (Organization, bool) {
	i, ok := g.orgByName[Key(name)]
	if !ok {
		return Organization{}, false
	}
	return g.orgs[i], true
}

// MeetingSeries lists the organisations and conference series whose
// meetings the travel records name, as the file orders them.
func (g *Gazetteer) MeetingSeries() []MeetingSeries { return g.meetings }

// People lists the public figures.
func (g *Gazetteer) People() []Person { return g.people }

// Person returns the figure with that canonical name or alias.
func (g *Gazetteer) Person(name string) (Person, bool) {
	i, ok := g.personByName[Key(name)]
	if !ok {
		return Person{}, false
	}
	return g.people[i], true
}

// Titles lists the titles of office.
func (g *Gazetteer) Titles() []Title { return g.titles }

// Modifiers are the words that may precede a title ("Acting", "Deputy").
func (g *Gazetteer) Modifiers() []string { return g.modifiers }

// Excluded are geographic and other names that contain a country's name but do
// not refer to the state ("South China Sea").
func (g *Gazetteer) Excluded() []string { return g.excluded }

// CapitalFollowers are words that make a capital part of a name rather than a
// metonym ("Washington Treaty").
func (g *Gazetteer) CapitalFollowers() []string { return g.capitalFollowers }

// FemaleName reports a given name that marks a woman ("Hillary").
func (g *Gazetteer) FemaleName(name string) bool { return g.female[name] }

// Members returns the member states of the organisation called name.
func (g *Gazetteer) Members(name string) []string {
	o, _ := g.Organization(name)
	return o.Members
}

// Lookups on the embedded tables, for callers that need no other copy.

// LookupCountry returns the state with ISO code iso from the embedded tables.
func LookupCountry(iso string) (Country, bool) { return Default().Country(iso) }

// LookupCountryByName returns the state a name or demonym refers to.
func LookupCountryByName(name string) (Country, bool) { return Default().CountryByName(name) }

// LookupHSG returns the state or territory an Office of the Historian country
// id denotes, from the embedded tables.
func LookupHSG(id string) (Country, bool) { return Default().HSG(id) }

// LookupNumeric returns the state or territory with that ISO 3166-1 numeric
// code, from the embedded tables.
func LookupNumeric(num string) (Country, bool) { return Default().Numeric(num) }

// LookupOrganization returns the organisation with that name or alias, with its
// members (the site restricts a ranking to NATO members with it).
func LookupOrganization(name string) (Organization, bool) { return Default().Organization(name) }

func sortedUnique(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}
