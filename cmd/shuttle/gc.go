package main

import (
	"log/slog"
	"os"
	"runtime/debug"
)

// Unless the operator set GOGC or GOMEMLIMIT, serve lets the heap grow to
// five times what is live before collecting (GOGC=400), within a soft limit
// of 192 MiB. The live heap is small (the data, some tens of MiB, and the
// caches, bounded at 64 MiB of pages and 32 MiB of API answers) and every
// request allocates, so at Go's default the collector takes a tenth of the
// CPU of a cached page; at 400 it takes a quarter of that. When a crawl
// fills the caches, five times the live heap would be about 500 MB
// (bench/memory.sh measured 380 MiB resident under a 512 MiB limit): the
// limit makes the collector work harder instead, keeping the process under
// 256 MB while the live heap stays well below the limit.
const (
	defaultGCPercent   = 400
	defaultMemoryLimit = 192 << 20
)

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
		slog.Debug("gc: GOGC unset; collecting at 400% of the live heap")
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
		slog.Debug("gc: GOMEMLIMIT unset; soft memory limit 192 MiB")
	}
}
