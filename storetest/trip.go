package storetest

import (
	"cmp"
	"fmt"
	"slices"
	"testing"

	"github.com/shuttlenews/shuttle"
)

// keys names trips as role/id, the way the expectations below list them.
func keys(trips []shuttle.Trip) []string {
	k := []string{}
	for _, t := range trips {
		k = append(k, fmt.Sprintf("%s/%d", t.Role, t.ID))
	}
	return k
}

// sortTrips is the documented order: start date, then role, then id.
func sortTrips(trips []shuttle.Trip) []shuttle.Trip {
	trips = slices.Clone(trips)
	slices.SortFunc(trips, func(a, b shuttle.Trip) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Role, b.Role), cmp.Compare(a.ID, b.ID))
	})
	return trips
}

// testTripsAll checks that every field survives the round trip, and the
// order written out by hand, ties included.
func testTripsAll(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	got, err := s.Trips(t.Context(), shuttle.TripFilter{})
	if err != nil {
		t.Fatalf("Trips: %v", err)
	}
	same(t, "Trips", got, sortTrips(Fixture().Trips))
	same(t, "Trips order", keys(got), []string{
		"secretary/1", "president/1", "visit/101", "visit/100", "secretary/2", "secretary/3",
		"secretary/4", "president/2", "visit/105", "president/3", "visit/104", "president/5",
		"visit/103", "secretary/10", "secretary/11", "secretary/14", "secretary/16", "secretary/15",
		"visit/106", "secretary/20", "president/6", "secretary/21",
	})
}

func testTripsFilter(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	tests := []struct {
		name string
		f    shuttle.TripFilter
		want []string
	}{
		{"role", shuttle.TripFilter{Role: shuttle.RolePresident},
			[]string{"president/1", "president/2", "president/3", "president/5", "president/6"}},
		{"country", shuttle.TripFilter{Country: "XI"}, []string{"visit/101", "secretary/3"}},
		{"traveller", shuttle.TripFilter{Traveler: "blinken-antony-j"},
			[]string{"secretary/10", "secretary/11", "secretary/14", "secretary/16", "secretary/15"}},
		{"year", shuttle.TripFilter{Year: 2025}, []string{"secretary/20", "president/6", "secretary/21"}},
		{"from and to", shuttle.TripFilter{FromYear: 2019, ToYear: 2022},
			[]string{"president/5", "visit/103", "secretary/10", "secretary/11"}},
		{"from", shuttle.TripFilter{FromYear: 2024},
			[]string{"secretary/15", "visit/106", "secretary/20", "president/6", "secretary/21"}},
		{"to", shuttle.TripFilter{ToYear: 1989}, []string{"secretary/1", "president/1", "visit/101"}},
		{"year within range", shuttle.TripFilter{Year: 2023, FromYear: 2020, ToYear: 2024},
			[]string{"secretary/14", "secretary/16"}},
		{"year outside range", shuttle.TripFilter{Year: 2019, FromYear: 2020}, []string{}},
		{"role, country and limit", shuttle.TripFilter{Role: shuttle.RoleSecretary, Country: "TR", Limit: 3},
			[]string{"secretary/1", "secretary/11", "secretary/14"}},
		{"visits to the U.S.", shuttle.TripFilter{Role: shuttle.RoleVisit, Country: "JP"}, []string{"visit/105", "visit/106"}},
		{"limit", shuttle.TripFilter{Limit: 2}, []string{"secretary/1", "president/1"}},
		{"limit above count", shuttle.TripFilter{Country: "XI", Limit: 50}, []string{"visit/101", "secretary/3"}},
		{"country without trips", shuttle.TripFilter{Country: "AQ"}, []string{}},
		{"unknown traveller", shuttle.TripFilter{Traveler: "nobody"}, []string{}},
		{"no match", shuttle.TripFilter{Role: shuttle.RolePresident, Year: 1990}, []string{}},
		{"purpose", shuttle.TripFilter{Purpose: shuttle.PurposeMultilateral},
			[]string{"secretary/1", "president/1", "secretary/10"}},
		{"purpose and role", shuttle.TripFilter{Purpose: shuttle.PurposeMultilateral, Role: shuttle.RolePresident},
			[]string{"president/1"}},
		{"purpose and country", shuttle.TripFilter{Purpose: shuttle.PurposeBilateral, Country: "FR"}, []string{"secretary/2"}},
		{"purpose no stop has", shuttle.TripFilter{Purpose: shuttle.PurposeAccompanying}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Trips(t.Context(), tt.f)
			if err != nil {
				t.Fatalf("Trips(%+v): %v", tt.f, err)
			}
			notNil(t, "Trips", got)
			same(t, fmt.Sprintf("Trips(%+v)", tt.f), keys(got), tt.want)
		})
	}
}

// testTripsPage: Offset skips in the documented order, with or without a
// Limit, so that consecutive pages tile the list with no overlap or gap;
// CountTrips is the total a page is out of, whatever its Limit and Offset.
func testTripsPage(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	all := keys(sortTrips(Fixture().Trips))
	secretaries := []string{}
	for _, k := range all {
		if len(k) > 10 && k[:10] == "secretary/" {
			secretaries = append(secretaries, k)
		}
	}
	tests := []struct {
		name  string
		f     shuttle.TripFilter
		want  []string
		total int
	}{
		{"offset alone", shuttle.TripFilter{Offset: 19}, all[19:], len(all)},
		{"first page", shuttle.TripFilter{Limit: 5}, all[:5], len(all)},
		{"second page", shuttle.TripFilter{Limit: 5, Offset: 5}, all[5:10], len(all)},
		{"last, short page", shuttle.TripFilter{Limit: 5, Offset: 20}, all[20:], len(all)},
		{"past the end", shuttle.TripFilter{Limit: 5, Offset: 100}, []string{}, len(all)},
		{"filtered page", shuttle.TripFilter{Role: shuttle.RoleSecretary, Limit: 3, Offset: 3}, secretaries[3:6], len(secretaries)},
		{"filtered, past the end", shuttle.TripFilter{Role: shuttle.RoleSecretary, Offset: len(secretaries)}, []string{}, len(secretaries)},
		{"country", shuttle.TripFilter{Country: "XI", Limit: 1, Offset: 1}, []string{"secretary/3"}, 2},
		{"year in window", shuttle.TripFilter{Year: 2023, FromYear: 2020, ToYear: 2024, Limit: 1}, []string{"secretary/14"}, 2},
		{"no match", shuttle.TripFilter{Role: shuttle.RolePresident, Year: 1990, Offset: 1}, []string{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Trips(t.Context(), tt.f)
			if err != nil {
				t.Fatalf("Trips(%+v): %v", tt.f, err)
			}
			notNil(t, "Trips", got)
			same(t, fmt.Sprintf("Trips(%+v)", tt.f), keys(got), tt.want)
			n, err := s.CountTrips(t.Context(), tt.f)
			if err != nil {
				t.Fatalf("CountTrips(%+v): %v", tt.f, err)
			}
			if n != tt.total {
				t.Errorf("CountTrips(%+v) = %d, want %d", tt.f, n, tt.total)
			}
		})
	}
	// Pages of every size tile the whole list.
	for size := 1; size <= len(all)+1; size++ {
		var got []string
		for off := 0; off < len(all); off += size {
			page, err := s.Trips(t.Context(), shuttle.TripFilter{Limit: size, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, keys(page)...)
		}
		same(t, fmt.Sprintf("pages of %d", size), got, all)
	}
}

func testYearCounts(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	yc := func(iso string, year, n int) shuttle.YearCount {
		return shuttle.YearCount{Country: iso, Year: year, Visits: n}
	}
	tests := []struct {
		role shuttle.Role
		want []shuttle.YearCount
	}{
		{shuttle.RoleSecretary, []shuttle.YearCount{
			yc("FR", 1990, 1), yc("FR", 2021, 1), yc("FR", 2024, 1),
			yc("JP", 1991, 1), yc("JP", 2025, 1),
			yc("TR", 1989, 1), yc("TR", 2022, 1), yc("TR", 2023, 2), yc("TR", 2025, 1),
			yc("XI", 1991, 1),
		}},
		{shuttle.RolePresident, []shuttle.YearCount{
			yc("FR", 1989, 1), yc("FR", 2017, 1), yc("JP", 1992, 1), yc("JP", 2019, 1), yc("TR", 2025, 1),
		}},
		{shuttle.RoleVisit, []shuttle.YearCount{
			yc("FR", 2018, 1), yc("JP", 2017, 1), yc("JP", 2024, 1), yc("TR", 1990, 1), yc("TR", 2019, 1), yc("XI", 1989, 1),
		}},
		// "" counts every role.
		{"", []shuttle.YearCount{
			yc("FR", 1989, 1), yc("FR", 1990, 1), yc("FR", 2017, 1), yc("FR", 2018, 1), yc("FR", 2021, 1), yc("FR", 2024, 1),
			yc("JP", 1991, 1), yc("JP", 1992, 1), yc("JP", 2017, 1), yc("JP", 2019, 1), yc("JP", 2024, 1), yc("JP", 2025, 1),
			yc("TR", 1989, 1), yc("TR", 1990, 1), yc("TR", 2019, 1), yc("TR", 2022, 1), yc("TR", 2023, 2), yc("TR", 2025, 2),
			yc("XI", 1989, 1), yc("XI", 1991, 1),
		}},
		{"ambassador", []shuttle.YearCount{}},
	}
	for _, tt := range tests {
		got, err := s.YearCounts(t.Context(), tt.role)
		if err != nil {
			t.Fatalf("YearCounts(%q): %v", tt.role, err)
		}
		same(t, "YearCounts("+string(tt.role)+")", got, tt.want)
	}
}
