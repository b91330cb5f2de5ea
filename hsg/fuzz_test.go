package hsg_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/shuttlenews/shuttle/hsg"
)

// fuzzDecoder feeds arbitrary bytes to a decoder: it must return records or
// positioned errors, never panic, and never loop.
func fuzzDecoder[T any](f *testing.F, seeds []string, dec func(io.Reader, string) *hsg.Decoder[T]) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		d := dec(strings.NewReader(string(b)), "fuzz.xml")
		for i := 0; i < 10000; i++ {
			_, err := d.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				var he *hsg.Error
				if !errors.As(err, &he) {
					t.Fatalf("error %T %v is not an *hsg.Error", err, err)
				}
				if he.Pos.File != "fuzz.xml" {
					t.Fatalf("error %v does not name the file", err)
				}
				if !utf8.ValidString(err.Error()) && utf8.Valid(b) {
					t.Fatalf("error message is not valid UTF-8: %q", err)
				}
				return
			}
		}
		t.Fatal("decoder returned 10000 records without reaching the end")
	})
}

func FuzzTripDecoder(f *testing.F) {
	fuzzDecoder(f, []string{
		trip("12", "2021-03-15", "2021-03-17", "japan"),
		trip("1", "2021-13-15", "2021-03-17", "japan"),
		"<trips></trips>",
		"<trips><trip><id>1</id></trip></trips>",
	}, hsg.NewTripDecoder)
}

func FuzzVisitDecoder(f *testing.F) {
	fuzzDecoder(f, []string{
		`<visits><visit><id>1</id><start-date>2020-01-07</start-date><end-date>2020-01-07</end-date><visitor>PM</visitor><from id="greece">Greece</from><description>A <em>b</em></description></visit></visits>`,
		"<visits/>",
	}, hsg.NewVisitDecoder)
}

func FuzzCountryDecoder(f *testing.F) {
	fuzzDecoder(f, []string{
		`<country><id>turkey</id><iso2>tr</iso2><region>eur</region><label>Turkey</label></country>`,
		`<country><id></id></country>`,
	}, hsg.NewCountryDecoder)
}

func FuzzTerritoryDecoder(f *testing.F) {
	fuzzDecoder(f, []string{
		`<territory><id>turkey</id><short-form-name>Turkey</short-form-name><valid-since>1923</valid-since><valid-until>9999</valid-until><predecessors><predecessor>ottoman-empire-1922</predecessor></predecessors></territory>`,
	}, hsg.NewTerritoryDecoder)
}

func FuzzPrincipalDecoder(f *testing.F) {
	fuzzDecoder(f, []string{
		`<principal-position><principals><principal><id>secr-1</id><person-id>a-b</person-id><started><date>1790-03-22</date></started><ended><date/></ended></principal></principals></principal-position>`,
	}, hsg.NewPrincipalDecoder)
}

func FuzzPresidentDecoder(f *testing.F) {
	fuzzDecoder(f, []string{
		`<presidents><president n="1"><id>washington-george</id><name>George Washington</name><took-office-date>1789-04-30</took-office-date><left-office-date>1797-03-04</left-office-date></president></presidents>`,
	}, hsg.NewPresidentDecoder)
}
