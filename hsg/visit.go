package hsg

import (
	"io"

	"github.com/shuttlenews/shuttle"
)

// Visit is one <visit> of visits/data: a foreign chief of state or head of
// government visiting the U.S.
type Visit struct {
	Pos         Position
	ID          int64
	Start, End  shuttle.Date
	Visitor     string // "Prime Minister Kyriakos Mitsotakis"
	FromID      string
	FromName    string
	Description string // inline markup (<em>) flattened to text

	// StartPos and EndPos are where the dates are, for the checks only
	// a later stage can make (a date past the ingest day, outside a term).
	StartPos, EndPos Position
}

// NewVisitDecoder reads a visits/data file; file names it in errors.
func NewVisitDecoder(r io.Reader, file string) *Decoder[Visit] {
	return &Decoder[Visit]{r: newReader(r, file, "visits", "visit"), conv: visitFromRecord}
}

func visitFromRecord(rec *record) (Visit, error) {
	v := Visit{Pos: rec.pos}
	var err error
	if v.ID, err = rec.id(); err != nil {
		return v, err
	}
	if v.Start, v.End, err = rec.dates("start-date", "end-date"); err != nil {
		return v, err
	}
	v.StartPos, v.EndPos = rec.fieldPos("start-date"), rec.fieldPos("end-date")
	if v.Visitor, err = rec.required("visitor"); err != nil {
		return v, err
	}
	if v.FromID = rec.attr("from", "id"); v.FromID == "" {
		return v, rec.errorf("from", "missing attribute id")
	}
	v.FromName = rec.text("from")
	v.Description = rec.text("description")
	return v, nil
}
