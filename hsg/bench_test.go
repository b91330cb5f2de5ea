package hsg_test

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/shuttlenews/shuttle/hsg"
)

func benchDecode[T any](b *testing.B, pattern string, dec func(io.Reader, string) *hsg.Decoder[T]) {
	var srcs [][]byte
	var size int64
	for _, name := range files(b, pattern) {
		buf, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, buf)
		size += int64(len(buf))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			if _, err := dec(bytes.NewReader(src), "bench.xml").All(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkTripDecoder(b *testing.B) {
	benchDecode(b, "travels/*-travels/*.xml", hsg.NewTripDecoder)
}

func BenchmarkVisitDecoder(b *testing.B) {
	benchDecode(b, "visits/data/*.xml", hsg.NewVisitDecoder)
}

func BenchmarkCountryDecoder(b *testing.B) {
	benchDecode(b, "gsh/data/countries-old/*.xml", hsg.NewCountryDecoder)
}
