package insight

import (
	"cmp"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/internal/shared"
)

// The Office of the Historian's records are read here directly, with a
// deliberately minimal decoder, so that these tests check the engine against
// the published data and stay independent of the production ingest. The data
// lives in shared/ beside the repository (internal/shared finds it); no copy
// of it belongs in the repository.

// realData is the records of every role as an Engine's input.
type realData struct {
	counts    map[shuttle.Role][]shuttle.YearCount
	countries []shuttle.Country
	trips     []shuttle.Trip
}

var loadReal = sync.OnceValues(func() (*realData, error) {
	dir := shared.HSGDir()
	gsh, err := readGSH(filepath.Join(dir, "gsh", "data", "countries-old"))
	if err != nil {
		return nil, err
	}
	d := &realData{}
	for _, r := range []string{"secretary", "president"} {
		trips, err := readTrips(filepath.Join(dir, "travels", r+"-travels"), gsh)
		if err != nil {
			return nil, err
		}
		d.trips = append(d.trips, trips...)
	}
	visits, err := readVisits(filepath.Join(dir, "visits", "data"), gsh)
	if err != nil {
		return nil, err
	}
	d.trips = append(d.trips, visits...)
	d.counts = CountTrips(d.trips)
	seen := map[string]bool{}
	for _, c := range gsh {
		if !seen[c.ISO] {
			seen[c.ISO] = true
			d.countries = append(d.countries, shuttle.Country{ISO: c.ISO, Name: c.Name, Region: c.Region})
		}
	}
	slices.SortFunc(d.countries, func(a, b shuttle.Country) int { return cmp.Compare(a.ISO, b.ISO) })
	return d, nil
})

// real loads the records once. A missing shared/ fails the test: the
// records are part of the project's test setup, not an optional extra.
func real(tb testing.TB) *realData {
	tb.Helper()
	shared.HSG(tb)
	d, err := loadReal()
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

type gshCountry struct{ ISO, Name, Region string }

// aliases maps record ids that have no file of their own in the gsh
// countries table to the id of the country they denote; places with no gsh
// entry at all get a code and name here.
var (
	aliases = map[string]string{
		"turkiye": "turkey", "czechia": "czech-republic", "north-macedonia": "macedonia",
		"eswatini": "swaziland", "congo-kinshasa": "congo-democratic-republic",
		"somoa": "samoa", "west-bank": "palestinian-authority",
	}
	// fixes corrects gsh codes that are not today's ISO 3166-1 codes:
	// Estonia is EE (gsh: ew), Burma is Myanmar's MM (gsh: the withdrawn
	// bu), and the Cook Islands are CK (gsh: cw, which is Curaçao).
	fixes = map[string]string{"estonia": "EE", "burma": "MM", "cook-islands": "CK"}
	extra = map[string]gshCountry{
		"antarctica":       {"AQ", "Antarctica", ""},
		"french-polynesia": {"PF", "French Polynesia", "eap"},
		"new-caledonia":    {"NC", "New Caledonia", "eap"},
		"niue":             {"NU", "Niue", "eap"},
	}
)

func readGSH(dir string) (map[string]gshCountry, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(files) == 0 {
		return nil, cmp.Or(err, os.ErrNotExist)
	}
	out := map[string]gshCountry{}
	for _, f := range files {
		var c struct {
			ID     string `xml:"id"`
			ISO2   string `xml:"iso2"`
			Region string `xml:"region"`
			Label  string `xml:"label"`
		}
		if err := decodeFile(f, &c); err != nil {
			return nil, err
		}
		out[c.ID] = gshCountry{cmp.Or(fixes[c.ID], strings.ToUpper(c.ISO2)), c.Label, c.Region}
	}
	for id, to := range aliases {
		out[id] = out[to]
	}
	for id, c := range extra {
		out[id] = c
	}
	return out, nil
}

// iso resolves a record's country id at a date; "korea" is the gsh code for
// the peninsula before partition, and the Republic of Korea after 1948.
func iso(gsh map[string]gshCountry, id string, start shuttle.Date) (string, bool) {
	if id == "korea" && start.Year() > 1948 {
		return "KR", true
	}
	c, ok := gsh[id]
	return c.ISO, ok && c.ISO != ""
}

type record struct {
	ID      int64  `xml:"id"`
	Who     string `xml:"who,attr"`
	Name    string `xml:"name"`
	Visitor string `xml:"visitor"`
	Role    string `xml:"role"`
	Start   string `xml:"start-date"`
	End     string `xml:"end-date"`
	Country struct {
		ID string `xml:"id,attr"`
	} `xml:"country"`
	From struct {
		ID string `xml:"id,attr"`
	} `xml:"from"`
}

func readTrips(dir string, gsh map[string]gshCountry) ([]shuttle.Trip, error) {
	return readRecords(dir, "trip", gsh, func(r record) (shuttle.Role, string, string, string) {
		return shuttle.Role(r.Role), r.Who, r.Name, r.Country.ID
	})
}

func readVisits(dir string, gsh map[string]gshCountry) ([]shuttle.Trip, error) {
	return readRecords(dir, "visit", gsh, func(r record) (shuttle.Role, string, string, string) {
		return shuttle.RoleVisit, "", r.Visitor, r.From.ID
	})
}

// readRecords decodes the elements named elem in every file of dir and keeps
// one Trip per traveller (or visitor), dates and country: the lowest id, as
// the records repeat a few stops under new ids.
func readRecords(dir, elem string, gsh map[string]gshCountry,
	fields func(record) (role shuttle.Role, who, name, country string)) ([]shuttle.Trip, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(files) == 0 {
		return nil, cmp.Or(err, os.ErrNotExist)
	}
	kept := map[string]shuttle.Trip{}
	for _, f := range files {
		recs, err := decodeAll(f, elem)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			role, who, name, country := fields(r)
			start, err1 := shuttle.ParseDate(r.Start)
			end, err2 := shuttle.ParseDate(r.End)
			if err := cmp.Or(err1, err2); err != nil {
				return nil, err
			}
			code, ok := iso(gsh, country, start)
			if !ok {
				return nil, &os.PathError{Op: "country " + country, Path: f, Err: os.ErrNotExist}
			}
			t := shuttle.Trip{Role: role, ID: r.ID, TravelerID: who, TravelerName: name, Start: start, End: end, Country: code, CountryID: country}
			key := strings.Join([]string{who, name, r.Start, r.End, code}, "|")
			if role != shuttle.RoleVisit {
				key = strings.Join([]string{who, r.Start, r.End, code}, "|")
			}
			if old, dup := kept[key]; !dup || r.ID < old.ID {
				kept[key] = t
			}
		}
	}
	out := make([]shuttle.Trip, 0, len(kept))
	for _, t := range kept {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b shuttle.Trip) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

func decodeAll(path, elem string) ([]record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []record
	d := xml.NewDecoder(f)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == elem {
			var r record
			if err := d.DecodeElement(&r, &se); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
	}
}

func decodeFile(path string, v any) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return xml.NewDecoder(f).Decode(v)
}

func TestRealDataLoads(t *testing.T) {
	d := real(t)
	// Counts checked against the files with grep: 3,439 secretary trip
	// records of which 3 repeat a stop, 832 president records with 1.
	want := map[shuttle.Role]int{shuttle.RoleSecretary: 3436, shuttle.RolePresident: 831}
	got := map[shuttle.Role]int{}
	for _, tr := range d.trips {
		got[tr.Role]++
	}
	for r, n := range want {
		if got[r] != n {
			t.Errorf("%s trips = %d, want %d", r, got[r], n)
		}
	}
	if got[shuttle.RoleVisit] < 3000 {
		t.Errorf("visits = %d, want the ~3,200 recorded", got[shuttle.RoleVisit])
	}
}
