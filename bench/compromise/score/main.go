// Command score puts package enrich and another system's predictions side by
// side on the same annotated articles, with enrich's own metric definitions.
// bench/enrich-compare.sh runs it after compromise has written its predictions.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/shuttlenews/shuttle/enrich"
	"github.com/shuttlenews/shuttle/gazetteer"
)

func main() {
	gold := flag.String("gold", "", "directory of annotated articles (NN.txt, NN.json)")
	pred := flag.String("pred", "", "directory of the other system's predictions (NN.json)")
	goMBs := flag.Float64("go-mbs", 0, "enrich's throughput in MB/s, for the table")
	jsMBs := flag.Float64("js-mbs", 0, "the other system's throughput in MB/s, for the table")
	name := flag.String("name", "compromise", "the other system's name")
	flag.Parse()
	if err := run(*gold, *pred, *name, *goMBs, *jsMBs); err != nil {
		fmt.Fprintln(os.Stderr, "score:", err)
		os.Exit(1)
	}
}

func run(gold, pred, name string, goMBs, jsMBs float64) error {
	ours, err := enrich.Evaluate(gold)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "score")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := toCountries(pred, tmp); err != nil {
		return err
	}
	theirs, err := enrich.EvaluatePredictions(gold, tmp)
	if err != nil {
		return err
	}
	fmt.Printf("%d annotated articles\n\n%-28s %12s %12s\n", ours.Files, "F1 / accuracy", "enrich", name)
	for _, row := range []struct {
		name string
		a, b float64
	}{
		{"countries", ours.Countries.F1(), theirs.Countries.F1()},
		{"organizations (name)", ours.Organizations.F1(), theirs.Organizations.F1()},
		{"organizations (name+type)", ours.OrganizationTypes.F1(), theirs.OrganizationTypes.F1()},
		{"people (name)", ours.People.F1(), theirs.People.F1()},
		{"quotes (speaker+text)", ours.Quotes.F1(), theirs.Quotes.F1()},
		{"quotes (text)", ours.QuoteTexts.F1(), theirs.QuoteTexts.F1()},
		{"primary entity accuracy", ours.Primary.Value(), theirs.Primary.Value()},
	} {
		fmt.Printf("%-28s %12.3f %12.3f\n", row.name, row.a, row.b)
	}
	if goMBs > 0 && jsMBs > 0 {
		fmt.Printf("%-28s %12.2f %12.3f\n", "throughput (MB/s)", goMBs, jsMBs)
		fmt.Printf("\nenrich is %.0f× faster than %s\n", goMBs/jsMBs, name)
	}
	return nil
}

// toCountries rewrites predictions that list raw place names ("places") with
// the ISO codes those names have in the gazetteer, the lookup enrich itself
// uses, so that both systems are scored on countries alike.
func toCountries(from, to string) error {
	files, err := filepath.Glob(filepath.Join(from, "*.json"))
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var p map[string]any
		if err := json.Unmarshal(data, &p); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		seen := map[string]bool{}
		countries := []string{}
		places, _ := p["places"].([]any)
		for _, pl := range places {
			s, _ := pl.(string)
			if c, ok := gazetteer.LookupCountryByName(s); ok && !seen[c.ISO] {
				seen[c.ISO] = true
				countries = append(countries, c.ISO)
			}
		}
		p["countries"] = countries
		delete(p, "places")
		out, err := json.Marshal(p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, filepath.Base(f)), out, 0o644); err != nil {
			return err
		}
	}
	return nil
}
