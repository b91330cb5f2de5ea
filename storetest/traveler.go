package storetest

import (
	"testing"

	"github.com/shuttlenews/shuttle"
)

func travelerIDs(ts []shuttle.Traveler) []string {
	ids := []string{}
	for _, t := range ts {
		ids = append(ids, t.ID)
	}
	return ids
}

func testTravelers(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	tests := []struct {
		role shuttle.Role
		want []string
	}{
		{"", []string{"buchanan-james", "pierce-franklin", "bush-george-herbert-walker", "baker-james-addison-iii",
			"trump-donald-j", "blinken-antony-j", "rubio-marco"}},
		{shuttle.RoleSecretary, []string{"buchanan-james", "baker-james-addison-iii", "blinken-antony-j", "rubio-marco"}},
		// Buchanan's presidency began after Pierce's: the order is by first
		// term in the office asked for.
		{shuttle.RolePresident, []string{"pierce-franklin", "buchanan-james", "bush-george-herbert-walker", "trump-donald-j"}},
		{shuttle.RoleVisit, []string{}},
	}
	for _, tt := range tests {
		got, err := s.Travelers(t.Context(), tt.role)
		if err != nil {
			t.Fatalf("Travelers(%q): %v", tt.role, err)
		}
		notNil(t, "Travelers", got)
		same(t, "Travelers("+string(tt.role)+") by first term", travelerIDs(got), tt.want)
	}
	all, _ := s.Travelers(t.Context(), "")
	fixture := Fixture().Travelers
	same(t, "Travelers() in full", all, []shuttle.Traveler{fixture[5], fixture[6], fixture[4], fixture[2], fixture[1], fixture[0], fixture[3]})
	// Those who held an office come with all their terms.
	presidents, _ := s.Travelers(t.Context(), shuttle.RolePresident)
	if len(presidents) == 4 {
		same(t, "Travelers(president)[1]", presidents[1], fixture[5])
	}
}

func testTraveler(t *testing.T, s shuttle.Store) {
	mustReplace(t, s, Fixture())
	fixture := Fixture().Travelers
	tests := []struct {
		id   string
		want shuttle.Traveler
		code string
	}{
		{"trump-donald-j", fixture[1], ""}, // two terms, the last open
		{"rubio-marco", fixture[3], ""},
		{"buchanan-james", fixture[5], ""}, // both offices
		{"nobody", shuttle.Traveler{}, shuttle.ENOTFOUND},
		{"", shuttle.Traveler{}, shuttle.ENOTFOUND},
	}
	for _, tt := range tests {
		got, err := s.Traveler(t.Context(), tt.id)
		wantCode(t, "Traveler("+tt.id+")", err, tt.code)
		if tt.code == "" {
			same(t, "Traveler("+tt.id+")", got, tt.want)
		}
	}
}
