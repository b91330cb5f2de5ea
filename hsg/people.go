package hsg

import (
	"io"
	"strconv"

	"github.com/shuttlenews/shuttle"
)

// Principal is one Secretary of State's term from
// pocom/positions-principals/secretary.xml.
type Principal struct {
	Pos      Position
	ID       string // "secr-2021-blin"
	PersonID string // "blinken-antony-j", the travels' who
	Started  shuttle.Date
	Ended    shuttle.Date // zero while in office
}

// NewPrincipalDecoder reads pocom/positions-principals/secretary.xml.
func NewPrincipalDecoder(r io.Reader, file string) *Decoder[Principal] {
	return &Decoder[Principal]{r: newReader(r, file, "principal-position", "principals/principal"), conv: principalFromRecord}
}

func principalFromRecord(rec *record) (Principal, error) {
	p := Principal{Pos: rec.pos}
	var err error
	if p.ID, err = rec.required("id"); err != nil {
		return p, err
	}
	rec.label = "principal " + p.ID
	if p.PersonID, err = rec.required("person-id"); err != nil {
		return p, err
	}
	if p.Started, err = rec.optionalDate("started/date"); err != nil {
		return p, err
	}
	if p.Started.IsZero() {
		// A few early terms record only the appointment.
		if p.Started, err = rec.date("appointed/date"); err != nil {
			return p, err
		}
	}
	if p.Ended, err = rec.optionalDate("ended/date"); err != nil {
		return p, err
	}
	if !p.Ended.IsZero() && p.Ended.Before(p.Started) {
		return p, rec.errorf("ended/date", "term ends %s before it starts %s", p.Ended, p.Started)
	}
	return p, nil
}

// President is one term of travels/presidents/presidents.xml. A president
// serving two non-consecutive terms appears twice under one id.
type President struct {
	Pos        Position
	N          int
	ID         string
	Name       string
	TookOffice shuttle.Date
	LeftOffice shuttle.Date // zero while in office
}

// NewPresidentDecoder reads travels/presidents/presidents.xml.
func NewPresidentDecoder(r io.Reader, file string) *Decoder[President] {
	return &Decoder[President]{r: newReader(r, file, "presidents", "president"), conv: presidentFromRecord}
}

func presidentFromRecord(rec *record) (President, error) {
	p := President{Pos: rec.pos}
	var err error
	if p.ID, err = rec.required("id"); err != nil {
		return p, err
	}
	rec.label = "president " + p.ID
	if n := rec.attr("", "n"); n != "" {
		if p.N, err = strconv.Atoi(n); err != nil {
			return p, rec.errorf("", "attribute n %q is not a number", n)
		}
	}
	if p.Name, err = rec.required("name"); err != nil {
		return p, err
	}
	if p.TookOffice, err = rec.date("took-office-date"); err != nil {
		return p, err
	}
	if p.LeftOffice, err = rec.optionalDate("left-office-date"); err != nil {
		return p, err
	}
	if !p.LeftOffice.IsZero() && p.LeftOffice.Before(p.TookOffice) {
		return p, rec.errorf("left-office-date", "left office %s before taking it %s", p.LeftOffice, p.TookOffice)
	}
	return p, nil
}
