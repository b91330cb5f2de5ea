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
	"github.com/shuttlenews/shuttle/gazetteer"
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
	for _, c := range gsh.byID {
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

// gshTable is the gsh countries table keyed by id, every code and name taken
// from the gazetteer (the one home of country knowledge, and no part of the
// ingest), with gsh's labels for the ids the gazetteer bounds in time.
type gshTable struct {
	byID    map[string]gshCountry
	byLabel map[string]string // gsh label → ISO
}

func readGSH(dir string) (*gshTable, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(files) == 0 {
		return nil, cmp.Or(err, os.ErrNotExist)
	}
	t := &gshTable{byID: map[string]gshCountry{}, byLabel: map[string]string{}}
	for _, f := range files {
		var c struct {
			ID     string `xml:"id"`
			Region string `xml:"region"`
			Label  string `xml:"label"`
		}
		if err := decodeFile(f, &c); err != nil {
			return nil, err
		}
		k, ok := gazetteer.LookupHSG(c.ID)
		if !ok {
			return nil, &os.PathError{Op: "gazetteer: country " + c.ID, Path: f, Err: os.ErrNotExist}
		}
		t.byID[c.ID] = gshCountry{k.ISO, k.RecordName(), c.Region}
		t.byLabel[c.Label] = k.ISO
	}
	// The ids the records use that gsh lacks: renamed states (turkiye), and
	// places gsh does not list at all (Antarctica).
	for _, k := range gazetteer.Default().HSGCountries() {
		region := k.Region
		for _, id := range k.HSG {
			if c, ok := t.byID[id]; ok {
				region = c.Region
			}
		}
		for _, id := range k.HSG {
			if _, ok := t.byID[id]; !ok {
				t.byID[id] = gshCountry{k.ISO, k.RecordName(), region}
			}
		}
	}
	return t, nil
}

// iso resolves a record's country id at a date. An id the gazetteer bounds
// in time ("korea", the peninsula before partition) names, after its last
// year, the country whose gsh label the record gives ("Korea, South").
func iso(gsh *gshTable, id, name string, start shuttle.Date) (string, bool) {
	if k, ok := gazetteer.LookupHSG(id); ok && k.HSGUntil != 0 && start.Year() > k.HSGUntil {
		code, ok := gsh.byLabel[name]
		return code, ok
	}
	c, ok := gsh.byID[id]
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
		ID   string `xml:"id,attr"`
		Name string `xml:",chardata"`
	} `xml:"country"`
	From struct {
		ID   string `xml:"id,attr"`
		Name string `xml:",chardata"`
	} `xml:"from"`
}

func readTrips(dir string, gsh *gshTable) ([]shuttle.Trip, error) {
	return readRecords(dir, "trip", gsh, func(r record) (shuttle.Role, string, string, string, string) {
		return shuttle.Role(r.Role), r.Who, r.Name, r.Country.ID, r.Country.Name
	})
}

func readVisits(dir string, gsh *gshTable) ([]shuttle.Trip, error) {
	return readRecords(dir, "visit", gsh, func(r record) (shuttle.Role, string, string, string, string) {
		return shuttle.RoleVisit, "", r.Visitor, r.From.ID, r.From.Name
	})
}

// readRecords decodes the elements named elem in every file of dir and keeps
// one Trip per traveller (or visitor), dates and country: the lowest id, as
// the records repeat a few stops under new ids.
func readRecords(dir, elem string, gsh *gshTable,
	fields func(record) (role shuttle.Role, who, name, country, countryName string)) ([]shuttle.Trip, error) {
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
			role, who, name, country, countryName := fields(r)
			start, err1 := shuttle.ParseDate(r.Start)
			end, err2 := shuttle.ParseDate(r.End)
			if err := cmp.Or(err1, err2); err != nil {
				return nil, err
			}
			code, ok := iso(gsh, country, countryName, start)
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

// Every country and record resolves to a code the gazetteer has, so these
// tests rank the same countries the site does (the test's own maps once gave
// Macao gsh's XJ where the site has MO).
func TestRealDataCodesAreTheGazetteers(t *testing.T) {
	d := real(t)
	g := gazetteer.Default()
	known := map[string]bool{}
	for _, c := range append(slices.Clone(g.Countries()), g.Territories()...) {
		known[c.ISO] = true
	}
	for _, c := range d.countries {
		if !known[c.ISO] {
			t.Errorf("country %s (%s) is not in the gazetteer", c.ISO, c.Name)
		}
	}
	bad := map[string]int{}
	for _, tr := range d.trips {
		if !known[tr.Country] {
			bad[tr.Country+" ("+tr.CountryID+")"]++
		}
	}
	for code, n := range bad {
		t.Errorf("%d records resolve to %s, which the gazetteer does not have", n, code)
	}
	for _, id := range []string{"netherlands-antilles", "turkiye", "korea", "west-bank"} {
		if !slices.ContainsFunc(d.trips, func(tr shuttle.Trip) bool { return tr.CountryID == id }) {
			t.Errorf("no record under %q: the check above misses it", id)
		}
	}
}
