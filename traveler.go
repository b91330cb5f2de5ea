package shuttle

// Traveler is a Secretary of State or a President: someone whose trips abroad
// the records list under a stable id ("blinken-antony-j"). Five people held
// both offices (Jefferson, Madison, Monroe, J. Q. Adams, Buchanan) under one
// id, so the role lives on each Term, not on the Traveler.
type Traveler struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Terms []Term `json:"terms"`
}

// Term is one period in one office. A zero End means still in office.
type Term struct {
	Role  Role `json:"role"`
	Start Date `json:"start"`
	End   Date `json:"end"`
}

// Held reports whether the traveller ever held the role.
func (t Traveler) Held(r Role) bool {
	for _, term := range t.Terms {
		if term.Role == r {
			return true
		}
	}
	return false
}
