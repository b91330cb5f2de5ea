package ingest_test

import (
	"fmt"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/ingest"
)

// TestReadPurpose reads real remarks of the snapshot, each picked for one
// rule of the guideline (../shared/eval/purpose/GUIDELINES.md). The remarks
// come from the records by id, so the test reads what the ingest reads.
func TestReadPurpose(t *testing.T) {
	d := realDataset(t)
	byID := map[string]shuttle.Trip{}
	for _, tr := range d.Trips {
		byID[fmt.Sprintf("%s/%d", tr.Role, tr.ID)] = tr
	}
	const (
		multi = shuttle.PurposeMultilateral
		bi    = shuttle.PurposeBilateral
		cer   = shuttle.PurposeCeremonial
		acc   = shuttle.PurposeAccompanying
		other = shuttle.PurposeOther
	)
	tests := []struct {
		record, why  string
		want         shuttle.Purpose
		org, meeting string
	}{
		{"secretary/2306", "a series' ministers in session", multi, "ASEAN", "ministerial"},
		{"secretary/336", "accompanying the President to a summit: the summit decides", multi, "NATO", "summit"},
		{"secretary/1904", "accompanying the President to a funeral", cer, "", ""},
		{"secretary/1689", "ANZUS meets at ministerial level by its constitution", multi, "ANZUS", "ministerial"},
		{"secretary/834", "the Baghdad Pact is CENTO's forerunner", multi, "CENTO", "ministerial"},
		{"president/2401", "talks listed before the summit stay on its margins (P1)", multi, "NATO", "summit"},
		{"president/2722", "a conference of three powers", multi, "conference", "summit"},
		{"president/2712", "a conference with one leader is a summit of two (A6)", bi, "", ""},
		{"president/2363", "U.S.-Soviet summit: two parties (A6)", bi, "", ""},
		{"secretary/3746", "Australia-U.S. ministerial: two parties (A6)", bi, "", ""},
		{"secretary/2027", "a ceremony whose object names the CSCE", cer, "", ""},
		{"secretary/3169", "an anniversary ministerial is a ministerial (P1)", multi, "OECD", "ministerial"},
		{"secretary/3007", "an inauguration and a ministerial: the ministerial decides", multi, "Pathways to Prosperity in the Americas", "ministerial"},
		{"president/2517", "an embassy dedicated during a visit with talks (A3)", bi, "", ""},
		{"secretary/273", "talks about NATO with a host minister", bi, "", ""},
		{"secretary/853", "host leaders and NATO's Secretary General together (P4)", bi, "", ""},
		{"secretary/1226", "an organisation's ministers as the only business (P4)", multi, "ASEAN", "other"},
		{"secretary/866", "a stop on the way home from NATO is not NATO business", other, "", ""},
		{"secretary/2188", "preparations for conferences held elsewhere", other, "", ""},
		{"secretary/3336", "accompanying and nothing else", acc, "", ""},
		{"secretary/1717", "accompanying on a State visit", bi, "", ""},
		{"president/2684", "an informal visit (A2)", bi, "", ""},
		{"president/2895", "a speech at a memorial (A3)", other, "", ""},
	}
	for _, tt := range tests {
		tr, ok := byID[tt.record]
		if !ok {
			t.Errorf("%s: not in the snapshot", tt.record)
			continue
		}
		got := ingest.ReadPurpose(tr.Role, tr.Remarks)
		if got.Purpose != tt.want || got.Organization != tt.org || got.Meeting != tt.meeting {
			t.Errorf("%s (%s): %q read as %s/%q/%q, want %s/%q/%q (evidence %q)", tt.record, tt.why, tr.Remarks,
				got.Purpose, got.Organization, got.Meeting, tt.want, tt.org, tt.meeting, got.Evidence)
		}
		if got != (ingest.StopPurpose{Purpose: tr.Purpose, Organization: tr.Organization, Meeting: tr.Meeting, Evidence: tr.PurposeEvidence}) {
			t.Errorf("%s: the ingest stored %+v, the reader reads %+v", tt.record, tr, got)
		}
	}
}

// TestReadPurposeEdges covers what the records rarely hold: an empty
// remark, a foreign leader's visit, and whitespace as the XML breaks it.
func TestReadPurposeEdges(t *testing.T) {
	tests := []struct {
		role    shuttle.Role
		remarks string
		want    ingest.StopPurpose
	}{
		{shuttle.RoleSecretary, "", ingest.StopPurpose{Purpose: shuttle.PurposeOther}},
		{shuttle.RoleVisit, "Attended NATO Summit Meeting.", ingest.StopPurpose{}},
		{shuttle.RolePresident, "Attended NATO\n            Summit Meeting.", ingest.StopPurpose{
			Purpose: shuttle.PurposeMultilateral, Organization: "NATO", Meeting: "summit", Evidence: "Attended NATO Summit Meeting."}},
	}
	for _, tt := range tests {
		if got := ingest.ReadPurpose(tt.role, tt.remarks); got != tt.want {
			t.Errorf("%s %q: %+v, want %+v", tt.role, tt.remarks, got, tt.want)
		}
	}
}
