package shuttle

// Country is the canonical key every record resolves to: a state (or a
// historical entity) as it is known today.
type Country struct {
	// ISO is the ISO 3166-1 alpha-2 code as it is today, or the gsh table's
	// user-assigned X? code for historical entities with none (Yugoslavia: XI).
	ISO string `json:"iso"`
	// Name is today's short name (Türkiye, Czechia), not the record's.
	Name string `json:"name"`
	// Region is the State Department regional bureau (af, eap, eur, nea,
	// sca, wha), or "" for places no bureau covers.
	Region string `json:"region"`
	// IDs are the gsh and record ids that resolve to this country.
	IDs []string `json:"ids,omitempty"`
}

// CountryVisits is a country with its number of visits per role.
type CountryVisits struct {
	Country
	Visits map[Role]int `json:"visits"`
}

// Region is a State Department regional bureau.
type Region struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}
