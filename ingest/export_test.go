package ingest

import "testing"

// hsgDir finds the real records for the package's own tests. They cannot
// import internal/shared, which imports this package to download the
// records; the external tests hand it over (shared_test.go).
var hsgDir func(testing.TB) string

// SetHSGDir is how the external tests hand it over.
func SetHSGDir(f func(testing.TB) string) { hsgDir = f }
