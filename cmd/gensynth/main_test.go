package main

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestRun(t *testing.T) {
	var a, b bytes.Buffer
	for _, w := range []*bytes.Buffer{&a, &b} {
		if err := run([]string{"-seed", "3", "-scale", "2", "-trips"}, w); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs with the same seed differ")
	}
	var d struct {
		Scale     int               `json:"scale"`
		Countries []json.RawMessage `json:"countries"`
		Counts    map[string][]any  `json:"counts"`
		Trips     []json.RawMessage `json:"trips"`
	}
	if err := json.Unmarshal(a.Bytes(), &d); err != nil {
		t.Fatal(err)
	}
	if d.Scale != 2 || len(d.Countries) != 400 || len(d.Counts) != 3 || len(d.Trips) == 0 {
		t.Errorf("scale %d, %d countries, %d roles, %d trips", d.Scale, len(d.Countries), len(d.Counts), len(d.Trips))
	}
	if err := run([]string{"-scale", "0"}, &a); err == nil {
		t.Error("scale 0 accepted")
	}
}
