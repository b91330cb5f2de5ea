// Command shuttle runs the shuttle news platform: it ingests the Office of the
// Historian's records, serves the site and its API, and reads the news.
//
//	shuttle serve   [--addr localhost:8080] [--db URL] [--data DIR] [--content DIR]
//	shuttle ingest  [--db URL] [--data DIR]
//	shuttle migrate [--db URL]
//	shuttle version
//
// This is the only package that wires the others together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "dev"

type command struct {
	name  string
	usage string
	run   func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "serve the site and the API (ingests first on an empty database)", runServe},
		{"ingest", "load the Office of the Historian records into the database", runIngest},
		{"migrate", "create or upgrade the database schema", runMigrate},
		{"rank", "print an insight's ranking", runRank},
		{"enrich", "read articles and print their entities, quotes and insights", runEnrich},
		{"eval", "score enrichment against an annotated directory", runEval},
		{"feeds", "poll the RSS/Atom feeds once into the articles (feeds poll)", runFeeds},
		{"version", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel()})))
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		return 2
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, args[1:], stdout, stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 2
		}
		fmt.Fprintf(stderr, "shuttle %s: %v\n", c.name, err)
		return 1
	}
	fmt.Fprintf(stderr, "shuttle: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: shuttle <command> [flags]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nRun 'shuttle <command> -h' for its flags.")
}

func logLevel() slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(os.Getenv("SHUTTLE_LOG_LEVEL"))); err != nil {
		return slog.LevelInfo
	}
	return l
}

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fmt.Fprintf(stdout, "shuttle %s\n", Version)
	return nil
}
