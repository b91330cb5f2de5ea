package history

import (
	"strings"

	"github.com/shuttlenews/shuttle"
)

// Record is one stop as evidence shows it: enough to find it again (role and
// source ids) and to read it (who, when, where).
type Record struct {
	Role       shuttle.Role `json:"role"`
	SourceIDs  []int64      `json:"source_ids"`
	TravelerID string       `json:"traveler_id,omitempty"`
	Traveler   string       `json:"traveler"`
	Start      shuttle.Date `json:"start"`
	End        shuttle.Date `json:"end"`
	Country    string       `json:"country"`
	Locale     string       `json:"locale,omitempty"`
	// Elect marks a President's stop made as President-elect.
	Elect bool `json:"elect,omitempty"`
}

func (r *Records) record(t shuttle.Trip) Record {
	ids := t.SourceIDs
	if len(ids) == 0 {
		ids = []int64{t.ID}
	}
	return Record{Role: t.Role, SourceIDs: ids, TravelerID: t.TravelerID, Traveler: t.TravelerName,
		Start: t.Start, End: t.End, Country: t.Country, Locale: t.Locale, Elect: r.Elect(t)}
}

// Evidence is one line of what decides a verdict or states a fact: its
// relation to the reported visit ("event", "previous", "after", "earlier",
// "gap", "coverage"), the line in words, and the records it rests on.
type Evidence struct {
	Relation string   `json:"relation"`
	Text     string   `json:"text"`
	Records  []Record `json:"records,omitempty"`
}

// describe writes a stop as the claims' evidence does: "2019-04-13 Michael R.
// Pompeo, Asuncion (Paraguay)".
func (r *Records) describe(t shuttle.Trip) string {
	var b strings.Builder
	b.WriteString(span(t.Start, t.End))
	b.WriteString(" ")
	b.WriteString(t.TravelerName)
	b.WriteString(", ")
	switch {
	case t.Role == shuttle.RoleVisit:
		b.WriteString("visit to the U.S.")
	case t.Locale != "":
		b.WriteString(t.Locale)
	default:
		b.WriteString(r.CountryName(t.Country))
	}
	b.WriteString(" (" + r.CountryName(t.Country) + ")")
	if r.Elect(t) {
		b.WriteString(", as President-elect")
	}
	return b.String()
}

func span(start, end shuttle.Date) string {
	if end.IsZero() || end.Equal(start) {
		return start.String()
	}
	return start.String() + ".." + end.String()
}

func (r *Records) evidence(rel string, text string, trips ...shuttle.Trip) Evidence {
	e := Evidence{Relation: rel, Text: text}
	for _, t := range trips {
		e.Records = append(e.Records, r.record(t))
	}
	return e
}

func (r *Records) stopEvidence(rel, prefix string, t shuttle.Trip) Evidence {
	return r.evidence(rel, prefix+r.describe(t), t)
}
