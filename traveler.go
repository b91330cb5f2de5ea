package shuttle

// Traveler is a Secretary of State or a President: someone whose trips abroad
// the records list under a stable id ("blinken-antony-j").
type Traveler struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Role  Role   `json:"role"`
	Terms []Term `json:"terms"`
}

// Term is one period in office. A zero End means still in office.
type Term struct {
	Start Date `json:"start"`
	End   Date `json:"end"`
}
