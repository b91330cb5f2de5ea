package storetest

import (
	"testing"

	"github.com/shuttlenews/shuttle"
)

// The suite's expectations assume valid fixtures; a fixture that Validate
// refuses would make every store fail for the wrong reason.
func TestFixturesValidate(t *testing.T) {
	tests := []struct {
		name  string
		d     *shuttle.Dataset
		trips int
	}{
		{"Fixture", Fixture(), 22},
		{"Small", Small(), 3},
		{"Synthetic", Synthetic(230, 7500), 7500},
	}
	for _, tt := range tests {
		if err := tt.d.Validate(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if len(tt.d.Trips) != tt.trips {
			t.Errorf("%s: %d trips, want %d", tt.name, len(tt.d.Trips), tt.trips)
		}
		kept := 0
		for _, r := range shuttle.Roles {
			kept += tt.d.Stats.Kept(r)
		}
		if kept != tt.trips {
			t.Errorf("%s: Stats keep %d trips, want %d", tt.name, kept, tt.trips)
		}
	}
}

func TestSyntheticIsDeterministic(t *testing.T) {
	a, b := Synthetic(50, 500), Synthetic(50, 500)
	same(t, "Synthetic twice", a, b)
}
