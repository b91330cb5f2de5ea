package main

import (
	"log/slog"
	"os"
	"runtime/debug"
)

// Unless the operator set GOGC or GOMEMLIMIT, serve lets the heap grow to
// five times what is live before collecting (GOGC=400), within a soft limit
// of 512 MiB. The live heap is small (the data and the rendered pages, some
// tens of MiB) and every request allocates, so at Go's default the collector
// takes a tenth of the CPU of a cached page; at 400 it takes a quarter of
// that. The limit makes the collector work harder, not fail, if the cache and
// the data ever grow close to it.
const (
	defaultGCPercent   = 400
	defaultMemoryLimit = 512 << 20
)

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
		slog.Debug("gc: GOGC unset; collecting at 400% of the live heap")
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
		slog.Debug("gc: GOMEMLIMIT unset; soft memory limit 512 MiB")
	}
}
