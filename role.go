package shuttle

import "fmt"

// Role says whose travel a Trip records.
type Role string

const (
	// RoleSecretary is a Secretary of State's visit abroad.
	RoleSecretary Role = "secretary"
	// RolePresident is a President's visit abroad.
	RolePresident Role = "president"
	// RoleVisit is a foreign chief of state's or head of government's visit to the U.S.
	RoleVisit Role = "visit"
)

// Roles lists every role in display order.
var Roles = []Role{RoleSecretary, RolePresident, RoleVisit}

// ParseRole accepts exactly one of the role names.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", Errorf(EINVALID, "unknown role %q (want secretary, president or visit)", s)
}

// Label is the role as a reader sees it in a heading.
func (r Role) Label() string {
	switch r {
	case RoleSecretary:
		return "Secretary of State"
	case RolePresident:
		return "President"
	case RoleVisit:
		return "Foreign leader"
	}
	return string(r)
}

// Plural names the visits of a role in running text ("Secretary of State visits").
func (r Role) Plural() string {
	switch r {
	case RoleSecretary:
		return "Secretary of State visits"
	case RolePresident:
		return "Presidential visits"
	case RoleVisit:
		return "foreign leaders' visits to the U.S."
	}
	return fmt.Sprintf("%s visits", r)
}
