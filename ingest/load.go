package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"time"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/hsg"
)

// The upstream layout, relative to the root holding the four repositories.
const (
	secretaryGlob = "travels/secretary-travels/*.xml"
	presidentGlob = "travels/president-travels/*.xml"
	presidentsXML = "travels/presidents/presidents.xml"
	visitsGlob    = "visits/data/*.xml"
	countriesGlob = "gsh/data/countries-old/*.xml"
	regionsGlob   = "gsh/data/regions/*.xml"
	secretaryXML  = "pocom/positions-principals/secretary.xml"
)

// Progress is told after each file is read.
type Progress func(done, total int, file string)

// Load reads the datasets under fsys (laid out like the upstream
// repositories side by side) and returns the whole Dataset, or the first
// error with its file, line and record. It is LoadOn today.
func Load(ctx context.Context, fsys fs.FS, source string, progress Progress) (*shuttle.Dataset, error) {
	return LoadOn(ctx, fsys, source, progress, time.Now())
}

// LoadOn is Load as if run on the day today, which bounds how far ahead a
// record may be dated (a year: trips are announced, not planned years out).
func LoadOn(ctx context.Context, fsys fs.FS, source string, progress Progress, today time.Time) (*shuttle.Dataset, error) {
	began := time.Now()
	files, err := layout(fsys)
	if err != nil {
		return nil, err
	}
	l := &loader{ctx: ctx, fsys: fsys, total: files.count(), progress: progress}

	countries, err := readAll(l, files[countriesGlob], hsg.NewCountryDecoder)
	if err != nil {
		return nil, err
	}
	regions, err := readAll(l, files[regionsGlob], hsg.NewRegionDecoder)
	if err != nil {
		return nil, err
	}
	secretaries, err := readAll(l, files[secretaryXML], hsg.NewPrincipalDecoder)
	if err != nil {
		return nil, err
	}
	presidents, err := readAll(l, files[presidentsXML], hsg.NewPresidentDecoder)
	if err != nil {
		return nil, err
	}
	ctable, err := newCountryTable(countries)
	if err != nil {
		return nil, err
	}
	ttable := newTravelerTable(secretaries, presidents)
	set := newTripSet(ctable, ttable, boundsOn(today))
	for _, glob := range []string{secretaryGlob, presidentGlob} {
		if err := each(l, files[glob], hsg.NewTripDecoder, set.addTrip); err != nil {
			return nil, err
		}
	}
	if err := each(l, files[visitsGlob], hsg.NewVisitDecoder, set.addVisit); err != nil {
		return nil, err
	}

	d := &shuttle.Dataset{
		Regions:   domainRegions(regions),
		Countries: ctable.countries(),
		Travelers: ttable.travelers(),
		Trips:     set.sorted(),
	}
	d.Stats = shuttle.IngestStats{
		Source: source, Read: set.read, Duplicates: set.duplicates,
		Countries: len(d.Countries), Travelers: len(d.Travelers),
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("ingest %s: %w", source, err)
	}
	d.Stats.Duration = time.Since(began)
	return d, nil
}

// fileSet maps each layout entry to the files it matched, sorted.
type fileSet map[string][]string

func (f fileSet) count() int {
	n := 0
	for _, names := range f {
		n += len(names)
	}
	return n
}

// layout finds the files and refuses a tree that is not laid out like
// upstream, naming what is missing.
func layout(fsys fs.FS) (fileSet, error) {
	files := fileSet{}
	var missing []string
	for _, pattern := range []string{secretaryGlob, presidentGlob, presidentsXML, visitsGlob, countriesGlob, regionsGlob, secretaryXML} {
		names, err := fs.Glob(fsys, pattern)
		if err != nil {
			return nil, fmt.Errorf("layout %s: %w", pattern, err)
		}
		if len(names) == 0 {
			missing = append(missing, pattern)
		}
		sort.Strings(names)
		files[pattern] = names
	}
	if len(missing) > 0 {
		return nil, &LayoutError{Missing: missing}
	}
	return files, nil
}

// LayoutError says which of the expected files a source lacks.
type LayoutError struct{ Missing []string }

func (e *LayoutError) Error() string {
	return fmt.Sprintf("not laid out like the Office of the Historian repositories: nothing matches %q", e.Missing)
}

type loader struct {
	ctx      context.Context
	fsys     fs.FS
	done     int
	total    int
	progress Progress
}

func (l *loader) open(name string) (fs.File, error) {
	if err := l.ctx.Err(); err != nil {
		return nil, err
	}
	f, err := l.fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("ingest %s: %w", name, err)
	}
	return f, nil
}

func (l *loader) finished(name string) {
	l.done++
	if l.progress != nil {
		l.progress(l.done, l.total, name)
	}
}

// each streams every record of files through add.
func each[T any](l *loader, files []string, decoder func(io.Reader, string) *hsg.Decoder[T], add func(T) error) error {
	for _, name := range files {
		if err := eachInFile(l, name, decoder, add); err != nil {
			return err
		}
		l.finished(name)
	}
	return nil
}

func eachInFile[T any](l *loader, name string, decoder func(io.Reader, string) *hsg.Decoder[T], add func(T) error) error {
	f, err := l.open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	dec := decoder(f, name)
	for {
		v, err := dec.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := add(v); err != nil {
			return err
		}
	}
}

// readAll collects every record of files.
func readAll[T any](l *loader, files []string, decoder func(io.Reader, string) *hsg.Decoder[T]) ([]T, error) {
	var out []T
	err := each(l, files, decoder, func(v T) error { out = append(out, v); return nil })
	return out, err
}

func domainRegions(rs []hsg.Region) []shuttle.Region {
	out := make([]shuttle.Region, 0, len(rs))
	for _, r := range rs {
		out = append(out, shuttle.Region{ID: r.ID, Name: r.Label, Description: r.Description})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
