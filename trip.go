package shuttle

// Trip is one visit: a traveller in one country, from Start to End. The
// records list a journey as one record per country stop, so a Trip is a stop.
// For RoleVisit it is a foreign leader's visit to the U.S., and Country is the
// visitor's country.
type Trip struct {
	Role Role `json:"role"`
	// ID is the lowest of SourceIDs: the record kept when duplicates merged.
	ID int64 `json:"id"`
	// SourceIDs are the upstream record ids this Trip stands for, ascending.
	SourceIDs []int64 `json:"source_ids"`
	// TravelerID is the record's traveller id; "" for foreign leaders' visits.
	TravelerID string `json:"traveler_id,omitempty"`
	// TravelerName is the record's name, or the visitor as recorded.
	TravelerName string `json:"traveler_name"`
	Start        Date   `json:"start"`
	End          Date   `json:"end"`
	// Country is the canonical ISO key.
	Country string `json:"country"`
	// CountryID and CountryName are the record's own id and name at the time.
	CountryID   string `json:"country_id"`
	CountryName string `json:"country_name"`
	Locale      string `json:"locale,omitempty"`
	// Remarks are the trip's remarks, or a visit's description, as clean text.
	Remarks string `json:"remarks,omitempty"`
	// Purpose is what the stop was for, read from its remark at ingest; ""
	// for foreign leaders' visits. Organization (the series, "conference"
	// for an ad-hoc one) and Meeting (summit, ministerial, other) are set for
	// multilateral stops only. PurposeEvidence is the span of the remark
	// that decided it, so a reader can see why.
	Purpose         Purpose `json:"purpose,omitempty"`
	Organization    string  `json:"organization,omitempty"`
	Meeting         string  `json:"meeting,omitempty"`
	PurposeEvidence string  `json:"purpose_evidence,omitempty"`
}

// Year is the year a visit counts in: the year of its start.
func (t Trip) Year() int { return t.Start.Year() }

// TripFilter selects trips; zero fields match everything.
type TripFilter struct {
	Role     Role
	Country  string
	Traveler string
	Year     int
	FromYear int
	ToYear   int
	Purpose  Purpose
	// Limit caps the trips returned (0: all); Offset skips that many of
	// the matching trips first, in the documented order, for paging. Within
	// one data version the order is fixed, so pages neither overlap nor skip.
	Limit  int
	Offset int
}

// YearCount is the number of visits of one role to one country in one year.
type YearCount struct {
	Country string `json:"country"`
	Year    int    `json:"year"`
	Visits  int    `json:"visits"`
}
