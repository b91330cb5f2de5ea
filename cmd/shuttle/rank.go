package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/insight"
	"github.com/shuttlenews/shuttle/snapshot"
)

func runRank(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("rank", stderr)
	var sf storeFlags
	sf.register(fs)
	var (
		p         insight.Params
		role      string
		countries string
		format    string
		explain   string
	)
	fs.StringVar(&p.Insight, "insight", insight.IDMomentum, "insight id: momentum, declining, most-visited, top-destinations")
	fs.StringVar(&role, "role", "", "secretary, president or visit (default secretary)")
	fs.IntVar(&p.From, "from", 0, "first year of the window (default 1997, clamped to the data)")
	fs.IntVar(&p.To, "to", 0, "last year of the window (default 2024, clamped to the data)")
	fs.StringVar(&p.Region, "region", "", "restrict to a State Department bureau: af, eap, eur, nea, sca, wha")
	fs.StringVar(&countries, "countries", "", "restrict to these ISO codes, comma-separated")
	fs.StringVar(&p.Traveler, "traveler", "", "traveller id, for top-destinations")
	fs.IntVar(&p.Limit, "limit", 0, "rows to print (default all)")
	fs.StringVar(&format, "format", "table", "table, json or csv")
	fs.StringVar(&explain, "explain", "", "explain one country's score: components, yearly series and trips")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p.Role = shuttle.Role(role)
	for _, c := range strings.Split(countries, ",") {
		if c = strings.TrimSpace(c); c != "" {
			p.Countries = append(p.Countries, strings.ToUpper(c))
		}
	}
	st, err := sf.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	snap, err := snapshot.Build(ctx, st)
	if err != nil {
		return err
	}
	if snap.Version.ID == 0 {
		return fmt.Errorf("the database %s holds no data yet: run `shuttle ingest` first", redact(sf.dbURL()))
	}
	if explain != "" {
		return printExplanation(ctx, stdout, st, snap, p, strings.ToUpper(explain), format)
	}
	r, err := snap.Insights.Rank(p)
	if err != nil {
		return err
	}
	switch format {
	case "json":
		return writeIndented(stdout, r)
	case "csv":
		return insight.WriteCSV(stdout, r)
	case "table":
		printRanking(stdout, r)
		return nil
	}
	return fmt.Errorf("format %q: want table, json or csv", format)
}

func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func printRanking(w io.Writer, r insight.Ranking) {
	fmt.Fprintf(w, "%s\n%s\n\n", r.Title, r.Subtitle)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "rank\tcountry\t%s\ttrend\tconsistency\tp-value\tSen slope\tvisits\t\n", r.Unit)
	for _, row := range r.Rows {
		fmt.Fprintf(tw, "%d\t%s %s\t%.1f\t%.3f\t%.3f\t%.4f\t%.3f\t%d\t\n", row.Rank, row.Country.ISO, row.Country.Name,
			row.Points, row.Trend, row.Consistency, row.PValue, row.SenSlope, row.Visits)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nSource: %s\nNote: %s\n", r.Source, r.Note)
}

func printExplanation(ctx context.Context, w io.Writer, st shuttle.Store, snap *snapshot.Snapshot, p insight.Params, iso, format string) error {
	x, err := snap.Insights.Explain(p, iso)
	if err != nil {
		return err
	}
	trips, err := st.Trips(ctx, shuttle.TripFilter{Role: x.Role, Country: iso, FromYear: x.From, ToYear: x.To})
	if err != nil {
		return err
	}
	if format == "json" {
		return writeIndented(w, struct {
			insight.Explanation
			Trips []shuttle.Trip `json:"trips"`
		}{x, trips})
	}
	row := x.Row
	fmt.Fprintf(w, "%s (%s): %s, %s %d–%d\n", row.Country.Name, iso, x.Insight, x.Role, x.From, x.To)
	if x.Listed {
		fmt.Fprintf(w, "rank %d, %.1f points\n", row.Rank, row.Points)
	} else {
		fmt.Fprintf(w, "not listed: %s\n", x.Reason)
	}
	fmt.Fprintf(w, "  trend (Kendall tau-b)   %.4f   (%d concordant, %d discordant, %d tied pairs)\n", row.Trend, x.Concordant, x.Discordant, x.TiedPairs)
	fmt.Fprintf(w, "  consistency             %.4f   (%d of %d years with a visit)\n", row.Consistency, x.ActiveYears, x.Years)
	fmt.Fprintf(w, "  points = 100*sqrt(trend*consistency) = %.1f\n", row.Points)
	fmt.Fprintf(w, "  Mann-Kendall            S=%d Var(S)=%.1f Z=%.3f p=%.4f\n", x.S, x.VarS, x.Z, row.PValue)
	fmt.Fprintf(w, "  Sen's slope             %.4f visits/year\n\nyear  visits\n", row.SenSlope)
	for i, v := range row.Series {
		fmt.Fprintf(w, "%d  %s%d\n", x.From+i, strings.Repeat("#", v), v)
	}
	fmt.Fprintf(w, "\n%d trips:\n", len(trips))
	for _, t := range trips {
		fmt.Fprintf(w, "  %s–%s  %-28s %s  %s\n", t.Start, t.End, t.TravelerName, t.Locale, t.Remarks)
	}
	return nil
}
