package storetest

import (
	"testing"

	"github.com/shuttlenews/shuttle"
)

// visits builds a per-role count in the order secretary, president, visit.
func visits(secretary, president, visit int) map[shuttle.Role]int {
	return map[shuttle.Role]int{
		shuttle.RoleSecretary: secretary,
		shuttle.RolePresident: president,
		shuttle.RoleVisit:     visit,
	}
}

// fixtureCountry returns the Fixture's country with iso.
func fixtureCountry(iso string) shuttle.Country {
	for _, c := range Fixture().Countries {
		if c.ISO == iso {
			return c
		}
	}
	panic("storetest: no country " + iso + " in Fixture")
}

func testRegions(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	got, err := s.Regions(t.Context())
	if err != nil {
		t.Fatalf("Regions: %v", err)
	}
	r := Fixture().Regions
	same(t, "Regions (by id)", got, []shuttle.Region{r[2], r[0], r[1]})
}

// Countries come by name with every role counted, zeros included, so that a
// country page can index the map without checking.
func testCountries(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	got, err := s.Countries(t.Context())
	if err != nil {
		t.Fatalf("Countries: %v", err)
	}
	same(t, "Countries", got, []shuttle.CountryVisits{
		{Country: fixtureCountry("AQ"), Visits: visits(0, 0, 0)},
		{Country: fixtureCountry("FR"), Visits: visits(3, 2, 1)},
		{Country: fixtureCountry("JP"), Visits: visits(2, 2, 2)},
		{Country: fixtureCountry("TR"), Visits: visits(5, 1, 2)},
		{Country: fixtureCountry("XI"), Visits: visits(1, 0, 1)},
	})
}

func testCountry(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	tests := []struct {
		iso  string
		code string
	}{
		{"TR", ""},
		{"XI", ""},
		{"AQ", ""},
		{"ZZ", shuttle.ENOTFOUND},
		{"", shuttle.ENOTFOUND},
		{"tr", shuttle.ENOTFOUND}, // ISO keys are exact; callers normalise
	}
	for _, tt := range tests {
		got, err := s.Country(t.Context(), tt.iso)
		wantCode(t, "Country("+tt.iso+")", err, tt.code)
		if tt.code == "" {
			same(t, "Country("+tt.iso+")", got, fixtureCountry(tt.iso))
		}
	}
}
