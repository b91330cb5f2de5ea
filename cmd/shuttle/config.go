package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/shuttlenews/shuttle"
	"github.com/shuttlenews/shuttle/postgres"
	"github.com/shuttlenews/shuttle/sqlite"
)

// storeFlags are the flags every command that touches the database shares.
type storeFlags struct {
	dir  string // the data directory: the SQLite file and the download cache
	db   string // sqlite:PATH or postgres://…
	data string // the datasets' directory; "" downloads them
}

func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dir, "dir", env("SHUTTLE_DIR", "shuttle-data"), "data directory for the SQLite database and the download cache (SHUTTLE_DIR)")
	fs.StringVar(&f.db, "db", os.Getenv("SHUTTLE_DB"), "database: sqlite:PATH or postgres://… (SHUTTLE_DB; default sqlite:DIR/shuttle.db)")
	fs.StringVar(&f.data, "data", os.Getenv("SHUTTLE_DATA"), "directory laid out like the Office of the Historian repositories (SHUTTLE_DATA; default: download them)")
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("shuttle "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// dbURL is the database the flags name.
func (f *storeFlags) dbURL() string {
	if f.db != "" {
		return f.db
	}
	return "sqlite:" + filepath.Join(f.dir, "shuttle.db")
}

// migrator is what both stores offer to create their schema.
type migrator interface {
	Migrate(ctx context.Context) error
}

// openStore opens the database named by the flags.
func (f *storeFlags) openStore(ctx context.Context) (shuttle.Store, error) {
	url := f.dbURL()
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(url, "sqlite:")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("database %s: %w", path, err)
		}
		return sqlite.Open(ctx, path)
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return postgres.Open(ctx, url)
	}
	return nil, fmt.Errorf("database %q: want sqlite:PATH or postgres://…", url)
}
