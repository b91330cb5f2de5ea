package synth

import (
	"reflect"
	"testing"

	"github.com/shuttlenews/shuttle"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a := Generate(Options{Seed: 7, Scale: 2, Trips: true})
	b := Generate(Options{Seed: 7, Scale: 2, Trips: true})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed and scale gave different data")
	}
	if c := Generate(Options{Seed: 8, Scale: 2}); reflect.DeepEqual(a.Counts, c.Counts) {
		t.Error("another seed gave the same counts")
	}
}

func TestGenerateScales(t *testing.T) {
	one, ten := Generate(Options{Seed: 1, Scale: 1, Trips: true}), Generate(Options{Seed: 1, Scale: 10})
	if len(one.Countries) != 200 || len(ten.Countries) != 2000 {
		t.Fatalf("countries %d and %d, want 200 and 2000", len(one.Countries), len(ten.Countries))
	}
	// The first 200 countries are the same at every scale.
	for _, r := range shuttle.Roles {
		var head []shuttle.YearCount
		for _, c := range ten.Counts[r] {
			if c.Country < code(200) {
				head = append(head, c)
			}
		}
		if !reflect.DeepEqual(head, one.Counts[r]) {
			t.Errorf("%s: scale 10 does not extend scale 1", r)
		}
	}
	// Scale 1 looks like the real records: 3,436 secretary, 831 president
	// and about 3,260 leaders' visits. Within a factor of two is the aim.
	want := map[shuttle.Role]int{shuttle.RoleSecretary: 3436, shuttle.RolePresident: 831, shuttle.RoleVisit: 3263}
	trips := map[shuttle.Role]int{}
	for _, tr := range one.Trips {
		trips[tr.Role]++
	}
	for r, w := range want {
		v := 0
		for _, c := range one.Counts[r] {
			v += c.Visits
		}
		if v < w/2 || v > 2*w || trips[r] != v {
			t.Errorf("%s: %d visits (%d trips), want about %d", r, v, trips[r], w)
		}
		t.Logf("%s: %d visits in %d country-years", r, v, len(one.Counts[r]))
	}
}
