package insight

import (
	"encoding/csv"
	"io"
	"strconv"
)

// WriteCSV writes r as one header row and one row per country. The series
// becomes one column per year, named by the year, so a spreadsheet can chart
// it; floats are written in full so the file round-trips, except points,
// which is already rounded.
func WriteCSV(w io.Writer, r Ranking) error {
	cw := csv.NewWriter(w)
	head := []string{"rank", "iso", "country", "points", "score", "trend", "consistency", "p_value", "sen_slope", "visits"}
	for y := r.From; y <= r.To; y++ {
		head = append(head, strconv.Itoa(y))
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(head))
	for _, row := range r.Rows {
		rec = append(rec[:0],
			strconv.Itoa(row.Rank), row.Country.ISO, row.Country.Name,
			strconv.FormatFloat(row.Points, 'f', 1, 64), ftoa(row.Score), ftoa(row.Trend),
			ftoa(row.Consistency), ftoa(row.PValue), ftoa(row.SenSlope), strconv.Itoa(row.Visits))
		for _, v := range row.Series {
			rec = append(rec, strconv.Itoa(v))
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
