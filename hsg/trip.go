package hsg

import (
	"io"

	"github.com/shuttlenews/shuttle"
)

// Trip is one <trip> of travels/secretary-travels or travels/president-travels:
// one traveller's stop in one country.
type Trip struct {
	Pos         Position
	ID          int64
	Role        shuttle.Role
	Who         string // traveller id, "blinken-antony-j"
	Name        string
	Start, End  shuttle.Date
	CountryID   string
	CountryName string
	Locale      string
	Remarks     string

	// StartPos and EndPos are where the dates are, for the checks only
	// a later stage can make (a date past the ingest day, outside a term).
	StartPos, EndPos Position
}

// NewTripDecoder reads a travels file; file names it in errors.
func NewTripDecoder(r io.Reader, file string) *Decoder[Trip] {
	return &Decoder[Trip]{r: newReader(r, file, "trips", "trip"), conv: tripFromRecord}
}

func tripFromRecord(rec *record) (Trip, error) {
	t := Trip{Pos: rec.pos}
	var err error
	if t.ID, err = rec.id(); err != nil {
		return t, err
	}
	role := rec.text("role")
	if role == "" {
		role = rec.attr("", "role")
	}
	if t.Role, err = shuttle.ParseRole(role); err != nil || t.Role == shuttle.RoleVisit {
		return t, rec.errorf("role", "%q is not secretary or president", role)
	}
	if attr := rec.attr("", "role"); attr != "" && attr != role {
		return t, rec.errorf("role", "element says %q but the trip's attribute says %q", role, attr)
	}
	if t.Who = rec.attr("", "who"); t.Who == "" {
		return t, rec.errorf("", "missing attribute who")
	}
	if t.Name, err = rec.required("name"); err != nil {
		return t, err
	}
	if t.Start, t.End, err = rec.dates("start-date", "end-date"); err != nil {
		return t, err
	}
	t.StartPos, t.EndPos = rec.fieldPos("start-date"), rec.fieldPos("end-date")
	if t.CountryID = rec.attr("country", "id"); t.CountryID == "" {
		return t, rec.errorf("country", "missing attribute id")
	}
	t.CountryName = rec.text("country")
	t.Locale = rec.text("locale")
	t.Remarks = rec.text("remarks")
	return t, nil
}
