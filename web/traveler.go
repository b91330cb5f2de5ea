package web

import (
	"context"
	"net/http"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
	"github.com/shuttlenews/shuttle/snapshot"
)

type travelerIndexPage struct {
	layoutData
	Groups []travelerGroup
}

type travelerGroup struct {
	Role      shuttle.Role
	Travelers []shuttle.Traveler
}

func (s *Server) travelerIndex(r *http.Request) (string, buildFunc, error) {
	if _, err := readQuery(r.URL, nil); err != nil {
		return "", nil, err
	}
	return "/travelers", func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		p := travelerIndexPage{layoutData: s.layout("/travelers", "Secretaries of State and Presidents")}
		for _, role := range []shuttle.Role{shuttle.RoleSecretary, shuttle.RolePresident} {
			g := travelerGroup{Role: role}
			// Newest first: the people readers look for have served lately.
			for i := len(snap.Travelers) - 1; i >= 0; i-- {
				if t := snap.Travelers[i]; t.Held(role) {
					g.Travelers = append(g.Travelers, t)
				}
			}
			p.Groups = append(p.Groups, g)
		}
		return s.renderPage("travelers", p)
	}, nil
}

type travelerPage struct {
	layoutData
	Traveler     shuttle.Traveler
	Trips        []shuttle.Trip
	Destinations *insight.Ranking
	AllHref      string
	Map          mapView
	Countries    int
}

// travelerDestinations is how many countries the top-destinations table lists.
const travelerDestinations = 10

func (s *Server) traveler(r *http.Request) (string, buildFunc, error) {
	if _, err := readQuery(r.URL, nil); err != nil {
		return "", nil, err
	}
	id := r.PathValue("id")
	return "/travelers/" + id, func(ctx context.Context, snap *snapshot.Snapshot, shows *shown) ([]byte, error) {
		t, ok := snap.Traveler(id)
		if !ok {
			return nil, shuttle.Errorf(shuttle.ENOTFOUND, "There is no Secretary of State or President with the id %q.", id)
		}
		p := travelerPage{layoutData: s.layout("/travelers/"+id, t.Name), Traveler: t}
		p.Description = "Trips abroad of " + t.Name + ": dates, places and top destinations."
		var err error
		if p.Trips, err = s.store.Trips(ctx, shuttle.TripFilter{Traveler: id}); err != nil {
			return nil, err
		}
		rk, err := snap.Insights.Rank(insight.Params{Insight: insight.IDTopDestinations, Traveler: id, Limit: travelerDestinations})
		switch {
		case shuttle.ErrorCode(err) == shuttle.ENOTFOUND: // no trips abroad recorded
		case err != nil:
			return nil, err
		default:
			p.Destinations = &rk
			p.AllHref = "/insights/" + insight.IDTopDestinations + resolved(rk).encode()
		}
		counts := map[string]int{}
		for _, trip := range p.Trips {
			counts[trip.Country]++
		}
		p.Countries = len(counts)
		if len(counts) > 0 {
			p.Map = s.world.choropleth(counts, snap, "Countries visited by "+t.Name)
		}
		return s.renderPage("traveler", p)
	}, nil
}
