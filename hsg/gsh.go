package hsg

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Country is a gsh/data/countries-old record: a country id with its ISO code
// as gsh gives it (not always right) and its regional bureau.
type Country struct {
	Pos    Position
	ID     string
	ISO2   string // lower case, as written; validate before use
	Region string
	Label  string
	Modern bool
}

// NewCountryDecoder reads one gsh/data/countries-old file.
func NewCountryDecoder(r io.Reader, file string) *Decoder[Country] {
	return &Decoder[Country]{r: newReader(r, file, "country", ""), conv: countryFromRecord}
}

func countryFromRecord(rec *record) (Country, error) {
	c := Country{Pos: rec.pos}
	var err error
	if c.ID, err = rec.required("id"); err != nil {
		return c, err
	}
	rec.label = "country " + c.ID
	if c.Label, err = rec.required("label"); err != nil {
		return c, err
	}
	c.ISO2 = strings.ToLower(rec.text("iso2"))
	c.Region = rec.text("region")
	c.Modern = rec.text("country-modern-indicator") == "true"
	return c, nil
}

// Territory is a gsh/data/territories record: a name with its years of validity.
type Territory struct {
	Pos          Position
	ID           string
	ShortName    string
	LongName     string
	Type         string
	ValidSince   int // 0 when not given
	ValidUntil   int // 9999 for territories that exist today
	Predecessors []string
	Successors   []string
}

// NewTerritoryDecoder reads one gsh/data/territories file.
func NewTerritoryDecoder(r io.Reader, file string) *Decoder[Territory] {
	return &Decoder[Territory]{r: newReader(r, file, "territory", ""), conv: territoryFromRecord}
}

func territoryFromRecord(rec *record) (Territory, error) {
	t := Territory{Pos: rec.pos}
	var err error
	if t.ID, err = rec.required("id"); err != nil {
		return t, err
	}
	rec.label = "territory " + t.ID
	t.ShortName = rec.text("short-form-name")
	t.LongName = rec.text("long-form-name")
	t.Type = rec.text("type-of-territory")
	if t.ValidSince, err = rec.year("valid-since", 0); err != nil {
		return t, err
	}
	if t.ValidUntil, err = rec.year("valid-until", 9999); err != nil {
		return t, err
	}
	t.Predecessors = rec.all("predecessors/predecessor")
	t.Successors = rec.all("successors/successor")
	return t, nil
}

// year reads a year field; gsh writes unknown years as empty or "TBD".
func (rec *record) year(path string, missing int) (int, error) {
	s := rec.text(path)
	if s == "" || strings.EqualFold(s, "TBD") {
		return missing, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, rec.errorf(path, "%q is not a year", s)
	}
	return n, nil
}

// Region is a gsh/data/regions record: a State Department regional bureau and
// the territory ids it covers.
type Region struct {
	Pos         Position
	ID          string
	Label       string
	Description string
	Territories []string
}

// NewRegionDecoder reads one gsh/data/regions file.
func NewRegionDecoder(r io.Reader, file string) *Decoder[Region] {
	return &Decoder[Region]{r: newReader(r, file, "region", ""), conv: regionFromRecord}
}

func regionFromRecord(rec *record) (Region, error) {
	g := Region{Pos: rec.pos}
	var err error
	if g.ID, err = rec.required("id"); err != nil {
		return g, err
	}
	rec.label = "region " + g.ID
	if g.Label, err = rec.required("label"); err != nil {
		return g, err
	}
	g.Description = rec.text("description")
	g.Territories = rec.all("territory-id")
	if len(g.Territories) == 0 {
		return g, rec.errorf("territory-id", "%s", fmt.Sprintf("region %s lists no territories", g.ID))
	}
	return g, nil
}
