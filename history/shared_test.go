package history_test

import (
	"context"
	"encoding/json"
	"os"
	"sync"
	"testing"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/history"
	"github.com/shuttlenews/shuttle/ingest"
	"github.com/shuttlenews/shuttle/internal/shared"
)

var (
	loadOnce sync.Once
	loaded   *shuttle.Dataset
	loadErr  error
)

// records loads the Office of the Historian snapshot once for the package.
func records(t *testing.T) (*history.Records, *shuttle.Dataset) {
	t.Helper()
	dir := shared.HSG(t)
	loadOnce.Do(func() {
		loaded, loadErr = ingest.Load(context.Background(), os.DirFS(dir), dir, nil)
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return history.New(loaded.Trips, loaded.Travelers, loaded.Countries), loaded
}

// evalClaim is a record of ../shared/eval/claims/claims.json.
type evalClaim struct {
	ID       string `json:"id"`
	Sentence string `json:"sentence"`
	Claim    struct {
		Kind          history.Kind `json:"kind"`
		Role          shuttle.Role `json:"role"`
		Country       string       `json:"country"`
		Traveler      string       `json:"traveler"`
		EventDate     shuttle.Date `json:"event_date"`
		SinceYear     int          `json:"since_year"`
		SinceTraveler string       `json:"since_traveler"`
		Years         int          `json:"years"`
		Qualifier     string       `json:"qualifier"`
		N             int          `json:"n"`
		WindowStart   shuttle.Date `json:"window_start"`
	} `json:"claim"`
	Verdict  history.Verdict `json:"verdict"`
	Evidence []string        `json:"evidence"`
}

func evalClaims(t *testing.T) []evalClaim {
	t.Helper()
	b, err := os.ReadFile(shared.Path(t, "eval", "claims", "claims.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cs []evalClaim
	if err := json.Unmarshal(b, &cs); err != nil {
		t.Fatalf("claims.json: %v", err)
	}
	if len(cs) == 0 {
		t.Fatal("claims.json holds no claims")
	}
	return cs
}

// normalised is the claim as the evaluation normalised it, in history's
// terms: the traveller is the records' id (a name for visits, which match
// on country only).
func (c evalClaim) normalised() history.Claim {
	n := c.Claim
	traveler := n.Traveler
	if n.Role == shuttle.RoleVisit {
		traveler = ""
	}
	return history.Claim{Kind: n.Kind, SinceYear: n.SinceYear, SinceTraveler: n.SinceTraveler,
		Years: n.Years, Qualifier: n.Qualifier, N: n.N, WindowStart: n.WindowStart,
		Visit: history.Visit{Role: n.Role, Traveler: traveler, Country: n.Country, Start: n.EventDate, End: n.EventDate, Exact: true}}
}
