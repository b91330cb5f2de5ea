package hsg_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/hsg"
	"github.com/shuttlenews/shuttle/internal/shared"
)

// dataDir is the snapshot of the upstream repositories shared with the project.
var dataDir = shared.HSGDir()

func files(t testing.TB, pattern string) []string {
	t.Helper()
	shared.HSG(t) // skips offline without shared/
	names, err := filepath.Glob(filepath.Join(dataDir, pattern))
	if err != nil || len(names) == 0 {
		t.Fatalf("no files match %s under %s (is ../shared/data/hsg there?): %v", pattern, dataDir, err)
	}
	return names
}

func decodeFile[T any](t testing.TB, name string, dec func(io.Reader, string) *hsg.Decoder[T]) []T {
	t.Helper()
	shared.HSG(t) // skips offline without shared/
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := dec(bytes.NewReader(b), name).All()
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return vs
}

// TestRealData decodes every file of the snapshot and checks the record
// counts against a plain count of the opening tags.
func TestRealData(t *testing.T) {
	count := func(name, tag string) int {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return len(regexp.MustCompile(tag).FindAll(b, -1))
	}
	tests := []struct {
		pattern string
		tag     string
		decode  func(string) int
	}{
		{"travels/secretary-travels/*.xml", "<trip ", func(n string) int { return len(decodeFile(t, n, hsg.NewTripDecoder)) }},
		{"travels/president-travels/*.xml", "<trip ", func(n string) int { return len(decodeFile(t, n, hsg.NewTripDecoder)) }},
		{"visits/data/*.xml", "<visit>", func(n string) int { return len(decodeFile(t, n, hsg.NewVisitDecoder)) }},
		{"travels/presidents/presidents.xml", "<president ", func(n string) int { return len(decodeFile(t, n, hsg.NewPresidentDecoder)) }},
		{"pocom/positions-principals/secretary.xml", "<principal[ >]", func(n string) int { return len(decodeFile(t, n, hsg.NewPrincipalDecoder)) }},
		{"gsh/data/countries-old/*.xml", "<country>", func(n string) int { return len(decodeFile(t, n, hsg.NewCountryDecoder)) }},
		{"gsh/data/territories/*.xml", "<territory>", func(n string) int { return len(decodeFile(t, n, hsg.NewTerritoryDecoder)) }},
		{"gsh/data/regions/*.xml", "<region>", func(n string) int { return len(decodeFile(t, n, hsg.NewRegionDecoder)) }},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			want, got := 0, 0
			for _, name := range files(t, tt.pattern) {
				want += count(name, tt.tag)
				got += tt.decode(name)
			}
			if got != want || got == 0 {
				t.Errorf("decoded %d records, the files hold %d %q tags", got, want, tt.tag)
			}
		})
	}
}

func TestTripFields(t *testing.T) {
	trips := decodeFile(t, filepath.Join(dataDir, "travels/secretary-travels/blinken-antony-j.xml"), hsg.NewTripDecoder)
	first := trips[0]
	want := hsg.Trip{
		ID: 3992, Role: shuttle.RoleSecretary, Who: "blinken-antony-j", Name: "Antony John Blinken",
		Start: shuttle.MustDate("2021-03-15"), End: shuttle.MustDate("2021-03-17"),
		CountryID: "japan", CountryName: "Japan", Locale: "Tokyo",
		Remarks: "Attended the U.S.-Japan Security Consultative Committee meeting and met with Minister for Foreign Affairs Toshimitsu Motegi.",
	}
	first.Pos, first.StartPos, first.EndPos = hsg.Position{}, hsg.Position{}, hsg.Position{}
	if first != want {
		t.Errorf("first trip:\n got %+v\nwant %+v", first, want)
	}
	// The record's line, and its dates' for the checks ingest makes later.
	if p := trips[0]; p.Pos.Line != 3 || p.StartPos.Line != 7 || p.EndPos.Line != 8 {
		t.Errorf("first trip at line %d, dates at %d and %d; want 3, 7 and 8", p.Pos.Line, p.StartPos.Line, p.EndPos.Line)
	}
	for _, tr := range trips {
		if strings.ContainsAny(tr.Remarks, "\n\t") || strings.Contains(tr.Remarks, "  ") {
			t.Fatalf("trip %d remarks keep the XML's line breaks: %q", tr.ID, tr.Remarks)
		}
	}
}

func TestVisitInlineMarkup(t *testing.T) {
	src := `<?xml version="1.0" encoding="UTF-8"?>
<visits>
    <visit>
        <id>7</id>
        <start-date>1951-05-01</start-date>
        <end-date>1951-05-03</end-date>
        <visitor>President Harry
            Example</visitor>
        <from id="france">France</from>
        <description>Arrived aboard the <em>Île de France</em>; addressed
            Congress.</description>
    </visit>
</visits>`
	vs, err := hsg.NewVisitDecoder(strings.NewReader(src), "x.xml").All()
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 1 {
		t.Fatalf("got %d visits", len(vs))
	}
	v := vs[0]
	if v.Description != "Arrived aboard the Île de France; addressed Congress." || v.Visitor != "President Harry Example" {
		t.Errorf("got description %q, visitor %q", v.Description, v.Visitor)
	}
}

func TestPresidentTerms(t *testing.T) {
	ps := decodeFile(t, filepath.Join(dataDir, "travels/presidents/presidents.xml"), hsg.NewPresidentDecoder)
	last := ps[len(ps)-1]
	if last.ID != "trump-donald-j" || !last.LeftOffice.IsZero() || last.TookOffice != shuttle.MustDate("2025-01-20") {
		t.Errorf("last president %+v: want trump-donald-j in office since 2025-01-20", last)
	}
}

func TestPrincipals(t *testing.T) {
	ps := decodeFile(t, filepath.Join(dataDir, "pocom/positions-principals/secretary.xml"), hsg.NewPrincipalDecoder)
	first, last := ps[0], ps[len(ps)-1]
	if first.PersonID != "jefferson-thomas" || first.Started != shuttle.MustDate("1790-03-22") || first.Ended != shuttle.MustDate("1793-12-31") {
		t.Errorf("first principal %+v", first)
	}
	if last.PersonID != "rubio-marco" || !last.Ended.IsZero() {
		t.Errorf("last principal %+v: want rubio-marco, in office", last)
	}
}

const tripTemplate = `<?xml version="1.0" encoding="UTF-8"?>
<trips>
    <trip role="secretary" who="doe-jane">
        <id>{ID}</id>
        <role>secretary</role>
        <name>Jane Doe</name>
        <start-date>{START}</start-date>
        <end-date>{END}</end-date>
        <country id="{COUNTRY}">Japan</country>
        <locale>Tokyo</locale>
        <remarks>Met.</remarks>
    </trip>
</trips>`

func trip(id, start, end, country string) string {
	return strings.NewReplacer("{ID}", id, "{START}", start, "{END}", end, "{COUNTRY}", country).Replace(tripTemplate)
}

// TestBadInput checks that every kind of bad record is refused with a
// message that names the file, the line and column, the record and field.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // substrings of the error
	}{
		{"bad date", trip("12", "2021-13-01", "2021-03-17", "japan"), []string{"bad.xml:7:", "trip 12", "start-date", `"2021-13-01" is not YYYY-MM-DD`}},
		{"end before start", trip("12", "2021-03-15", "2021-03-01", "japan"), []string{"bad.xml:8:", "trip 12", "end-date", "end date 2021-03-01 is before start date 2021-03-15"}},
		{"id not a number", trip("x12", "2021-03-15", "2021-03-17", "japan"), []string{"bad.xml:4:", "id", `"x12" is not a positive integer`}},
		{"missing country id", trip("12", "2021-03-15", "2021-03-17", ""), []string{"trip 12", "country", "missing attribute id"}},
		{"malformed", strings.Replace(trip("12", "2021-03-15", "2021-03-17", "japan"), "</locale>", "</locle>", 1), []string{"bad.xml:10:", "malformed XML", "closed by </locle>"}},
		{"truncated", trip("12", "2021-03-15", "2021-03-17", "japan")[:300], []string{"bad.xml:", "malformed XML"}},
		{"wrong root", `<visits><visit/></visits>`, []string{"bad.xml:1:", "root element is <visits>, want <trips>"}},
		{"second root", "<trips></trips><trips><trip><id>1</id></trip></trips>", []string{"bad.xml:1:", "element <trips> after the root element <trips> ended"}},
		{"empty", ``, []string{"bad.xml:", "no <trips> element"}},
		{"doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE trips [<!ENTITY a \"aaaa\">]>\n<trips><trip><id>1</id></trip></trips>", []string{"bad.xml:2:", "DTDs are not allowed"}},
		{"entity", "<trips><trip role=\"secretary\" who=\"x\"><id>1</id><name>&lol;</name></trip></trips>", []string{"bad.xml:1:", "malformed XML", "entity"}},
		{"latin1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<trips></trips>", []string{"bad.xml:1:", `encoding "ISO-8859-1" is not supported`}},
		{"deep", "<trips><trip><id>1</id>" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</trip></trips>", []string{"trip 1", "nested deeper than 32"}},
		{"role mismatch", strings.Replace(trip("12", "2021-03-15", "2021-03-17", "japan"), "<role>secretary</role>", "<role>president</role>", 1), []string{"trip 12", "role", `element says "president"`}},
		{"unknown role", strings.ReplaceAll(trip("12", "2021-03-15", "2021-03-17", "japan"), "secretary", "ambassador"), []string{"trip 12", "role", `"ambassador" is not secretary or president`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := hsg.NewTripDecoder(strings.NewReader(tt.src), "bad.xml").All()
			if err == nil {
				t.Fatal("no error")
			}
			var he *hsg.Error
			if !errors.As(err, &he) {
				t.Errorf("error %T is not an *hsg.Error", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	// A stream that never ends must be cut off at MaxFileSize, not read
	// into memory.
	r := io.MultiReader(strings.NewReader("<trips><trip><id>1</id><remarks>"), endless{})
	_, err := hsg.NewTripDecoder(r, "huge.xml").All()
	if err == nil || !strings.Contains(err.Error(), "huge.xml") {
		t.Fatalf("got %v, want an error naming huge.xml", err)
	}
	if !strings.Contains(err.Error(), "longer than") && !strings.Contains(err.Error(), "larger than") {
		t.Errorf("error %q does not say the input is too large", err)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"Met with\n            Minister  Motegi.": "Met with Minister Motegi.",
		"  ":                 "",
		"\tA\r\nB ":          "A B",
		"Türkiye\u00a0today": "Türkiye today",
	} {
		if got := hsg.Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}
