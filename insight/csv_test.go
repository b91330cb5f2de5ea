package insight

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
)

func TestWriteCSV(t *testing.T) {
	r, err := smallEngine().Rank(Params{Insight: IDMomentum, From: 2020, To: 2024, Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	r.Rows[0].Country.Name = `Borduria, "the" Republic` // quoting must survive
	var b bytes.Buffer
	if err := WriteCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHead := []string{"rank", "iso", "country", "points", "score", "trend", "consistency", "p_value", "sen_slope", "visits",
		"2020", "2021", "2022", "2023", "2024"}
	if len(recs) != 3 || !slices.Equal(recs[0], wantHead) {
		t.Fatalf("records %q", recs)
	}
	row := r.Rows[0]
	want := []string{"1", "BB", `Borduria, "the" Republic`, ftoa(row.Points), ftoa(row.Score), ftoa(row.Trend),
		ftoa(row.Consistency), ftoa(row.PValue), ftoa(row.SenSlope), "42", "6", "8", "8", "10", "10"}
	if !slices.Equal(recs[1], want) {
		t.Errorf("row %q\nwant %q", recs[1], want)
	}
}
