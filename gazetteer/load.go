package gazetteer

import (
	"fmt"
	"io/fs"
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
	for i, r := range rows {
		if r.ISO == "" || r.Name == "" {
			return fmt.Errorf("countries.yaml: row %d: iso and name are required", i+1)
		}
		if _, dup := g.countryByISO[r.ISO]; dup {
			return fmt.Errorf("countries.yaml: %s listed twice", r.ISO)
		}
		g.countryByISO[r.ISO] = i
		c := Country{ISO: r.ISO, Name: r.Name, Names: r.Names, Demonyms: r.Demonyms,
			Capitals: r.Capitals, UNMember: r.UN == nil || *r.UN}
		g.countries = append(g.countries, c)
		for _, n := range append(append([]string{c.Name}, c.Names...), c.Demonyms...) {
			g.countryByName[Key(n)] = i
		}
	}
	return nil
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
