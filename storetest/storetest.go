// Package storetest is the behaviour suite that every shuttle.Store passes,
// so that the SQLite and PostgreSQL stores cannot drift apart: a behaviour is
// specified once, here, and each store's tests run it on a real database.
package storetest

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/shuttlenews/shuttle"
)

// Run runs the suite. open is called once per subtest and must return a
// fresh, empty, migrated store; Run closes it. Anything else the store needs
// undone (a schema, a file) open registers with t.Cleanup, which runs after
// the store is closed.
func Run(t *testing.T, open func(t *testing.T) shuttle.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s shuttle.Store)
	}{
		{"Empty", testEmpty},
		{"ReplaceDatasetVersion", testReplaceVersion},
		{"ReplaceDatasetEmpty", testReplaceEmptyDataset},
		{"ReplaceDatasetReplacesEverything", testReplaceEverything},
		{"ReplaceDatasetRefusesInvalid", testReplaceInvalid},
		{"ReplaceDatasetFailureKeepsPrevious", testReplaceFailure},
		{"ReplaceDatasetCancelledMidway", testReplaceCancelled},
		{"ReplaceDatasetConcurrentReaders", testConcurrentReaders},
		{"Regions", testRegions},
		{"Countries", testCountries},
		{"Country", testCountry},
		{"Travelers", testTravelers},
		{"Traveler", testTraveler},
		{"TripsAll", testTripsAll},
		{"TripsFilter", testTripsFilter},
		{"TripsPage", testTripsPage},
		{"YearCounts", testYearCounts},
		{"Articles", testArticles},
		{"ArticleUpsert", testArticleUpsert},
		{"ArticleDelete", testArticleDelete},
		{"ArticleInvalid", testArticleInvalid},
		{"ArticleUpdatedAt", testArticleUpdatedAt},
		{"ArticlesSurviveReplaceDataset", testArticlesSurviveReplace},
		{"ArticlesVersion", testArticlesVersion},
		{"ArticleChanges", testArticleChanges},
		{"FeedState", testFeedState},
		{"Sessions", testSessions},
		{"Ping", testPing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tt.fn(t, s)
			checkIntegrity(t, s)
		})
	}
}

// IntegrityChecker is implemented by stores that can verify their own
// storage; the suite calls it after every subtest so that a test which passes
// while leaving the database inconsistent still fails.
type IntegrityChecker interface {
	IntegrityCheck(ctx context.Context) error
}

func checkIntegrity(t *testing.T, s shuttle.Store) {
	t.Helper()
	if c, ok := s.(IntegrityChecker); ok && !t.Failed() {
		if err := c.IntegrityCheck(t.Context()); err != nil {
			t.Errorf("IntegrityCheck: %v", err)
		}
	}
}

func testPing(t *testing.T, s shuttle.Store) {
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

func mustReplace(t *testing.T, s shuttle.Store, d *shuttle.Dataset) shuttle.Version {
	t.Helper()
	v, err := s.ReplaceDataset(t.Context(), d)
	if err != nil {
		t.Fatalf("ReplaceDataset(%s): %v", d.Stats.Source, err)
	}
	return v
}

// wantCode fails the test unless err carries the domain error code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := shuttle.ErrorCode(err); got != code {
		t.Errorf("%s: error code %q (%v), want %q", what, got, err, code)
	}
}

// same compares exactly (reflect.DeepEqual) and reports both sides as JSON,
// which reads far better than %+v for nested domain values.
func same(t *testing.T, what string, got, want any) bool {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return true
	}
	g, _ := json.MarshalIndent(got, "", "  ")
	w, _ := json.MarshalIndent(want, "", "  ")
	t.Errorf("%s:\ngot  %s\nwant %s", what, g, w)
	return false
}

// same2 is same without reporting, for goroutines that check several
// possible values.
func same2[T any](a, b T) bool { return reflect.DeepEqual(a, b) }

// notNil fails when a list method returns nil: the API encodes results as
// they come, and clients expect [] rather than null for "none".
func notNil[T any](t *testing.T, what string, v []T) {
	t.Helper()
	if v == nil {
		t.Errorf("%s returned a nil slice, want an empty one", what)
	}
}
