package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/ingest"
	"github.com/shuttlenews/shuttle/internal/shared"
)

// startApp runs the whole server on a free loopback port until the test ends.
func startApp(t testing.TB, sf storeFlags) *App {
	t.Helper()
	return startAppWith(t, &App{Addr: "127.0.0.1:0", Flags: sf})
}

func startAppWith(t testing.TB, app *App) *App {
	t.Helper()
	if app.Fetcher == nil {
		app.Fetcher = &ingest.Fetcher{URL: "http://127.0.0.1:1/%s"} // never the network
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := app.Open(ctx); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- app.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		app.Close()
	})
	return app
}

// waitReady polls /readyz until the first-start ingest has landed.
func waitReady(t testing.TB, base string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never became ready", base)
}

func getJSON(t *testing.T, url string, wantStatus int, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != wantStatus {
		t.Fatalf("GET %s: %d %s, want %d", url, resp.StatusCode, body, wantStatus)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s: Content-Type %q", url, ct)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v in %s", url, err, body)
		}
	}
}

type countriesBody struct {
	Countries []struct {
		ISO    string               `json:"iso"`
		Name   string               `json:"name"`
		Region string               `json:"region"`
		Visits map[shuttle.Role]int `json:"visits"`
	} `json:"countries"`
}

func totals(t *testing.T, base string) map[shuttle.Role]int {
	var body countriesBody
	getJSON(t, base+"/api/v1/countries", 200, &body)
	out := map[shuttle.Role]int{}
	for _, c := range body.Countries {
		for r, n := range c.Visits {
			out[r] += n
		}
	}
	return out
}

func sqliteFlags(t testing.TB) storeFlags {
	dir := t.TempDir()
	return storeFlags{dir: dir, db: "sqlite:" + filepath.Join(dir, "shuttle.db"), data: shared.HSG(t)}
}

// TestServeIngestsOnFirstStart starts on an empty database and serves the
// real data through the API.
func TestServeIngestsOnFirstStart(t *testing.T) {
	app := startApp(t, sqliteFlags(t))
	waitReady(t, app.URL())
	got := totals(t, app.URL())
	want := map[shuttle.Role]int{shuttle.RoleSecretary: 3436, shuttle.RolePresident: 831, shuttle.RoleVisit: 3264}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("visits per role through the API: %v, want %v", got, want)
	}

	var series struct {
		Country struct{ ISO, Name string }
		Role    string
		From    int
		To      int
		Years   []struct{ Year, Visits int }
	}
	getJSON(t, app.URL()+"/api/v1/countries/tr/series?role=secretary&from=2019&to=2024", 200, &series)
	if series.Country.Name != "Türkiye" || len(series.Years) != 6 || series.Years[0].Year != 2019 || series.From != 2019 {
		t.Errorf("series: %+v", series)
	}

	var trips struct{ Trips []shuttle.Trip }
	getJSON(t, app.URL()+"/api/v1/trips?country=KR&role=visit&year=2017", 200, &trips)
	if len(trips.Trips) == 0 || trips.Trips[0].CountryID != "korea" || trips.Trips[0].CountryName != "Korea, South" {
		t.Errorf("2017 South Korean visits: %+v", trips.Trips)
	}
}

// TestAPIErrors checks the 400 and 404 envelopes name what is wrong.
func TestAPIErrors(t *testing.T) {
	app := startApp(t, sqliteFlags(t))
	waitReady(t, app.URL())
	tests := []struct {
		path   string
		status int
		param  string
		msg    string
	}{
		{"/api/v1/countries/FR/series?role=ambassador", 400, "role", "not a role"},
		{"/api/v1/countries/FR/series?from=2024&to=2000", 400, "from", "after"},
		{"/api/v1/countries/FR/series?from=1700", 400, "from", "outside the data's range"},
		{"/api/v1/countries/FR/series?from=abc", 400, "from", "not a four-digit year"},
		{"/api/v1/countries/FR/series?contry=FR", 400, "contry", "unknown parameter"},
		{"/api/v1/countries/QQ/series", 404, "", "no country"},
		{"/api/v1/trips?country=ZZ", 400, "country", "not a country code"},
		{"/api/v1/trips?traveler=nobody", 400, "traveler", "not a Secretary"},
		{"/api/v1/trips?limit=-1", 400, "limit", "whole number"},
		{"/api/v1/rankings/momentum?role=x", 400, "role", ""},
		{"/api/v1/rankings/nonsense", 400, "insight", "unknown insight"},
		{"/api/v1/rankings/momentum/KP?from=1997&to=1998", 404, "", "has no"},
		{"/api/v1/nothing-here", 404, "", "no API route"},
		{"/api/v1/insights?x=1", 400, "x", "unknown parameter"},
		{"/api/v1/regions?x=1", 400, "x", "unknown parameter"},
		{"/api/v1/version?x=1", 400, "x", "unknown parameter"},
		{"/api/v1/travelers/blinken-antony-j?x=1", 400, "x", "unknown parameter"},
		{"/api/v1/countries?from=%zz", 400, "query", "malformed"},
	}
	for _, tt := range tests {
		var body struct {
			Error struct{ Code, Message, Param string }
		}
		getJSON(t, app.URL()+tt.path, tt.status, &body)
		if body.Error.Param != tt.param || !strings.Contains(body.Error.Message, tt.msg) {
			t.Errorf("%s: %+v; want param %q, message containing %q", tt.path, body.Error, tt.param, tt.msg)
		}
	}
}

// TestFailedIngestKeepsServing ingests a damaged copy of the data into a
// serving database: the ingest fails, and the API serves the previous
// dataset, same version, same figures.
func TestFailedIngestKeepsServing(t *testing.T) {
	sf := sqliteFlags(t)
	app := startApp(t, sf)
	waitReady(t, app.URL())
	before := totals(t, app.URL())
	var v1 shuttle.Version
	getJSON(t, app.URL()+"/api/v1/version", 200, &v1)

	bad := shared.CopyHSG(t)
	f := filepath.Join(bad, "travels/secretary-travels/blinken-antony-j.xml")
	b, _ := os.ReadFile(f)
	os.WriteFile(f, []byte(strings.Replace(string(b), "<end-date>2021-03-17</end-date>", "<end-date>2021-03-01</end-date>", 1)), 0o644)
	badFlags := sf
	badFlags.data = bad
	var out strings.Builder
	err := runIngest(context.Background(), []string{"--dir", sf.dir, "--db", sf.db, "--data", bad}, &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "blinken-antony-j.xml:8:") || !strings.Contains(err.Error(), "trip 3992") {
		t.Fatalf("ingest of damaged data: %v; want an error naming the file, line and record", err)
	}

	var v2 shuttle.Version
	getJSON(t, app.URL()+"/api/v1/version", 200, &v2)
	if v2.ID != v1.ID {
		t.Errorf("version moved from %d to %d after a failed ingest", v1.ID, v2.ID)
	}
	if after := totals(t, app.URL()); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("figures changed after a failed ingest: %v → %v", before, after)
	}

	// A good ingest of a smaller dataset is seen at once by the running server.
	os.Remove(f)
	if err := runIngest(context.Background(), []string{"--dir", sf.dir, "--db", sf.db, "--data", bad}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	after := totals(t, app.URL())
	if after[shuttle.RoleSecretary] >= before[shuttle.RoleSecretary] || after[shuttle.RoleVisit] != before[shuttle.RoleVisit] {
		t.Errorf("after ingesting data without Blinken's trips: %v (before %v)", after, before)
	}
}
