package storetest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/shuttlenews/shuttle"
)

// Synthetic builds a valid dataset with the given numbers of countries and
// trips, the same for the same arguments. The real one has about 230
// countries and 7,500 trips; benchmarks use that size.
func Synthetic(countries, trips int) *shuttle.Dataset {
	rng := rand.New(rand.NewPCG(uint64(countries), uint64(trips)))
	d := &shuttle.Dataset{Regions: []shuttle.Region{
		{ID: "af", Name: "Africa"}, {ID: "eap", Name: "East Asia and the Pacific"},
		{ID: "eur", Name: "Europe and Eurasia"}, {ID: "nea", Name: "Near East"},
		{ID: "sca", Name: "South and Central Asia"}, {ID: "wha", Name: "Western Hemisphere"},
	}}
	for i := range countries {
		iso := string([]byte{byte('A' + i/26%26), byte('A' + i%26)})
		d.Countries = append(d.Countries, shuttle.Country{
			ISO: iso, Name: fmt.Sprintf("Ñation %03d", i), Region: d.Regions[i%len(d.Regions)].ID,
			IDs: []string{fmt.Sprintf("nation-%d", i), fmt.Sprintf("old-nation-%d", i)},
		})
	}
	start := shuttle.NewDate(1900, time.January, 1)
	for i := range 80 {
		role := shuttle.RoleSecretary
		if i%2 == 1 {
			role = shuttle.RolePresident
		}
		first := start.AddDays(i * 600)
		d.Travelers = append(d.Travelers, shuttle.Traveler{
			ID: fmt.Sprintf("traveller-%02d", i), Name: fmt.Sprintf("Trävel %d", i),
			Terms: []shuttle.Term{{Role: role, Start: first, End: first.AddDays(1400)}},
		})
	}
	for i := range trips {
		d.Trips = append(d.Trips, syntheticTrip(rng, d, i, start))
	}
	d.Stats = stats(fmt.Sprintf("synthetic:%dx%d", countries, trips), d)
	return d
}

func syntheticTrip(rng *rand.Rand, d *shuttle.Dataset, i int, epoch shuttle.Date) shuttle.Trip {
	roles := []shuttle.Role{shuttle.RoleSecretary, shuttle.RoleVisit, shuttle.RolePresident, shuttle.RoleSecretary, shuttle.RoleVisit}
	c := d.Countries[rng.IntN(len(d.Countries))]
	begin := epoch.AddDays(rng.IntN(125 * 365))
	t := shuttle.Trip{
		Role: roles[i%len(roles)], ID: int64(2 * i), SourceIDs: []int64{int64(2 * i)},
		Start: begin, End: begin.AddDays(rng.IntN(4)),
		Country: c.ISO, CountryID: c.IDs[rng.IntN(2)], CountryName: c.Name,
		Locale: "Capital City", Remarks: "Met with the foreign minister and discussed trade.",
	}
	if i%7 == 0 {
		t.SourceIDs = append(t.SourceIDs, int64(2*i+1))
	}
	if t.Role == shuttle.RoleVisit {
		t.TravelerName = fmt.Sprintf("Visitor %d", i)
		return t
	}
	for {
		tr := d.Travelers[rng.IntN(len(d.Travelers))]
		if tr.Held(t.Role) {
			t.TravelerID, t.TravelerName = tr.ID, tr.Name
			return t
		}
	}
}
