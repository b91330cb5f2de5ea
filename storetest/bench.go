package storetest

import (
	"testing"

	"github.com/shuttlenews/shuttle"
)

// BenchmarkReplaceDataset measures an ingest of a dataset the size of the
// real one into s, which it leaves holding that dataset.
func BenchmarkReplaceDataset(b *testing.B, s shuttle.Store) {
	d := Synthetic(230, 7500)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.ReplaceDataset(b.Context(), d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkYearCounts measures the query behind every chart and ranking on a
// dataset the size of the real one.
func BenchmarkYearCounts(b *testing.B, s shuttle.Store) {
	if _, err := s.ReplaceDataset(b.Context(), Synthetic(230, 7500)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		yc, err := s.YearCounts(b.Context(), shuttle.RoleSecretary)
		if err != nil || len(yc) == 0 {
			b.Fatal(yc, err)
		}
	}
}

// BenchmarkVersion measures the read that servers make on every request.
func BenchmarkVersion(b *testing.B, s shuttle.Store) {
	if _, err := s.ReplaceDataset(b.Context(), Small()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if v, err := s.Version(b.Context()); err != nil || v.ID == 0 {
			b.Fatal(v, err)
		}
	}
}
