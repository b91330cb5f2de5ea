package shuttle

// Purpose is what a trip stop was for, as its remark states it (ingest reads
// it; the guideline is ../shared/eval/purpose/GUIDELINES.md). Foreign leaders'
// visits carry none: their descriptions are not written like the remarks.
type Purpose string

const (
	// PurposeMultilateral is a meeting of an organisation or of three or more
	// governments held at the stop.
	PurposeMultilateral Purpose = "multilateral"
	// PurposeBilateral is talks with the host's (or one other country's)
	// leaders, or a state, official or working visit.
	PurposeBilateral Purpose = "bilateral"
	// PurposeAccompanying is a Secretary with the President and no other
	// stated business.
	PurposeAccompanying Purpose = "accompanying"
	// PurposeCeremonial is a funeral, inauguration, commemoration or the like.
	PurposeCeremonial Purpose = "ceremonial"
	// PurposeOther is transit, rest, troop visits and every stop whose remark
	// states no business.
	PurposeOther Purpose = "transit_or_other"
)

// Purposes lists every purpose, in the guideline's order of precedence.
var Purposes = []Purpose{PurposeMultilateral, PurposeCeremonial, PurposeBilateral, PurposeAccompanying, PurposeOther}

// ParsePurpose accepts exactly one of the purpose names.
func ParsePurpose(s string) (Purpose, error) {
	for _, p := range Purposes {
		if string(p) == s {
			return p, nil
		}
	}
	return "", Errorf(EINVALID, "unknown purpose %q (want multilateral, bilateral, accompanying, ceremonial or transit_or_other)", s)
}

// Meeting kinds of a multilateral stop: the level of the meeting, not of the
// U.S. traveller (a Secretary at a NATO summit attends a summit).
const (
	MeetingSummit      = "summit"
	MeetingMinisterial = "ministerial"
	MeetingOther       = "other"
)

// validatePurpose checks that a stop's purpose fields agree: organisation
// and meeting belong to multilateral stops only, and both are set there.
func (t Trip) validatePurpose() error {
	if t.Purpose == "" {
		if t.Organization != "" || t.Meeting != "" || t.PurposeEvidence != "" {
			return Errorf(EINVALID, "trip %s/%d: organization, meeting or evidence without a purpose", t.Role, t.ID)
		}
		return nil
	}
	if _, err := ParsePurpose(string(t.Purpose)); err != nil {
		return Errorf(EINVALID, "trip %s/%d: %s", t.Role, t.ID, err.(*Error).Message)
	}
	multi := t.Purpose == PurposeMultilateral
	switch {
	case multi && (t.Organization == "" || t.Meeting == ""):
		return Errorf(EINVALID, "trip %s/%d: a multilateral stop needs its organization and meeting", t.Role, t.ID)
	case !multi && (t.Organization != "" || t.Meeting != ""):
		return Errorf(EINVALID, "trip %s/%d: organization and meeting are for multilateral stops only, not %s", t.Role, t.ID, t.Purpose)
	case multi && t.Meeting != MeetingSummit && t.Meeting != MeetingMinisterial && t.Meeting != MeetingOther:
		return Errorf(EINVALID, "trip %s/%d: unknown meeting %q (want summit, ministerial or other)", t.Role, t.ID, t.Meeting)
	}
	return nil
}
