package insight_test

import (
	"fmt"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
)

// Rank computes a widget: here the two countries whose Secretary of State
// visits grew most steadily over 2018–2024. The engine is built once per
// data version from the store's year counts and countries.
func ExampleEngine_Rank() {
	counts := []shuttle.YearCount{
		{Country: "QA", Year: 2019, Visits: 1}, {Country: "QA", Year: 2021, Visits: 2},
		{Country: "QA", Year: 2022, Visits: 2}, {Country: "QA", Year: 2023, Visits: 3},
		{Country: "QA", Year: 2024, Visits: 4},
		{Country: "UA", Year: 2018, Visits: 1}, {Country: "UA", Year: 2022, Visits: 2},
		{Country: "UA", Year: 2023, Visits: 2}, {Country: "UA", Year: 2024, Visits: 2},
		{Country: "FR", Year: 2018, Visits: 3}, {Country: "FR", Year: 2019, Visits: 2},
		{Country: "FR", Year: 2020, Visits: 1}, {Country: "FR", Year: 2022, Visits: 1},
	}
	e := insight.New(insight.Data{
		Counts: map[shuttle.Role][]shuttle.YearCount{shuttle.RoleSecretary: counts},
		Countries: []shuttle.Country{
			{ISO: "FR", Name: "France", Region: "eur"},
			{ISO: "QA", Name: "Qatar", Region: "nea"},
			{ISO: "UA", Name: "Ukraine", Region: "eur"},
		},
	})
	r, err := e.Rank(insight.Params{Insight: insight.IDMomentum, Role: shuttle.RoleSecretary, From: 2018, To: 2024, Limit: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Title)
	fmt.Println(r.Subtitle)
	for _, row := range r.Rows {
		fmt.Printf("%d. %s %.1f points (τ-b %.2f, %d of 7 years, p=%.3f) %v\n", row.Rank, row.Country.Name, row.Points,
			row.Trend, int(row.Consistency*7+0.5), row.PValue, row.Series)
	}
	fmt.Println("Source:", r.Source)
	fmt.Println("Note:", r.Note)
	// Output:
	// Countries with Increasing Secretary of State Visits
	// with increasing frequency & consistency of Secretary of State visits
	// 1. Qatar 78.0 points (τ-b 0.85, 5 of 7 years, p=0.007) [0 1 0 2 2 3 4]
	// 2. Ukraine 53.8 points (τ-b 0.51, 4 of 7 years, p=0.094) [1 0 0 0 2 2 2]
	// Source: U.S. Department of State, Diplomatic Travel Records
	// Note: Data represents diplomatic activity from 2018-2024
}
