package shuttle

import (
	"strings"
	"testing"
)

func TestTripPurposeValidate(t *testing.T) {
	tests := []struct {
		name string
		trip Trip
		err  string // "" for valid
	}{
		{"no purpose (a visit)", Trip{}, ""},
		{"bilateral", Trip{Purpose: PurposeBilateral, PurposeEvidence: "Met with President Lula."}, ""},
		{"multilateral", Trip{Purpose: PurposeMultilateral, Organization: "NATO", Meeting: MeetingSummit}, ""},
		{"unknown purpose", Trip{Purpose: "holiday"}, `unknown purpose "holiday"`},
		{"multilateral without organisation", Trip{Purpose: PurposeMultilateral, Meeting: MeetingSummit}, "needs its organization and meeting"},
		{"organisation on a bilateral stop", Trip{Purpose: PurposeBilateral, Organization: "NATO"}, "for multilateral stops only"},
		{"unknown meeting", Trip{Purpose: PurposeMultilateral, Organization: "NATO", Meeting: "plenary"}, `unknown meeting "plenary"`},
		{"evidence without purpose", Trip{PurposeEvidence: "Met with"}, "without a purpose"},
	}
	for _, tt := range tests {
		err := tt.trip.validatePurpose()
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: %v, want an error containing %q", tt.name, err, tt.err)
		}
	}
	for _, p := range Purposes {
		if got, err := ParsePurpose(string(p)); err != nil || got != p {
			t.Errorf("ParsePurpose(%q) = %q, %v", p, got, err)
		}
	}
}
