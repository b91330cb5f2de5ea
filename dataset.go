package shuttle

import (
	"fmt"
	"time"
)

// Dataset is everything one ingest produces. Stores replace it whole: readers
// see the previous Dataset or this one, never a mixture.
type Dataset struct {
	Regions   []Region
	Countries []Country
	Travelers []Traveler
	Trips     []Trip
	Stats     IngestStats
}

// IngestStats summarises an ingest for its log line and the Version row.
type IngestStats struct {
	Source     string
	Read       map[Role]int // records decoded
	Duplicates map[Role]int // records dropped as duplicates of a lower id
	Countries  int
	Travelers  int
	Duration   time.Duration
}

// Kept is the number of trips of a role that the dataset holds.
func (s IngestStats) Kept(r Role) int { return s.Read[r] - s.Duplicates[r] }

// Validate checks the invariants the stores rely on, so that a bad dataset is
// refused before any transaction starts.
func (d *Dataset) Validate() error {
	countries := make(map[string]bool, len(d.Countries))
	for _, c := range d.Countries {
		if c.ISO == "" || c.Name == "" {
			return Errorf(EINVALID, "country %+v: iso and name are required", c)
		}
		if countries[c.ISO] {
			return Errorf(EINVALID, "country %s listed twice", c.ISO)
		}
		countries[c.ISO] = true
	}
	travelers := make(map[string]bool, len(d.Travelers))
	for _, t := range d.Travelers {
		travelers[t.ID] = true
	}
	seen := make(map[string]bool, len(d.Trips))
	for _, t := range d.Trips {
		if err := t.validate(countries, travelers); err != nil {
			return err
		}
		key := fmt.Sprintf("%s/%d", t.Role, t.ID)
		if seen[key] {
			return Errorf(EINVALID, "trip %s listed twice", key)
		}
		seen[key] = true
	}
	return nil
}

func (t Trip) validate(countries, travelers map[string]bool) error {
	switch {
	case t.Role != RoleSecretary && t.Role != RolePresident && t.Role != RoleVisit:
		return Errorf(EINVALID, "trip %d: unknown role %q", t.ID, t.Role)
	case t.Start.IsZero() || t.End.IsZero():
		return Errorf(EINVALID, "trip %s/%d: start and end dates are required", t.Role, t.ID)
	case t.End.Before(t.Start):
		return Errorf(EINVALID, "trip %s/%d: end date %s is before start date %s", t.Role, t.ID, t.End, t.Start)
	case !countries[t.Country]:
		return Errorf(EINVALID, "trip %s/%d: country %q is not in the dataset", t.Role, t.ID, t.Country)
	case t.Role != RoleVisit && !travelers[t.TravelerID]:
		return Errorf(EINVALID, "trip %s/%d: traveller %q is not in the dataset", t.Role, t.ID, t.TravelerID)
	}
	return t.validatePurpose()
}

// Version identifies the dataset a store serves. Servers compare IDs on each
// request (one indexed read) to notice another process's ingest.
type Version struct {
	ID         int64     `json:"id"` // 0: nothing ingested yet
	IngestedAt time.Time `json:"ingested_at"`
	Source     string    `json:"source"`
	Trips      int       `json:"trips"`
	// Articles counts changes to the articles, so that a server notices an
	// edit made through another server.
	Articles int64 `json:"articles"`
}
