// Command gensynth writes synthetic travel data shaped like the Office of the
// Historian's records, at a multiple of their size, as JSON: countries, year
// counts per role and, with -trips, one trip per visit. Benchmarks and load
// tests use it to see how the insight engine and the stores scale.
//
//	gensynth -seed 1 -scale 100 -o synth.json
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/shuttlenews/shuttle/internal/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "gensynth:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("gensynth", flag.ContinueOnError)
	seed := fs.Uint64("seed", 1, "random seed; the same seed and scale give the same data")
	scale := fs.Int("scale", 1, "multiple of the real records' size (200 countries per unit)")
	trips := fs.Bool("trips", false, "also write one trip per visit (large: about 7,500 per unit of scale)")
	out := fs.String("o", "", "output file (default standard output)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *scale < 1 {
		return fmt.Errorf("-scale must be at least 1, not %d", *scale)
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	d := synth.Generate(synth.Options{Seed: *seed, Scale: *scale, Trips: *trips})
	if err := json.NewEncoder(bw).Encode(struct {
		Seed  uint64 `json:"seed"`
		Scale int    `json:"scale"`
		synth.Data
	}{*seed, *scale, d}); err != nil {
		return err
	}
	return bw.Flush()
}
