package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/ingest"
)

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", stderr)
	var sf storeFlags
	sf.register(fs)
	refresh := fs.Bool("refresh", false, "download the repositories again even if a cached copy exists")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := sf.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	fetcher := &ingest.Fetcher{Refresh: *refresh}
	d, v, err := ingestInto(ctx, st, fetcher, sf, progressFor(stderr))
	if err != nil {
		return err
	}
	printSummary(stdout, d, v)
	return nil
}

// ingestInto loads the datasets and swaps them into the store. On any error
// the store keeps serving what it had.
func ingestInto(ctx context.Context, st shuttle.Store, fetcher *ingest.Fetcher, sf storeFlags, progress ingest.Progress) (*shuttle.Dataset, shuttle.Version, error) {
	if m, ok := st.(migrator); ok {
		if err := m.Migrate(ctx); err != nil {
			return nil, shuttle.Version{}, &storeError{err}
		}
	}
	began := time.Now()
	fsys, source, err := fetcher.Open(ctx, sf.data, sf.dir)
	if err != nil {
		return nil, shuttle.Version{}, err
	}
	d, err := ingest.Load(ctx, fsys, source, progress)
	if err != nil {
		return nil, shuttle.Version{}, err
	}
	v, err := st.ReplaceDataset(ctx, d)
	if err != nil {
		return nil, shuttle.Version{}, &storeError{fmt.Errorf("store: %w", err)}
	}
	d.Stats.Duration = time.Since(began)
	slog.Info("ingested", "source", source, "version", v.ID, "trips", len(d.Trips), "took", d.Stats.Duration.Round(time.Millisecond))
	return d, v, nil
}

func printSummary(w io.Writer, d *shuttle.Dataset, v shuttle.Version) {
	s := d.Stats
	fmt.Fprintf(w, "ingested %s as data version %d in %s\n", s.Source, v.ID, s.Duration.Round(time.Millisecond))
	for _, r := range shuttle.Roles {
		fmt.Fprintf(w, "  %-10s %5d records read, %d duplicates dropped, %5d kept\n", r, s.Read[r], s.Duplicates[r], s.Kept(r))
	}
	fmt.Fprintf(w, "  %d countries, %d travellers, %d regions\n", s.Countries, s.Travelers, len(d.Regions))
}

// progressFor draws a bar on a terminal and stays quiet otherwise (CI logs,
// pipes).
func progressFor(w io.Writer) ingest.Progress {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	var bar *progressbar.ProgressBar
	return func(done, total int, file string) {
		if bar == nil {
			bar = progressbar.NewOptions(total,
				progressbar.OptionSetWriter(w),
				progressbar.OptionSetDescription("reading"),
				progressbar.OptionThrottle(65*time.Millisecond),
				progressbar.OptionClearOnFinish(),
				progressbar.OptionShowCount())
		}
		bar.Set(done)
		if done == total {
			bar.Finish()
		}
	}
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", stderr)
	var sf storeFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := sf.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if m, ok := st.(migrator); ok {
		if err := m.Migrate(ctx); err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "database %s is up to date\n", redact(sf.dbURL()))
	return nil
}

// storeError marks an ingest that failed in the database rather than in
// the data: its text is for the log, not for readers (see readerSafe).
type storeError struct{ err error }

func (e *storeError) Error() string { return e.err.Error() }
func (e *storeError) Unwrap() error { return e.err }
