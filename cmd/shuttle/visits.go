package main

import (
	"context"
	"fmt"
	"os"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/enrich"
	"github.com/shuttlenews/shuttle/history"
	"github.com/shuttlenews/shuttle/ingest"
)

// enrichOutput is an article's enrichment with the visits it reports and
// its claims checked against the records.
type enrichOutput struct {
	enrich.Result
	Visits []visitOutput `json:"visits"`
	Claims []claimOutput `json:"claims"`
}

type visitOutput struct {
	enrich.Visit
	Records []history.Record `json:"records"`
	Note    string           `json:"note,omitempty"`
}

type claimOutput struct {
	enrich.Claim
	Verdict  history.Verdict    `json:"verdict"`
	Reason   string             `json:"reason,omitempty"`
	Evidence []history.Evidence `json:"evidence"`
}

// loadRecords reads the records for checking: straight from a data
// directory when --data is given, else from the database. A database with
// nothing ingested yields nil, and every claim is then cannot_tell.
func loadRecords(ctx context.Context, sf storeFlags) (*history.Records, error) {
	if sf.data != "" {
		d, err := ingest.Load(ctx, os.DirFS(sf.data), sf.data, nil)
		if err != nil {
			return nil, fmt.Errorf("records %s: %w", sf.data, err)
		}
		return history.New(d.Trips, d.Travelers, d.Countries), nil
	}
	st, err := sf.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if m, ok := st.(migrator); ok {
		if err := m.Migrate(ctx); err != nil {
			return nil, &storeError{err}
		}
	}
	v, err := st.Version(ctx)
	if err != nil || v.ID == 0 {
		return nil, err
	}
	trips, err := st.Trips(ctx, shuttle.TripFilter{})
	if err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	travelers, err := st.Travelers(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	cv, err := st.Countries(ctx)
	if err != nil {
		return nil, fmt.Errorf("records: %w", err)
	}
	countries := make([]shuttle.Country, len(cv))
	for i, c := range cv {
		countries[i] = c.Country
	}
	return history.New(trips, travelers, countries), nil
}

// checkArticle finds the article's visits and claims and checks them
// against rec (nil: no records to check against).
func checkArticle(e *enrich.Enricher, rec *history.Records, d enrich.Doc, r enrich.Result) enrichOutput {
	out := enrichOutput{Result: r, Visits: []visitOutput{}, Claims: []claimOutput{}}
	visits := e.Visits(d, r)
	for _, v := range visits {
		vo := visitOutput{Visit: v, Records: []history.Record{}}
		if rec == nil {
			vo.Note = "no records loaded (run shuttle ingest, or pass --data)"
		} else {
			l := rec.Link(historyVisit(v))
			vo.Note = l.Note
			vo.Records = append(vo.Records, l.Records...)
		}
		out.Visits = append(out.Visits, vo)
	}
	for _, c := range e.Claims(d, r, visits) {
		co := claimOutput{Claim: c, Verdict: history.CannotTell, Reason: "no records loaded (run shuttle ingest, or pass --data)", Evidence: []history.Evidence{}}
		if rec != nil {
			ch := rec.Check(historyClaim(c))
			co.Verdict, co.Reason, co.Evidence = ch.Verdict, ch.Reason, ch.Evidence
		}
		out.Claims = append(out.Claims, co)
	}
	return out
}

// historyVisit and historyClaim put what the reader found in the records'
// terms: enrich may not import history, so the two meet here.
func historyVisit(v enrich.Visit) history.Visit {
	return history.Visit{Role: v.Role, Traveler: v.TravelerID, Country: v.Country, Start: v.Start, End: v.End, Exact: v.Exact, Ahead: v.Ahead}
}

func historyClaim(c enrich.Claim) history.Claim {
	since := c.SinceTravelerID
	if since == "" {
		since = c.SinceTraveler
	}
	return history.Claim{Kind: history.Kind(c.Kind), SinceYear: c.SinceYear, SinceTraveler: since,
		Years: c.Years, Qualifier: c.Qualifier, N: c.N, WindowStart: c.WindowStart, ByRole: c.ByRole, Problem: c.Problem,
		Visit: history.Visit{Role: c.Role, Traveler: c.TravelerID, Country: c.Country, Start: c.When.Start, End: c.When.End, Exact: c.When.Exact, Ahead: c.When.Ahead}}
}
