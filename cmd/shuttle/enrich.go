package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/shuttlenews/shuttle/content"

	"github.com/shuttlenews/shuttle/enrich"
)

// runEnrich implements "shuttle enrich [--json] [--db URL | --data DIR]
// FILE…": it reads articles (Markdown with front matter, or the evaluation
// .txt format) and prints what enrichment decides, with the visits each
// reports and its claims checked against the records (from the database, or
// straight from a data directory). One file prints one indented JSON object; several print
// one compact object per line, so the output can be streamed through jq.
func runEnrich(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("enrich", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", true, "print JSON; --json=false prints one summary line per file")
	var sf storeFlags
	sf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: shuttle enrich [--json] [--db URL | --data DIR] FILE…")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		fs.Usage()
		return errors.New("enrich: no files given")
	}
	rec, err := loadRecords(ctx, sf)
	if err != nil {
		return err
	}
	if rec == nil {
		fmt.Fprintln(stderr, "enrich: the database holds no records; claims are not checked (run shuttle ingest, or pass --data)")
	}
	e := enrich.Default()
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		d, err := readArticle(name, data)
		if err != nil {
			return err
		}
		r := e.Enrich(d)
		if r.URL == "" {
			r.URL = name
		}
		if err := printResult(stdout, checkArticle(e, rec, d, r), *asJSON, len(files) == 1); err != nil {
			return err
		}
	}
	return nil
}

func printResult(w io.Writer, r enrichOutput, asJSON, indent bool) error {
	if !asJSON {
		tag := "-"
		if r.PrimaryEntity != nil {
			tag = r.PrimaryEntity.Type + " · " + r.PrimaryEntity.Name
		}
		_, err := fmt.Fprintf(w, "%s\t%s\t%d countries, %d organizations, %d people, %d quotes, %d visits, %d claims\n",
			r.URL, tag, len(r.Countries), len(r.Organizations), len(r.People), len(r.Quotes), len(r.Visits), len(r.Claims))
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(r)
}

// runEval implements "shuttle eval DIR…": it enriches the annotated articles
// in each DIR (NN.txt with NN.json) and prints precision, recall and F1 per
// measure. A DIR without articles of its own but with the development sets
// (articles, news, wire) beneath it is reported set by set, never pooled.
// --details lists each article's differences; --pred DIR scores another
// system's predictions (NN.json) instead of enrich's.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	details := fs.Bool("details", false, "list each article's missing, extra and wrong items")
	pred := fs.String("pred", "", "score the predictions in this directory instead of enrich's")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: shuttle eval [--details] [--pred DIR] DIR…")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() < 1 || (*pred != "" && fs.NArg() != 1) {
		fs.Usage()
		return errors.New("eval: want directories of annotated articles (one with --pred)")
	}
	var reports []enrich.Report
	for _, dir := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if *pred != "" {
			r, err := enrich.EvaluatePredictions(dir, *pred)
			if err != nil {
				return err
			}
			reports = append(reports, r)
			continue
		}
		rs, err := enrich.Default().EvaluateSets(dir)
		if err != nil {
			return fmt.Errorf("eval %s: %w", dir, err)
		}
		reports = append(reports, rs...)
	}
	for i, r := range reports {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if _, err := r.WriteTo(stdout); err != nil {
			return err
		}
		if *details {
			fmt.Fprintln(stdout)
			if err := r.WriteDetails(stdout); err != nil {
				return err
			}
		}
	}
	return nil
}

// readArticle reads an article as the site would: Markdown with front matter
// goes through content.Parse (the same validation, the same fields), the
// evaluation's .txt format through enrich.
func readArticle(name string, data []byte) (enrich.Doc, error) {
	if !bytes.HasPrefix(data, []byte("---")) {
		d, err := enrich.ParseArticle(data)
		if err != nil {
			return d, fmt.Errorf("%s: %w", name, err)
		}
		return d, nil
	}
	a, err := content.Parse(name, data)
	if err != nil {
		return enrich.Doc{}, err
	}
	d := enrich.ArticleDoc(a)
	if d.URL == "" {
		d.URL = name
	}
	return d, nil
}
