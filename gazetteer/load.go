package gazetteer

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// The file shapes; kept apart from the exported types so that defaults (un,
// kind) and member references are settled in one place.
type (
	countryRow struct {
		ISO      string   `yaml:"iso"`
		Name     string   `yaml:"name"`
		Names    []string `yaml:"names"`
		Demonyms []string `yaml:"demonyms"`
		Capitals []string `yaml:"capitals"`
		UN       *bool    `yaml:"un"`
		Numeric  string   `yaml:"numeric"`
		HSG      []string `yaml:"hsg"`
		HSGName  string   `yaml:"hsg_name"`
		HSGUntil int      `yaml:"hsg_until"`
		Region   *string  `yaml:"region"`
	}
	orgRow struct {
		Name    string   `yaml:"name"`
		Type    string   `yaml:"type"`
		Country string   `yaml:"country"`
		Aliases []string `yaml:"aliases"`
		Members []string `yaml:"members"`
	}
	titlesFile struct {
		Modifiers []string `yaml:"modifiers"`
		Titles    []Title  `yaml:"titles"`
	}
	namesFile struct {
		Female []string `yaml:"female"`
	}
	placesFile struct {
		Excluded         []string `yaml:"excluded"`
		CapitalFollowers []string `yaml:"capital_followers"`
	}
)

func (g *Gazetteer) loadCountries(fsys fs.FS) error {
	var rows []countryRow
	if err := decodeFile(fsys, "countries.yaml", &rows); err != nil {
		return err
	}
	g.countryByISO = make(map[string]int, len(rows))
	g.countryByName = make(map[string]int, len(rows)*4)
	g.byHSG = make(map[string]int, len(rows))
	g.byNumeric = make(map[string]int, len(rows))
	for i, r := range rows {
		c, err := g.codedRow("countries.yaml", i+1, i, r)
		if err != nil {
			return err
		}
		c.Names, c.Demonyms, c.Capitals = r.Names, r.Demonyms, r.Capitals
		c.UNMember, c.State = r.UN == nil || *r.UN, true
		if r.Region != nil || r.HSGUntil != 0 {
			// gsh gives every state's bureau, and a state that ended
			// is a territory; either here is a row in the wrong file.
			return fmt.Errorf("countries.yaml: %s: region and hsg_until belong in territories.yaml", r.ISO)
		}
		g.countryByISO[r.ISO] = i
		g.countries = append(g.countries, c)
		for _, n := range append(append([]string{c.Name}, c.Names...), c.Demonyms...) {
			g.countryByName[Key(n)] = i
		}
	}
	return nil
}

// loadTerritories runs after loadCountries: its rows extend the code indexes
// past the states.
func (g *Gazetteer) loadTerritories(fsys fs.FS) error {
	var rows []countryRow
	if err := decodeFile(fsys, "territories.yaml", &rows); err != nil {
		return err
	}
	for i, r := range rows {
		c, err := g.codedRow("territories.yaml", i+1, len(g.countries)+i, r)
		if err != nil {
			return err
		}
		if len(r.Names) > 0 || len(r.Demonyms) > 0 || len(r.Capitals) > 0 || r.UN != nil {
			return fmt.Errorf("territories.yaml: row %d (%s): names, demonyms, capitals and un are for states; text is not matched against territories", i+1, r.ISO)
		}
		if r.Region != nil {
			c.Region = *r.Region
		}
		g.territories = append(g.territories, c)
	}
	return nil
}

// codedRow checks the codes of a row of either file and indexes them at idx:
// row is its line among the rows, for errors, and idx its code-lookup index;
// an ISO code, a numeric code or an Office of the Historian id may name one
// place only, whichever file it is in.
func (g *Gazetteer) codedRow(file string, row, idx int, r countryRow) (Country, error) {
	if r.ISO == "" || r.Name == "" {
		return Country{}, fmt.Errorf("%s: row %d: iso and name are required", file, row)
	}
	if _, dup := g.countryByISO[r.ISO]; dup || g.territoryISO(r.ISO) {
		return Country{}, fmt.Errorf("%s: %s listed twice", file, r.ISO)
	}
	if r.Numeric != "" {
		if len(r.Numeric) != 3 || strings.Trim(r.Numeric, "0123456789") != "" {
			return Country{}, fmt.Errorf("%s: %s: numeric %q is not three digits (quote it in YAML to keep its zeros)", file, r.ISO, r.Numeric)
		}
		if prev, dup := g.byNumeric[r.Numeric]; dup {
			return Country{}, fmt.Errorf("%s: %s: numeric %s is already %s's", file, r.ISO, r.Numeric, g.coded(prev).ISO)
		}
		g.byNumeric[r.Numeric] = idx
	}
	for _, id := range r.HSG {
		if prev, dup := g.byHSG[id]; dup {
			return Country{}, fmt.Errorf("%s: %s: hsg id %q is already %s's", file, r.ISO, id, g.coded(prev).ISO)
		}
		g.byHSG[id] = idx
	}
	if r.HSGUntil != 0 && len(r.HSG) == 0 {
		return Country{}, fmt.Errorf("%s: %s: hsg_until without hsg ids", file, r.ISO)
	}
	return Country{ISO: r.ISO, Name: r.Name, Numeric: r.Numeric, HSG: r.HSG, HSGName: r.HSGName, HSGUntil: r.HSGUntil}, nil
}

func (g *Gazetteer) territoryISO(iso string) bool {
	return slices.ContainsFunc(g.territories, func(c Country) bool { return c.ISO == iso })
}

func (g *Gazetteer) loadOrganizations(fsys fs.FS) error {
	var rows []orgRow
	if err := decodeFile(fsys, "organizations.yaml", &rows); err != nil {
		return err
	}
	g.orgByName = make(map[string]int, len(rows)*3)
	for i, r := range rows {
		if r.Name == "" || r.Type == "" {
			return fmt.Errorf("organizations.yaml: row %d: name and type are required", i+1)
		}
		g.orgs = append(g.orgs, Organization{Name: r.Name, Type: r.Type, Country: r.Country, Aliases: r.Aliases})
		for _, n := range append([]string{r.Name}, r.Aliases...) {
			g.orgByName[Key(n)] = i
		}
	}
	// Members may name other organisations ("@NATO"), so they are expanded
	// once every name is known.
	for i, r := range rows {
		members, err := g.expandMembers(r.Members, map[string]bool{r.Name: true}, rows)
		if err != nil {
			return fmt.Errorf("organizations.yaml: %s: %w", r.Name, err)
		}
		if len(members) > 0 {
			g.orgs[i].Members = sortedUnique(members)
		}
	}
	return nil
}

func (g *Gazetteer) expandMembers(refs []string, seen map[string]bool, rows []orgRow) ([]string, error) {
	var out []string
	for _, m := range refs {
		ref, ok := strings.CutPrefix(m, "@")
		switch {
		case !ok:
			out = append(out, m)
		case ref == "UN":
			for _, c := range g.countries {
				if c.UNMember {
					out = append(out, c.ISO)
				}
			}
		default:
			i, known := g.orgByName[Key(ref)]
			if !known || seen[rows[i].Name] {
				return nil, fmt.Errorf("member reference %q is unknown or circular", m)
			}
			seen[rows[i].Name] = true
			sub, err := g.expandMembers(rows[i].Members, seen, rows)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
		}
	}
	return out, nil
}

func (g *Gazetteer) loadMeetings(fsys fs.FS) error {
	if err := decodeFile(fsys, "meetings.yaml", &g.meetings); err != nil {
		return err
	}
	seen := map[string]string{}
	for i, m := range g.meetings {
		names := slices.Concat(m.Names, m.Summits, m.Ministerials)
		if m.Name == "" || len(names) == 0 {
			return fmt.Errorf("meetings.yaml: row %d: name and at least one name to match are required", i+1)
		}
		if m.Organization != "" {
			if _, ok := g.Organization(m.Organization); !ok {
				return fmt.Errorf("meetings.yaml: %s: organization %q is not in organizations.yaml", m.Name, m.Organization)
			}
		}
		if m.Level != "" && m.Level != "ministerial" && m.Level != "summit" {
			return fmt.Errorf("meetings.yaml: %s: level %q is not summit or ministerial", m.Name, m.Level)
		}
		// A name is matched with its case, so the key keeps it: "UN" and
		// "Un" are different words.
		for _, n := range names {
			if prev, dup := seen[n]; dup {
				return fmt.Errorf("meetings.yaml: %s: %q already names %s", m.Name, n, prev)
			}
			seen[n] = m.Name
		}
	}
	return nil
}

func (g *Gazetteer) loadPeople(fsys fs.FS) error {
	if err := decodeFile(fsys, "people.yaml", &g.people); err != nil {
		return err
	}
	g.personByName = make(map[string]int, len(g.people)*2)
	for i, p := range g.people {
		if p.Name == "" {
			return fmt.Errorf("people.yaml: row %d: name is required", i+1)
		}
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			g.personByName[Key(n)] = i
		}
	}
	return nil
}

func (g *Gazetteer) loadTitles(fsys fs.FS) error {
	var f titlesFile
	if err := decodeFile(fsys, "titles.yaml", &f); err != nil {
		return err
	}
	for i := range f.Titles {
		t := &f.Titles[i]
		if t.Form == "" {
			return fmt.Errorf("titles.yaml: row %d: form is required", i+1)
		}
		if t.Title == "" {
			t.Title = t.Form
		}
		if t.Kind == "" {
			t.Kind = Office
		}
	}
	g.titles, g.modifiers = f.Titles, f.Modifiers
	return nil
}

func (g *Gazetteer) loadNames(fsys fs.FS) error {
	var f namesFile
	if err := decodeFile(fsys, "names.yaml", &f); err != nil {
		return err
	}
	g.female = make(map[string]bool, len(f.Female))
	for _, n := range f.Female {
		g.female[n] = true
	}
	return nil
}

func (g *Gazetteer) loadPlaces(fsys fs.FS) error {
	var f placesFile
	if err := decodeFile(fsys, "places.yaml", &f); err != nil {
		return err
	}
	g.excluded, g.capitalFollowers = f.Excluded, f.CapitalFollowers
	return nil
}
